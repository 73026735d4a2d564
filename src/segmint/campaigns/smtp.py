"""Email through an SMTP server (smtplib), one connection reused for the whole send.

The SMTP exchange is driven step by step (MAIL, RCPT, DATA, the content, then the end-of-data dot) rather
than with smtplib's sendmail(), because the dot is the point of no return: a server discards a
transaction whose connection drops before it (RFC 5321, 4.1.1.4), and delivers one whose dot it got.
`handover()` is called right before the dot, so the outbox knows which side of that point a crash fell on.
Each message is multipart/alternative (the HTML body and a text version of it, campaigns/plaintext.py),
carries a Message-ID made from its outbox id, so a resent message can be recognised, and,
when [campaigns.unsubscribe] has a url, its one-click unsubscribe link (campaigns/unsubscribe.py).
The link's header is written as it is, on one line (_Unfolded): a mail client finds `<https://...>` only in
the raw header.
"""

from __future__ import annotations

import base64
import re
import smtplib
import socket
import ssl
from collections.abc import Callable
from email.headerregistry import HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formatdate, parseaddr

from segmint.campaigns.config import SmtpSettings
from segmint.campaigns.delivery import DeliveryError, PermanentError, TransientError, UncertainError
from segmint.campaigns.outbox import OutboxMessage
from segmint.campaigns.plaintext import html_to_text
from segmint.campaigns.unsubscribe import Links

_LEADING_DOT = re.compile(rb"(?m)^\.")


class _Unfolded(UnstructuredHeader):
    """A header written unfolded. The folder of email.policy.SMTP cannot break a token longer than its 78
    characters (a link is one token) and falls back to RFC 2047 encoded-words, which RFC 2047 (5) forbids
    in a structured field such as List-Unsubscribe (RFC 2369: a list of <URL>s): clients saw no link, so
    no one-click unsubscribe. RFC 5322 allows a line up to 998 characters; a link is ASCII
    (unsubscribe.ascii_url)."""

    def fold(self, *, policy) -> str:
        return f"{self.name}: {self}{policy.linesep}"


_HEADERS = HeaderRegistry()
_HEADERS.map_to_type("list-unsubscribe", _Unfolded)
_POLICY = SMTP_POLICY.clone(header_factory=_HEADERS)


