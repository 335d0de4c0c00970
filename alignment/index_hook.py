"""The session hook that keeps the search index in step with the texts: after each flush it
notes what changed, before the commit it writes those texts' documents in the same
transaction, and a rollback forgets them. Every write path (API, pages, command line,
consolidation, migrations) is covered by construction; a crash leaves text and index as
they were.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from alignment.indexing import (
    amendment_documents,
    article_documents,
    instrument_documents,
    new_version_changes,
    recommendation_documents,
)
from alignment.search import SearchDocument, SearchIndex
from drafts.models import Instrument, Version
from drafts.packages.models import Amendment
from frameworks.models import Article, Recommendation

_CHANGES = "kanun.search.changes"


@dataclass
class Changes:
    """What the flushes of one transaction changed, by kind of text."""

    versions: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    instruments: set[int] = field(default_factory=set)
    amendments: set[int] = field(default_factory=set)
    removed_amendments: set[int] = field(default_factory=set)
    articles: set[int] = field(default_factory=set)
    recommendations: set[int] = field(default_factory=set)

    def __bool__(self) -> bool:
        return any(
            (self.versions, self.instruments, self.amendments, self.removed_amendments,
             self.articles, self.recommendations)
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Update:
    """What to do to the index: documents to write (replacing any of the same doc_id), and
    doc_ids to remove."""

    write: tuple[SearchDocument, ...]
    remove: frozenset[str]

    def apply(self, index: SearchIndex) -> None:
        if self.remove:
            index.delete(self.remove)
        if self.write:
            index.replace(self.write)


def update_for(session: Session, changes: Changes) -> Update:
    """The index update that brings it in step with `changes`, read inside the transaction."""
    write: list[SearchDocument] = []
    remove: set[str] = set()
    for instrument_id in sorted(changes.instruments):
        instrument = session.get(Instrument, instrument_id)
        write += instrument_documents(session, instrument)
    for instrument_id, numbers in sorted(changes.versions.items()):
        if instrument_id in changes.instruments:
            continue
        changed, gone = new_version_changes(
            session, session.get(Instrument, instrument_id), numbers
        )
        write += changed
        remove |= gone
    write += article_documents(session, changes.articles)
    write += recommendation_documents(session, changes.recommendations)
    write += amendment_documents(session, changes.amendments - changes.removed_amendments)
    remove |= {f"amendment:{i}" for i in changes.removed_amendments}
    return Update(tuple(write), frozenset(remove))


class Indexer:
    """Writes the search documents of what a transaction changed, inside it.

    `collect` (after each flush) notes what changed; `write` (before the commit) reads the
    documents and writes them in the same transaction; a rollback forgets them. A failure
    fails the commit: the text and its index are stored together or not at all.
    """

    def install(self, target: type[Session] | sessionmaker | Session = Session) -> None:
        for name, listener in (
            ("after_flush", self._after_flush),
            ("before_commit", self.write),
            ("after_rollback", self.discard),
        ):
            if not event.contains(target, name, listener):
                event.listen(target, name, listener)

    def collect(self, session: Session) -> None:
        changes: Changes = session.info.setdefault(_CHANGES, Changes())
        for obj in (*session.new, *session.dirty):
            _note(changes, obj, new=obj in session.new)
        for obj in session.deleted:
            if isinstance(obj, Amendment):
                changes.removed_amendments.add(obj.id)

    def write(self, session: Session) -> None:
        if not session.info.get(_CHANGES):
            return
        session.flush()
        changes = session.info.pop(_CHANGES, None)
        if changes:
            update_for(session, changes).apply(SearchIndex(session))

    def discard(self, session: Session) -> None:
        session.info.pop(_CHANGES, None)

    def _after_flush(self, session: Session, _context: object) -> None:
        self.collect(session)


def _note(changes: Changes, obj: object, *, new: bool) -> None:
    if isinstance(obj, Version) and new:
        changes.versions[obj.instrument_id].add(obj.number)
    elif isinstance(obj, Instrument) and inspect(obj).attrs.language.history.has_changes():
        changes.instruments.add(obj.id)
    elif isinstance(obj, Amendment):
        changes.amendments.add(obj.id)
    elif isinstance(obj, Article):
        changes.articles.add(obj.id)
    elif isinstance(obj, Recommendation):
        changes.recommendations.add(obj.id)


INDEXER = Indexer()


def install() -> None:
    """Keep the search index in step with every session of this process (idempotent)."""
    INDEXER.install(Session)


install()
