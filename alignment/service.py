"""Links between provisions and treaty articles or recommendations: create, read, list, update,
delete; and the links a draft's treaty references suggest when it is consolidated.

Services flush, they never commit. A confirmed link is never deleted, only rejected, so that
the record of what was reviewed stays.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alignment import recheck
from alignment.models import Alignment
from drafts import audit, service
from drafts.db import utcnow
from drafts.errors import Conflict, InvalidInput, NotFound
from drafts.models import Instrument, Provision, Version
from drafts.packages.models import Amendment, Draft
from drafts.tree import Node, from_dict, normalize, normalize_text, walk
from frameworks.models import Article, Framework, Recommendation, RecommendationSet

TOUCHING = ("replace_text", "replace_heading", "renumber", "move")
"""Amendment kinds whose treaty references are suggested on the provision they act on."""


def get(*, session: Session, alignment_id: int) -> Alignment:
    alignment = session.get(Alignment, alignment_id)
    if alignment is None:
        raise NotFound(f"There is no alignment with id {alignment_id}.")
    return alignment


def get_provision(*, session: Session, provision_id: str) -> Provision:
    provision = session.get(Provision, provision_id)
    if provision is None:
        raise NotFound(f"There is no provision {provision_id}.")
    return provision


def target_name(alignment: Alignment) -> str:
    """'CRC article 3' or 'recommendation 114.5'."""
    if alignment.article is not None:
        return f"{alignment.article.framework.code} article {alignment.article.number}"
    return f"recommendation {alignment.recommendation.number}"


def _target(
    session: Session,
    framework: str | None,
    article: str | None,
    recommendation_set: str | None,
    recommendation: str | None,
) -> tuple[Article | None, Recommendation | None]:
    if bool(framework and article) == bool(recommendation_set and recommendation):
        raise InvalidInput(
            "Link a provision to either a treaty article (framework and article) or a "
            "recommendation (recommendation_set and recommendation), not both or neither."
        )
    if framework and article:
        found = session.scalar(
            select(Article)
            .join(Framework, Framework.id == Article.framework_id)
            .where(Framework.code == framework, Article.number == article)
        )
        if found is None:
            raise InvalidInput(f"There is no article {article} in the framework {framework}.")
        return found, None
    found = session.scalar(
        select(Recommendation)
        .join(RecommendationSet, RecommendationSet.id == Recommendation.set_id)
        .where(
            RecommendationSet.code == recommendation_set,
            Recommendation.number == recommendation,
        )
    )
    if found is None:
        raise InvalidInput(
            f"There is no recommendation {recommendation} in the set {recommendation_set}."
        )
    return None, found


def _existing(
    session: Session, provision_id: str, article_id: int | None, rec_id: int | None
) -> Alignment | None:
    column, value = (
        (Alignment.article_id, article_id) if article_id else (Alignment.recommendation_id, rec_id)
    )
    return session.scalar(
        select(Alignment).where(Alignment.provision_id == provision_id, column == value)
    )


def create(
    *,
    session: Session,
    provision_id: str,
    relation: str,
    actor: audit.Actor,
    framework: str | None = None,
    article: str | None = None,
    recommendation_set: str | None = None,
    recommendation: str | None = None,
    status: str = "suggested",
    note: str = "",
) -> Alignment:
    """A manual link; a confirmed one records the provision's current wording as reviewed."""
    provision = get_provision(session=session, provision_id=provision_id)
    found, rec = _target(session, framework, article, recommendation_set, recommendation)
    alignment = Alignment(
        provision_id=provision.id,
        instrument_id=provision.instrument_id,
        article=found,
        recommendation=rec,
        relation=relation,
        status="suggested",
        note=normalize_text(note),
        author_id=actor.user_id,
    )
    twin = _existing(session, provision.id, found and found.id, rec and rec.id)
    if twin is not None:
        raise Conflict(
            f"Provision {provision.id} is already linked to {target_name(alignment)} "
            f"(alignment {twin.id})."
        )
    if status != "suggested":
        _decide(session, alignment, status, actor)
    session.add(alignment)
    session.flush()
    audit.record(
        session,
        actor,
        "alignment.create",
        "alignment",
        alignment.id,
        provision_id=alignment.provision_id,
        target=target_name(alignment),
        status=alignment.status,
    )
    return alignment


