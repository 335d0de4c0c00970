"""Who may call what: every operation of the OpenAPI, called by seven people — nobody signed in,
a viewer, a reviewer, a drafter who is a member of the draft, a drafter who is not, an admin,
a guest from an outside organisation — against one world (a law, a draft owned by another
drafter, an amendment, a comment, a meeting, a link, and a second draft in consultation to
which the guest is invited). Each call is undone after it. A refusal is 401 or 403; anything
else (a result, 404, 409, 422…) means the person got past the access rules. The guest gets
past them only to sign in and out, and to read and comment on the consultation they are
invited to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest
from fastapi.testclient import TestClient

from alignment import service as alignments
from api.auth import service as auth
from api.auth.schemas import UserCreate
from drafts import consultation, obligations_tracking, service
from drafts.packages import amendments, comments, meetings
from drafts.packages import service as drafts
from drafts.packages.schemas import (
    AmendmentCreate,
    CommentCreate,
    DraftCreate,
    MeetingCreate,
    TargetIn,
)
from drafts.schemas import InstrumentCreate
from drafts.tree import from_dict, walk
from drafts.users import User
from tests.alignment.test_links import load_crc
from tests.conftest import PASSWORD, SYSTEM
from tests.factories import sample_provisions

PEOPLE = ("anonymous", "viewer", "reviewer", "member", "outsider", "admin", "guest")
EVERYONE = frozenset(PEOPLE)
SIGNED_IN = EVERYONE - {"anonymous", "guest"}
CONSULTED = SIGNED_IN | {"guest"}
"""Those who read the consultation: readers, and the guest invited to it."""
WRITERS = frozenset({"member", "outsider", "admin"})
"""Roles that write laws and drafts, whatever the draft."""
MEMBERS = frozenset({"member", "admin"})
ADMIN = frozenset({"admin"})
REVIEW = frozenset({"reviewer", "admin"})
COMMITTEE = frozenset({"reviewer", "member", "admin"})
COMMENTERS = frozenset({"reviewer", "member", "outsider", "admin"})
LINKERS = frozenset({"reviewer", "member", "outsider", "admin"})

EXPECTED: dict[str, frozenset[str]] = {
    "POST /auth/login": EVERYONE,
    "POST /auth/logout": EVERYONE,
    "GET /me": SIGNED_IN,
    "GET /auth/tokens": SIGNED_IN,
    "POST /auth/tokens": SIGNED_IN,
    "DELETE /auth/tokens/{token_id}": SIGNED_IN,
    "DELETE /auth/throttle": ADMIN,
    "GET /users": ADMIN,
    "POST /users": ADMIN,
    "GET /users/{user_id}": ADMIN,
    "PATCH /users/{user_id}": ADMIN,
    "GET /instruments": SIGNED_IN,
    "POST /instruments": WRITERS,
    "GET /instruments/{instrument_id}": SIGNED_IN,
    "PATCH /instruments/{instrument_id}": WRITERS,
    "GET /instruments/{instrument_id}/versions": SIGNED_IN,
    "POST /instruments/{instrument_id}/versions": WRITERS,
    "GET /instruments/{instrument_id}/versions/{number}": SIGNED_IN,
    "GET /instruments/{instrument_id}/as-at/{at}": SIGNED_IN,
    "GET /instruments/{instrument_id}/provisions/{provision_id}/history": SIGNED_IN,
    "GET /instruments/{instrument_id}/languages": SIGNED_IN,
    "POST /instruments/{instrument_id}/languages": WRITERS,
    "GET /instruments/{instrument_id}/languages/{other_id}": SIGNED_IN,
    "GET /instruments/{instrument_id}/languages/{other_id}/table.docx": SIGNED_IN,
    "POST /instruments/{instrument_id}/languages/confirm": WRITERS,
    "GET /instruments/{instrument_id}/versions/{number}/commencements": SIGNED_IN,
    "POST /instruments/{instrument_id}/versions/{number}/commencements": WRITERS,
    "GET /drafts": SIGNED_IN,
    "POST /drafts": WRITERS,
    "GET /drafts/{draft_id}": SIGNED_IN,
    "PATCH /drafts/{draft_id}": ADMIN,  # the owner, who is none of the six
    "POST /drafts/{draft_id}/targets": ADMIN,
    "POST /drafts/{draft_id}/instruments": ADMIN,
    "POST /drafts/{draft_id}/stage": MEMBERS,  # drafting → working group
    "GET /drafts/{draft_id}/timeline": SIGNED_IN,
    "GET /drafts/{draft_id}/conflicts": SIGNED_IN,
    "GET /drafts/{draft_id}/drift": SIGNED_IN,
    "POST /drafts/{draft_id}/consolidate": COMMITTEE,
    "GET /drafts/{draft_id}/activity": SIGNED_IN,
    "GET /activity": SIGNED_IN,
    "GET /instruments/{instrument_id}/drafts": SIGNED_IN,
    "GET /drafts/{draft_id}/amendments": SIGNED_IN,
    "POST /drafts/{draft_id}/amendments": MEMBERS,
    "GET /amendments/{amendment_id}": SIGNED_IN,
    "PATCH /amendments/{amendment_id}": MEMBERS,  # the member wrote it
    "POST /amendments/{amendment_id}/withdraw": MEMBERS,
    "POST /amendments/{amendment_id}/decision": REVIEW,
    "GET /amendments/{amendment_id}/history": SIGNED_IN,
    "GET /amendments/{amendment_id}/history/diff": SIGNED_IN,
    "GET /amendments/{amendment_id}/redline": SIGNED_IN,
    "GET /drafts/{draft_id}/comments": SIGNED_IN,
    "POST /drafts/{draft_id}/comments": COMMENTERS,
    "GET /provisions/{provision_id}/comments": SIGNED_IN,
    "PATCH /comments/{comment_id}": frozenset({"reviewer"}),  # its author alone
    "POST /comments/{comment_id}/resolve": REVIEW,
    "GET /drafts/{draft_id}/meetings": SIGNED_IN,
    "POST /drafts/{draft_id}/meetings": COMMITTEE,
    "GET /meetings/{meeting_id}": SIGNED_IN,
    "PATCH /meetings/{meeting_id}": COMMITTEE,
    "GET /frameworks": SIGNED_IN,
    "GET /frameworks/{code}": SIGNED_IN,
    "GET /frameworks/{code}/articles": SIGNED_IN,
    "GET /frameworks/{code}/articles/{number}": SIGNED_IN,
    "GET /frameworks/{code}/search": SIGNED_IN,
    "GET /recommendation-sets": SIGNED_IN,
    "POST /recommendation-sets": ADMIN,
    "GET /recommendation-sets/{code}/recommendations": SIGNED_IN,
    "GET /recommendation-sets/{code}/recommendations/{number}": SIGNED_IN,
    "GET /diff": SIGNED_IN,
    "GET /instructions": SIGNED_IN,
    "GET /instruments/{instrument_id}/versions/{number}/export": SIGNED_IN,
    "GET /diff/export": SIGNED_IN,
    "GET /drafts/{draft_id}/export": SIGNED_IN,
    "GET /meetings/{meeting_id}/minutes": SIGNED_IN,
    "POST /import": WRITERS,
    "POST /drafts/{draft_id}/word-review": MEMBERS,
    "GET /alignments": SIGNED_IN,
    "POST /alignments": WRITERS,
    "GET /alignments/{alignment_id}": SIGNED_IN,
    "PATCH /alignments/{alignment_id}": LINKERS,
    "DELETE /alignments/{alignment_id}": WRITERS,
    "GET /provisions/{provision_id}/alignments": SIGNED_IN,
    "GET /instruments/{instrument_id}/coverage": SIGNED_IN,
    "GET /drafts/{draft_id}/coverage": SIGNED_IN,
    "GET /search": SIGNED_IN,
    "GET /provisions/{provision_id}/suggestions": SIGNED_IN,
    "GET /frameworks/{code}/articles/{number}/suggestions": SIGNED_IN,
    "GET /audit": ADMIN,
    "POST /instruments/{instrument_id}/obligations/proposals": LINKERS,
    "POST /instruments/{instrument_id}/obligations": LINKERS,
    "GET /obligations": SIGNED_IN,
    "GET /obligations/export": SIGNED_IN,
    "GET /obligations/{obligation_id}": SIGNED_IN,
    "PATCH /obligations/{obligation_id}": LINKERS,
    "GET /drafts/{draft_id}/consultation": CONSULTED,
    "POST /drafts/{draft_id}/consultation/invitations": MEMBERS,
    "POST /drafts/{draft_id}/consultation/comments": frozenset({"guest", "admin"}),
    "POST /consultation-comments/{comment_id}/response": MEMBERS,
    "GET /drafts/{draft_id}/consultation/report": SIGNED_IN,
}
"""Operation → who gets past the access rules."""


@dataclass
class World:
    ids: dict[str, object]
    tokens: dict[str, str]

    def bearer(self, person: str) -> dict[str, str]:
        token = self.tokens.get(person)
        return {"Authorization": f"Bearer {token}"} if token else {}

    def body(self, operation: str) -> dict | None:
        """A request body that passes validation, so that refusals by the draft's rules show."""
        provision = self.ids["provision_id"]
        bodies = {
            "POST /auth/login": {"username": "viewer1", "password": PASSWORD},
            "POST /auth/tokens": {"name": "matrix"},
            "POST /users": {"username": "someone", "password": PASSWORD, "role": "viewer"},
            "PATCH /users/{user_id}": {"display_name": "Someone"},
            "PATCH /instruments/{instrument_id}": {"short_title": "Races"},
            "POST /instruments/{instrument_id}/languages": {"instrument_id": self.ids["other_law"]},
            "POST /instruments/{instrument_id}/languages/confirm": {"key": "no-such-provision"},
            "PATCH /drafts/{draft_id}": {"title": "A new title"},
            "POST /drafts/{draft_id}/targets": {"instrument_id": self.ids["other_law"]},
            "POST /drafts/{draft_id}/stage": {"to": "working_group"},
            "POST /drafts/{draft_id}/consolidate": {},
            "POST /drafts/{draft_id}/amendments": {
                "instrument_id": self.ids["instrument_id"],
                "kind": "replace_text",
                "provision_id": provision,
                "text": "Another wording.",
            },
            "PATCH /amendments/{amendment_id}": {"text": "A better wording."},
            "POST /amendments/{amendment_id}/decision": {"decision": "accepted"},
            "POST /drafts/{draft_id}/comments": {"body": "A question."},
            "PATCH /comments/{comment_id}": {"body": "A clearer question."},
            "POST /drafts/{draft_id}/meetings": {
                "title": "Second meeting",
                "held_on": "2026-02-01",
            },
            "PATCH /meetings/{meeting_id}": {"location": "Room 2"},
            "POST /drafts/{draft_id}/instruments": {
                "instrument": {
                    "title": "Regulation on Access",
                    "kind": "regulation",
                    "jurisdiction": "tm",
                    "language": "en",
                    "work_uri": "/akn/tm/act/2026/access-regulation",
                }
            },
            "PATCH /alignments/{alignment_id}": {"note": "Checked."},
            "POST /instruments/{instrument_id}/obligations": {
                "provision": provision,
                "body": "Ministry of Labour",
            },
            "PATCH /obligations/{obligation_id}": {"review": "rejected"},
            "POST /drafts/{draft_id}/consultation/invitations": {
                "user_id": self.ids["guest_id"],
                "organisation": "Disability Union",
            },
            "POST /drafts/{draft_id}/consultation/comments": {
                "provision": provision,
                "body": "Please name the standards.",
            },
            "POST /consultation-comments/{comment_id}/response": {
                "response": "Done in Article 6.",
                "outcome": "accepted",
            },
            "POST /alignments": {
                "provision_id": provision,
                "framework": "CRC",
                "article": "3",
                "relation": "implements",
            },
        }
        return bodies.get(operation)


