"""The dashboard: my drafts and amendments, drafts by stage, changes not yet applied, activity."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from api.deps import SessionDep
from drafts.models import Instrument
from drafts.packages import service as drafts
from drafts.packages.models import DraftTarget
from drafts.packages.stages import STAGES
from drafts.permissions import READ
from drafts.users import User, names
from frontend import activity
from frontend.deps import page_require
from frontend.i18n import translations
from frontend.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/")
def dashboard(
    request: Request, session: SessionDep, user: User = Depends(page_require(READ))
) -> object:
    every, _ = drafts.list_drafts(session=session, offset=0, limit=200)
    by_stage = {stage: [d for d in every if d.stage == stage] for stage in STAGES}
    pending = drafts.pending_amendments(session=session)
    titles = {
        target.id: session.get(Instrument, target.instrument_id).title
        for target in {session.get(DraftTarget, a.target_id) for a in pending}
    }
    entries, _ = drafts.activity(session=session, offset=0, limit=15)
    draft_titles = drafts.titles(
        session=session, draft_ids={e.draft_id for e in entries} | {a.draft_id for a in pending}
    )
    gettext = translations(request.state.lang).gettext
    people = names(session, (e.user_id for e in entries))
    return render(
        request,
        "dashboard.html",
        mine=drafts.drafts_of(session=session, user=user) if user else [],
        awaiting=drafts.awaiting(session=session, user=user) if user else [],
        by_stage=by_stage,
        days=drafts.days_in_stage,
        pending=pending,
        target_titles=titles,
        draft_titles=draft_titles,
        feed=activity.feed(gettext, entries, people, draft_titles),
    )
