"""One-click unsubscribe (RFC 8058) for campaign emails: a signed link per (campaign, customer).

Gmail and Yahoo require bulk senders to carry `List-Unsubscribe` with an HTTPS link and
`List-Unsubscribe-Post: List-Unsubscribe=One-Click`; a mail client then POSTs to the link when the reader
presses "unsubscribe". The link is `<[campaigns.unsubscribe] url>/<token>`, where the token names the
campaign and the customer and carries an HMAC of both, so nobody can unsubscribe another customer by editing
a link (campaign and customer ids are not secret: the first is in every email's headers). The key is
`secret_env` / `secret` of segmint.toml, or else one segmint makes once and keeps in the workspace
(workspace_secrets). `segmint serve` answers the links (api/routes/unsubscribe.py): GET shows a page with a
button (link scanners prefetch GETs, so a GET never unsubscribes), POST records an `email_unsubscribe`
event, which every later campaign leaves out (campaigns/audience.py, outbox.py).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

import duckdb

from segmint.campaigns.config import CampaignSettings, campaign_settings
from segmint.campaigns.model import Campaign, CampaignError
from segmint.errors import SegmintError, WorkspaceError
from segmint.store.survivors import survivor

KEY_NAME = "unsubscribe"
_MAC_HEX = 32  # 128 bits of the HMAC-SHA256: beyond guessing, and a short link


class UnsubscribeError(ValueError, SegmintError):
    """A link that is not one segmint signed with this workspace's key (mistyped, cut, or forged)."""


def workspace_key(ws) -> bytes:
    """The workspace's own key, made on first use. Read first: links are made on read paths (every send,
    preview and unsubscribe page), which must not write (nor fail on a read-only workspace); only a missing
    key is inserted (a concurrent maker's key wins: ON CONFLICT keeps it, and the SELECT after reads it)."""
    query = "SELECT value FROM workspace_secrets WHERE name = ?"
    row = ws.raw.execute(query, [KEY_NAME]).fetchone()
    if row is None:
        try:
            ws.raw.execute(
                "INSERT INTO workspace_secrets VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
                [KEY_NAME, secrets.token_hex(32), ws.now()],
            )
        except duckdb.InvalidInputException as exc:  # a read-only open, before any link was ever made
            raise WorkspaceError(
                f"{ws.path} has no unsubscribe key yet and is open read-only: open it for writing once to "
                "make one, or set secret_env / secret in [campaigns.unsubscribe] of segmint.toml"
            ) from exc
        row = ws.raw.execute(query, [KEY_NAME]).fetchone()
    return row[0].encode()


@dataclass(frozen=True)
class Links:
    """Makes and reads the unsubscribe links of one workspace."""

    url: str | None  # where `segmint serve`'s /unsubscribe answers, as the reader's mail client sees it
    key: bytes

    def token(self, campaign_id: str, customer_id: str) -> str:
        payload = base64.urlsafe_b64encode(f"{campaign_id}\0{customer_id}".encode()).rstrip(b"=").decode()
        return f"{payload}.{self._mac(payload)}"

    def link(self, campaign_id: str, customer_id: str) -> str | None:
        if not self.url:
            return None
        return f"{ascii_url(self.url.rstrip('/'))}/{quote(self.token(campaign_id, customer_id), safe='')}"

    def one_click(self) -> bool:
        """RFC 8058 one-click needs an HTTPS link: over plain HTTP only the link itself is sent."""
        return bool(self.url) and urlsplit(self.url).scheme == "https"

    def read(self, token: str) -> tuple[str, str]:
        """(campaign_id, customer_id) of a token this workspace signed; UnsubscribeError otherwise."""
        payload, dot, mac = token.partition(".")
        if not dot or not hmac.compare_digest(mac.encode(), self._mac(payload).encode()):
            raise UnsubscribeError("this unsubscribe link is not valid (it may have been cut or changed)")
        try:
            text = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
        except (binascii.Error, UnicodeDecodeError) as exc:  # signed, so only a key change gets here
            raise UnsubscribeError("this unsubscribe link is not valid") from exc
        campaign_id, _, customer_id = text.partition("\0")
        return campaign_id, customer_id

    def _mac(self, payload: str) -> str:
        return hmac.new(self.key, payload.encode(), hashlib.sha256).hexdigest()[:_MAC_HEX]