def _user(db, name: str, role: str) -> User:
    return auth.create_user(
        session=db,
        data=UserCreate(username=name, password=PASSWORD, role=role),
        actor=SYSTEM,
    )


@pytest.fixture
def world(db, accounts) -> World:
    owner = _user(db, "owner-drafter", "drafter")
    outsider = _user(db, "outsider-drafter", "drafter")
    member = db.get(User, accounts["drafter"]["id"])
    reviewer = db.get(User, accounts["reviewer"]["id"])
    laws = []
    for n in (1, 2):
        law = service.create_instrument(
            session=db,
            data=InstrumentCreate(
                title=f"Law on Access {n}",
                kind="law",
                jurisdiction="tm",
                language="en",
                work_uri=f"/akn/tm/act/2026/access-{n}",
            ),
            actor=SYSTEM,
        )
        version = service.create_version(
            session=db,
            instrument=law,
            provisions=tuple(from_dict(node) for node in sample_provisions()),
            actor=SYSTEM,
            status="in_force",
            effective_date=date(2021, 1, 1),
        )
        laws.append((law, version))
    law, version = laws[0]
    provision = next(n for n in walk(service.read_tree(session=db, version=version)) if n.text)
    draft = drafts.create_draft(
        session=db,
        data=DraftCreate(
            title="Access", targets=[TargetIn(instrument_id=law.id)], members=[member.id]
        ),
        user=owner,
        actor=SYSTEM,
    )
    amendment = amendments.propose(
        session=db,
        draft=draft,
        data=AmendmentCreate(
            instrument_id=law.id,
            kind="replace_text",
            provision_id=provision.provision_id,
            text="A new wording.",
        ),
        user=member,
        actor=SYSTEM,
    )
    comment = comments.create(
        session=db, draft=draft, data=CommentCreate(body="Why?"), user=reviewer, actor=SYSTEM
    )
    meeting = meetings.create(
        session=db,
        draft=draft,
        data=MeetingCreate(title="First meeting", held_on="2026-01-10"),
        user=reviewer,
        actor=SYSTEM,
    )
    load_crc(db)
    link = alignments.create(
        session=db,
        actor=SYSTEM,
        provision_id=provision.provision_id,
        framework="CRC",
        article="3",
        relation="implements",
    )
    obligation = obligations_tracking.create(
        session=db,
        instrument=law,
        provision=provision.provision_id,
        body="Cabinet of Ministers",
        description="",
        due_date=None,
        actor=SYSTEM,
    )
    guest = _user(db, "guest-union", "guest")
    consulted = drafts.create_draft(
        session=db,
        data=DraftCreate(
            title="Consulted", targets=[TargetIn(instrument_id=law.id)], members=[member.id]
        ),
        user=owner,
        actor=SYSTEM,
    )
    consulted.stage = "consultation"
    db.flush()
    invited = consultation.invite(
        session=db,
        draft=consulted,
        person=owner,
        guest_id=guest.id,
        organisation="Disability Union",
        actor=SYSTEM,
    )
    said = consultation.comment(
        session=db,
        draft=consulted,
        person=guest,
        provision=provision.provision_id,
        body="Why?",
        actor=SYSTEM,
    )
    tokens = {role: accounts[role]["token"] for role in ("viewer", "reviewer", "admin")}
    tokens["guest"], _ = auth.create_token(session=db, user=guest, name="matrix", actor=SYSTEM)
    tokens["member"] = accounts["drafter"]["token"]
    tokens["outsider"], _ = auth.create_token(
        session=db, user=outsider, name="matrix", actor=SYSTEM
    )
    db.commit()
    return World(
        ids={
            "instrument_id": law.id,
            "other_law": laws[1][0].id,
            "other_id": laws[1][0].id,
            "number": 1,
            "at": "2021-06-01",
            "provision_id": provision.provision_id,
            "draft_id": draft.id,
            "amendment_id": amendment.id,
            "comment_id": comment.id,
            "meeting_id": meeting.id,
            "alignment_id": link.id,
            "obligation_id": obligation.id,
            "consulted_draft_id": consulted.id,
            "comment_id_consulted": said.id,
            "guest_id": guest.id,
            "invitation_id": invited.id,
            "token_id": 1,
            "user_id": owner.id,
            "code": "CRC",
        },
        tokens=tokens,
    )


