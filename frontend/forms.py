"""What the pages' forms share: a number field that may be left empty, the sentences that
tell a person what is wrong with what they typed (never a validator's code), and the files an
upload form checks first and keeps until the import."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from fastapi import Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from pydantic import BeforeValidator, Field

from api.auth.passwords import MIN_LENGTH
from drafts.errors import InvalidInput
from exports.safety import MAX_FILE_BYTES
from frontend.i18n import translate
from frontend.vocabulary import N_


def _blank_is_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def optional_number(ge: int = 0, le: int = 1_000_000_000) -> Any:
    """A whole number field of a GET form, None when the field is sent empty."""
    return Annotated[Annotated[int, Field(ge=ge, le=le)] | None, BeforeValidator(_blank_is_none)]


FIELDS = {
    "version": N_("version"),
    "at": N_("date"),
    "as_at": N_("date"),
    "min_days": N_("number of days in the stage"),
    "page": N_("page number"),
    "stage": N_("stage"),
    "framework": N_("treaty"),
    "from": N_("old text"),
    "to": N_("new text"),
    "from_instrument": N_("law of the old text"),
    "to_instrument": N_("law of the new text"),
    "layout": N_("layout"),
    "tab": N_("view"),
    "changes": N_("choice of what to show"),
    "include_proposed": N_("choice of amendments"),
    "q": N_("search words"),
}
SENTENCES = {
    "int_parsing": N_("The %(field)s must be a whole number; “%(value)s” is not one."),
    "int_from_float": N_("The %(field)s must be a whole number; “%(value)s” is not one."),
    "greater_than_equal": N_("The %(field)s must be %(limit)s or more; “%(value)s” is less."),
    "greater_than": N_("The %(field)s must be more than %(limit)s; “%(value)s” is not."),
    "less_than_equal": N_("The %(field)s must be %(limit)s or less; “%(value)s” is more."),
    "string_too_long": N_("The %(field)s is too long: at most %(limit)s characters, please."),
    "literal_error": N_("“%(value)s” is not one of the choices for the %(field)s."),
    "bool_parsing": N_("“%(value)s” is not one of the choices for the %(field)s."),
    "missing": N_("Please give the %(field)s."),
}
OTHER = N_("The %(field)s “%(value)s” cannot be used here.")


def _limit(context: dict) -> str:
    for key in ("ge", "gt", "le", "lt", "max_length"):
        if key in context:
            return str(context[key])
    return ""


def sentence(request, issue: dict) -> str:
    """One validation issue of a page's query or form, as a sentence in the page's language."""
    name = str(issue.get("loc", ("",))[-1])
    field = translate(request, FIELDS[name]) if name in FIELDS else name.replace("_", " ")
    template = translate(request, SENTENCES.get(issue.get("type", ""), OTHER))
    value = issue.get("input")
    return template % {
        "field": field,
        "value": value if isinstance(value, str | int | float) else "",
        "limit": _limit(issue.get("ctx") or {}),
    }


TOO_SHORT = N_("The new password needs at least %(num)d characters.")
DIFFERENT = N_("The two new passwords are not the same.")
MAX_PASSWORD = 500


def check_new_password(request: Request, password: str, repeated: str | None = None) -> None:
    """Refuse a new password that is too short (or not typed the same twice)."""
    if len(password) < MIN_LENGTH or len(password) > MAX_PASSWORD:
        raise InvalidInput(translate(request, TOO_SHORT) % {"num": MIN_LENGTH})
    if repeated is not None and password != repeated:
        raise InvalidInput(translate(request, DIFFERENT))


KEEP_LIMIT = 700 * 1024
"""Files up to this size travel back in the form between a check and the import (base64 in a
form field, which holds at most 1 MB); a larger file is chosen again, or kept by htmx."""


def uploaded(file: UploadFile | None, kept_name: str, kept_file: str) -> tuple[str, bytes]:
    """The file chosen, else the one the form kept since the check; ("", b"") when there is
    neither. Read no further than one byte past the import limit."""
    if file is not None and file.filename:
        return file.filename, file.file.read(MAX_FILE_BYTES + 1)
    if kept_file:
        try:
            return kept_name, base64.b64decode(kept_file, validate=True)
        except binascii.Error:
            return "", b""
    return "", b""


def kept(name: str, data: bytes) -> tuple[str, bytes] | None:
    """The file to send back in the form, when it is small enough to travel there."""
    return (name, data) if 0 < len(data) <= KEEP_LIMIT else None


def redirect_after_upload(request: Request, target: str) -> Response:
    """Where an upload form goes once done: htmx follows a header, a browser a 303."""
    if request.headers.get("hx-request"):
        return Response(headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)
