"""What a transport (SMTP, webhook) tells the sender about one message, as exceptions.

- TransientError: not delivered, and the server never took it (an error before the hand-over, or an
  explicit 4xx / HTTP 429 / 5xx answer): safe to try again later.
- PermanentError: the server refused it for good (SMTP 5xx, HTTP 4xx): marked failed.
- UncertainError: the message was handed over and no answer came (connection lost, timeout): it may
  have been delivered, so it is not sent again automatically.
- DeliveryError: the transport cannot work at all (cannot connect, login refused, not configured): the
  send stops before touching any message. A CodedError: the web words it (web/campaign_errors.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from segmint.campaigns.outbox import OutboxMessage
from segmint.errors import CodedError


class DeliveryError(CodedError, RuntimeError):
    pass


class TransientError(Exception):
    pass


class PermanentError(Exception):
    pass


class UncertainError(Exception):
    pass


class Transport(Protocol):
    def open(self) -> None: ...

    def send(self, message: OutboxMessage, handover: Callable[[], None]) -> str:
        """Deliver one message; call `handover()` right before the byte that commits it at the server;
        return the server's reply."""

    def close(self) -> None: ...
