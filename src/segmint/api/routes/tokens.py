"""Token management over the API (admin role): list, create, revoke."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from segmint.api import tokens
from segmint.api.auth import AuthFirst, admin
from segmint.api.errors import ERROR_RESPONSES, RequestBody, not_found
from segmint.api.routes.common import LocalTime, WorkspaceDep

router = APIRouter(
    prefix="/tokens",
    tags=["tokens"],
    dependencies=[admin],
    responses=ERROR_RESPONSES,
    route_class=AuthFirst,  # the token is checked before the body is read
)


class TokenOut(BaseModel):
    token_id: str
    name: str | None
    role: Literal["viewer", "editor", "admin"]
    created_at: LocalTime
    revoked_at: LocalTime | None = None


class TokenList(BaseModel):
    tokens: list[TokenOut]


class TokenCreate(RequestBody):
    role: Literal["viewer", "editor", "admin"]
    name: str | None = Field(None, max_length=200)


class NewToken(TokenOut):
    token: str = Field(description="The token itself: shown only now, store it safely")


@router.get("", response_model=TokenList, summary="Every token (never the token text)")
def list_tokens(ws: WorkspaceDep) -> TokenList:
    return TokenList(tokens=[t.to_dict() for t in tokens.list_tokens(ws)])


@router.post("", response_model=NewToken, status_code=201, summary="Make a token")
def create_token(body: TokenCreate, ws: WorkspaceDep) -> NewToken:
    token, secret = tokens.create_token(ws, body.role, body.name)
    return NewToken(**token.to_dict(), token=secret)


@router.delete("/{token_id}", response_model=TokenOut, summary="Revoke a token")
def revoke_token(token_id: str, ws: WorkspaceDep) -> TokenOut:
    if token_id not in {t.token_id for t in tokens.list_tokens(ws)}:
        raise not_found(f"no token has the id {token_id!r}", "token.unknown", id=token_id)
    return TokenOut(**tokens.revoke_token(ws, token_id).to_dict())
