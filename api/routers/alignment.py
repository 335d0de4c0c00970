"""Links between provisions and treaty articles or recommendations, and treaty coverage."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from alignment import coverage, draft_coverage, recheck
from alignment import service as alignments
from alignment.models import Alignment, LinkStatus, Relation
from alignment.schemas import (
    AlignmentIn,
    AlignmentOut,
    AlignmentUpdate,
    Code,
    DraftCoverageOut,
    InstrumentCoverageOut,
)
from api.deps import ActorDep, Paged, PageDep, SessionDep, check_if_match, etag_of, paged, require
from drafts import service
from drafts.errors import InvalidInput, PermissionDenied, Unauthenticated
from drafts.models import Version
from drafts.packages import service as drafts
from drafts.permissions import ALIGNMENT_EDIT, ALIGNMENT_REVIEW, READ, allows
from drafts.users import User
from frameworks import service as frameworks
from frameworks.models import RecommendationSet

router = APIRouter(tags=["alignment"])
Reader = Depends(require(READ))
Format = Literal["json", "csv"]
Procedural = Annotated[
    bool,
    Query(description="Count the treaty's procedural articles (committee, reports, ratification)"),
]


def alignment_etag(alignment: Alignment) -> str:
    return etag_of("alignment", alignment.id, alignment.lock_version)


def alignment_out(session, alignment: Alignment, check: recheck.Check) -> AlignmentOut:
    article, item = alignment.article, alignment.recommendation
    author = session.get(User, alignment.author_id) if alignment.author_id else None
    return AlignmentOut.model_validate(
        {
            "id": alignment.id,
            "instrument_id": alignment.instrument_id,
            "provision_id": alignment.provision_id,
            "framework": article.framework.code if article else None,
            "article": article.number if article else None,
            "article_title": article.title if article else None,
            "recommendation_set": session.get(RecommendationSet, item.set_id).code
            if item
            else None,
            "recommendation": item.number if item else None,
            "recommendation_text": item.text if item else None,
            "relation": alignment.relation,
            "status": alignment.status,
            "note": alignment.note,
            "source": alignment.source,
            "amendment_id": alignment.amendment_id,
            "author": author.name if author else None,
            "reviewed_revision_id": alignment.reviewed_revision_id,
            "reviewed_by": alignment.reviewed_by,
            "reviewed_at": alignment.reviewed_at,
            "created_at": alignment.created_at,
            "updated_at": alignment.updated_at,
            "version": check.version,
            "eid": check.eid,
            "present": check.eid is not None,
            "needs_recheck": check.needs_recheck,
            "redline": check.redline,
        }
    )


def _shaped(session, items: list[Alignment], version: Version | None = None) -> list[AlignmentOut]:
    checks = recheck.check(session=session, alignments=items, version=version)
    return [alignment_out(session, item, checks[item.id]) for item in items]


def _allow(user: User | None, *permissions: str) -> None:
    """Refuse unless the user's role holds one of `permissions`."""
    if user is None:
        raise Unauthenticated("Sign in to do this.")
    if not any(allows(user.role, permission) for permission in permissions):
        raise PermissionDenied(f"Your role ({user.role}) does not allow this.")


def _version_of(session, instrument_id: int, number: int | None) -> Version | None:
    if number is None:
        return None
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    return service.get_version(session=session, instrument=instrument, number=number)


@router.get("/alignments", dependencies=[Reader])
def list_alignments(
    session: SessionDep,
    page: PageDep,
    instrument_id: int | None = None,
    provision_id: str | None = None,
    framework: str | None = None,
    article: str | None = None,
    recommendation_set: str | None = None,
    status: LinkStatus | None = None,
    relation: Relation | None = None,
    version: Annotated[int | None, Query(description="Check against this version")] = None,
) -> Paged[AlignmentOut]:
    """Links, each checked against the latest version of its instrument (or `version` of the
    instrument named by `instrument_id`): `needs_recheck` and the redline since the review."""
    if version is not None and instrument_id is None:
        raise InvalidInput("A version number needs the instrument_id it belongs to.")
    held = _version_of(session, instrument_id, version)
    items, total = alignments.list_alignments(
        session=session,
        offset=page.offset,
        limit=page.per_page,
        instrument_id=instrument_id,
        provision_id=provision_id,
        framework=framework,
        article=article,
        recommendation_set=recommendation_set,
        status=status,
        relation=relation,
    )
    return paged(_shaped(session, items, held), total, page)


@router.post("/alignments", status_code=201)
def create_alignment(
    data: AlignmentIn,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User | None = Reader,
) -> AlignmentOut:
    """Link a provision to a treaty article or a recommendation; confirming needs the right
    to review links."""
    _allow(user, ALIGNMENT_EDIT)
    if data.status != "suggested":
        _allow(user, ALIGNMENT_REVIEW)
    alignment = alignments.create(session=session, actor=actor, **data.model_dump())
    response.headers["ETag"] = alignment_etag(alignment)
    response.headers["Location"] = f"/api/v1/alignments/{alignment.id}"
    return _shaped(session, [alignment])[0]


