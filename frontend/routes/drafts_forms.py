"""What the draft and amendment forms share: the acting person, error sentences, form values."""

from __future__ import annotations

from fastapi import Request
from pydantic import ValidationError

from api.deps import client_ip
from drafts import audit
from drafts.users import User
from frontend.i18n import translate
from frontend.vocabulary import N_


def actor(request: Request, user: User) -> audit.Actor:
    """The audit actor of a page form: the signed-in user and this request."""
    return audit.Actor(user.id, getattr(request.state, "request_id", ""), client_ip(request))


def sentence(request: Request, error: ValidationError, labels: dict[str, str]) -> str:
    """The first problem of a validation error as a sentence naming the form field."""
    issue = error.errors()[0]
    place = [str(part) for part in issue.get("loc", ())]
    field = next((labels[part] for part in place if part in labels), ".".join(place))
    problem = issue["msg"].rstrip(".")
    return translate(request, N_("Please check {field}: {problem}.")).format(
        field=translate(request, field), problem=problem
    )


def optional_int(value: str) -> int | None:
    """A select's chosen id, or None for its empty choice."""
    return int(value) if value.strip().isdigit() else None


def ids(values: list[str]) -> list[int]:
    """The ids of the ticked checkboxes."""
    return [int(value) for value in values if value.isdigit()]


def is_stale(sent: str, current: int) -> bool:
    """True when a form was filled from an older state than the one stored now."""
    return sent.strip() != str(current)
