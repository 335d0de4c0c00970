"""The Jinja2 environments of the pages (one per language): autoescaping, gettext, filters."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from drafts import access
from drafts.models import INSTRUMENT_KINDS
from frontend.citing import cite_filter, heading_global
from frontend.i18n import LANGUAGES, translations

TEMPLATES = Path(__file__).parent / "templates"


def _when(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _label(value: str | None) -> str:
    """'first_reading' → 'first reading'."""
    return (value or "").replace("_", " ")


@cache
def templates(lang: str) -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(translations(lang), newstyle=True)
    env.filters["when"] = _when
    env.filters["label"] = _label
    env.filters["cite"] = cite_filter
    env.globals["heading"] = heading_global
    env.globals["LANGUAGES"] = LANGUAGES
    env.globals["may"] = access.may
    env.globals["INSTRUMENT_KINDS"] = INSTRUMENT_KINDS
    return Jinja2Templates(env=env)


def render(request: Request, name: str, status_code: int = 200, **context) -> object:
    """A page in the request's language, with the signed-in user and CSRF token in reach."""
    lang = getattr(request.state, "lang", "en")
    context.setdefault("user", getattr(request.state, "viewer", None))
    context.setdefault("csrf_token", getattr(request.state, "csrf_token", ""))
    context["lang"] = lang
    return templates(lang).TemplateResponse(request, name, context, status_code=status_code)
