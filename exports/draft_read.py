"""What the documents of a draft show, read from the database in one place.

For each target instrument: the text before (the base version, or the version a
consolidation was applied to) and after (the consolidated version, or else the accepted
amendments applied in memory, which is a draft), the diff of the two, and the amendments
behind each changed provision. Also the open comment threads and the coverage of each
loaded framework before and after the draft. The builders take this data and never read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from alignment.draft_coverage import DraftCoverage, draft_coverage
from drafts import amend, diff, service, users
from drafts.amend import Outline
from drafts.db import utcnow
from drafts.models import Instrument, Version
from drafts.packages.amendments import list_amendments, operation
from drafts.packages.comments import list_comments
from drafts.packages.models import Amendment, Comment, Draft, DraftTarget
from drafts.packages.service import targets
from drafts.tree import Node, normalize
from exports.furniture import words
from exports.info import DocumentInfo, Edition
from exports.versions import document_info
from frameworks import service as frameworks

TREATIES = ("CRC", "CRPD", "CEDAW")
"""The shipped treaties, in the order the annex shows them (any other framework follows)."""
SPREAD = ("delete", "move")
"""Kinds whose amendment stands behind every provision inside the one it names."""


@dataclass(frozen=True, slots=True)
class Source:
    """An amendment as the documents cite it."""

    id: int
    author: str
    when: datetime
    rationale: str
    references: str
    """'CRC 2, 12; CEDAW 5', or empty."""

    def describe(self, language: str = "en") -> str:
        said = words(language)
        rationale = self.rationale or said("no_rationale")
        lines = [said("amendment", id=self.id, author=self.author, rationale=rationale)]
        if self.references:
            lines.append(said("references", references=self.references))
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class TargetText:
    """One instrument of the draft before and after its accepted amendments."""

    instrument_id: int
    before: DocumentInfo
    after: DocumentInfo
    old: tuple[Node, ...]
    new: tuple[Node, ...]
    changes: diff.Diff
    sources: dict[str, tuple[Source, ...]]
    """The amendments behind a provision, by provision id (or eId, for one not stored)."""

    def rationale(self) -> dict[str, str]:
        """The third column of the comparative table, by provision id or eId."""
        return rationale_column(self.sources, self.after.language)

    def changes_by(self) -> dict[str, tuple[str, datetime]]:
        """Author and time of the changes that come from one amendment."""
        return {
            key: (found[0].author, found[0].when)
            for key, found in self.sources.items()
            if len(found) == 1
        }


@dataclass(frozen=True, slots=True)
class Remark:
    author: str
    at: datetime
    body: str


@dataclass(frozen=True, slots=True)
class Thread:
    """An unresolved comment and its replies, with what it is about."""

    about: str
    remarks: tuple[Remark, ...]


@dataclass(frozen=True, slots=True)
class Annexed:
    """A framework's title and the draft's coverage of it."""

    title: str
    coverage: DraftCoverage


@dataclass(frozen=True, slots=True)
class DraftDocuments:
    """A draft as its documents show it."""

    id: int
    title: str
    description: str
    stage: str
    owner: str
    when: datetime
    """The time the documents speak from: the consolidation, else the latest decision."""
    targets: tuple[TargetText, ...]
    threads: tuple[Thread, ...] = ()
    annex: tuple[Annexed, ...] = ()

    @property
    def language(self) -> str:
        return self.targets[0].after.language if self.targets else "en"


def read_draft(
    *, session: Session, draft: Draft, threads: bool = True, annex: bool = True
) -> DraftDocuments:
    """Everything the draft's documents show; the comments and the annex only when asked."""
    accepted = list_amendments(session=session, draft=draft, status="accepted")
    names = users.names(session, [draft.owner_id, *(a.author_id for a in accepted)])
    texts = tuple(
        _target(session, draft, target, [a for a in accepted if a.target_id == target.id], names)
        for target in targets(session=session, draft=draft)
    )
    decided = [a.decided_at for a in accepted if a.decided_at]
    return DraftDocuments(
        id=draft.id,
        title=draft.title,
        description=draft.description,
        stage=draft.stage,
        owner=names.get(draft.owner_id, ""),
        when=draft.consolidated_at or max(decided, default=draft.updated_at),
        targets=texts,
        threads=_threads(session, draft, texts) if threads else (),
        annex=_annex(session, draft) if annex else (),
    )


def _target(
    session: Session,
    draft: Draft,
    target: DraftTarget,
    mine: list[Amendment],
    names: dict[int, str],
) -> TargetText:
    instrument = session.get(Instrument, target.instrument_id)
    result = session.get(Version, target.result_version_id) if target.result_version_id else None
    base = session.get(Version, result.parent_id if result else target.base_version_id)
    before = document_info(session=session, instrument=instrument, version=base)
    old = service.read_tree(session=session, version=base)
    if result is not None:
        after = document_info(session=session, instrument=instrument, version=result)
        new = service.read_tree(session=session, version=result)
    else:
        latest = service.latest_version(session=session, instrument=instrument)
        proposed = Edition(
            number=latest.number + 1,
            status="draft",
            created=utcnow().date(),
            label=f"As proposed by draft {draft.id}",
        )
        after = replace(before, edition=proposed, history=(*before.history, proposed))
        new = amend.apply(old, [operation(a) for a in mine])
    cited = {a.id: _source(a, names) for a in mine}
    return TargetText(
        instrument.id,
        before,
        after,
        old,
        new,
        diff.compare(old, new),
        _sources(mine, cited, old, new),
    )


