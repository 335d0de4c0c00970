"""What a draft does to a treaty's coverage: the coverage of its base versions, and of the
texts its amendments give (applied in memory, nothing stored).

After the amendments, links on provisions the draft deletes drop out, links on provisions it
rewords are flagged for a recheck, and the treaty references of its amendments count as
suggested links (never as confirmed ones). The recommendations it addresses are those linked to
the provisions its amendments act on.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from alignment.coverage import Backing, Coverage, Text, cell, evaluate
from alignment.models import Alignment
from alignment.service import TOUCHING, treaty_articles
from drafts import amend, service
from drafts.amend import Outline
from drafts.models import Version
from drafts.packages.amendments import list_amendments, operation
from drafts.packages.models import Amendment, Draft
from drafts.packages.service import targets
from frameworks.models import Framework, Recommendation, RecommendationSet


@dataclass(frozen=True, slots=True)
class DraftCoverage:
    draft_id: int
    include_proposed: bool
    before: Coverage
    after: Coverage
    recommendations: tuple[dict, ...]

    def changes(self) -> list[dict]:
        """Articles whose status the draft changes, or that its amendments refer to."""
        found = []
        for old, new in zip(self.before.articles, self.after.articles, strict=True):
            by = sorted({b.amendment_id for b in new.suggested if b.alignment_id is None})
            if old.status != new.status or by:
                found.append(
                    {
                        "number": new.number,
                        "title": new.title,
                        "before": old.status,
                        "after": new.status,
                        "suggested_by_amendments": by,
                    }
                )
        return found

    def to_dict(self) -> dict:
        return {
            "draft_id": self.draft_id,
            "framework": self.after.framework,
            "amendments": "proposed and accepted" if self.include_proposed else "accepted",
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "changes": self.changes(),
            "recommendations": list(self.recommendations),
        }


def draft_coverage(
    *,
    session: Session,
    draft: Draft,
    framework: Framework,
    include_proposed: bool = False,
    procedural: bool = False,
) -> DraftCoverage:
    """Coverage before and after the draft's accepted amendments (with `include_proposed`,
    every amendment neither rejected nor withdrawn); `procedural` counts the treaty's
    procedural articles too."""
    statuses = ("proposed", "accepted") if include_proposed else ("accepted",)
    chosen = [a for a in list_amendments(session=session, draft=draft) if a.status in statuses]
    before: list[Text] = []
    after: list[Text] = []
    suggested: dict[int, list[Backing]] = {}
    for target in targets(session=session, draft=draft):
        version = session.get(Version, target.base_version_id)
        base = service.read_tree(session=session, version=version)
        mine = [a for a in chosen if a.target_id == target.id]
        tree = amend.apply(base, [operation(a) for a in mine])
        before.append((target.instrument_id, base))
        after.append((target.instrument_id, tree))
        outlines = Outline(base), Outline(tree)
        for amendment in mine:
            backing = _suggestion(amendment, *outlines)
            if backing is None:
                continue
            for article in treaty_articles(session=session, refs=amendment.treaty_refs):
                suggested.setdefault(article.id, []).append(backing)
    return DraftCoverage(
        draft_id=draft.id,
        include_proposed=include_proposed,
        before=evaluate(session=session, framework=framework, texts=before, procedural=procedural),
        after=evaluate(
            session=session,
            framework=framework,
            texts=after,
            extra=suggested,
            procedural=procedural,
        ),
        recommendations=tuple(_recommendations(session, chosen)),
    )


def _suggestion(amendment: Amendment, base: Outline, after: Outline) -> Backing | None:
    """Where an amendment's treaty references point in the amended text."""
    if amendment.kind in TOUCHING:
        node = after.nodes.get(amendment.provision_id)
        if node is None:
            return None
        return Backing(
            provision_id=node.provision_id,
            eid=node.eid,
            label=after.name(node.provision_id),
            relation="implements",
            status="suggested",
            amendment_id=amendment.id,
        )
    if amendment.kind != "insert":
        return None
    anchor = base.name(amendment.anchor_id) if amendment.anchor_id else None
    return Backing(
        provision_id=None,
        eid=None,
        label=f"new provisions {operation(amendment).placement(anchor)}",
        relation="implements",
        status="suggested",
        amendment_id=amendment.id,
    )


def _recommendations(session: Session, amendments: list[Amendment]) -> list[dict]:
    """Recommendations linked (confirmed or suggested) to provisions the amendments act on."""
    acting: dict[str, list[int]] = {}
    for amendment in amendments:
        if amendment.provision_id:
            acting.setdefault(amendment.provision_id, []).append(amendment.id)
    if not acting:
        return []
    rows = session.execute(
        select(Alignment, Recommendation, RecommendationSet.code)
        .join(Recommendation, Recommendation.id == Alignment.recommendation_id)
        .join(RecommendationSet, RecommendationSet.id == Recommendation.set_id)
        .where(
            Alignment.provision_id.in_(list(acting)),
            Alignment.status.in_(("confirmed", "suggested")),
        )
        .order_by(RecommendationSet.code, Recommendation.position)
    )
    return [
        {
            "set": code,
            "number": recommendation.number,
            "text": recommendation.text,
            "provision_id": link.provision_id,
            "relation": link.relation,
            "status": link.status,
            "amendments": acting[link.provision_id],
        }
        for link, recommendation, code in rows
    ]


def to_csv(result: DraftCoverage) -> str:
    """One row per article: its status before and after the draft, and what lies behind it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["framework", "article", "title", "before", "after", "provisions_after", "suggested_after"]
    )
    for old, new in zip(result.before.articles, result.after.articles, strict=True):
        writer.writerow(
            [
                result.after.framework,
                new.number,
                new.title or "",
                old.status,
                new.status,
                cell(new.provisions),
                cell(new.suggested),
            ]
        )
    return out.getvalue()
