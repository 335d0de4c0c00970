"""Redlines between any two texts, and the amending instructions that follow from them."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from api import representations
from api.deps import ReadSessionDep, SessionDep, SettingsDep, require
from drafts import diff_context, instructions, redline
from drafts.errors import InvalidInput
from drafts.permissions import READ
from drafts.schemas import InstructionsOut, RedlineOut

router = APIRouter(tags=["redlines"], dependencies=[Depends(require(READ))])

_REFERENCE = (
    "instrument:version, instrument:YYYY-MM-DD (the text in force that day) or instrument:latest"
)
From = Annotated[str, Query(alias="from", max_length=40, description=_REFERENCE)]
To = Annotated[str, Query(alias="to", max_length=40, description=_REFERENCE)]


@router.get(
    "/diff",
    response_model=None,
    responses={
        200: {
            "model": RedlineOut,
            "content": {"text/html": {"schema": {"type": "string"}}},
            "description": "The redline: JSON (`format=json`) or an HTML page (`format=html`).",
        },
    },
)
def diff(
    session: ReadSessionDep,
    request: Request,
    old: From,
    new: To,
    format: Literal["json", "html"] = "json",
    layout: Literal["inline", "side-by-side"] = "inline",
    provision: Annotated[
        str | None, Query(max_length=400, description="eId or provision id of a subtree")
    ] = None,
    changes: Annotated[
        Literal["all", "only"] | None,
        Query(
            description="`only`: the changes with `context` unchanged neighbours each side; "
            f"the default for texts of more than {diff_context.LARGE} provisions"
        ),
    ] = None,
    context: Annotated[int, Query(ge=0, le=50)] = diff_context.CONTEXT,
) -> dict | Response:
    """The structural and word-level diff of two texts (`from` and `to` are references such as
    `12:3`, `12:2024-01-01` or `12:latest`). The diff of two numbered versions never changes:
    it is computed once and served with a strong ETag and `Cache-Control: immutable`."""
    options = (format, layout, provision, changes, context)
    key, before, after = _diff_key(session, old, new, options)

    def make() -> dict | str:
        result = redline.compare(session=session, old=before, new=after, provision=provision)
        if changes == "only" or (changes is None and diff_context.is_large(result)):
            result = diff_context.only_changes(result, context)
        if format == "html":
            return redline.document(result, old=before, new=after, layout=layout)
        # A `RedlineOut` built as a dict: a large law's diff is not validated a second time
        # (tests/api/test_redlines.py holds the answers to the model).
        return {"from": before.describe(), "to": after.describe(), **result.to_dict()}

    if not (_numbered(old) and _numbered(new)):
        made = make()
        return HTMLResponse(made) if format == "html" else made

    def rekey(session: Session) -> str:
        return _diff_key(session, old, new, options)[0]

    if format == "html":
        return representations.immutable(
            request,
            key,
            lambda: make().encode(),
            media_type="text/html; charset=utf-8",
            rekey=rekey,
        )
    return representations.immutable(
        request, key, lambda: representations.dumps(make()), rekey=rekey
    )


def _diff_key(
    session: Session, old: str, new: str, options: tuple
) -> tuple[str, redline.Side, redline.Side]:
    """The two texts named, and the key of their diff with these options (what the key holds
    is read afresh: a title may change, a numbered version's text never does)."""
    before = redline.resolve(session=session, reference=old, name="from")
    after = redline.resolve(session=session, reference=new, name="to")
    key = representations.key_of(
        "diff",
        *(side.version.id for side in (before, after)),
        *(side.version.content_hash for side in (before, after)),
        before.describe(),
        after.describe(),
        *options,
    )
    return key, before, after


def _numbered(reference: str) -> bool:
    """True for a reference to a numbered version (`12:3`), whose text never changes."""
    _, _, which = reference.strip().partition(":")
    return which.strip().isdigit()


@router.get("/instructions")
def amending_instructions(
    session: SessionDep,
    settings: SettingsDep,
    old: From,
    new: To,
    lang: Annotated[str, Query(max_length=10, description="en, ru or tk")] = "en",
    provision: Annotated[str | None, Query(max_length=400)] = None,
) -> InstructionsOut:
    """The formal instructions of an amending law that turn the `from` text into the `to` text."""
    if lang not in instructions.languages():
        raise InvalidInput(
            f"There are no amending instructions in '{lang}'; choose one of "
            f"{', '.join(instructions.languages())}.",
            errors=[{"field": "lang", "message": "unknown language"}],
        )
    before = redline.resolve(session=session, reference=old, name="from")
    after = redline.resolve(session=session, reference=new, name="to")
    result = redline.compare(session=session, old=before, new=after, provision=provision)
    law = instructions.for_law(before.instrument.jurisdiction, before.instrument.language)
    planned = instructions.instructions(
        result, lang=lang, threshold=settings.restate_threshold, **law
    )
    return InstructionsOut.model_validate(
        {
            "from": before.describe(),
            "to": after.describe(),
            "lang": lang,
            "instructions": [item.to_dict() for item in planned.items],
            "text": planned.text,
        }
    )
