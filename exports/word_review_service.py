"""A reviewed Word document taken into a draft: what it would propose, or the amendments and
comment threads themselves.

The document is read and every proposal checked against the draft's base version before
anything is written, so that a file that cannot be read stores nothing; a proposal that cannot
apply on its own is listed as a problem and left out. Each amendment and comment is by the
Kanun user whose name is the Word author's (when that user may propose in the draft), else by
the person uploading; the Word author and date are kept with it either way. Services flush,
they never commit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts import access, amend, audit, service
from drafts.errors import InvalidInput
from drafts.models import Instrument, Version
from drafts.packages import amendments, comments
from drafts.packages.amendments import list_amendments, operation
from drafts.packages.models import Amendment, Comment, Draft, DraftTarget
from drafts.packages.schemas import AmendmentCreate, CommentCreate
from drafts.packages.service import check_open, target_for, targets
from drafts.tree import Node
from drafts.users import User
from exports.places import Places
from exports.versions import document_info
from exports.word_review import Placed, Proposal, Review, closest, read_reviewed, review

WORDS_SHOWN = 300
"""How much of a proposal's words a dry run shows."""


@dataclass(frozen=True, slots=True)
class Planned:
    """One amendment the document proposes, as a person reads it."""

    kind: str
    where: str
    """The provision it acts on, cited in the base text (or where new provisions go)."""
    words: str
    """The new text, heading or number, or the first words of what is inserted."""
    word_author: str
    word_date: datetime | None
    author: str
    """The Kanun user the amendment is proposed by."""
    fields: dict
    amendment_id: int | None = None


@dataclass(frozen=True, slots=True)
class Remarked:
    """One Word comment, as a thread on a provision (or on the draft)."""

    where: str
    text: str
    word_author: str
    word_date: datetime | None
    author: str
    reply: bool
    comment_id: int | None = None


@dataclass(frozen=True, slots=True)
class WordReview:
    dry_run: bool
    instrument_id: int
    tracked: bool
    """Whether the document had tracked changes (else it was compared as it stands)."""
    compared_with: str
    """"base" (the draft's base version) or "draft" (with its accepted amendments)."""
    proposals: tuple[Planned, ...]
    comments: tuple[Remarked, ...]
    problems: tuple[str, ...]


def review_word(
    *,
    session: Session,
    draft: Draft,
    data: bytes,
    filename: str,
    user: User,
    actor: audit.Actor,
    instrument_id: int | None = None,
    dry_run: bool = True,
) -> WordReview:
    """What a reviewed .docx proposes for one instrument of the draft; unless `dry_run`, the
    amendments and comment threads are stored."""
    access.on_draft(session, user, draft).propose().check()
    check_open(draft)
    target = _target(session, draft, instrument_id)
    instrument = session.get(Instrument, target.instrument_id)
    base_version = session.get(Version, target.base_version_id)
    base = service.read_tree(session=session, version=base_version)
    reviewed = read_reviewed(data, instrument.language)
    if not reviewed.new.nodes:
        raise InvalidInput(f"No provisions were found in {filename or 'the file'}.")
    drafted = _drafted(session, draft, target, base)
    chosen = closest((base, drafted), reviewed.new.nodes)
    reference = (base, drafted)[chosen]
    found = review(reference, reviewed)
    usable, problems, kept = _applicable(base, found)
    info = document_info(session=session, instrument=instrument, version=base_version)
    before, after = Places(reference, info), Places(reviewed.new.nodes, info)
    people = _people(session, draft, user)
    proposers = [people.who(p.author, user, proposing=True) for p in usable]
    writers = [people.who(c.comment.author, user, proposing=False) for c in found.comments]
    planned = [_planned(p, who, before, after) for p, who in zip(usable, proposers, strict=True)]
    remarks = [_remarked(c, who, after) for c, who in zip(found.comments, writers, strict=True)]
    if not dry_run:
        made = _propose(session, draft, target, actor, usable, proposers, filename)
        planned = [replace(p, amendment_id=a.id) for p, a in zip(planned, made, strict=True)]
        inserted = {key: made[value] for key, value in kept.items()}
        threads = _comment(session, draft, base_version, actor, found.comments, writers, inserted)
        remarks = [replace(r, comment_id=c.id) for r, c in zip(remarks, threads, strict=True)]
    return WordReview(
        dry_run=dry_run,
        instrument_id=instrument.id,
        tracked=reviewed.tracked,
        compared_with=("base", "draft")[chosen],
        proposals=tuple(planned),
        comments=tuple(remarks),
        problems=problems,
    )


def _target(session: Session, draft: Draft, instrument_id: int | None) -> DraftTarget:
    if instrument_id is not None:
        return target_for(session=session, draft=draft, instrument_id=instrument_id)
    found = targets(session=session, draft=draft)
    if len(found) != 1:
        problem = "amends no instrument yet" if not found else f"amends {len(found)} instruments"
        raise InvalidInput(
            f"The draft {problem}; name the instrument the document is about.",
            errors=[{"field": "instrument_id", "message": "name the instrument"}],
        )
    return found[0]


