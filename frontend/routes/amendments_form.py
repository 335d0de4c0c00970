"""The amendment editor's form: its fields, which of them each kind uses, and turning them into
the service's input, an unsaved operation for the live preview, and treaty references."""

from __future__ import annotations

import re

from pydantic import BaseModel

from drafts.errors import InvalidInput
from drafts.packages.models import Amendment
from drafts.packages.schemas import AmendmentCreate
from frontend.vocabulary import N_

SHOWN: dict[str, tuple[str, ...]] = {
    "replace_text": ("provision_id", "text"),
    "replace_heading": ("provision_id", "heading"),
    "renumber": ("provision_id", "num"),
    "delete": ("provision_id",),
    "move": ("provision_id", "anchor_id", "position"),
    "insert": ("anchor_id", "position", "new_kind", "num", "heading", "text"),
}
"""The editor's fields each kind of amendment uses; the others are hidden and not sent on."""

FIELDS = ("provision_id", "anchor_id", "position", "new_kind", "num", "heading", "text")
LABELS = {
    "instrument_id": N_("Law"),
    "kind": N_("Kind of change"),
    "provision_id": N_("Provision"),
    "anchor_id": N_("Next to"),
    "position": N_("Position"),
    "nodes": N_("Kind of the new provision"),
    "num": N_("Number"),
    "heading": N_("Heading"),
    "text": N_("Text"),
    "rationale": N_("Rationale"),
    "treaty_refs": N_("Treaty references"),
}
_REF = re.compile(r"^\s*([A-Za-z][A-Za-z0-9-]*)\s+(\d+(?:\s*,\s*\d+)*)\s*$")
REF_HINT = N_(
    "Write treaty references as a framework code and article numbers, like “CRC 3, 12; CRPD 7”."
)


class AmendmentForm(BaseModel):
    """What the editor sends, as typed."""

    instrument_id: str = ""
    kind: str = "replace_text"
    provision_id: str = ""
    anchor_id: str = ""
    position: str = ""
    new_kind: str = "paragraph"
    num: str = ""
    heading: str = ""
    text: str = ""
    rationale: str = ""
    treaty_refs: str = ""
    lock_version: str = ""

    def uses(self, name: str) -> bool:
        return name in SHOWN.get(self.kind, FIELDS)

    def content(self) -> dict:
        """The amendment's content fields, from the fields its kind uses."""

        def value(name: str) -> str | None:
            given = getattr(self, name)
            return given if self.uses(name) and given.strip() else None

        fields = {name: value(name) for name in ("provision_id", "anchor_id", "position")}
        if self.kind == "insert":
            node = {"kind": self.new_kind, "num": self.num, "heading": self.heading}
            fields["nodes"] = [node | {"text": self.text}]
        else:
            fields |= {name: value(name) for name in ("num", "heading", "text")}
        return fields

    def validated(self) -> AmendmentCreate:
        """The service's input; raises pydantic's ValidationError or InvalidInput."""
        return AmendmentCreate(
            instrument_id=self.instrument_id,
            kind=self.kind,
            rationale=self.rationale,
            treaty_refs=parse_refs(self.treaty_refs),
            **self.content(),
        )

    @classmethod
    def of(cls, amendment: Amendment, instrument_id: int) -> AmendmentForm:
        """The form filled with an amendment's saved content."""
        node = amendment.nodes[0] if amendment.nodes else {}
        return cls(
            instrument_id=str(instrument_id),
            kind=amendment.kind,
            provision_id=amendment.provision_id or "",
            anchor_id=amendment.anchor_id or "",
            position=amendment.position or "",
            new_kind=node.get("kind", "paragraph"),
            num=node.get("num", "") if node else amendment.num or "",
            heading=node.get("heading", "") if node else amendment.heading or "",
            text=node.get("text", "") if node else amendment.text or "",
            rationale=amendment.rationale,
            treaty_refs=format_refs(amendment.treaty_refs),
            lock_version=str(amendment.lock_version),
        )


def parse_refs(typed: str) -> list[dict]:
    """ "CRC 3, 12; CRPD 7" → [{"framework": "CRC", "articles": [3, 12]}, …]."""
    refs = []
    for part in typed.split(";"):
        if not part.strip():
            continue
        match = _REF.match(part)
        if match is None:
            raise InvalidInput(REF_HINT, errors=[{"field": "treaty_refs", "message": part.strip()}])
        numbers = [int(number) for number in match.group(2).split(",")]
        refs.append({"framework": match.group(1).upper(), "articles": numbers})
    return refs


def format_refs(refs: list[dict]) -> str:
    return "; ".join(
        f"{ref['framework']} {', '.join(str(n) for n in ref['articles'])}" for ref in refs
    )


def add_ref(typed: str, framework: str, number: str) -> str:
    """The references field with one more article appended."""
    added = f"{framework} {number}"
    return f"{typed.strip().rstrip(';')}; {added}" if typed.strip() else added