class SmtpTransport:
    def __init__(self, settings: SmtpSettings, unsubscribe: Links | None = None):
        if not settings.host:
            raise DeliveryError(
                "no SMTP server configured: set host in [campaigns.smtp] of segmint.toml", code="smtp.no_host"
            )
        if not settings.sender:
            raise DeliveryError(
                "no sender configured: set sender in [campaigns.smtp] of segmint.toml", code="smtp.no_sender"
            )
        self.settings = settings
        self.unsubscribe = unsubscribe
        self.domain = parseaddr(settings.sender)[1].rpartition("@")[2] or "segmint.local"
        self.conn: smtplib.SMTP | None = None

    def open(self) -> None:
        """Connect and log in; a failure here stops the send before any message is touched."""
        try:
            self._connect()
        except smtplib.SMTPAuthenticationError as exc:
            reply = f"{exc.smtp_code} {_text(exc.smtp_error)}"
            raise DeliveryError(
                f"SMTP login refused by {self._where()}: {reply}",
                code="smtp.login_refused",
                params={"server": self._where(), "reply": reply},
            ) from exc
        except smtplib.SMTPException as exc:
            raise DeliveryError(
                f"the SMTP server {self._where()} refused the session: {exc}",
                code="smtp.session_refused",
                params={"server": self._where(), "problem": str(exc)},
            ) from exc
        except OSError as exc:  # refused, unreachable, timed out, TLS handshake or certificate failed
            raise DeliveryError(
                f"cannot reach the SMTP server {self._where()}: {exc}",
                code="smtp.unreachable",
                params={"server": self._where(), "problem": str(exc)},
            ) from exc

    def _where(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    def _connect(self) -> None:
        s = self.settings
        context = ssl.create_default_context(cafile=s.ca_file)
        if s.security == "ssl":
            conn = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
        else:
            conn = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            if s.security == "starttls":
                conn.starttls(context=context)
        # the content and the end-of-data dot are two writes: without TCP_NODELAY, Nagle's algorithm holds
        # the dot back until the server's delayed ACK (~40 ms a message on Linux)
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn.ehlo_or_helo_if_needed()
        if s.username:
            password = s.secret() or ""
            if (s.username + password).isascii():
                conn.login(s.username, password)
            else:
                _login_utf8(conn, s.username, password)
        self.conn = conn

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.quit()
            except (OSError, smtplib.SMTPException):
                self.conn.close()
            self.conn = None

    def build(self, message: OutboxMessage) -> EmailMessage:
        email = EmailMessage(policy=_POLICY)
        email["From"] = self.settings.sender
        email["To"] = message.address
        email["Subject"] = message.subject or ""
        email["Date"] = formatdate(localtime=True)
        email["Message-ID"] = f"<{message.message_id}@{self.domain}>"
        email["X-Segmint-Campaign"] = message.campaign_id
        link = self.unsubscribe.link(message.campaign_id, message.customer_id) if self.unsubscribe else None
        if link:
            email["List-Unsubscribe"] = f"<{link}>"
            if self.unsubscribe.one_click():
                email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058
        # text first, HTML last: a client shows the last alternative it can (RFC 2046, 5.1.4)
        email.set_content(html_to_text(message.body), cte="quoted-printable")
        email.add_alternative(message.body, subtype="html", cte="quoted-printable")
        return email

    def send(self, message: OutboxMessage, handover: Callable[[], None]) -> str:
        data = self.build(message).as_bytes()
        try:
            if self.conn is None:
                self._connect()
            conn = self.conn
            sender = parseaddr(self.settings.sender)[1]
            _expect(conn, conn.mail(sender), 250, "MAIL FROM")
            _expect(conn, conn.rcpt(message.address), (250, 251), "RCPT TO")
            _expect(conn, conn.docmd("DATA"), 354, "DATA")
            body = _LEADING_DOT.sub(b"..", data)
            if not body.endswith(b"\r\n"):
                body += b"\r\n"
            conn.send(body)
        except (OSError, smtplib.SMTPException) as exc:
            self._drop()
            raise TransientError(f"before hand-over: {exc}") from exc
        handover()
        try:
            conn.send(b".\r\n")
            code, reply = conn.getreply()
        except (OSError, smtplib.SMTPException) as exc:
            self._drop()
            raise UncertainError(f"no reply after the message was handed over: {exc}") from exc
        if code == 250:
            return f"{code} {_text(reply)}"
        if 400 <= code < 500:
            raise TransientError(f"end of data: {code} {_text(reply)}")
        raise PermanentError(f"end of data: {code} {_text(reply)}")

    def _drop(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _login_utf8(conn: smtplib.SMTP, username: str, password: str) -> None:
    """AUTH PLAIN with UTF-8 credentials (RFC 4616): smtplib's login() encodes them as ASCII and fails on a
    Cyrillic password."""
    mechanisms = conn.esmtp_features.get("auth", "").upper().split()
    if "PLAIN" not in mechanisms:
        raise smtplib.SMTPException("the server offers no AUTH PLAIN, needed for a non-ASCII login")
    token = base64.b64encode(b"\0" + username.encode() + b"\0" + password.encode()).decode()
    code, reply = conn.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _expect(conn: smtplib.SMTP, answer: tuple[int, bytes], wanted, step: str) -> None:
    code, reply = answer
    if code in (wanted if isinstance(wanted, tuple) else (wanted,)):
        return
    try:
        conn.rset()
    except (OSError, smtplib.SMTPException) as exc:
        raise smtplib.SMTPServerDisconnected(f"{step}: {code} {_text(reply)}, then {exc}") from exc
    error = TransientError if 400 <= code < 500 or code < 200 else PermanentError
    raise error(f"{step}: {code} {_text(reply)}")


def _text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
