"""The amendment editor: propose and edit, the live redline preview, the current wording of a
provision and the treaty-article picker."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from api.deps import SessionDep
from drafts import amend, diff, render, service, tree, worddiff
from drafts.errors import KanunError, NotFound, PermissionDenied
from drafts.packages import amendments
from drafts.packages import service as drafts
from drafts.packages.models import Amendment, Draft, DraftTarget
from drafts.packages.schemas import AmendmentUpdate
from drafts.permissions import AMENDMENT_PROPOSE, READ
from drafts.users import User
from frameworks import service as frameworks
from frontend import citing
from frontend.deps import page_require
from frontend.i18n import translate
from frontend.routes.amendments import STALE, history
from frontend.routes.amendments_form import (
    LABELS,
    SHOWN,
    AmendmentForm,
    add_ref,
)
from frontend.routes.drafts_forms import actor, is_stale, sentence
from frontend.routes.drafts_view import TargetView, target_views
from frontend.templating import render as page

router = APIRouter(include_in_schema=False)
Proposer = Annotated[User, Depends(page_require(AMENDMENT_PROPOSE))]
Reader = Annotated[User | None, Depends(page_require(READ))]
SNIPPET = 60


def provision_choices(view: TargetView, lang: str = "en") -> list[tuple[str, str]]:
    """(provision id, "citation — start of its text") of every provision of a target's base,
    the citation in the page's language ("Article 6(3)", «часть 3 статьи 6»)."""
    law = {"jurisdiction": view.instrument.jurisdiction, "language": view.instrument.language}
    choices = []
    for node in tree.walk(view.nodes):
        words = " ".join((node.heading or node.text).split())
        start = words if len(words) <= SNIPPET else words[:SNIPPET].rstrip() + "…"
        name = citing.cite(node.eid, lang, **law)
        choices.append((node.provision_id, f"{name} — {start}" if start else name))
    return choices


def show_editor(
    request: Request,
    session: Session,
    draft: Draft,
    form: AmendmentForm,
    *,
    amendment: Amendment | None = None,
    error: str = "",
    status: int = 200,
    article=None,
    preview: Markup | None = None,
) -> Response:
    return page(
        request,
        "amendments/editor.html",
        status_code=status,
        draft=draft,
        amendment=amendment,
        form=form,
        targets=[
            (view, provision_choices(view, getattr(request.state, "lang", "en")))
            for view in target_views(session, draft)
        ],
        kinds=amend.KINDS,
        node_kinds=tree.KINDS,
        shown=SHOWN,
        frameworks=[f for f, _ in frameworks.list_frameworks(session=session)],
        article=article,
        history=history(session, amendment) if amendment else [],
        field_labels=LABELS,
        INSERT=worddiff.INSERT,
        DELETE=worddiff.DELETE,
        error=error,
        preview=preview,
    )


def _refused(request: Request, session: Session, error: Exception) -> tuple[str, int]:
    """The sentence and status of a failed save, the transaction undone."""
    session.rollback()
    if isinstance(error, PermissionDenied):
        raise error
    if isinstance(error, ValidationError):
        return sentence(request, error, LABELS), 422
    return translate(request, error.detail), error.status


class Picker(BaseModel):
    """The editor's other buttons and the treaty picker, sent along with the amendment."""

    action: str = "save"
    picker_framework: str = ""
    picker_number: str = ""


def _picked(session: Session, form: AmendmentForm, picker: Picker):
    """The picked treaty article, appended to the form's references (the form without JS)."""
    framework = frameworks.get_framework(session=session, code=picker.picker_framework)
    found = frameworks.get_article(
        session=session, framework=framework, number=picker.picker_number.strip()
    )
    form.treaty_refs = add_ref(form.treaty_refs, framework.code, found.number)
    return found


@router.get("/drafts/{draft_id}/amendments/new")
def new_amendment(
    request: Request,
    draft_id: int,
    session: SessionDep,
    user: Proposer,
    instrument_id: Annotated[str, Query(max_length=20)] = "",
    kind: Annotated[str, Query(max_length=20)] = "replace_text",
    provision_id: Annotated[str, Query(max_length=36)] = "",
) -> Response:
    """The editor, empty or starting from the current wording of a chosen provision."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    form = AmendmentForm(instrument_id=instrument_id, kind=kind, provision_id=provision_id)
    if provision_id and instrument_id.isdigit():
        node = _current(session, draft, int(instrument_id), provision_id)
        if node is not None:
            form.text, form.heading, form.num = node.text, node.heading, node.num
    return show_editor(request, session, draft, form)


@router.post("/drafts/{draft_id}/amendments/new")
def propose(
    request: Request,
    draft_id: int,
    session: SessionDep,
    user: Proposer,
    form: Annotated[AmendmentForm, Form()],
    picker: Annotated[Picker, Form()],
) -> Response:
    """Propose; or, from the form without JavaScript, add a treaty article or preview."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    if picker.action == "preview":
        return show_editor(
            request, session, draft, form, preview=_preview(request, session, draft, form)
        )
    try:
        if picker.action == "add":
            found = _picked(session, form, picker)
            return show_editor(request, session, draft, form, article=found)
        data = form.validated()
        if data.treaty_refs:
            frameworks.check_references(session=session, refs=_refs(data))
        made = amendments.propose(
            session=session, draft=draft, data=data, user=user, actor=actor(request, user)
        )
    except (ValidationError, KanunError) as failure:
        error, status = _refused(request, session, failure)
        return show_editor(request, session, draft, form, error=error, status=status)
    return RedirectResponse(f"/amendments/{made.id}", status_code=303)


