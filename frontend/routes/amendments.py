"""The page of one amendment: its redline, rationale, treaty references, history and comments;
the review form (accept or reject) and withdrawal."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from api.deps import SessionDep
from drafts import access, worddiff
from drafts import render as redlines
from drafts.errors import KanunError, NotFound, PermissionDenied
from drafts.packages import amendments, comments, meetings
from drafts.packages import service as drafts
from drafts.packages.models import Amendment, Draft, Meeting
from drafts.packages.schemas import DecisionIn
from drafts.packages.stages import FINAL, REVIEW
from drafts.permissions import AMENDMENT_DECIDE, AMENDMENT_EDIT, READ
from drafts.users import User, names
from frameworks import service as frameworks
from frontend import citing
from frontend.deps import page_require
from frontend.i18n import translate
from frontend.routes.amendments_form import LABELS
from frontend.routes.drafts_forms import actor, is_stale, optional_int, sentence
from frontend.routes.drafts_view import clash_sentence, comment_context, target_views, where
from frontend.templating import render
from frontend.vocabulary import N_

router = APIRouter(include_in_schema=False)
STALE = N_(
    "Someone else changed this amendment since you opened it. What you typed is kept; "
    "look at their change below and save again."
)


def history(session: Session, amendment: Amendment) -> list[dict]:
    """Every save, newest first, with the word diffs of what it changed from the one before."""
    saves = amendments.saves(session=session, amendment=amendment)
    people = names(session, (save.saved_by for save in saves))
    rows = []
    for before, save in zip([None, *saves], saves, strict=False):
        changes = (
            amendments.compare_saves(
                session=session, amendment=amendment, old=before.number, new=save.number
            )
            if before
            else {}
        )
        rows.append({"save": save, "by": people.get(save.saved_by, ""), "changes": changes})
    return rows[::-1]


def treaty_articles(session: Session, refs: list[dict]) -> list[tuple[str, str, str]]:
    """(framework, article number, article title) of each treaty reference."""
    found = []
    for ref in refs:
        for number in ref.get("articles", []):
            try:
                framework = frameworks.get_framework(session=session, code=ref["framework"])
                article = frameworks.get_article(
                    session=session, framework=framework, number=str(number)
                )
                title = article.title or article.topic
            except NotFound:
                title = ""
            found.append((ref["framework"], str(number), title or ""))
    return found


def amendment_permissions(
    session: Session, draft: Draft, amendment: Amendment, user: User | None
) -> dict:
    rights = access.on_draft(session, user, draft)
    open_ = draft.consolidated_at is None and draft.stage not in FINAL
    return {
        "decide": open_
        and draft.stage in REVIEW
        and bool(rights.decide())
        and amendment.status != "withdrawn",
        "change": open_
        and bool(rights.edit_amendment(amendment))
        and amendment.status == "proposed",
        "comment": bool(rights.comment()),
    }


def show_amendment(
    request: Request,
    session: Session,
    user: User | None,
    amendment: Amendment,
    *,
    failed: str = "",
    error: str = "",
    typed: dict | None = None,
    status: int = 200,
) -> Response:
    """The amendment page; after a failed form, that form shows `error` and what was typed."""
    draft = drafts.get_draft(session=session, draft_id=amendment.draft_id)
    view = next(v for v in target_views(session, draft) if v.target.id == amendment.target_id)
    notes = comments.list_comments(session=session, amendment_id=amendment.id)
    key = str(amendment.id)
    clashes = [
        replace(conflict, message=clash_sentence(request, conflict, view))
        for group in amendments.draft_conflicts(session=session, draft=draft)
        for conflict in group.conflicts
        if key in (conflict.first, conflict.second)
    ]
    return render(
        request,
        "amendments/page.html",
        status_code=status,
        amendment=amendment,
        draft=draft,
        target=view,
        where=where(request, amendment, view),
        names=names(session, (amendment.author_id, amendment.decided_by)),
        meeting=session.get(Meeting, amendment.meeting_id) if amendment.meeting_id else None,
        meetings=meetings.list_meetings(session=session, draft=draft),
        redline=redlines.render(
            amendments.redline(session=session, amendment=amendment),
            only_changes=True,
            words=citing.redline_words(
                lambda message: translate(request, message),
                view.instrument.language,
                getattr(request.state, "lang", "en"),
                view.instrument.jurisdiction,
            ),
        ),
        articles=treaty_articles(session, amendment.treaty_refs),
        conflicts=clashes,
        history=history(session, amendment),
        field_labels=LABELS,
        INSERT=worddiff.INSERT,
        DELETE=worddiff.DELETE,
        can=amendment_permissions(session, draft, amendment, user),
        failed=failed,
        error=error,
        typed=typed or {},
        **comment_context(session, draft, notes, user),
    )


@router.get("/amendments/{amendment_id}")
def amendment_page(
    request: Request,
    amendment_id: int,
    session: SessionDep,
    user: Annotated[User | None, Depends(page_require(READ))],
) -> Response:
    amendment = amendments.get_amendment(session=session, amendment_id=amendment_id)
    return show_amendment(request, session, user, amendment)


@router.post("/amendments/{amendment_id}/decision")
def decide(
    request: Request,
    amendment_id: int,
    session: SessionDep,
    user: Annotated[User, Depends(page_require(AMENDMENT_DECIDE))],
    decision: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    meeting_id: Annotated[str, Form()] = "",
    lock_version: Annotated[str, Form()] = "",
) -> Response:
    """Accept or reject, with a note and the meeting where it was decided."""
    amendment = amendments.get_amendment(session=session, amendment_id=amendment_id)
    typed = {"note": note, "meeting_id": optional_int(meeting_id)}
    shown = {"failed": "decision", "typed": typed}
    if is_stale(lock_version, amendment.lock_version):
        error = translate(request, STALE)
        return show_amendment(request, session, user, amendment, error=error, status=409, **shown)
    try:
        data = DecisionIn(decision=decision, note=note, meeting_id=typed["meeting_id"])
        amendments.decide(
            session=session,
            amendment=amendment,
            decision=data.decision,
            user=user,
            actor=actor(request, user),
            note=data.note,
            meeting_id=data.meeting_id,
        )
    except PermissionDenied:
        raise
    except ValidationError as failure:
        session.rollback()
        error = sentence(request, failure, {"decision": N_("Decision"), "note": N_("Note")})
        return show_amendment(request, session, user, amendment, error=error, status=422, **shown)
    except KanunError as error:
        session.rollback()
        return show_amendment(
            request, session, user, amendment, error=error.detail, status=error.status, **shown
        )
    return RedirectResponse(f"/amendments/{amendment.id}", status_code=303)


@router.post("/amendments/{amendment_id}/withdraw")
def withdraw(
    request: Request,
    amendment_id: int,
    session: SessionDep,
    user: Annotated[User, Depends(page_require(AMENDMENT_EDIT))],
) -> Response:
    """The author takes back a proposed amendment."""
    amendment = amendments.get_amendment(session=session, amendment_id=amendment_id)
    amendments.withdraw(session=session, amendment=amendment, user=user, actor=actor(request, user))
    return RedirectResponse(f"/amendments/{amendment.id}", status_code=303)
