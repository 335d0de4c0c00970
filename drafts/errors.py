"""The domain errors of Kanun, one small tree that `api/` maps to HTTP in one place.

KanunError
 ├── NotFound          a thing asked for does not exist
 ├── InvalidInput      the request is understood but its content is wrong
 ├── Conflict          the change clashes with what is stored (a duplicate, a lost update)
 ├── PreconditionFailed / PreconditionRequired   If-Match missing or stale
 ├── PermissionDenied  the user may not do this
 └── Unauthenticated   nobody is signed in
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError


class KanunError(Exception):
    """Base of every error a person should read; `detail` is that sentence. Only the status
    is said here: `api.problems.TITLES` names each status, for every answer alike."""

    status = 400

    def __init__(self, detail: str, *, errors: list[dict] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []


class NotFound(KanunError):
    status = 404


class InvalidInput(KanunError):
    status = 422


class Conflict(KanunError):
    status = 409


class PreconditionRequired(KanunError):
    status = 428


class PreconditionFailed(KanunError):
    status = 412


class PermissionDenied(KanunError):
    status = 403


class Unauthenticated(KanunError):
    status = 401


class TooManyRequests(KanunError):
    status = 429

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


def field_errors(error: ValidationError) -> list[dict]:
    """The fields a pydantic check refused, each with pydantic's message, as `errors` lists
    them."""
    return [
        {"field": ".".join(map(str, issue["loc"])) or "form", "message": issue["msg"]}
        for issue in error.errors()
    ]
