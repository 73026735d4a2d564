"""SMS and other channels through a webhook: an HTTP POST of the message as JSON, signed with HMAC-SHA256.

Headers: `X-Segmint-Signature: sha256=<hex HMAC of the exact body bytes, keyed by the configured secret>`
(the header name is configurable) and `Idempotency-Key: <message_id>`, so a receiver can both check the
sender and drop a message it already has. As with SMTP's end-of-data dot, the last byte of the body is the
point of no return (a server does not act on a request whose body is incomplete): `handover()` is called
right before it.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from segmint.campaigns.config import WebhookSettings
from segmint.campaigns.delivery import DeliveryError, PermanentError, TransientError, UncertainError
from segmint.campaigns.outbox import OutboxMessage

RETRY_STATUSES = {408, 425, 429}


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def payload(message: OutboxMessage) -> bytes:
    """The request body. `customer_id` is the customer the message goes to: after a merge the live record
    (outbox.recheck), whose address `to` is and whose the message's events are."""
    return json.dumps(
        {
            "message_id": message.message_id,
            "campaign_id": message.campaign_id,
            "customer_id": message.to_customer or message.customer_id,
            "channel": message.channel,
            "to": message.address,
            "variant": message.variant,
            "subject": message.subject,
            "body": message.body,
        },
        ensure_ascii=False,
    ).encode()


class WebhookTransport:
    def __init__(self, settings: WebhookSettings):
        if not settings.url:
            raise DeliveryError(
                "no webhook configured: set url in [campaigns.webhook] of segmint.toml", code="webhook.no_url"
            )
        parts = urlsplit(settings.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise DeliveryError(
                f"campaigns.webhook.url must be an http(s) URL, not {settings.url!r}",
                code="webhook.url",
                params={"url": settings.url},
            )
        secret = settings.key()
        if not secret:
            raise DeliveryError(
                "no webhook secret: set secret_env (or secret) in [campaigns.webhook]",
                code="webhook.no_secret",
            )
        self.settings, self.secret, self.parts = settings, secret, parts
        self.path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self.conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        kind = http.client.HTTPSConnection if self.parts.scheme == "https" else http.client.HTTPConnection
        return kind(self.parts.hostname, self.parts.port, timeout=self.settings.timeout)

    def open(self) -> None:
        conn = self._connection()
        try:
            conn.connect()
        except OSError as exc:
            raise DeliveryError(
                f"cannot reach the webhook {self.settings.url}: {exc}",
                code="webhook.unreachable",
                params={"url": self.settings.url, "problem": str(exc)},
            ) from exc
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.conn = conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def send(self, message: OutboxMessage, handover: Callable[[], None]) -> str:
        body = payload(message)
        try:
            if self.conn is None:
                self.conn = self._connection()
            conn = self.conn
            if conn.sock is None:
                conn.connect()
                # the body goes in two writes: without TCP_NODELAY Nagle holds the last byte ~40 ms
                conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn.putrequest("POST", self.path)
            for name, value in (
                ("Content-Type", "application/json; charset=utf-8"),
                ("Content-Length", str(len(body))),
                (self.settings.signature_header, sign(self.secret, body)),
                ("Idempotency-Key", message.message_id),
            ):
                conn.putheader(name, value)
            conn.endheaders()
            conn.send(body[:-1])
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            raise TransientError(f"before hand-over: {exc}") from exc
        handover()
        try:
            conn.send(body[-1:])
            response = conn.getresponse()
            reply = response.read().decode("utf-8", "replace")[:2000]
            if response.will_close:
                self.close()
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            raise UncertainError(f"no reply after the request was handed over: {exc}") from exc
        status = f"{response.status} {reply}".strip()
        if 200 <= response.status < 300:
            return status
        if response.status in RETRY_STATUSES or response.status >= 500:
            raise TransientError(f"HTTP {status}")
        raise PermanentError(f"HTTP {status}")