@router.get("/amendments/{amendment_id}/edit")
def edit_amendment(
    request: Request, amendment_id: int, session: SessionDep, user: Proposer
) -> Response:
    amendment = amendments.get_amendment(session=session, amendment_id=amendment_id)
    draft = drafts.get_draft(session=session, draft_id=amendment.draft_id)
    target = session.get(DraftTarget, amendment.target_id)
    form = AmendmentForm.of(amendment, target.instrument_id)
    return show_editor(request, session, draft, form, amendment=amendment)


@router.post("/amendments/{amendment_id}/edit")
def save_amendment(
    request: Request,
    amendment_id: int,
    session: SessionDep,
    user: Proposer,
    form: Annotated[AmendmentForm, Form()],
    picker: Annotated[Picker, Form()],
) -> Response:
    """Save new content; refused when someone saved since the form was opened."""
    amendment = amendments.get_amendment(session=session, amendment_id=amendment_id)
    draft = drafts.get_draft(session=session, draft_id=amendment.draft_id)
    target = session.get(DraftTarget, amendment.target_id)
    form.instrument_id, form.kind = str(target.instrument_id), amendment.kind
    shown = {"amendment": amendment}
    if picker.action == "preview":
        found = _preview(request, session, draft, form)
        return show_editor(request, session, draft, form, preview=found, **shown)
    try:
        if picker.action == "add":
            found = _picked(session, form, picker)
            return show_editor(request, session, draft, form, article=found, **shown)
        if is_stale(form.lock_version, amendment.lock_version):
            form.lock_version = str(amendment.lock_version)
            error = translate(request, STALE)
            return show_editor(request, session, draft, form, error=error, status=409, **shown)
        data = form.validated()
        if data.treaty_refs:
            frameworks.check_references(session=session, refs=_refs(data))
        changes = AmendmentUpdate(**data.model_dump(exclude={"instrument_id", "kind"}))
        amendments.update(
            session=session,
            amendment=amendment,
            data=changes,
            user=user,
            actor=actor(request, user),
        )
    except (ValidationError, KanunError) as failure:
        error, status = _refused(request, session, failure)
        return show_editor(request, session, draft, form, error=error, status=status, **shown)
    return RedirectResponse(f"/amendments/{amendment.id}", status_code=303)


def _refs(data) -> list[dict]:
    return [ref.model_dump() for ref in data.treaty_refs]


@router.post("/drafts/{draft_id}/amendments/preview")
def preview(
    request: Request,
    draft_id: int,
    session: SessionDep,
    user: Proposer,
    form: Annotated[AmendmentForm, Form()],
) -> Response:
    """The redline of the amendment being typed, applied alone to its base version."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    return HTMLResponse(_preview(request, session, draft, form))


def _preview(request: Request, session: Session, draft: Draft, form: AmendmentForm) -> Markup:
    """The redline of the unsaved amendment, or the sentence saying why there is none."""
    try:
        data = form.validated()
        target = drafts.target_for(session=session, draft=draft, instrument_id=data.instrument_id)
        base = service.read_tree(
            session=session, version=drafts.base_version(session=session, target=target)
        )
        return render.render(
            diff.compare(base, amend.preview(base, amend.operation_of(data))), only_changes=True
        )
    except ValidationError as failure:
        error = sentence(request, failure, LABELS)
    except KanunError as failure:
        error = " ".join(failure.detail.split())
    return Markup('<p class="alert" role="alert">{}</p>').format(error)


def _current(session: Session, draft: Draft, instrument_id: int, provision_id: str):
    """The provision of a target's base version, or None."""
    target = drafts.target_for(session=session, draft=draft, instrument_id=instrument_id)
    base = service.read_tree(
        session=session, version=drafts.base_version(session=session, target=target)
    )
    return next((n for n in tree.walk(base) if n.provision_id == provision_id), None)


@router.get("/drafts/{draft_id}/amendments/wording")
def wording(
    request: Request,
    draft_id: int,
    session: SessionDep,
    user: Proposer,
    form: Annotated[AmendmentForm, Query()],
) -> Response:
    """The current wording of the chosen provision; fills the new text, heading or number when
    still empty."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    node = None
    if form.instrument_id.isdigit() and form.provision_id:
        node = _current(session, draft, int(form.instrument_id), form.provision_id)
    return page(request, "amendments/_wording.html", node=node, form=form)


@router.get("/drafts/{draft_id}/treaty-article")
def treaty_article(
    request: Request,
    draft_id: int,
    session: SessionDep,
    user: Reader,
    picker_framework: Annotated[str, Query(max_length=20)] = "",
    picker_number: Annotated[str, Query(max_length=20)] = "",
    treaty_refs: Annotated[str, Query(max_length=2000)] = "",
    add: Annotated[str, Query(max_length=5)] = "",
) -> Response:
    """A treaty article's text under the picker; with `add`, the references field too."""
    drafts.get_draft(session=session, draft_id=draft_id)
    found, error, refs = None, "", None
    try:
        framework = frameworks.get_framework(session=session, code=picker_framework)
        found = frameworks.get_article(
            session=session, framework=framework, number=picker_number.strip()
        )
        if add:
            refs = add_ref(treaty_refs, framework.code, found.number)
    except NotFound as failure:
        error = failure.detail
    return page(request, "amendments/_article.html", article=found, error=error, refs=refs)
