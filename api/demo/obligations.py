"""The demo law's implementing acts: proposed from its wording and added by hand, two in each
state of the work (adopted, in drafting, overdue, not started)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts import obligations_tracking as tracking
from drafts import service
from drafts.audit import Actor
from drafts.models import Instrument
from drafts.packages.models import Draft, DraftTarget
from drafts.parse import parse_text
from drafts.schemas import InstrumentCreate

REGULATIONS = {
    "standards": (
        "Standards of Social Services (sample regulation)",
        "/akn/tm/regulation/2025/social-service-standards",
        "1. Social services are provided according to the standards set out in this Regulation.",
    ),
    "foster": (
        "Regulation on Foster Care (sample)",
        "/akn/tm/regulation/2025/foster-care",
        "1. A child left without parental care is placed with a foster family under this "
        "Regulation.",
    ),
}
BY_HAND = (
    # (article, body, requirement, due, state)
    (
        "chp_III__art_8",
        "Cabinet of Ministers of Turkmenistan",
        "Rules on placing children in foster families.",
        date(2025, 6, 30),
        "foster",
    ),
    (
        "chp_IV__art_9",
        "Ministry of Health and Medical Industry",
        "Rules of the medical and social expert commission on the scope of services.",
        date(2027, 12, 31),
        "draft",
    ),
    (
        "chp_II__art_6",
        "authorised body",
        "Accessibility standards for buildings, transport and information of providers.",
        date(2025, 7, 1),
        "",
    ),
    (
        "chp_IV__art_11",
        "Ministry of Internal Affairs",
        "Procedure for shelters and services for women victims of violence.",
        date(2025, 12, 31),
        "",
    ),
    (
        "chp_VI__art_15",
        "authorised body",
        "Procedure for collecting disaggregated data and the annual report.",
        date(2027, 7, 1),
        "",
    ),
    (
        "chp_IV__art_10",
        "local executive authorities (hyakimliks)",
        "Programmes of community-based services for persons with disabilities.",
        date(2028, 1, 1),
        "",
    ),
)


def _regulation(session: Session, key: str, actor: Actor) -> Instrument:
    title, work_uri, text = REGULATIONS[key]
    regulation = service.create_instrument(
        session=session,
        data=InstrumentCreate(
            title=title, kind="regulation", jurisdiction="tm", language="en", work_uri=work_uri
        ),
        actor=actor,
    )
    service.create_version(
        session=session,
        instrument=regulation,
        provisions=parse_text(text).nodes,
        actor=actor,
        label="As adopted",
        status="in_force",
        effective_date=date(2025, 9, 1),
    )
    return regulation


def seed_obligations(session: Session, *, law: Instrument, actor: Actor) -> None:
    """The law's obligations in every state, linked to the demo draft and two regulations."""
    draft = session.scalar(
        select(Draft).join(DraftTarget).where(DraftTarget.instrument_id == law.id).limit(1)
    )
    regulations = {key: _regulation(session, key, actor) for key in REGULATIONS}
    links = {"foster": {"adopted_instrument_id": regulations["foster"].id}}
    links["draft"] = {"draft_id": draft.id} if draft else {}
    for proposal in tracking.propose(session=session, instrument=law, actor=actor):
        changes: dict = {"review": "confirmed"}
        if proposal.pattern == "procedure":
            changes |= {"due_date": date(2027, 6, 30), **links["draft"]}
        else:
            changes["adopted_instrument_id"] = regulations["standards"].id
        tracking.update(session=session, obligation=proposal, changes=changes, actor=actor)
    for eid, body, requirement, due, state in BY_HAND:
        made = tracking.create(
            session=session,
            instrument=law,
            provision=eid,
            body=body,
            description=requirement,
            due_date=due,
            actor=actor,
        )
        if state:
            tracking.update(session=session, obligation=made, changes=links[state], actor=actor)
