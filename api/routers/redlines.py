"""Redlines between any two texts, and the amending instructions that follow from them."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse

from api.deps import SessionDep, SettingsDep, require
from drafts import diff_context, instructions, redline
from drafts.errors import InvalidInput
from drafts.permissions import READ

router = APIRouter(tags=["redlines"], dependencies=[Depends(require(READ))])

_REFERENCE = (
    "instrument:version, instrument:YYYY-MM-DD (the text in force that day) or instrument:latest"
)
From = Annotated[str, Query(alias="from", max_length=40, description=_REFERENCE)]
To = Annotated[str, Query(alias="to", max_length=40, description=_REFERENCE)]


@router.get("/diff", response_model=None)
def diff(
    session: SessionDep,
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
) -> dict | HTMLResponse:
    """The structural and word-level diff of two texts (`from` and `to` are references such as
    `12:3`, `12:2024-01-01` or `12:latest`)."""
    before = redline.resolve(session=session, reference=old, name="from")
    after = redline.resolve(session=session, reference=new, name="to")
    result = redline.compare(session=session, old=before, new=after, provision=provision)
    if changes == "only" or (changes is None and diff_context.is_large(result)):
        result = diff_context.only_changes(result, context)
    if format == "html":
        return HTMLResponse(redline.document(result, old=before, new=after, layout=layout))
    return {"from": before.describe(), "to": after.describe(), **result.to_dict()}


@router.get("/instructions")
def amending_instructions(
    session: SessionDep,
    settings: SettingsDep,
    old: From,
    new: To,
    lang: Annotated[str, Query(max_length=10, description="en, ru or tk")] = "en",
    provision: Annotated[str | None, Query(max_length=400)] = None,
) -> dict:
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
    return {"from": before.describe(), "to": after.describe(), "lang": lang, **planned.to_dict()}
