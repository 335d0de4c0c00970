"""What the page of one draft shows: stages, targets, amendments and their conflicts, meetings,
consolidation and comments, and which of its forms the signed-in person may use."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from fastapi import Request
from fastapi.responses import Response
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from api.auth import service as auth
from drafts import access, obligations_tracking, service
from drafts.db import utcnow
from drafts.models import Instrument, Version
from drafts.packages import amendments, comments, consolidation, meetings
from drafts.packages import service as drafts
from drafts.packages.models import Amendment, Comment, Draft, DraftTarget
from drafts.packages.stages import (
    BEFORE_ADOPTION,
    FINAL,
    STAGES,
    allowed_moves,
    version_status,
)
from drafts.tree import Node, walk
from drafts.users import User, names, names_by_username
from frontend import citing
from frontend.i18n import translate
from frontend.templating import render
from frontend.vocabulary import N_

LINEAR = tuple(stage for stage in STAGES if stage != "withdrawn")


@dataclass(frozen=True, slots=True)
class TargetView:
    """A draft target with its instrument, versions and the provisions of its base."""

    target: DraftTarget
    instrument: Instrument
    base: Version
    result: Version | None
    nodes: tuple[Node, ...]
    eids: dict[str, str]


def target_views(session: Session, draft: Draft) -> list[TargetView]:
    views = []
    for target in drafts.targets(session=session, draft=draft):
        base = session.get(Version, target.base_version_id)
        tree = service.read_tree(session=session, version=base)
        views.append(
            TargetView(
                target=target,
                instrument=session.get(Instrument, target.instrument_id),
                base=base,
                result=session.get(Version, target.result_version_id)
                if target.result_version_id
                else None,
                nodes=tree,
                eids={node.provision_id: node.eid for node in walk(tree) if node.provision_id},
            )
        )
    return views


@dataclass(slots=True)
class Thread:
    """A first comment and its replies; `resolvable` when the person may resolve or reopen it."""

    root: Comment
    replies: list[Comment] = field(default_factory=list)
    resolvable: bool = False


def threads(
    session: Session, draft: Draft, notes: list[Comment], user: User | None
) -> list[Thread]:
    """Comments grouped into threads under their first comment, oldest first."""
    by_id = {note.id: note for note in notes}
    found: dict[int, Thread] = {}
    for note in notes:
        root = note
        while root.parent_id is not None and root.parent_id in by_id:
            root = by_id[root.parent_id]
        thread = found.setdefault(root.id, Thread(root))
        if note is not root:
            thread.replies.append(note)
    rights = access.on_draft(session, user, draft)
    if rights.comment():
        for thread in found.values():
            thread.resolvable = bool(rights.resolve_comment(thread.root))
    return list(found.values())


def mention_names(session: Session, notes: list[Comment]) -> dict[str, str]:
    """User name → display name of everyone @mentioned in these comments."""
    return names_by_username(session, (user_id for note in notes for user_id in note.mentions))


def with_names(body: str, people: dict[str, str]) -> Markup:
    """A comment's text with each @mention of a known user shown as that person's name."""
    if not people:
        return escape(body)
    pattern = re.compile(
        r"@(" + "|".join(re.escape(name) for name in people) + r")(?![\w-])", re.IGNORECASE
    )
    parts = []
    last = 0
    for match in pattern.finditer(body):
        parts.append(escape(body[last : match.start()]))
        parts.append(
            Markup('<span class="mention" title="@{}">{}</span>').format(
                match.group(1), people[match.group(1).lower()]
            )
        )
        last = match.end()
    parts.append(escape(body[last:]))
    return Markup("").join(parts)


def comment_context(session: Session, draft: Draft, notes: list[Comment], user) -> dict:
    """What the comments partial needs: threads, authors' names and bodies with mentions."""
    people = mention_names(session, notes)
    return {
        "threads": threads(session, draft, notes, user),
        "authors": names(session, (note.author_id for note in notes)),
        "bodies": {note.id: with_names(note.body, people) for note in notes},
    }


def where(request: Request, amendment: Amendment, view: TargetView) -> str:
    """The provision an amendment acts on, as a citation in the page's language; for an insert,
    where it puts the new one ("after Article 8(2)")."""
    lang = getattr(request.state, "lang", "en")
    law = {"jurisdiction": view.instrument.jurisdiction, "language": view.instrument.language}
    if amendment.provision_id:
        eid = view.eids.get(amendment.provision_id)
        return citing.cite(eid, lang, **law) if eid else amendment.provision_id
    if amendment.anchor_id:
        eid = view.eids.get(amendment.anchor_id)
        if not eid:
            return amendment.anchor_id
        return citing.place(
            lambda message: translate(request, message), amendment.position or "", eid, lang, **law
        )
    return ""


