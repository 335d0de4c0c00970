"""How far laws cover a treaty: each article's status, the provisions behind it, and the gaps.

An article's status comes from the confirmed links on provisions present in the text read,
in this order of precedence (the first that applies wins):

    conflict    a confirmed `conflicts_with` link, whatever else there is
    covered     a confirmed `implements` link
    partial     a confirmed `partially_implements` link
    referenced  a confirmed `references` link
    gap         nothing confirmed

Suggested links are listed with each article but never count. The coverage percentage is the
share of the framework's articles that are covered or partial. Procedural articles (a treaty's
committee, reports and ratification) are left out of both unless asked for, since no provision
of a law implements them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from alignment import recheck
from alignment.models import Alignment
from drafts import service
from drafts.amend import Outline
from drafts.errors import NotFound
from drafts.models import Instrument, Revision, Version
from drafts.tree import Node, walk
from frameworks.models import Article, Framework

PRECEDENCE = ("conflict", "covered", "partial", "referenced", "gap")
STATUS_OF = {
    "conflicts_with": "conflict",
    "implements": "covered",
    "partially_implements": "partial",
    "references": "referenced",
}
COUNTED = ("covered", "partial")
"""The statuses that count towards the coverage percentage."""

Text = tuple[int, tuple[Node, ...]]
"""One instrument's provisions as read: (instrument id, tree)."""


@dataclass(frozen=True, slots=True)
class Backing:
    """A provision linked to an article, as it stands in the text read."""

    provision_id: str | None
    eid: str | None
    label: str
    relation: str
    status: str
    alignment_id: int | None = None
    amendment_id: int | None = None
    needs_recheck: bool = False


@dataclass(frozen=True, slots=True)
class ArticleStatus:
    number: str
    title: str | None
    status: str
    provisions: tuple[Backing, ...]
    suggested: tuple[Backing, ...]

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "title": self.title,
            "status": self.status,
            "provisions": [asdict(backing) for backing in self.provisions],
            "suggested": [asdict(backing) for backing in self.suggested],
        }


@dataclass(frozen=True, slots=True)
class Coverage:
    framework: str
    articles: tuple[ArticleStatus, ...]
    left_out: int = 0
    """Procedural articles not counted (0 when they were asked for)."""

    def summary(self) -> dict:
        counts = dict.fromkeys(PRECEDENCE, 0)
        for article in self.articles:
            counts[article.status] += 1
        total = len(self.articles)
        counted = sum(counts[status] for status in COUNTED)
        percent = round(100 * counted / total, 1) if total else 0.0
        return counts | {
            "articles": total,
            "coverage_percent": percent,
            "procedural_left_out": self.left_out,
        }

    def to_dict(self) -> dict:
        return {
            "framework": self.framework,
            "summary": self.summary(),
            "articles": [article.to_dict() for article in self.articles],
        }


def status_of(relations: Iterable[str]) -> str:
    """The article status that confirmed links of these relations give, by precedence."""
    found = {STATUS_OF[relation] for relation in relations}
    return next(status for status in PRECEDENCE if status in found or status == "gap")


def for_instrument(
    *,
    session: Session,
    instrument: Instrument,
    framework: Framework,
    number: int | None = None,
    as_at: date | None = None,
    procedural: bool = False,
) -> tuple[Version, Coverage]:
    """The coverage of one version (by number, in force on `as_at`, or else the latest);
    `procedural` counts the treaty's procedural articles too."""
    if number is not None:
        version = service.get_version(session=session, instrument=instrument, number=number)
    elif as_at is not None:
        version = service.version_as_at(session=session, instrument=instrument, at=as_at)
    else:
        version = service.latest_version(session=session, instrument=instrument)
        if version is None:
            raise NotFound(f"{instrument.title} has no version yet.")
    tree = service.read_tree(session=session, version=version)
    return version, evaluate(
        session=session,
        framework=framework,
        texts=[(instrument.id, tree)],
        procedural=procedural,
    )


def evaluate(
    *,
    session: Session,
    framework: Framework,
    texts: list[Text],
    extra: dict[int, list[Backing]] | None = None,
    procedural: bool = False,
) -> Coverage:
    """The coverage of a framework by the given texts; `extra` adds suggestions by article id,
    `procedural` counts the procedural articles too."""
    present: dict[str, tuple[Node, str]] = {}
    for _, tree in texts:
        outline = Outline(tree)
        present.update(
            (node.provision_id, (node, outline.name(node.provision_id)))
            for node in walk(tree)
            if node.provision_id
        )
    links = [
        link
        for link in session.scalars(
            select(Alignment)
            .join(Article, Article.id == Alignment.article_id)
            .where(
                Article.framework_id == framework.id,
                Alignment.instrument_id.in_([instrument_id for instrument_id, _ in texts]),
                Alignment.status.in_(("confirmed", "suggested")),
            )
            .order_by(Alignment.id)
        )
        if link.provision_id in present
    ]
    reviewed = _reviewed(session, links, present)
    backings: dict[int, list[Backing]] = {}
    for link in links:
        node, label = present[link.provision_id]
        backings.setdefault(link.article_id, []).append(
            Backing(
                provision_id=link.provision_id,
                eid=node.eid,
                label=label,
                relation=link.relation,
                status=link.status,
                alignment_id=link.id,
                amendment_id=link.amendment_id,
                needs_recheck=_changed(link, node, reviewed),
            )
        )
    articles = list(
        session.scalars(
            select(Article).where(Article.framework_id == framework.id).order_by(Article.position)
        )
    )
    counted = [article for article in articles if procedural or not article.procedural]
    return Coverage(
        framework=framework.code,
        articles=tuple(
            _article(article, backings.get(article.id, []) + (extra or {}).get(article.id, []))
            for article in counted
        ),
        left_out=len(articles) - len(counted),
    )


def _article(article: Article, backings: list[Backing]) -> ArticleStatus:
    confirmed = tuple(backing for backing in backings if backing.status == "confirmed")
    return ArticleStatus(
        number=article.number,
        title=article.title,
        status=status_of(backing.relation for backing in confirmed),
        provisions=confirmed,
        suggested=tuple(backing for backing in backings if backing.status == "suggested"),
    )


def _reviewed(
    session: Session, links: list[Alignment], present: dict[str, tuple[Node, str]]
) -> dict[int, Revision]:
    """The reviewed revisions of confirmed links whose provision shows another revision."""
    wanted = {
        link.reviewed_revision_id
        for link in links
        if link.status == "confirmed"
        and link.reviewed_revision_id is not None
        and present[link.provision_id][0].revision_id != link.reviewed_revision_id
    }
    if not wanted:
        return {}
    return {rev.id: rev for rev in session.scalars(select(Revision).where(Revision.id.in_(wanted)))}


def _changed(link: Alignment, node: Node, reviewed: dict[int, Revision]) -> bool:
    revision = reviewed.get(link.reviewed_revision_id)
    return revision is not None and recheck.redline(revision, node.heading, node.text) is not None


def to_csv(coverage: Coverage) -> str:
    """One row per article: its status, the provisions behind it and the suggested ones."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["framework", "article", "title", "status", "provisions", "suggested"])
    for article in coverage.articles:
        writer.writerow(
            [
                coverage.framework,
                article.number,
                article.title or "",
                article.status,
                cell(article.provisions),
                cell(article.suggested),
            ]
        )
    return out.getvalue()


def cell(backings: Iterable[Backing]) -> str:
    """Backings for one spreadsheet cell: 'Paragraph 2 of Article 5 (implements); …'."""
    return "; ".join(f"{backing.label} ({backing.relation})" for backing in backings)