@router.get("/alignments/{alignment_id}", dependencies=[Reader])
def read_alignment(
    alignment_id: int, session: SessionDep, response: Response, version: int | None = None
) -> AlignmentOut:
    """One link, checked against the latest version of its instrument or `version`."""
    alignment = alignments.get(session=session, alignment_id=alignment_id)
    held = _version_of(session, alignment.instrument_id, version)
    response.headers["ETag"] = alignment_etag(alignment)
    return _shaped(session, [alignment], held)[0]


@router.patch("/alignments/{alignment_id}")
def update_alignment(
    alignment_id: int,
    data: AlignmentUpdate,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User | None = Reader,
) -> AlignmentOut:
    """Change the relation (editors), the status (reviewers) or the note (either)."""
    fields = data.model_fields_set
    if "relation" in fields:
        _allow(user, ALIGNMENT_EDIT)
    if "status" in fields:
        _allow(user, ALIGNMENT_REVIEW)
    _allow(user, ALIGNMENT_EDIT, ALIGNMENT_REVIEW)
    alignment = alignments.get(session=session, alignment_id=alignment_id)
    check_if_match(request, alignment_etag(alignment))
    alignments.update(session=session, alignment=alignment, actor=actor, **data.model_dump())
    session.flush()
    response.headers["ETag"] = alignment_etag(alignment)
    return _shaped(session, [alignment])[0]


@router.delete("/alignments/{alignment_id}", status_code=204)
def delete_alignment(
    alignment_id: int,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    user: User | None = Reader,
) -> Response:
    """Delete a suggested or rejected link; a confirmed one is rejected instead (409)."""
    _allow(user, ALIGNMENT_EDIT)
    alignment = alignments.get(session=session, alignment_id=alignment_id)
    check_if_match(request, alignment_etag(alignment))
    alignments.delete(session=session, alignment=alignment, actor=actor)
    return Response(status_code=204)


@router.get("/provisions/{provision_id}/alignments", dependencies=[Reader])
def provision_alignments(
    provision_id: str, session: SessionDep, page: PageDep, status: LinkStatus | None = None
) -> Paged[AlignmentOut]:
    """The treaty articles and recommendations linked to one provision."""
    alignments.get_provision(session=session, provision_id=provision_id)
    items, total = alignments.list_alignments(
        session=session,
        offset=page.offset,
        limit=page.per_page,
        provision_id=provision_id,
        status=status,
    )
    return paged(_shaped(session, items), total, page)


def _csv(body: str, name: str) -> Response:
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


CSV = {"content": {"text/csv": {"schema": {"type": "string"}}}}
"""The `format=csv` answer of a coverage report, declared beside its JSON."""


@router.get(
    "/instruments/{instrument_id}/coverage",
    dependencies=[Reader],
    response_model=None,
    responses={200: {"model": InstrumentCoverageOut} | CSV},
)
def instrument_coverage(
    instrument_id: int,
    session: SessionDep,
    framework: Code,
    version: int | None = None,
    as_at: date | None = None,
    format: Format = "json",
    procedural: Procedural = False,
) -> InstrumentCoverageOut | Response:
    """Each article of the framework with its status in one version (by number, in force on
    `as_at`, or the latest): covered, partial, referenced, conflict or gap."""
    if version is not None and as_at is not None:
        raise InvalidInput("Give a version number or a date, not both.")
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    treaty = frameworks.get_framework(session=session, code=framework)
    read, result = coverage.for_instrument(
        session=session,
        instrument=instrument,
        framework=treaty,
        number=version,
        as_at=as_at,
        procedural=procedural,
    )
    if format == "csv":
        return _csv(coverage.to_csv(result), f"coverage-{instrument.id}-v{read.number}-{framework}")
    return InstrumentCoverageOut.model_validate(
        {
            "instrument_id": instrument.id,
            "version": read.number,
            "effective_date": read.effective_date,
            "as_at": as_at,
            **result.to_dict(),
        }
    )


@router.get(
    "/drafts/{draft_id}/coverage",
    dependencies=[Reader],
    response_model=None,
    responses={200: {"model": DraftCoverageOut} | CSV},
)
def draft_coverage_report(
    draft_id: int,
    session: SessionDep,
    framework: Code,
    include_proposed: bool = False,
    format: Format = "json",
    procedural: Procedural = False,
) -> DraftCoverageOut | Response:
    """The framework's coverage before and after the draft's accepted amendments (or, with
    `include_proposed`, all that are neither rejected nor withdrawn), the articles it changes
    and the recommendations it addresses."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    treaty = frameworks.get_framework(session=session, code=framework)
    result = draft_coverage.draft_coverage(
        session=session,
        draft=draft,
        framework=treaty,
        include_proposed=include_proposed,
        procedural=procedural,
    )
    if format == "csv":
        return _csv(draft_coverage.to_csv(result), f"coverage-draft-{draft.id}-{framework}")
    return DraftCoverageOut.model_validate(result.to_dict())
