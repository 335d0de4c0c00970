"""The redline page: any two texts compared inline or side by side, and the amending
instructions that turn one into the other."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from api.deps import SessionDep, SettingsDep
from drafts import instructions, redline, render, service, standing
from drafts.db import utcnow
from drafts.diff import Diff
from drafts.errors import InvalidInput, KanunError
from drafts.models import Instrument, Version
from drafts.permissions import READ
from frontend import citing, compare
from frontend.deps import page_require
from frontend.forms import optional_number
from frontend.i18n import LANGUAGES, translate
from frontend.templating import render as render_page

router = APIRouter(include_in_schema=False, dependencies=[Depends(page_require(READ))])

Reference = Annotated[str, Query(max_length=40)]
Part = Annotated[str, Query(max_length=20)]
INSTRUMENT = optional_number(1)


@dataclass(frozen=True, slots=True)
class Choice:
    """What one side of the form shows: an instrument, and a version number or a date."""

    instrument: int | None = None
    version: str = "latest"
    date: str = ""

    @classmethod
    def of(cls, reference: str) -> Choice:
        instrument, _, which = reference.strip().partition(":")
        if not instrument.isdigit():
            return cls()
        if "-" in which:
            return cls(int(instrument), date=which)
        return cls(int(instrument), version=which or "latest")

    def reference(self) -> str:
        return f"{self.instrument}:{self.date or self.version or 'latest'}"


@dataclass(frozen=True, slots=True)
class Change:
    """One changed provision, for the list that leads to each `#change-N` of the redline."""

    number: int
    kind: str
    num: str
    eid: str
    statuses: tuple[str, ...]


def changes(result: Diff) -> list[Change]:
    """The changed provisions in the order (and with the numbers) the redline gives them."""
    changed = [entry for entry in result.entries if entry.changed]
    return [
        Change(
            number,
            entry.kind,
            entry.new_num or entry.old_num or "",
            entry.new_eid or entry.old_eid or "",
            tuple(status for status in entry.statuses if status != "unchanged"),
        )
        for number, entry in enumerate(changed, 1)
    ]


def versions_of(session: Session, instrument_id: int | None) -> list[tuple[Version, str]]:
    """The versions of an instrument, each with its standing today."""
    found = _versions(session, instrument_id)
    marks = standing.standings(found, utcnow().date())
    return [(version, marks[version.number].state) for version in found]


def _versions(session: Session, instrument_id: int | None) -> list[Version]:
    if instrument_id is None:
        return []
    instrument = session.get(Instrument, instrument_id)
    if instrument is None:
        return []
    found, _ = service.list_versions(session=session, instrument=instrument, offset=0, limit=500)
    return found


def _form(session: Session, old: Choice, new: Choice) -> dict:
    instruments, _ = service.list_instruments(session=session, offset=0, limit=500)
    return {
        "instruments": instruments,
        "old": old,
        "new": new,
        "old_versions": versions_of(session, old.instrument),
        "new_versions": versions_of(session, new.instrument),
    }


def _link(**params: str) -> str:
    return "/redline?" + urlencode({key: value for key, value in params.items() if value})


@router.get("/redline/versions")
def version_options(
    request: Request,
    session: SessionDep,
    from_instrument: INSTRUMENT = None,
    to_instrument: INSTRUMENT = None,
) -> object:
    """The version options of one instrument, for the form's version list."""
    chosen = from_instrument if from_instrument is not None else to_instrument
    return render_page(
        request,
        "redline/_versions.html",
        versions=versions_of(session, chosen),
        selected="latest",
    )


