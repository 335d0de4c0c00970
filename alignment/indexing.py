"""The search index's documents, read from the database, and a full rebuild. What a
transaction changed is written by the session hook in `alignment.index_hook`, before it commits,
so the index is always the texts'.

A provision's revision is indexed once per stretch in which it stays: a run of consecutive
versions that show it (a revision that leaves the text and returns in a later version gets
one document per run), cut again where the days on which those versions were in force stop
being one unbroken span (a repeal in between). The document's version range is the run,
its date range the days on which one of the run's versions was the text in force, by the
same reading as `drafts.service.version_as_at`. A run never in force (drafts only) gets
`NEVER_IN_FORCE` as its start, so no as-at filter finds it.

"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

from sqlalchemy import select
from sqlalchemy.orm import Session

from alignment.search import SearchDocument, SearchIndex
from alignment.search_analysis import LANGUAGES
from drafts import store
from drafts.models import Instrument, Revision, Version
from drafts.packages.models import Amendment, DraftTarget
from frameworks.models import Article, Framework, Recommendation, RecommendationSet

NEVER_IN_FORCE = date.max
"""`valid_from` of a revision that was never in force: its days start at the end of time."""
BATCH = 5_000
IN_CLAUSE = 500
FALLBACK_LANGUAGE = "en"
"""Texts in a language the index has no analyzer for are indexed with the English one."""


@dataclass(frozen=True, slots=True)
class VersionFacts:
    number: int
    status: str
    effective_date: date | None


def index_language(code: str) -> str:
    return code if code in LANGUAGES else FALLBACK_LANGUAGE


def in_force_days(versions: Iterable[VersionFacts]) -> dict[int, tuple[date, date | None]]:
    """Version number → the half-open span of days on which it was the text in force."""
    timeline = sorted(
        (v for v in versions if v.status in ("in_force", "repealed") and v.effective_date),
        key=lambda v: (v.effective_date, v.number),
    )
    days: dict[int, tuple[date, date | None]] = {}
    for i, version in enumerate(timeline, 1):
        end = timeline[i].effective_date if i < len(timeline) else None
        if version.status == "in_force" and end != version.effective_date:
            days[version.number] = (version.effective_date, end)
    return days


@dataclass(frozen=True, slots=True)
class Stretch:
    """Versions [first, end) of one revision, with their days in force [since, until)."""

    first: int
    end: int | None
    since: date | None
    until: date | None
    status: str


def stretches(
    numbers: Iterable[int], *, latest: int, versions: dict[int, VersionFacts]
) -> list[Stretch]:
    """The stretches of a revision shown by the versions `numbers` of an instrument whose
    newest version is `latest`."""
    days = in_force_days(versions[n] for n in versions if n <= latest)
    found: list[Stretch] = []
    first = previous = 0
    span: tuple[date, date | None] | None = None
    for number in sorted(numbers):
        if first and number == previous + 1 and (joined := _joined(span, days.get(number))):
            span = joined[0]
        else:
            if first:
                found.append(_stretch(first, previous + 1, span, versions[previous].status))
            first, span = number, days.get(number)
        previous = number
    if first:
        end = previous + 1 if previous < latest else None
        found.append(_stretch(first, end, span, versions[previous].status))
    return found


Span = tuple[date, date | None]


def _joined(span: Span | None, more: Span | None) -> tuple[Span | None] | None:
    """The two spans of days as one (in a 1-tuple), or None when there is a gap between."""
    if span is None or more is None:
        return (span or more,)
    if more[0] == span[1]:
        return ((span[0], more[1]),)
    if more[1] == span[0]:
        return ((more[0], span[1]),)
    return None


def _stretch(first: int, end: int | None, span: Span | None, status: str) -> Stretch:
    since, until = span if span else (NEVER_IN_FORCE, None)
    return Stretch(first, end, since, until, status)


def revision_documents(
    revision: Revision,
    *,
    shown: dict[int, str],
    instrument_id: int,
    language: str,
    latest: int,
    versions: dict[int, VersionFacts],
) -> list[SearchDocument]:
    """The documents of one revision, given its eId in each version number that shows it."""
    eid = shown[max(shown)]
    title = " ".join(part for part in (revision.num, revision.heading) if part)
    return [
        SearchDocument(
            doc_id=f"revision:{revision.id}:{stretch.first}",
            type="provision",
            language=language,
            title=title,
            text=revision.text,
            instrument_id=str(instrument_id),
            version_from=stretch.first,
            version_to=stretch.end,
            valid_from=stretch.since,
            valid_to=stretch.until,
            status=stretch.status,
            eid=eid,
            provision_id=revision.provision_id,
        )
        for stretch in stretches(shown, latest=latest, versions=versions)
    ]


def instrument_documents(
    session: Session, instrument: Instrument, *, revision_ids: Iterable[int] | None = None
) -> Iterator[SearchDocument]:
    """The documents of an instrument's revisions (all of them, or those given)."""
    versions = _versions(session, instrument.id)
    if versions:
        yield from _documents(session, instrument, versions, max(versions), revision_ids)


