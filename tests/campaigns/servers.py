"""Real servers on loopback for the delivery tests: an SMTP server (aiosmtpd) and a webhook receiver
(http.server in a thread). Both keep what they received and can be slowed down, to kill a send midway; and
the [campaigns] settings that point a workspace at them."""

from __future__ import annotations

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
    """Accepts every message; `delay` seconds are spent before accepting each RCPT (before the hand-over)
    and `reply_delay` after the data arrived and before the 250 (after the hand-over). `received` fires
    when `signal_after` messages have arrived. Each of `reject` is refused with 550 at RCPT."""

    def __init__(
        self, delay: float = 0.0, reply_delay: float = 0.0, signal_after: int | None = None, reject=()
    ):
        self.delay, self.reply_delay, self.signal_after = delay, reply_delay, signal_after
        self.reject = set(reject)  # addresses answered 550 at RCPT
        self.messages: list[dict] = []
        self.lock = threading.Lock()
        self.received = threading.Event()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.delay:
            time.sleep(self.delay)  # blocks the server's loop: a slow server, as wanted
        if address in self.reject:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=default_policy)
        with self.lock:
            self.messages.append(
                {"from": envelope.mail_from, "to": list(envelope.rcpt_tos), "message": parsed}
            )
            if self.signal_after is not None and len(self.messages) >= self.signal_after:
                self.received.set()
        if self.reply_delay:
            time.sleep(self.reply_delay)
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
    """Records every POST (headers, raw body) and whether its HMAC signature is right; `delay` seconds are
    spent reading each request's headers (before the hand-over); `fail_first` answers 503 to the first
    that many requests."""

    def __init__(self, secret: str, delay: float = 0.0, fail_first: int = 0, signal_after: int | None = None):
        self.secret, self.delay, self.fail_first, self.signal_after = secret, delay, fail_first, signal_after
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
                        if sink.signal_after is not None and len(sink.requests) >= sink.signal_after:
                            sink.received.set()
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
