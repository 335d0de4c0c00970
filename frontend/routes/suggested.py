"""The treaty articles suggested for a provision, on the page: the passage that matched and the
provision's wording with their evidence words marked, why, and the links still to review."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from alignment import suggestions
from alignment.suggest import Reason, Suggestion
from api.deps import SessionDep
from drafts.models import Instrument
from drafts.permissions import READ
from drafts.users import User
from frameworks import service as frameworks
from frontend.deps import page_require
from frontend.routes.links import LinkView, choices, provision_context, provision_of
from frontend.templating import render

router = APIRouter(include_in_schema=False)
Reader = Annotated[User | None, Depends(page_require(READ))]
SUGGESTIONS = 10


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """One reason for a suggestion: the concept (with its sources) or the words in common."""

    concept: str
    sources: tuple[str, ...]
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SuggestionView:
    """A suggested article: the passage that matched with its evidence words marked, the
    provision with its own evidence words marked, why, and any link it has."""

    framework: str
    number: str
    title: str
    score: float
    terms: tuple[str, ...]
    passage: str
    excerpt: Markup
    wording: Markup
    evidence: tuple[EvidenceView, ...]
    reasons: tuple[Reason, ...]
    link: LinkView | None


def marked(text: str, words: tuple[str, ...]) -> Markup:
    """`text`, escaped, with each whole occurrence of `words` in `<mark>`."""
    if not words:
        return escape(text)
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(word) for word in words) + r")\b", re.IGNORECASE
    )
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[last : match.start()]), Markup("<mark>%s</mark>") % match.group()]
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def _distinct(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words in order, each once whatever its case."""
    seen: dict[str, str] = {}
    for word in words:
        seen.setdefault(word.casefold(), word)
    return tuple(seen.values())


def _suggested(item: Suggestion, wording: str, linked: dict[str, LinkView]) -> SuggestionView:
    code, _, number = item.key.partition(":")
    terms = _distinct(item.matched_terms)
    theirs = _distinct(tuple(word for found in item.evidence for word in found.target_words))
    excerpt = frameworks.snippet(item.passage_text, [word.casefold() for word in theirs], 400)
    shown = frameworks.snippet(wording, [term.casefold() for term in terms], 400)
    return SuggestionView(
        framework=code,
        number=number,
        title=item.title,
        score=item.score,
        terms=terms,
        passage=f"{code} {item.passage}" if item.passage else "",
        excerpt=marked(excerpt, theirs),
        wording=marked(shown, terms),
        evidence=tuple(
            EvidenceView(found.concept, found.sources, _distinct(found.provision_words))
            for found in item.evidence
        ),
        reasons=item.reasons,
        link=linked.get(f"{code} {number}"),
    )


def show_suggestions(
    request: Request,
    session: Session,
    user: User | None,
    instrument: Instrument,
    provision_id: str,
    *,
    framework: str = "",
    failed: str = "",
    error: str = "",
    typed: dict | None = None,
    status: int = 200,
) -> Response:
    """The treaty articles closest to a provision's wording, and its links still to review."""
    context = provision_context(session, instrument, provision_id, user)
    current = context["current"]
    text = " ".join(part for part in (current.heading, current.text) if part) if current else ""
    ranked = []
    if text:
        ranked = suggestions.for_provision(
            session=session,
            instrument=instrument,
            provision_id=provision_id,
            text=text,
            framework=framework or None,
            limit=SUGGESTIONS,
        ).items
    linked = {view.target: view for view in context["links"] if view.alignment.article_id}
    return render(
        request,
        "treaties/suggestions.html",
        status_code=status,
        suggestions=[_suggested(item, text, linked) for item in ranked],
        waiting=[view for view in context["links"] if view.alignment.status == "suggested"],
        framework=framework,
        failed=failed,
        error=error,
        typed=typed or {},
        **context,
        **choices(session),
    )


@router.get("/instruments/{instrument_id}/provisions/{provision_id}/suggestions")
def suggestions_page(
    request: Request,
    instrument_id: int,
    provision_id: str,
    session: SessionDep,
    user: Reader,
    framework: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    instrument = provision_of(session, instrument_id, provision_id)
    return show_suggestions(request, session, user, instrument, provision_id, framework=framework)