def _documents(session, instrument, versions, latest, revision_ids) -> Iterator[SearchDocument]:
    language = index_language(instrument.language)
    shown = _shown(session, instrument.id, latest, revision_ids)
    for revision in _revisions(session, shown):
        yield from revision_documents(
            revision,
            shown=shown[revision.id],
            instrument_id=instrument.id,
            language=language,
            latest=latest,
            versions=versions,
        )


def _versions(session: Session, instrument_id: int) -> dict[int, VersionFacts]:
    rows = session.execute(
        select(Version.number, Version.status, Version.effective_date).where(
            Version.instrument_id == instrument_id
        )
    )
    return {number: VersionFacts(number, status, day) for number, status, day in rows}


def _shown(session, instrument_id, latest, revision_ids) -> dict[int, dict[int, str]]:
    """Revision id → version number → eId, for versions up to `latest`."""
    shown: dict[int, dict[int, str]] = defaultdict(dict)
    for revision_id, number, eid in store.shown(session, instrument_id, latest, revision_ids):
        shown[revision_id][number] = eid
    return shown


def _revisions(session, shown) -> Iterator[Revision]:
    """The revisions `shown` names, by their primary key: they come from the version nodes of
    the instrument's own versions. (Joining the instrument's provisions here made the engine read
    every revision of the instrument once per chunk: storing a large law took minutes.)"""
    for chunk in _chunks(sorted(shown)):
        yield from session.scalars(
            select(Revision).where(Revision.id.in_(chunk)).order_by(Revision.id)
        )


def _chunks(items: list) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, IN_CLAUSE)):
        yield chunk


def new_version_changes(
    session: Session, instrument: Instrument, numbers: set[int]
) -> tuple[list[SearchDocument], set[str]]:
    """(documents to write, doc_ids to remove) after the versions `numbers` were added."""
    versions = _versions(session, instrument.id)
    before = min(numbers) - 1
    old_days = in_force_days(v for n, v in versions.items() if n <= before)
    new_days = in_force_days(versions.values())
    touched = {n for n in versions if n in numbers or n == before}
    touched |= {n for n in old_days.keys() | new_days.keys() if old_days.get(n) != new_days.get(n)}
    revision_ids = store.revisions_in(session, instrument.id, touched)
    latest = max(versions)
    after = {d.doc_id: d for d in _documents(session, instrument, versions, latest, revision_ids)}
    old: dict[str, SearchDocument] = {}
    if before:
        old = {d.doc_id: d for d in _documents(session, instrument, versions, before, revision_ids)}
    changed = [doc for doc_id, doc in after.items() if old.get(doc_id) != doc]
    return changed, old.keys() - after.keys()


def article_document(article: Article, framework: Framework) -> SearchDocument:
    label = f"{framework.code}:{article.number}"
    heading = article.title or article.topic
    extra = article.topic if article.title and article.topic != article.title else ""
    return SearchDocument(
        doc_id=f"article:{label}",
        type="article",
        language="en",
        title=f"{framework.code} article {article.number}: {heading}".rstrip(": "),
        text="\n".join(part for part in (article.text, extra) if part),
        framework=framework.code,
        article=label,
    )