def _decide(session: Session, alignment: Alignment, status: str, actor: audit.Actor) -> None:
    if status == "confirmed":
        alignment.reviewed_revision_id = _current_revision(session, alignment, refuse=True)
    if status != "suggested":
        alignment.reviewed_by = actor.user_id
        alignment.reviewed_at = utcnow()
    alignment.status = status


def _current_revision(session: Session, alignment: Alignment, *, refuse: bool) -> int | None:
    instrument = session.get(Instrument, alignment.instrument_id)
    latest = service.latest_version(session=session, instrument=instrument)
    place = recheck.places(session, latest, [alignment.provision_id]).get(alignment.provision_id)
    if place is None and refuse:
        raise InvalidInput(
            f"Provision {alignment.provision_id} is not in the latest version of "
            f"{instrument.title}; a link to it cannot be confirmed."
        )
    return place.revision_id if place else alignment.reviewed_revision_id


def update(
    *,
    session: Session,
    alignment: Alignment,
    actor: audit.Actor,
    relation: str | None = None,
    status: str | None = None,
    note: str | None = None,
) -> Alignment:
    """Change what is given; a confirmed link records the current wording as reviewed."""
    changed = []
    if relation is not None and relation != alignment.relation:
        alignment.relation = relation
        changed.append("relation")
    if note is not None and normalize_text(note) != alignment.note:
        alignment.note = normalize_text(note)
        changed.append("note")
    if status is not None and (status != alignment.status or status == "confirmed"):
        _decide(session, alignment, status, actor)
        changed.append("status")
    elif changed and alignment.status == "confirmed":
        alignment.reviewed_revision_id = _current_revision(session, alignment, refuse=False)
    alignment.updated_at = utcnow()
    session.flush()
    audit.record(
        session,
        actor,
        "alignment.update",
        "alignment",
        alignment.id,
        fields=changed,
        status=alignment.status,
    )
    return alignment


def delete(*, session: Session, alignment: Alignment, actor: audit.Actor) -> None:
    """Delete a suggested or rejected link; a confirmed one is rejected instead."""
    if alignment.status == "confirmed":
        raise Conflict("A confirmed link is kept as a record of the review; reject it instead.")
    audit.record(
        session,
        actor,
        "alignment.delete",
        "alignment",
        alignment.id,
        provision_id=alignment.provision_id,
        target=target_name(alignment),
    )
    session.delete(alignment)
    session.flush()


def list_alignments(
    *,
    session: Session,
    offset: int,
    limit: int,
    instrument_id: int | None = None,
    provision_id: str | None = None,
    framework: str | None = None,
    article: str | None = None,
    recommendation_set: str | None = None,
    status: str | None = None,
    relation: str | None = None,
) -> tuple[list[Alignment], int]:
    """Links matching every filter given, oldest first."""
    if article and not framework:
        raise InvalidInput("Name the framework of the article, e.g. framework=CRC&article=3.")
    query = select(Alignment)
    for column, value in (
        (Alignment.instrument_id, instrument_id),
        (Alignment.provision_id, provision_id),
        (Alignment.status, status),
        (Alignment.relation, relation),
    ):
        if value is not None:
            query = query.where(column == value)
    if framework:
        query = query.join(Article, Article.id == Alignment.article_id)
        query = query.join(Framework, Framework.id == Article.framework_id)
        query = query.where(Framework.code == framework)
        if article:
            query = query.where(Article.number == article)
    if recommendation_set:
        query = query.join(Recommendation, Recommendation.id == Alignment.recommendation_id)
        query = query.join(RecommendationSet, RecommendationSet.id == Recommendation.set_id)
        query = query.where(RecommendationSet.code == recommendation_set)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = session.scalars(query.order_by(Alignment.id).offset(offset).limit(limit))
    return list(items), total


