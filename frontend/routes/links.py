"""Treaty links of provisions on the pages: the badges of the instrument page, the links of one
provision with their review forms, adding a link, and the suggested treaty articles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup, escape
from pydantic import BaseModel, StringConstraints, ValidationError
from sqlalchemy.orm import Session

from alignment import recheck, suggestions
from alignment import service as alignments
from alignment.models import Alignment, LinkStatus, Relation
from alignment.suggest import Reason, Suggestion
from api.deps import SessionDep
from drafts import history, service, worddiff
from drafts.errors import KanunError, NotFound, PermissionDenied
from drafts.models import Instrument, Version
from drafts.packages import comments
from drafts.permissions import ALIGNMENT_EDIT, ALIGNMENT_REVIEW, READ, allows
from drafts.users import User, names
from frameworks import service as frameworks
from frameworks.models import RecommendationSet
from frontend.deps import page_require
from frontend.i18n import translate
from frontend.routes.drafts_forms import actor, is_stale, sentence
from frontend.templating import render
from frontend.vocabulary import N_

router = APIRouter(include_in_schema=False)
Reader = Annotated[User | None, Depends(page_require(READ))]
Editor = Annotated[User, Depends(page_require(ALIGNMENT_EDIT))]
Reviewer = Annotated[User, Depends(page_require(ALIGNMENT_REVIEW))]
Back = Literal["provision", "suggestions"]
ALL = 10_000
SUGGESTIONS = 10
LABELS = {
    "target": N_("Treaty or recommendation set"),
    "number": N_("Article or recommendation number"),
    "relation": N_("Relation"),
    "status": N_("Status"),
    "note": N_("Note"),
}
STALE = N_(
    "Someone else changed this link since you opened the page; look at it again below and "
    "decide once more."
)


class LinkForm(BaseModel):
    """What the form for a new link sends: a target as `framework:CRC` or `set:TKM-UPR`."""

    target: Annotated[str, StringConstraints(pattern=r"^(framework|set):.+$", max_length=130)]
    number: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    relation: Relation
    status: LinkStatus = "suggested"
    note: Annotated[str, StringConstraints(max_length=20_000)] = ""

    def target_fields(self) -> dict[str, str]:
        """The service's arguments naming the linked article or recommendation."""
        kind, _, code = self.target.partition(":")
        if kind == "framework":
            return {"framework": code, "article": self.number}
        return {"recommendation_set": code, "recommendation": self.number}


@dataclass(frozen=True, slots=True)
class LinkView:
    """A link as the pages show it: what it points at, where that is read, and its check."""

    alignment: Alignment
    target: str
    title: str
    href: str
    check: recheck.Check


def link_views(
    session: Session, items: list[Alignment], version: Version | None = None
) -> list[LinkView]:
    """Links with their targets named, each checked against `version` or the latest."""
    checks = recheck.check(session=session, alignments=items, version=version)
    views = []
    for item in items:
        if item.article is not None:
            code, number = item.article.framework.code, item.article.number
            target, title = f"{code} {number}", item.article.title or item.article.topic
            href = f"/treaties/{code}/{number}"
        else:
            code = session.get(RecommendationSet, item.recommendation.set_id).code
            number = item.recommendation.number
            target, title = f"{code} {number}", item.recommendation.text
            href = f"/treaties/recommendations/{code}?number={quote(number)}"
        views.append(LinkView(item, target, title, href, checks[item.id]))
    return views


def links_by_provision(
    session: Session, instrument: Instrument, version: Version | None
) -> dict[str, list[LinkView]]:
    """The suggested and confirmed links of an instrument's provisions, by provision id."""
    items, _ = alignments.list_alignments(
        session=session, offset=0, limit=ALL, instrument_id=instrument.id
    )
    found: dict[str, list[LinkView]] = {}
    shown = [item for item in items if item.status != "rejected"]
    for view in link_views(session, shown, version):
        found.setdefault(view.alignment.provision_id, []).append(view)
    return found


def _wording(steps: list[history.Step]) -> history.Step | None:
    """The provision's last wording (its step in the newest version that holds it)."""
    return next((step for step in reversed(steps) if step.change != "removed"), None)


def _context(session: Session, instrument: Instrument, provision_id: str, user: User | None):
    steps = history.provision_history(
        session=session, instrument=instrument, provision_id=provision_id
    )
    items, _ = alignments.list_alignments(
        session=session, offset=0, limit=ALL, provision_id=provision_id
    )
    role = user.role if user else None
    return {
        "instrument": instrument,
        "provision_id": provision_id,
        "steps": steps,
        "current": _wording(steps),
        "links": link_views(session, items),
        "authors": names(session, (item.author_id for item in items)),
        "can": {"edit": allows(role, ALIGNMENT_EDIT), "review": allows(role, ALIGNMENT_REVIEW)},
        "INSERT": worddiff.INSERT,
        "DELETE": worddiff.DELETE,
    }