def ascii_url(url: str) -> str:
    """The url as a mail header carries it, ASCII (RFC 3987, 3.1): a non-ASCII host in IDNA, the rest
    percent-encoded as UTF-8 (https://крамниця.укр/відписка -> https://xn--80aqejfp0c4d.xn--j1amh/%D0%B2%D1%96...)."""
    if url.isascii():
        return url
    parts = urlsplit(url)
    userinfo, at, hostport = parts.netloc.rpartition("@")
    host, colon, port = hostport.partition(":")
    if not host.isascii():
        try:
            host = host.encode("idna").decode()
        except UnicodeError:  # a label IDNA cannot take: percent-encoded, as RFC 3986 allows in a host
            host = quote(host, safe="")
    netloc = quote(userinfo, safe=":%") + at + host
    safe = "/%:@!$&'()*+,;=?"
    return urlunsplit(
        (
            parts.scheme,
            netloc + colon + port,
            quote(parts.path, safe=safe),
            quote(parts.query, safe=safe),
            quote(parts.fragment, safe=safe),
        )
    )


def links(ws, settings: CampaignSettings) -> Links:
    """The workspace's links: the url of [campaigns.unsubscribe] (None: links can be read but not made)."""
    configured = settings.unsubscribe.key()
    return Links(settings.unsubscribe.url, configured.encode() if configured else workspace_key(ws))


def check_url(settings: CampaignSettings, campaign: Campaign) -> None:
    """A template using {{ unsubscribe_url }} needs the url the links point to."""
    if settings.unsubscribe.url:
        return
    for pair in campaign.templates().values():
        for template in pair:
            if template is not None and "unsubscribe_url" in template.used:
                raise CampaignError(
                    f"the {template.what} uses {{{{ unsubscribe_url }}}}, but segmint.toml sets no url in "
                    "[campaigns.unsubscribe]: set it to where `segmint serve` answers /unsubscribe for your "
                    'customers, e.g. url = "https://crm.shop.ua/unsubscribe" (docs/campaigns.md)',
                    code="campaign.unsubscribe_url",
                    params=template.where,
                )


def link_maker(ws, campaign: Campaign) -> Callable[[str], str | None]:
    """customer_id -> the customer's unsubscribe link in this campaign (None when no url is set)."""
    settings = campaign_settings(ws.path)
    check_url(settings, campaign)
    if not settings.unsubscribe.url:
        return lambda customer_id: None
    made = links(ws, settings)
    return lambda customer_id: made.link(campaign.campaign_id, customer_id)


def unsubscribe(ws, campaign_id: str, customer_id: str, at: dt.datetime, via: str) -> bool:
    """Record the customer's `email_unsubscribe` event (campaign and how: 'one-click' or 'page'); False when
    they had already unsubscribed (a second press, or a client that POSTs twice, records nothing)."""
    with ws.transaction() as con:
        # merged by dedupe since the email (maybe twice, A into B into C): the record campaigns now reach
        live = survivor(con, customer_id)
        if live is None:
            raise UnsubscribeError("this unsubscribe link names a customer the workspace no longer has")
        customer_id = live
        done = con.execute(
            "SELECT 1 FROM events WHERE customer_id = ? AND event_type = 'email_unsubscribe' LIMIT 1",
            [customer_id],
        ).fetchone()
        if done:
            return False
        con.execute(
            "INSERT INTO events (event_id, customer_id, event_type, occurred_at, campaign_id, channel,"
            " properties, imported_at) VALUES (?, ?, 'email_unsubscribe', ?, ?, 'email', ?, ?)",
            [
                f"unsubscribe-{campaign_id}-{customer_id}",
                customer_id,
                at,
                campaign_id,
                json.dumps({"via": via}),
                at,
            ],
        )
    return True
