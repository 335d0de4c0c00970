"""Documents of a draft package and of its meetings: what the API and the CLI call.

Reads go through `exports.draft_read` (or, for minutes, the few reads here); the builders
take plain data and give bytes. Nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from drafts import service, users
from drafts.amend import ACTIONS, Outline
from drafts.errors import InvalidInput
from drafts.models import Instrument, Version
from drafts.packages import meetings
from drafts.packages.amendments import operation
from drafts.packages.models import Amendment, Draft, DraftTarget, Meeting
from exports import pdf
from exports.annex import annex_docx
from exports.docx_out import MEDIA_TYPE, consolidated_docx
from exports.docx_redline import redline_docx
from exports.draft_pack import PARTS, comparative_table, meeting_pack
from exports.draft_read import DraftDocuments, TargetText, read_draft
from exports.minutes import Decided, Minutes, Moved, minutes_docx
from exports.versions import Exported, file_name

KINDS = ("pack", "text", "table", "redline", "annex")
PER_INSTRUMENT = ("text", "table", "redline")


def parse_parts(value: str | None) -> tuple[str, ...]:
    """'table, text' → ('table', 'text'); every part when none is given."""
    if value is None:
        return PARTS
    chosen = [part.strip().lower() for part in value.split(",") if part.strip()]
    unknown = [part for part in chosen if part not in PARTS]
    if unknown or not chosen:
        problem = f"There is no part '{unknown[0]}'" if unknown else "No part is given"
        raise InvalidInput(
            f"{problem} in the meeting pack; choose among {', '.join(PARTS)} (comma-separated).",
            errors=[{"field": "parts", "message": f"choose among {', '.join(PARTS)}"}],
        )
    return tuple(part for part in PARTS if part in chosen)


def export_draft(
    *,
    session: Session,
    draft: Draft,
    kind: str = "pack",
    format: str = "docx",
    parts: Sequence[str] = PARTS,
    instrument_id: int | None = None,
) -> Exported:
    """The meeting pack, consolidated text, comparative table, redline or annex of a draft."""
    wanted = set(parts) if kind == "pack" else {kind}
    data = read_draft(
        session=session, draft=draft, threads="comments" in wanted, annex="annex" in wanted
    )
    name = f"draft-{draft.id}-{kind}.{format}"
    if kind == "pack":
        content = meeting_pack(data, parts)
    elif kind == "annex":
        content = annex_docx(data)
    else:
        target = _one_target(data, instrument_id)
        content = _per_instrument(data, target, kind)
        name = file_name(target.after, f"draft-{draft.id}-{kind}", format)
    if format == "pdf":
        return Exported(pdf.docx_to_pdf(content), pdf.MEDIA_TYPE, name)
    return Exported(content, MEDIA_TYPE, name)


def _per_instrument(data: DraftDocuments, target: TargetText, kind: str) -> bytes:
    if kind == "text":
        return consolidated_docx(target.new, target.after)
    if kind == "table":
        return comparative_table(target)
    return redline_docx(
        target.changes,
        target.before,
        target.after,
        old_nodes=target.old,
        new_nodes=target.new,
        author=data.owner or "Kanun",
        when=data.when,
        changes_by=target.changes_by(),
    )


def _one_target(data: DraftDocuments, instrument_id: int | None) -> TargetText:
    """The target the document is about: the one named, or the draft's only one."""
    ids = [target.instrument_id for target in data.targets]
    if not ids:
        raise InvalidInput("The draft amends no instrument yet, so there is no text to export.")
    if instrument_id is None and len(ids) > 1:
        raise InvalidInput(
            f"The draft amends {len(ids)} instruments ({', '.join(map(str, ids))}); "
            "name one with instrument=ID, or export the meeting pack, which holds them all.",
            errors=[{"field": "instrument", "message": "required for a draft of several"}],
        )
    chosen = ids[0] if instrument_id is None else instrument_id
    if chosen not in ids:
        raise InvalidInput(
            f"Instrument {chosen} is not amended by draft {data.id}.",
            errors=[{"field": "instrument", "message": "not a target of this draft"}],
        )
    return data.targets[ids.index(chosen)]


def export_minutes(*, session: Session, meeting: Meeting, format: str = "docx") -> Exported:
    """The minutes of a meeting as .docx or PDF."""
    content = minutes_docx(read_minutes(session=session, meeting=meeting))
    name = f"draft-{meeting.draft_id}-minutes-{meeting.held_on.isoformat()}.{format}"
    if format == "pdf":
        return Exported(pdf.docx_to_pdf(content), pdf.MEDIA_TYPE, name)
    return Exported(content, MEDIA_TYPE, name)


def read_minutes(*, session: Session, meeting: Meeting) -> Minutes:
    draft = session.get(Draft, meeting.draft_id)
    decided = meetings.decisions(session=session, meeting=meeting)
    people = users.names(
        session,
        [a.decided_by for a in decided.amendments] + [m.user_id for m in decided.stage_moves],
    )
    outlines: dict[int, tuple[Outline, Instrument]] = {}
    for amendment in decided.amendments:
        if amendment.target_id not in outlines:
            target = session.get(DraftTarget, amendment.target_id)
            base = session.get(Version, target.base_version_id)
            outlines[amendment.target_id] = (
                Outline(service.read_tree(session=session, version=base)),
                session.get(Instrument, target.instrument_id),
            )
    language = next((i.language for _, i in outlines.values()), "en")
    return Minutes(
        draft_id=draft.id,
        draft_title=draft.title,
        title=meeting.title,
        held_on=meeting.held_on,
        location=meeting.location,
        attendees=tuple(meeting.attendees),
        notes=meeting.notes,
        decided=tuple(
            Decided(
                id=a.id,
                what=describe(a, *outlines[a.target_id]),
                decision=a.status,
                by=people.get(a.decided_by, ""),
                note=a.decision_note,
                rationale=a.rationale,
            )
            for a in decided.amendments
        ),
        moved=tuple(
            Moved(m.from_stage, m.to_stage, people.get(m.user_id, ""), m.at, m.note)
            for m in decided.stage_moves
        ),
        language=language,
    )


def describe(amendment: Amendment, outline: Outline, instrument: Instrument) -> str:
    """'Changes the text of Paragraph 2 of Article 2 (Social Services)'."""
    op = operation(amendment)
    anchor = outline.name(amendment.anchor_id) if amendment.anchor_id else None
    if amendment.kind == "insert":
        count = len(amendment.nodes)
        what = f"inserts {count} provision{'s' if count > 1 else ''} {op.placement(anchor)}"
    else:
        what = ACTIONS[amendment.kind][0].format(outline.name(amendment.provision_id))
        if amendment.kind == "move":
            what += f" {op.placement(anchor)}"
        elif amendment.kind == "renumber":
            what += f" as {amendment.num}"
    name = instrument.short_title or instrument.title
    return f"{what[0].upper()}{what[1:]} ({name})"