CLASHES: dict[str, str] = {
    "same_provision": N_(
        "Amendments %(first)s and %(second)s both change the same provision: %(provision)s."
    ),
    "same_place": N_(
        "Amendments %(first)s and %(second)s both put provisions at the same place "
        "(%(provision)s), so their order there is not decided."
    ),
    "inside_deleted": N_(
        "Amendments %(first)s and %(second)s clash: one acts on %(provision)s, which the other "
        "deletes."
    ),
    "inside_moved": N_(
        "Amendments %(first)s and %(second)s clash: one acts on %(provision)s, which the other "
        "moves."
    ),
}


def clash_sentence(request: Request, conflict, view: TargetView | None) -> str:
    """A conflict between two amendments as a sentence in the page's language, with the
    provision concerned cited ("Article 6(3)", «часть 3 статьи 6»)."""
    lang = getattr(request.state, "lang", "en")
    eid = view.eids.get(conflict.provision_id or "") if view else None
    if eid and view is not None:
        law = {"jurisdiction": view.instrument.jurisdiction, "language": view.instrument.language}
        provision = citing.cite(eid, lang, **law)
    else:
        provision = translate(request, "the end of the text")
    sentence = CLASHES.get(conflict.reason)
    if sentence is None:
        return conflict.message
    return translate(request, sentence) % {
        "first": conflict.first,
        "second": conflict.second,
        "provision": provision,
    }


def stage_bar(draft: Draft, visited: set[str]) -> list[tuple[str, str]]:
    """Every stage with "done", "current" or "" for the ones still ahead."""
    if draft.stage in LINEAR:
        done = set(LINEAR[: LINEAR.index(draft.stage)])
    else:
        done = visited - {draft.stage}
    return [
        (stage, "current" if stage == draft.stage else "done" if stage in done else "")
        for stage in STAGES
    ]


def permissions(session: Session, draft: Draft, user: User | None) -> dict[str, bool]:
    """Which forms of the draft page the person may use; the services check again."""
    rights = access.on_draft(session, user, draft)
    open_ = draft.consolidated_at is None and draft.stage not in FINAL
    return {
        "edit": open_ and bool(rights.manage()),
        "propose": open_ and bool(rights.propose()) and draft.stage in BEFORE_ADOPTION,
        "meet": bool(rights.manage_meetings()),
        "consolidate": draft.consolidated_at is None
        and draft.stage != "withdrawn"
        and bool(rights.consolidate()),
        "comment": bool(rights.comment()),
    }


def target_obligations(session: Session, instrument_ids: list[int]) -> list:
    """The confirmed implementing acts the draft's target laws require."""
    found = obligations_tracking.views(
        session=session, today=utcnow().date(), draft_targets=instrument_ids
    )
    return [view for view in found if view.status is not None]


def show_draft(
    request: Request,
    session: Session,
    user: User | None,
    draft: Draft,
    *,
    failed: str = "",
    error: str = "",
    typed: dict | None = None,
    status: int = 200,
) -> Response:
    """The draft page; after a failed form, that form shows `error` and what was `typed`."""
    views = target_views(session, draft)
    by_target = {view.target.id: view for view in views}
    items = amendments.list_amendments(session=session, draft=draft)
    clashes = [
        replace(conflict, message=clash_sentence(request, conflict, by_target.get(group.target.id)))
        for group in amendments.draft_conflicts(session=session, draft=draft)
        for conflict in group.conflicts
    ]
    rivals: dict[int, list[int]] = {}
    for conflict in clashes:
        first, second = int(conflict.first), int(conflict.second)
        rivals.setdefault(first, []).append(second)
        rivals.setdefault(second, []).append(first)
    moves = drafts.timeline(session=session, draft=draft)
    members = drafts.member_ids(session=session, draft=draft)
    people, _ = auth.list_users(session=session, offset=0, limit=500)
    notes = comments.list_comments(session=session, draft_id=draft.id)
    rights = access.on_draft(session, user, draft)
    return render(
        request,
        "drafts/page.html",
        status_code=status,
        draft=draft,
        names=names(
            session,
            [draft.owner_id, *members, *(a.author_id for a in items), *(m.user_id for m in moves)],
        ),
        members=members,
        people=[p for p in people if p.is_active and p.id != draft.owner_id],
        stages=stage_bar(draft, {move.to_stage for move in moves}),
        moves=moves,
        next_stages=[to for to in allowed_moves(draft.stage) if rights.move(to)],
        consolidation_status=version_status(draft.stage),
        targets=views,
        obligations=target_obligations(session, [view.instrument.id for view in views]),
        amendments=[
            (a, by_target[a.target_id], where(request, a, by_target[a.target_id])) for a in items
        ],
        rivals=rivals,
        conflicts=clashes,
        meetings=meetings.list_meetings(session=session, draft=draft),
        drift=consolidation.drift(session=session, draft=draft),
        accepted=sum(1 for a in items if a.status == "accepted"),
        **comment_context(session, draft, notes, user),
        can=permissions(session, draft, user),
        days=drafts.days_in_stage(draft),
        failed=failed,
        error=error,
        typed=typed or {},
    )
