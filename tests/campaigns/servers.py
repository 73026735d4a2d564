"""Real servers on loopback for the delivery tests: an SMTP server (aiosmtpd) and a webhook receiver
(http.server in a thread). Both keep what they received and can be slowed down, to kill a send midway; and
the [campaigns] settings that point a workspace at them."""

from __future__ import annotations

import asyncio
import email
import hashlib
import hmac
import json
import socket
import threading
import time
from collections import Counter
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpSink:
    """Accepts every message. Slowing down and stopping points, to kill a sender at a known moment:
    `delay` seconds before answering each RCPT; `hold_at_rcpt=n`: at the n-th RCPT, fire `received` and
    hold the answer (before the hand-over); `hold_after_data=n`: when the n-th message has arrived, fire
    `received` and hold the 250 (after the hand-over). Each of `reject` is refused with 550 at RCPT.
    `controller_options` go to aiosmtpd's Controller (TLS, authentication)."""

    def __init__(
        self,
        delay: float = 0.0,
        reject=(),
        hold_at_rcpt: int | None = None,
        hold_after_data: int | None = None,
        hold_seconds: float = 5.0,
        **controller_options,
    ):
        self.delay, self.reject = delay, set(reject)
        self.hold_at_rcpt, self.hold_after_data, self.hold_seconds = (
            hold_at_rcpt,
            hold_after_data,
            hold_seconds,
        )
        self.messages: list[dict] = []
        self.rcpts = 0
        self.lock = threading.Lock()
        self.received = threading.Event()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port, **controller_options)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.rcpts += 1
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.rcpts == self.hold_at_rcpt:
            self.received.set()
            await asyncio.sleep(self.hold_seconds)
        if address in self.reject:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=default_policy)
        with self.lock:
            self.messages.append(
                {
                    "from": envelope.mail_from,
                    "to": list(envelope.rcpt_tos),
                    "message": parsed,  # the parser decodes RFC 2047 encoded-words: see raw for the wire
                    "raw": envelope.original_content,
                }
            )
            count = len(self.messages)
        if count == self.hold_after_data:
            self.received.set()
            await asyncio.sleep(self.hold_seconds)
        return "250 Message accepted for delivery"

    def per_recipient(self) -> Counter:
        with self.lock:
            return Counter(addr for m in self.messages for addr in m["to"])

    def __enter__(self) -> SmtpSink:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


class WebhookSink:
    """Records every POST (headers, raw body) and whether its HMAC signature is right. `delay` seconds are
    spent before reading each request; `fail_first` answers 503 to the first that many requests;
    `hold_after=n`: when the n-th request has been read in full, fire `received` and hold the answer."""

    def __init__(
        self,
        secret: str,
        delay: float = 0.0,
        fail_first: int = 0,
        hold_after: int | None = None,
        hold_seconds: float = 5.0,
    ):
        self.secret, self.delay, self.fail_first = secret, delay, fail_first
        self.hold_after, self.hold_seconds = hold_after, hold_seconds
        self.requests: list[dict] = []
        self.refused = 0
        self.lock = threading.Lock()
        self.received = threading.Event()
        sink = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # the reply goes in two writes

            def do_POST(self):
                if sink.delay:
                    time.sleep(sink.delay)
                length = int(self.headers["Content-Length"])
                body = self.rfile.read(length)
                if len(body) != length:  # the sender died mid-body: nothing was delivered
                    return
                hold = False
                with sink.lock:
                    if sink.refused < sink.fail_first:
                        sink.refused += 1
                        status = 503
                    else:
                        status = 200
                        expected = (
                            "sha256=" + hmac.new(sink.secret.encode(), body, hashlib.sha256).hexdigest()
                        )
                        sink.requests.append(
                            {
                                "headers": dict(self.headers),
                                "body": json.loads(body),
                                "signature_ok": hmac.compare_digest(
                                    expected, self.headers.get("X-Segmint-Signature", "")
                                ),
                            }
                        )
                        hold = len(sink.requests) == sink.hold_after
                if status == 200 and hold:
                    sink.received.set()
                    time.sleep(sink.hold_seconds)
                reply = b'{"ok": true}' if status == 200 else b"busy"
                self.send_response(status)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hooks/sms"

    def per_recipient(self) -> Counter:
        with self.lock:
            return Counter(r["body"]["to"] for r in self.requests)

    def __enter__(self) -> WebhookSink:
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def configure(path, text: str) -> None:
    """Append [campaigns...] tables to the workspace's segmint.toml."""
    config = path / "segmint.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


def smtp_config(port: int, cap: int | None = None) -> str:
    cap_line = f"max_messages = {cap}" if cap else "max_messages = 1000"
    return (
        f'[campaigns.smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
        'sender = "Крамниця <news@shop.example>"\ntimeout = 10\n'
        "[campaigns.retry]\nmax_attempts = 3\nbackoff_seconds = 0.05\n"
        f"[campaigns.frequency_cap]\n{cap_line}\n"
    )


def webhook_config(url: str, secret_env: str = "SEGMINT_TEST_HOOK_SECRET") -> str:
    return (
        f'[campaigns.webhook]\nurl = "{url}"\nsecret_env = "{secret_env}"\ntimeout = 10\n'
        "[campaigns.retry]\nmax_attempts = 3\nbackoff_seconds = 0.05\n"
        "[campaigns.frequency_cap]\nmax_messages = 1000\n"
    )


def sent_through_smtp(path, ws, campaign) -> tuple[dict, SmtpSink]:
    """`campaign` created and sent at once through a real SMTP sink configured in the workspace at `path`:
    what create_campaign answered, and the sink (its messages) after the send."""
    from segmint.campaigns import create_campaign, send_campaign

    with SmtpSink() as sink:
        configure(path, smtp_config(sink.port))
        created = create_campaign(ws, campaign)
        send_campaign(ws, campaign.name)
    return created, sink
