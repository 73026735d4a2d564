"""API tokens: made, listed, revoked and checked. Only a hash of each token is stored.

Why plain SHA-256 and not a slow password hash (bcrypt, scrypt): a token is 32 random bytes from
`secrets`, not something a person chose, so there is nothing to guess from a stolen hash (2^256 tries), and
a fast hash lets a request find its token by an indexed equality lookup instead of hashing against every
stored token. Slow hashes protect low-entropy passwords; they add nothing here but latency.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import asdict, dataclass

from segmint.errors import SegmintError

ROLES = ("viewer", "editor", "admin")  # each role may do everything the ones before it may
PREFIX = "sgm_"  # makes a leaked token easy to recognise (secret scanners, logs)


class TokenError(ValueError, SegmintError):
    """A token operation that cannot be done: unknown role or token id."""


@dataclass(frozen=True)
class Token:
    token_id: str
    name: str | None
    role: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    def allows(self, role: str) -> bool:
        """Whether this token's role is `role` or above it."""
        return ROLES.index(self.role) >= ROLES.index(role)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(ws, role: str, name: str | None = None) -> tuple[Token, str]:
    """A new token with `role`: (its stored record, the token text, which is not stored and shown once)."""
    if role not in ROLES:
        raise TokenError(f"a token's role is one of {', '.join(ROLES)}, not {role!r}")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = Token(secrets.token_hex(4), name or None, role, ws.now())  # the workspace's clock, as every stamp
    with ws.transaction() as raw:
        raw.execute(
            "INSERT INTO api_tokens (token_id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
            [token.token_id, token.name, token.role, hash_token(secret), token.created_at],
        )
    return token, secret


_COLUMNS = "token_id, name, role, created_at, revoked_at"


def list_tokens(ws, *, include_revoked: bool = True) -> list[Token]:
    where = "" if include_revoked else " WHERE revoked_at IS NULL"
    rows = ws.raw.execute(
        f"SELECT {_COLUMNS} FROM api_tokens{where} ORDER BY created_at, token_id"
    ).fetchall()
    return [Token(*row) for row in rows]


def revoke_token(ws, token_id: str) -> Token:
    """Refuse the token from now on (the record stays, to show who had access)."""
    row = ws.raw.execute(f"SELECT {_COLUMNS} FROM api_tokens WHERE token_id = ?", [token_id]).fetchone()
    if row is None:
        raise TokenError(f"no token has the id {token_id!r}; `segmint tokens list` shows them")
    token = Token(*row)
    if token.revoked_at is None:
        token = Token(*row[:4], ws.now())
        with ws.transaction() as raw:
            raw.execute(
                "UPDATE api_tokens SET revoked_at = ? WHERE token_id = ?", [token.revoked_at, token_id]
            )
    return token


def verify_token(ws, secret: str) -> Token | None:
    """The live token whose text is `secret`, or None (unknown or revoked)."""
    row = ws.raw.execute(
        f"SELECT {_COLUMNS} FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL",
        [hash_token(secret)],
    ).fetchone()
    return Token(*row) if row else None


def has_live_token(ws) -> bool:
    return ws.raw.execute("SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL").fetchone()[0] > 0