UPLOADS = {
    "POST /drafts/{draft_id}/word-review": {
        "file": ("review.docx", b"not a Word document", "application/octet-stream")
    },
}
"""Operations that take a file: each gets one, so that what stops a caller is the access rules,
not a missing upload."""


IN_CONSULTATION = {"draft_id": "consulted_draft_id", "comment_id": "comment_id_consulted"}
"""The consultation's operations are called on the draft in consultation."""


def _id(world: World, operation: str, name: str) -> str:
    if "consultation" in operation:
        name = IN_CONSULTATION.get(name, name)
    return str(world.ids[name])


def operations(app) -> list[tuple[str, str]]:
    spec = app.openapi()
    return [
        (method.upper(), path.removeprefix("/api/v1"))
        for path, methods in spec["paths"].items()
        for method in methods
    ]


def test_every_operation_is_in_the_table(app):
    listed = {f"{method} {path}" for method, path in operations(app)}
    assert listed == set(EXPECTED)


def test_who_gets_past_the_access_rules(app, sessions, world):
    connection = sessions.kw["bind"]
    clients = {
        person: TestClient(app, headers={"If-Match": "*"} | world.bearer(person))
        for person in PEOPLE
    }
    wrong = []
    for method, path in operations(app):
        operation = f"{method} {path}"
        url = "/api/v1" + re.sub(r"\{(\w+)\}", lambda m, op=operation: _id(world, op, m[1]), path)
        for person, client in clients.items():
            undo = connection.begin_nested()
            if operation in UPLOADS:
                answer = client.request(method, url, files=UPLOADS[operation])
            else:
                answer = client.request(method, url, json=world.body(operation))
            undo.rollback()
            assert answer.status_code < 500, (operation, person, answer.text)
            passed = answer.status_code not in (401, 403)
            if passed != (person in EXPECTED[operation]):
                wrong.append(f"{operation} by {person}: {answer.status_code} {answer.text[:120]}")
    assert wrong == []
