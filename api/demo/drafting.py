"""The demo's working material: confirmed treaty links on the sample law, and a draft package
with amendments, a meeting and a comment, as a working group would have them mid-way."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from alignment import service as alignment
from drafts import service
from drafts.audit import Actor
from drafts.models import Instrument, Version
from drafts.packages import amendments, comments, meetings
from drafts.packages import service as drafts
from drafts.packages.schemas import (
    AmendmentCreate,
    CommentCreate,
    DraftCreate,
    MeetingCreate,
    TargetIn,
)
from drafts.tree import walk
from drafts.users import User

LINKS = [
    ("chp_II__art_4__para_1", "CRC", "2", "implements"),
    ("chp_II__art_4__para_1", "CRPD", "5", "implements"),
    ("chp_II__art_4__para_1", "CEDAW", "2", "partially_implements"),
    ("chp_II__art_4__para_2", "CRPD", "5", "implements"),
    ("chp_II__art_5__para_1", "CRC", "3", "implements"),
    ("chp_II__art_5__para_2", "CRC", "12", "implements"),
    ("chp_II__art_6__para_2", "CRPD", "9", "implements"),
    ("chp_III__art_8__para_1", "CRC", "20", "implements"),
    ("chp_IV__art_9__para_1", "CRPD", "26", "partially_implements"),
    ("chp_IV__art_10", "CRPD", "19", "implements"),
    ("chp_IV__art_11__para_1", "CEDAW", "2", "references"),
    ("chp_VI__art_15", "CRPD", "31", "implements"),
]
"""(eId in the amended edition, treaty, article, relation) of the links the demo confirms."""


def _by_eid(session: Session, version: Version) -> dict[str, str]:
    return {
        node.eid: node.provision_id
        for node in walk(service.read_tree(session=session, version=version))
    }


def seed_alignment(session: Session, *, law: Instrument, version: Version, reviewer: User) -> None:
    actor = Actor(user_id=reviewer.id, request_id="demo")
    ids = _by_eid(session, version)
    for eid, framework, article, relation in LINKS:
        alignment.create(
            session=session,
            provision_id=ids[eid],
            relation=relation,
            framework=framework,
            article=article,
            status="confirmed",
            actor=actor,
        )


def seed_draft(
    session: Session, *, law: Instrument, version: Version, drafter: User, reviewer: User
) -> None:
    """A draft in the working group stage, with one amendment accepted and two proposed."""
    by_drafter = Actor(user_id=drafter.id, request_id="demo")
    by_reviewer = Actor(user_id=reviewer.id, request_id="demo")
    ids = _by_eid(session, version)
    draft = drafts.create_draft(
        session=session,
        data=DraftCreate(
            title="Children's participation and disability assessment (sample draft)",
            description=(
                "This sample draft brings the Social Services Law closer to the Convention on "
                "the Rights of the Child and the Convention on the Rights of Persons with "
                "Disabilities: children are heard in decisions on their placement, and support "
                "for persons with disabilities follows their needs and the barriers they face "
                "rather than a medical degree of disability."
            ),
            targets=[TargetIn(instrument_id=law.id, base_version=version.number)],
            members=[reviewer.id],
        ),
        user=drafter,
        actor=by_drafter,
    )
    proposals = [
        AmendmentCreate(
            instrument_id=law.id,
            kind="replace_text",
            provision_id=ids["chp_IV__art_9__para_2"],
            text=(
                "The scope of social services shall be determined together with the person with "
                "disabilities, on the basis of an individual assessment of the support the person "
                "needs and of the barriers the person faces."
            ),
            rationale="Article 1 of the CRPD defines disability by the interaction with barriers; "
            "article 19 calls for individualised support.",
            treaty_refs=[{"framework": "CRPD", "articles": [1, 19]}],
        ),
        AmendmentCreate(
            instrument_id=law.id,
            kind="insert",
            anchor_id=ids["chp_III__art_8__para_2"],
            position="after",
            nodes=[
                {
                    "kind": "paragraph",
                    "num": "3.",
                    "text": "The child shall be heard in every decision on the child's placement, "
                    "and the child's views shall be given due weight in accordance with the age "
                    "and maturity of the child.",
                }
            ],
            rationale="CRC article 12 (the right to be heard) and article 20 (alternative care).",
            treaty_refs=[{"framework": "CRC", "articles": [12, 20]}],
        ),
        AmendmentCreate(
            instrument_id=law.id,
            kind="replace_text",
            provision_id=ids["chp_IV__art_11__para_1"],
            text=(
                "A woman who has suffered violence is entitled to free social services, including "
                "temporary shelter, psychological assistance, free legal aid and assistance in "
                "finding employment."
            ),
            rationale="Free legal aid for women victims of violence (CEDAW article 2).",
            treaty_refs=[{"framework": "CEDAW", "articles": [2]}],
        ),
    ]
    made = [
        amendments.propose(session=session, draft=draft, data=data, user=drafter, actor=by_drafter)
        for data in proposals
    ]
    drafts.move_stage(
        session=session,
        draft=draft,
        to="working_group",
        user=drafter,
        actor=by_drafter,
        note="Ready for the working group.",
    )
    meeting = meetings.create(
        session=session,
        draft=draft,
        data=MeetingCreate(
            title="Working group, first meeting",
            held_on=date(2026, 11, 10),
            location="Ministry of Labour and Social Protection, room 4",
            attendees=["Dovlet Drafter", "Maral Reviewer", "UNICEF country office"],
            notes="The group agreed the disability assessment amendment.",
        ),
        user=reviewer,
        actor=by_reviewer,
    )
    amendments.decide(
        session=session,
        amendment=made[0],
        decision="accepted",
        user=reviewer,
        actor=by_reviewer,
        note="Agreed by the working group.",
        meeting_id=meeting.id,
    )
    comments.create(
        session=session,
        draft=draft,
        data=CommentCreate(
            body="@drafter should the hearing of the child also cover decisions on guardianship?",
            amendment_id=made[1].id,
        ),
        user=reviewer,
        actor=by_reviewer,
    )