def recommendation_document(rec: Recommendation, rec_set: RecommendationSet) -> SearchDocument:
    frameworks = {article.framework.code for article in rec.articles}
    labels = [f"{a.framework.code}:{a.number}" for a in rec.articles]
    return SearchDocument(
        doc_id=f"recommendation:{rec.id}",
        type="recommendation",
        language="en",
        title=f"{rec_set.code} {rec.number}",
        text=rec.text,
        status=rec.response or None,
        framework=frameworks.pop() if len(frameworks) == 1 else None,
        article=labels[0] if len(labels) == 1 else None,
    )


def amendment_document(amendment: Amendment, instrument: Instrument) -> SearchDocument:
    inserted = [part for node in amendment.nodes for part in _node_words(node)]
    words = [amendment.heading or "", amendment.text or "", *inserted, amendment.rationale]
    return SearchDocument(
        doc_id=f"amendment:{amendment.id}",
        type="amendment",
        language=index_language(instrument.language),
        title=f"Amendment {amendment.id} ({amendment.kind.replace('_', ' ')})",
        text="\n".join(word for word in words if word),
        instrument_id=str(instrument.id),
        status=amendment.status,
        provision_id=amendment.provision_id or amendment.anchor_id,
    )


def _node_words(node: dict) -> Iterator[str]:
    for name in ("num", "heading", "text"):
        if node.get(name):
            yield node[name]
    for child in node.get("children") or ():
        yield from _node_words(child)


def article_documents(
    session: Session, ids: Iterable[int] | None = None
) -> Iterator[SearchDocument]:
    query = select(Article, Framework).join(Framework).order_by(Article.id)
    for chunk in [None] if ids is None else _chunks(sorted(set(ids))):
        narrowed = query if chunk is None else query.where(Article.id.in_(chunk))
        for article, framework in session.execute(narrowed):
            yield article_document(article, framework)


def recommendation_documents(
    session: Session, ids: Iterable[int] | None = None
) -> Iterator[SearchDocument]:
    query = select(Recommendation, RecommendationSet).join(RecommendationSet)
    for chunk in [None] if ids is None else _chunks(sorted(set(ids))):
        narrowed = query if chunk is None else query.where(Recommendation.id.in_(chunk))
        for rec, rec_set in session.execute(narrowed.order_by(Recommendation.id)):
            yield recommendation_document(rec, rec_set)


def amendment_documents(
    session: Session, ids: Iterable[int] | None = None
) -> Iterator[SearchDocument]:
    query = (
        select(Amendment, Instrument)
        .join(DraftTarget, DraftTarget.id == Amendment.target_id)
        .join(Instrument, Instrument.id == DraftTarget.instrument_id)
    )
    for chunk in [None] if ids is None else _chunks(sorted(set(ids))):
        narrowed = query if chunk is None else query.where(Amendment.id.in_(chunk))
        for amendment, instrument in session.execute(narrowed.order_by(Amendment.id)):
            yield amendment_document(amendment, instrument)


def database_documents(session: Session) -> Iterator[SearchDocument]:
    """Every document the database implies."""
    for instrument in session.scalars(select(Instrument).order_by(Instrument.id)):
        yield from instrument_documents(session, instrument)
    yield from article_documents(session)
    yield from recommendation_documents(session)
    yield from amendment_documents(session)


def rebuild(session: Session, *, batch: int = BATCH) -> int:
    """Empty the index and fill it from the database, `batch` documents at a time."""
    index = SearchIndex(session)
    index.clear()
    documents = database_documents(session)
    total = 0
    while chunk := list(islice(documents, batch)):
        total += index.add(chunk)
    return total


def recommendation_numbers(
    session: Session, documents: Iterable[SearchDocument]
) -> dict[int, tuple[str, str]]:
    """Recommendation id → (its set's code, its number), for the recommendations among
    `documents`."""
    ids = [int(d.doc_id.partition(":")[2]) for d in documents if d.type == "recommendation"]
    if not ids:
        return {}
    rows = session.execute(
        select(Recommendation.id, RecommendationSet.code, Recommendation.number)
        .join(RecommendationSet)
        .where(Recommendation.id.in_(ids))
    )
    return {rec_id: (code, number) for rec_id, code, number in rows}