def _drafted(
    session: Session, draft: Draft, target: DraftTarget, base: tuple[Node, ...]
) -> tuple[Node, ...]:
    """The base text with the draft's accepted amendments applied (the base when they clash)."""
    accepted = [
        a
        for a in list_amendments(session=session, draft=draft, status="accepted")
        if a.target_id == target.id
    ]
    try:
        return amend.apply(base, [operation(a) for a in accepted])
    except amend.AmendmentError:
        return base


def _applicable(
    base: tuple[Node, ...], found: Review
) -> tuple[list[Proposal], tuple[str, ...], dict[int, int]]:
    """The proposals that apply to the base version on their own, why the others do not, and
    where each proposal kept now stands among them."""
    usable, problems, kept = [], list(found.problems), {}
    for index, proposal in enumerate(found.proposals, 1):
        try:
            change = amend.operation_of(proposal, key=f"{index} of the document")
            amend.preview(base, change)
        except amend.AmendmentError as error:
            problems.append(error.detail)
            continue
        kept[index - 1] = len(usable)
        usable.append(proposal)
    return usable, tuple(problems), kept


class _People:
    """Kanun users by the names Word knows them by, and who may propose in the draft."""

    def __init__(self, users: list[User], proposers: set[int]) -> None:
        self.by_name: dict[str, User] = {}
        for person in users:
            for name in (person.username, person.display_name):
                if name and person.is_active:
                    self.by_name.setdefault(name.casefold().strip(), person)
        self.proposers = proposers

    def who(self, word_author: str, fallback: User, *, proposing: bool) -> User:
        """The user named `word_author` (for a proposal, one who may propose), else `fallback`."""
        found = self.by_name.get(word_author.casefold().strip()) if word_author else None
        if found is None or (proposing and found.id not in self.proposers):
            return fallback
        return found


def _people(session: Session, draft: Draft, user: User) -> _People:
    everyone = list(session.scalars(select(User)))
    proposers = {
        person.id for person in everyone if access.on_draft(session, person, draft).propose()
    }
    return _People(everyone, proposers)


def _planned(proposal: Proposal, author: User, before: Places, after: Places) -> Planned:
    where = before.cite(proposal.old_eid) if proposal.old_eid else after.cite(proposal.new_eid)
    words = proposal.text or proposal.heading or proposal.num or ""
    if proposal.nodes:
        first = proposal.nodes[0]
        words = " ".join(part for part in (first.num, first.heading, first.text) if part)
    return Planned(
        kind=proposal.kind,
        where=where,
        words=words[:WORDS_SHOWN],
        word_author=proposal.author,
        word_date=proposal.date,
        author=author.name,
        fields=proposal.fields(),
    )


def _remarked(placed: Placed, author: User, after: Places) -> Remarked:
    comment = placed.comment
    return Remarked(
        where=after.cite(placed.new_eid) if placed.new_eid else "",
        text=comment.text,
        word_author=comment.author,
        word_date=comment.date,
        author=author.name,
        reply=comment.parent is not None,
    )


def _propose(
    session: Session,
    draft: Draft,
    target: DraftTarget,
    actor: audit.Actor,
    usable: list[Proposal],
    proposers: list[User],
    filename: str,
) -> list[Amendment]:
    made = []
    source = filename or "a Word document"
    for proposal, author in zip(usable, proposers, strict=True):
        by = f", a tracked change by {proposal.author}" if proposal.author else ""
        data = AmendmentCreate(
            instrument_id=target.instrument_id, rationale=f"From {source}{by}.", **proposal.fields()
        )
        amendment = amendments.propose(
            session=session, draft=draft, data=data, user=author, actor=actor
        )
        amendment.word_author = proposal.author
        amendment.word_date = proposal.date
        made.append(amendment)
    session.flush()
    return made


def _comment(
    session: Session,
    draft: Draft,
    version: Version,
    actor: audit.Actor,
    found: tuple[Placed, ...],
    writers: list[User],
    inserted: dict[int, Amendment],
) -> list[Comment]:
    """Each Word comment as a comment: a reply under the one it answers, a comment on a
    provision the document inserts on that amendment, others on their provision."""
    stored: list[Comment] = []
    by_word_id: dict[str, Comment] = {}
    for placed, author in zip(found, writers, strict=True):
        comment = placed.comment
        fields: dict = {"body": comment.text}
        parent = by_word_id.get(comment.parent or "")
        if parent is not None:
            fields["parent_id"] = parent.id
        elif placed.proposal in inserted:
            fields["amendment_id"] = inserted[placed.proposal].id
        elif placed.provision_id:
            fields.update(
                provision_id=placed.provision_id,
                instrument_id=version.instrument_id,
                version=version.number,
            )
        written = comments.create(
            session=session, draft=draft, data=CommentCreate(**fields), user=author, actor=actor
        )
        written.word_author = comment.author
        written.word_date = comment.date
        by_word_id[comment.id] = written
        stored.append(written)
    session.flush()
    return stored