@router.get("/redline")
def redline_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    old: Annotated[str, Query(alias="from", max_length=40)] = "",
    new: Annotated[str, Query(alias="to", max_length=40)] = "",
    layout: Literal["inline", "side-by-side"] = "inline",
    tab: Literal["redline", "instructions"] = "redline",
    lang: Annotated[str, Query(max_length=10)] = "",
    provision: Annotated[str, Query(max_length=400)] = "",
    show: Annotated[Literal["", "only", "all"], Query(alias="changes")] = "",
    from_instrument: INSTRUMENT = None,
    from_version: Part = "",
    from_date: Part = "",
    to_instrument: INSTRUMENT = None,
    to_version: Part = "",
    to_date: Part = "",
) -> Response:
    """The form for two texts, and once both are given, their redline or instructions."""
    if from_instrument is not None or to_instrument is not None:
        picked_old = Choice(from_instrument, from_version, from_date)
        picked_new = Choice(to_instrument, to_version, to_date)
        if picked_old.instrument is None or picked_new.instrument is None:
            return _refused(
                request,
                session,
                picked_old,
                picked_new,
                provision,
                translate(request, "Choose a law on both sides to compare two texts."),
            )
        target = _link(
            **{"from": picked_old.reference(), "to": picked_new.reference()},
            layout=layout if layout != "inline" else "",
            provision=provision.strip(),
            changes=show,
        )
        return RedirectResponse(target, status_code=303)
    chosen_old, chosen_new = Choice.of(old), Choice.of(new)
    if not old or not new:
        start_old, start_new = _starting_choice(session)
        return render_page(
            request,
            "redline/page.html",
            provision=provision,
            show=show,
            **_form(session, chosen_old if old else start_old, chosen_new if new else start_new),
        )
    lang = lang or (request.state.lang if request.state.lang in instructions.languages() else "en")
    try:
        before = redline.resolve(session=session, reference=old, name="from")
        after = redline.resolve(session=session, reference=new, name="to")
        result = redline.compare(
            session=session, old=before, new=after, provision=provision.strip() or None
        )
        planned = None
        if tab == "instructions":
            if lang not in instructions.languages():
                sentence = translate(request, "There are no amending instructions in '%(lang)s'.")
                raise InvalidInput(sentence % {"lang": lang})
            law = instructions.for_law(before.instrument.jurisdiction, before.instrument.language)
            planned = instructions.instructions(
                result, lang=lang, threshold=settings.restate_threshold, **law
            )
    except KanunError as error:
        return _refused(
            request, session, chosen_old, chosen_new, provision, error.detail, error.status
        )
    base = {"from": old, "to": new, "provision": provision.strip()}
    only = tab == "redline" and (show == "only" or (not show and compare.is_long(result)))
    shown = compare.in_context(result) if only else result
    return render_page(
        request,
        "redline/page.html",
        provision=provision,
        before=before.describe(),
        after=after.describe(),
        result=result,
        summary=result.summary(),
        changes=changes(result),
        layout=layout,
        tab=tab,
        redline=render.render(
            shown,
            layout=layout,
            words=citing.redline_words(
                lambda message: translate(request, message),
                after.instrument.language,
                request.state.lang,
                after.instrument.jurisdiction,
            ),
        )
        if tab == "redline"
        else "",
        only=only,
        show=show,
        left_out=len(result.entries) - len(shown.entries),
        neighbours=compare.NEIGHBOURS,
        planned=planned,
        lang_choice=lang,
        export_query=urlencode({key: value for key, value in base.items() if value}),
        **_views(base, lang, layout),
        **_form(session, chosen_old, chosen_new),
    )


def _views(base: dict[str, str], lang: str, layout: str) -> dict:
    """The links of the tabs, of the instructions in each language, and of the two views of
    the redline (changes only, whole text)."""
    shape = {"layout": layout} if layout != "inline" else {}
    return {
        "whole_link": _link(**base, **shape, changes="all"),
        "only_link": _link(**base, **shape, changes="only"),
        "links": {
            "inline": _link(**base),
            "side-by-side": _link(**base, layout="side-by-side"),
            "instructions": _link(**base, tab="instructions", lang=lang),
        },
        "instruction_languages": {
            code: LANGUAGES.get(code, code) for code in instructions.languages()
        },
        "language_links": {
            code: _link(**base, tab="instructions", lang=code) for code in instructions.languages()
        },
    }


def _starting_choice(session: Session) -> tuple[Choice, Choice]:
    """What the empty form offers: the first law's version before its latest, and its latest,
    so that comparing at once shows the last change."""
    instruments, _ = service.list_instruments(session=session, offset=0, limit=1)
    if not instruments:
        return Choice(), Choice()
    latest = service.latest_version(session=session, instrument=instruments[0])
    before = str(max(1, latest.number - 1)) if latest else "latest"
    return Choice(instruments[0].id, before), Choice(instruments[0].id, "latest")


def _refused(
    request: Request,
    session: Session,
    old: Choice,
    new: Choice,
    provision: str,
    detail: str,
    status: int = 422,
) -> Response:
    """The form again, with the sentence saying why and what was chosen."""
    return render_page(
        request,
        "redline/page.html",
        status_code=status,
        error=detail,
        provision=provision,
        **_form(session, old, new),
    )
