"""API shapes for people."""

from __future__ import annotations

from ninja import Schema


class TokenRef(Schema):
    name: str
    prefix: str


class MeOut(Schema):
    id: int
    username: str
    email: str
    full_name: str
    display_name: str
    language: str
    is_superuser: bool
    token: TokenRef | None

    @staticmethod
    def resolve_token(obj: object) -> object:
        return getattr(obj, "api_token", None)