def rationale_column(sources: dict[str, tuple[Source, ...]], language: str) -> dict[str, str]:
    """The rationale and treaty references of the amendments behind each provision."""
    return {
        key: "\n\n".join(source.describe(language) for source in found)
        for key, found in sources.items()
    }


def version_rationale(*, session: Session, version: Version, language: str) -> dict[str, str]:
    """The rationale column for a version a draft's consolidation produced (else empty): the
    amendments consolidated into it, behind the provisions they changed."""
    mine = list(
        session.scalars(
            select(Amendment)
            .where(Amendment.consolidated_version_id == version.id)
            .order_by(Amendment.id)
        )
    )
    if not mine or version.parent_id is None:
        return {}
    names = users.names(session, [a.author_id for a in mine])
    base = session.get(Version, version.parent_id)
    old = service.read_tree(session=session, version=base)
    new = service.read_tree(session=session, version=version)
    cited = {a.id: _source(a, names) for a in mine}
    return rationale_column(_sources(mine, cited, old, new), language)


def _source(amendment: Amendment, names: dict[int, str]) -> Source:
    references = "; ".join(
        f"{ref['framework']} {', '.join(map(str, ref['articles']))}"
        for ref in amendment.treaty_refs
    )
    return Source(
        id=amendment.id,
        author=names.get(amendment.author_id, ""),
        when=amendment.decided_at or amendment.updated_at,
        rationale=amendment.rationale,
        references=references,
    )


def _sources(
    mine: list[Amendment],
    cited: dict[int, Source],
    old: tuple[Node, ...],
    new: tuple[Node, ...],
) -> dict[str, tuple[Source, ...]]:
    """Provision id (or eId) → the amendments behind it.

    An amendment stands behind the provision it names (and, deleting or moving it, behind
    everything inside); an insertion behind the provisions it put in, recognised in the
    new text as the new provisions whose wording is the one it inserts.
    """
    found: dict[str, list[Source]] = {}
    outline = Outline(old)
    inserted: dict[tuple, list[Source]] = {}
    for amendment in mine:
        if amendment.kind == "insert":
            for node in operation(amendment).nodes:
                inserted.setdefault(_wording(node), []).append(cited[amendment.id])
            continue
        named = outline.nodes.get(amendment.provision_id)
        if named is None:
            continue
        for node in named.walk() if amendment.kind in SPREAD else (named,):
            found.setdefault(node.provision_id, []).append(cited[amendment.id])
    known = set(outline.nodes)
    for root in _new_roots(new, known):
        waiting = inserted.get(_wording(root))
        if waiting:
            source = waiting.pop(0)
            for node in root.walk():
                found.setdefault(node.provision_id or node.eid, []).append(source)
    return {key: tuple(sources) for key, sources in found.items()}


def _wording(node: Node) -> tuple[str, str, str, str]:
    node = normalize(node)
    return node.kind, node.num, node.heading, node.text


def _new_roots(nodes: tuple[Node, ...], known: set[str]) -> list[Node]:
    """The outermost provisions of `nodes` that are not among the `known` ones."""
    found = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if node.provision_id in known:
            stack.extend(reversed(node.children))
        else:
            found.append(node)
    return found


def _threads(session: Session, draft: Draft, texts: tuple[TargetText, ...]) -> tuple[Thread, ...]:
    """The unresolved threads of the draft, oldest first, each with its replies in order."""
    comments = list_comments(session=session, draft_id=draft.id)
    by_id = {comment.id: comment for comment in comments}
    grouped: dict[int, list[Comment]] = {}
    for comment in comments:
        root = comment
        while root.parent_id in by_id:
            root = by_id[root.parent_id]
        grouped.setdefault(root.id, []).append(comment)
    open_roots = [by_id[root] for root in grouped if by_id[root].resolved_at is None]
    names = users.names(session, [c.author_id for root in open_roots for c in grouped[root.id]])
    outlines = [Outline(tree) for text in texts for tree in (text.old, text.new)]
    return tuple(
        Thread(
            _about(root, outlines),
            tuple(
                Remark(names.get(c.author_id, ""), c.created_at, c.body) for c in grouped[root.id]
            ),
        )
        for root in open_roots
    )


def _about(comment: Comment, outlines: list[Outline]) -> str:
    if comment.amendment_id is not None:
        return f"Amendment {comment.amendment_id}"
    if comment.provision_id is None:
        return "The draft as a whole"
    outline = next((o for o in outlines if comment.provision_id in o.nodes), None)
    return outline.name(comment.provision_id) if outline else comment.eid


def _annex(session: Session, draft: Draft) -> tuple[Annexed, ...]:
    """The draft's coverage of every loaded framework that has articles."""
    loaded = [f for f, articles in frameworks.list_frameworks(session=session) if articles]
    loaded.sort(
        key=lambda f: (TREATIES.index(f.code) if f.code in TREATIES else len(TREATIES), f.code)
    )
    return tuple(
        Annexed(framework.title, draft_coverage(session=session, draft=draft, framework=framework))
        for framework in loaded
    )