def treaty_articles(*, session: Session, refs: list[dict]) -> list[Article]:
    """The stored articles that treaty references name, in the order given."""
    found = []
    for ref in refs:
        numbers = [str(number) for number in ref.get("articles", ())]
        rows = session.scalars(
            select(Article)
            .join(Framework, Framework.id == Article.framework_id)
            .where(Framework.code == ref.get("framework"), Article.number.in_(numbers))
        )
        by_number = {article.number: article for article in rows}
        found.extend(by_number[number] for number in numbers if number in by_number)
    return found


def links_from_amendments(
    *, session: Session, draft: Draft, versions: list[Version], actor: audit.Actor
) -> list[Alignment]:
    """Suggested links from the treaty references of the amendments consolidated into
    `versions`: on the provision each amendment changed, moved or renumbered, or on the
    provisions it inserted. Links that exist already (in any status) are left as they are."""
    created = []
    for version in versions:
        mine = session.scalars(
            select(Amendment)
            .where(Amendment.consolidated_version_id == version.id)
            .order_by(Amendment.id)
        )
        with_refs = [amendment for amendment in mine if amendment.treaty_refs]
        if not with_refs:
            continue
        tree = service.read_tree(session=session, version=version)
        base = service.read_tree(session=session, version=session.get(Version, version.parent_id))
        before = {node.provision_id for node in walk(base)}
        nodes = {node.provision_id: node for node in walk(tree)}
        inserted = [provision_id for provision_id in nodes if provision_id not in before]
        for amendment in with_refs:
            targets = _provisions_of(amendment, nodes, inserted)
            articles = treaty_articles(session=session, refs=amendment.treaty_refs)
            created.extend(
                _suggest(session, draft, version, amendment, provision_id, article, actor)
                for article in articles
                for provision_id in targets
                if _existing(session, provision_id, article.id, None) is None
            )
    return created


def _suggest(
    session: Session,
    draft: Draft,
    version: Version,
    amendment: Amendment,
    provision_id: str,
    article: Article,
    actor: audit.Actor,
) -> Alignment:
    alignment = Alignment(
        provision_id=provision_id,
        instrument_id=version.instrument_id,
        article=article,
        relation="implements",
        status="suggested",
        author_id=amendment.author_id,
        source="amendment",
        amendment_id=amendment.id,
    )
    session.add(alignment)
    session.flush()
    audit.record(
        session,
        actor,
        "alignment.create",
        "alignment",
        alignment.id,
        draft_id=draft.id,
        status="suggested",
        amendment_id=amendment.id,
    )
    return alignment


def _provisions_of(amendment: Amendment, nodes: dict[str, Node], inserted: list[str]) -> list[str]:
    """The provisions of the new version that an amendment acted on or inserted (the top of
    each inserted subtree, found as the run of inserted provisions with the same wording)."""
    if amendment.kind in TOUCHING:
        return [amendment.provision_id] if amendment.provision_id in nodes else []
    if amendment.kind != "insert":
        return []
    given = [normalize(from_dict(node)) for node in amendment.nodes]
    wanted = [_wording(node) for node in walk(given)]
    tops, index = [], 0
    for node in given:
        tops.append(index)
        index += sum(1 for _ in node.walk())
    for start in range(len(inserted) - len(wanted) + 1):
        run = inserted[start : start + len(wanted)]
        if [_wording(nodes[provision_id]) for provision_id in run] == wanted:
            return [run[top] for top in tops]
    return []


def _wording(node: Node) -> tuple[str, str, str, str]:
    return node.kind, node.num, node.heading, node.text