def _choices(session: Session) -> dict:
    return {
        "treaties": [framework for framework, _ in frameworks.list_frameworks(session=session)],
        "sets": [item for item, _ in frameworks.list_recommendation_sets(session=session)],
    }


def show_provision(
    request: Request,
    session: Session,
    user: User | None,
    instrument: Instrument,
    provision_id: str,
    *,
    failed: str = "",
    error: str = "",
    typed: dict | None = None,
    status: int = 200,
) -> Response:
    """The provision page: its history, comments and treaty links, with the link forms."""
    return render(
        request,
        "instruments/provision.html",
        status_code=status,
        notes=comments.comments_on(session=session, provision_ids=[provision_id]),
        failed=failed,
        error=error,
        typed=typed or {},
        **_context(session, instrument, provision_id, user),
        **_choices(session),
    )


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
    context = _context(session, instrument, provision_id, user)
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
        **_choices(session),
    )


def _provision_of(session: Session, instrument_id: int, provision_id: str) -> Instrument:
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    provision = alignments.get_provision(session=session, provision_id=provision_id)
    if provision.instrument_id != instrument.id:
        raise NotFound(f"{instrument.title} has no provision {provision_id}.")
    return instrument


def _back(instrument_id: int, provision_id: str, back: str, anchor: str) -> RedirectResponse:
    page = f"/instruments/{instrument_id}/provisions/{provision_id}"
    if back == "suggestions":
        page += "/suggestions"
    return RedirectResponse(f"{page}#{anchor}", status_code=303)


@router.get("/instruments/{instrument_id}/provisions/{provision_id}/suggestions")
def suggestions_page(
    request: Request,
    instrument_id: int,
    provision_id: str,
    session: SessionDep,
    user: Reader,
    framework: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    instrument = _provision_of(session, instrument_id, provision_id)
    return show_suggestions(request, session, user, instrument, provision_id, framework=framework)


@router.post("/instruments/{instrument_id}/provisions/{provision_id}/links")
def add_link(
    request: Request,
    instrument_id: int,
    provision_id: str,
    session: SessionDep,
    user: Editor,
    target: Annotated[str, Form()] = "",
    number: Annotated[str, Form()] = "",
    relation: Annotated[str, Form()] = "",
    status: Annotated[str, Form()] = "suggested",
    note: Annotated[str, Form()] = "",
    back: Annotated[Back, Form()] = "provision",
) -> Response:
    """Link the provision to an article or a recommendation; deciding it needs the review right."""
    instrument = _provision_of(session, instrument_id, provision_id)
    typed = {"target": target, "number": number, "relation": relation, "status": status}
    typed["note"] = note
    if status != "suggested" and not allows(user.role, ALIGNMENT_REVIEW):
        raise PermissionDenied(f"Your role ({user.role}) does not allow confirming links.")
    try:
        data = LinkForm(**typed)
        made = alignments.create(
            session=session,
            provision_id=provision_id,
            relation=data.relation,
            actor=actor(request, user),
            status=data.status,
            note=data.note,
            **data.target_fields(),
        )
    except ValidationError as failure:
        session.rollback()
        error, code = sentence(request, failure, LABELS), 422
    except KanunError as failure:
        session.rollback()
        error, code = failure.detail, failure.status
    else:
        return _back(instrument.id, provision_id, back, f"link-{made.id}")
    show = show_suggestions if back == "suggestions" else show_provision
    failed = f"suggestion-{target}-{number}" if back == "suggestions" else "link"
    return show(
        request,
        session,
        user,
        instrument,
        provision_id,
        failed=failed,
        error=error,
        typed=typed,
        status=code,
    )


@router.post("/alignments/{alignment_id}/review")
def review_link(
    request: Request,
    alignment_id: int,
    session: SessionDep,
    user: Reviewer,
    status: Annotated[Literal["confirmed", "rejected"], Form()],
    lock_version: Annotated[str, Form()] = "",
    back: Annotated[Back, Form()] = "provision",
) -> Response:
    """Confirm a link (again, after its provision changed) or reject it."""
    alignment = alignments.get(session=session, alignment_id=alignment_id)
    instrument = service.get_instrument(session=session, instrument_id=alignment.instrument_id)
    if is_stale(lock_version, alignment.lock_version):
        error, code = translate(request, STALE), 409
    else:
        try:
            alignments.update(
                session=session, alignment=alignment, actor=actor(request, user), status=status
            )
        except KanunError as failure:
            session.rollback()
            error, code = failure.detail, failure.status
        else:
            return _back(instrument.id, alignment.provision_id, back, f"link-{alignment.id}")
    show = show_suggestions if back == "suggestions" else show_provision
    return show(
        request,
        session,
        user,
        instrument,
        alignment.provision_id,
        failed=f"link-{alignment_id}",
        error=error,
        status=code,
    )
