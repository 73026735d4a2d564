"""The REST API (FastAPI): `create_app(workspace_path)`; `segmint serve` runs it. docs/api.md describes it.

app.py          the app factory
state.py        the open workspace and the lock requests take turns on
auth.py         bearer tokens and roles;  tokens.py  make, list, revoke, check tokens (stored hashed)
errors.py       the one JSON error shape and its handlers
customers.py, preview.py   queries the library does not have (search, profile, unsaved rule preview)
routes/         one router per resource
"""

from __future__ import annotations


def create_app(workspace_path):
    """The FastAPI app over a workspace (FastAPI loads only when an app is made)."""
    from segmint.api.app import create_app as make

    return make(workspace_path)


__all__ = ["create_app"]
