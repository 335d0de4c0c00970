"""A version as an Akoma Ntoso 3.0 act: FRBR metadata, lifecycle, passive modifications, body.

Every provision is written with its eId (its address in this version) and, once stored, a
wId that is its provision id (its identity across versions). A provision with children
puts its own text in `<intro>`; one without children in `<content>`. A top-level `block`
is an `hcontainer` named "schedule", a nested one an `hcontainer` named "note"; a
cross-heading an `hcontainer` named "crossheading"; quoted text a `quotedStructure` (in an
`hcontainer` named "quotation"); closing words a `wrapUp` after the list they close (an
`hcontainer` named "wrapUp" where more provisions follow), and at the top level the
`conclusions`.

Passive modifications are given as dicts: `type` (one of `MODIFICATION_TYPES`),
`destination` (an eId of this version), `source` (the URI of the amending text) and
optionally `date` (ISO), `source_title` and `id`.

Commencements are given as dicts: `id`, `date` (a `date`, or None while it is to be set),
`provisions` (eIds; none for the whole version) and optionally `source` (the URI of the
commencing instrument) and `source_title`. Each dated one is an event of the lifecycle and a
period (`temporalGroup`) that the provisions it names point at; one still to be set is listed
among the references only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from lxml import etree
from lxml.builder import ElementMaker

from drafts import eids
from drafts.schemas import jurisdiction_of
from drafts.tree import NOTE, Node
from exports.akn_names import (
    ELEMENTS,
    HCONTAINER_NAMES,
    MODIFICATION_TYPES,
    NS,
    language_code,
    validation_errors,
)
from exports.furniture import words
from exports.info import DocumentInfo, Edition


class InvalidExport(RuntimeError):
    """Kanun wrote Akoma Ntoso that the schema refuses: a fault of Kanun's, never of the input."""


E = ElementMaker(namespace=NS, nsmap={None: NS})
SOURCE = "#kanun"


def to_akn(
    nodes: Sequence[Node],
    info: DocumentInfo,
    *,
    modifications: Sequence[dict] = (),
    today: date | None = None,
    commencements: Sequence[dict] = (),
) -> bytes:
    """The Akoma Ntoso XML of a version (UTF-8, with an XML declaration), checked against the
    official schema before it leaves."""
    root = akn_tree(
        nodes, info, modifications=modifications, today=today, commencements=commencements
    )
    errors = validation_errors(root)
    if errors:
        raise InvalidExport(
            f"The Akoma Ntoso written for {info.title} breaks the schema: {errors[0]}"
        )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def akn_tree(
    nodes: Sequence[Node],
    info: DocumentInfo,
    *,
    modifications: Sequence[dict] = (),
    today: date | None = None,
    commencements: Sequence[dict] = (),
) -> etree._Element:
    forest = eids.assign(nodes) if any(not node.eid for node in nodes) else tuple(nodes)
    preamble = [node for node in forest if node.kind == "preamble"]
    closing = [node for node in forest if node.kind == "wrapup"]
    provisions = [
        _element(node, top=True) for node in forest if node.kind not in ("preamble", "wrapup")
    ]
    if not provisions:
        provisions = [E.hcontainer(eId="hcontainer_1", name="empty")]
    _mark_periods(provisions, commencements)
    act = E.act(
        _meta(info, modifications, today or date.today(), commencements),
        E.preface(E.longTitle(E.p(E.docTitle(info.title)))),
        *([_preamble(preamble)] if preamble else []),
        E.body(*provisions),
        *([E.conclusions(*_paragraphs("\n".join(n.text for n in closing)))] if closing else []),
        name=info.kind or "act",
    )
    return E.akomaNtoso(act)


def expression_uri(info: DocumentInfo, edition: Edition) -> str:
    """`/akn/tm/act/2021/social-services/eng@2023-07-01`."""
    return f"{info.work_uri}/{language_code(info.language)}@{edition.date.isoformat()}"


def _meta(
    info: DocumentInfo, modifications: Sequence[dict], today: date, commencements: Sequence[dict]
) -> etree._Element:
    edition = info.edition
    expression = expression_uri(info, edition)
    history = [past for past in info.history if past.number <= edition.number] or [edition]
    lifecycle = _lifecycle(history)
    dated = [c for c in commencements if c.get("date")]
    lifecycle.extend(
        E.eventRef(
            eId=f"e_commencement_{c['id']}",
            date=c["date"].isoformat(),
            source=f"#commencement_{c['id']}",
        )
        for c in dated
    )
    parts = [_identification(info, expression, today), lifecycle]
    if modifications:
        parts.append(
            E.analysis(E.passiveModifications(*_modifications(modifications)), source=SOURCE)
        )
    if dated:
        parts.append(E.temporalData(*(_period(c) for c in dated), source=SOURCE))
    references = _references(info, history)
    references.extend(_commencing(c) for c in commencements)
    if dated:
        references.append(
            E.TLCConcept(eId="inForce", href="/ontology/concept/inForce", showAs="in force")
        )
    parts.append(references)
    return E.meta(*parts)


def _period(commencement: dict) -> etree._Element:
    number = commencement["id"]
    return E.temporalGroup(
        E.timeInterval(start=f"#e_commencement_{number}", refersTo="#inForce"),
        eId=f"tg_commencement_{number}",
    )


def _commencing(commencement: dict) -> etree._Element:
    """The reference a commencement event comes from: the commencing instrument, or the
    commencement itself when Kanun does not hold that instrument."""
    number = commencement["id"]
    title = commencement.get("source_title") or f"Commencement {number}"
    if commencement.get("source"):
        return E.passiveRef(eId=f"commencement_{number}", href=commencement["source"], showAs=title)
    return E.TLCEvent(
        eId=f"commencement_{number}", href=f"/ontology/event/commencement/{number}", showAs=title
    )


def _mark_periods(elements: list[etree._Element], commencements: Sequence[dict]) -> None:
    """Point each provision a dated commencement names at that commencement's period."""
    period_of = {
        eid: f"#tg_commencement_{c['id']}"
        for c in commencements
        if c.get("date")
        for eid in c.get("provisions", ())
    }
    if not period_of:
        return
    for top in elements:
        for element in top.iter(f"{{{NS}}}*"):
            eid = element.get("eId")
            if eid in period_of:
                element.set("period", period_of[eid])


def _identification(info: DocumentInfo, expression: str, today: date) -> etree._Element:
    edition = info.edition
    return E.identification(
        E.FRBRWork(
            E.FRBRthis(value=f"{info.work_uri}/!main"),
            E.FRBRuri(value=info.work_uri),
            E.FRBRdate(date=_work_date(info.work_uri, edition).isoformat(), name="Generation"),
            E.FRBRauthor(href="#legislature"),
            E.FRBRcountry(value=info.jurisdiction or jurisdiction_of(info.work_uri)),
        ),
        E.FRBRExpression(
            E.FRBRthis(value=f"{expression}/!main"),
            E.FRBRuri(value=expression),
            E.FRBRdate(date=edition.date.isoformat(), name=edition.status),
            E.FRBRauthor(href="#legislature"),
            E.FRBRversionNumber(value=str(edition.number)),
            E.FRBRlanguage(language=language_code(info.language)),
        ),
        E.FRBRManifestation(
            E.FRBRthis(value=f"{expression}/!main.xml"),
            E.FRBRuri(value=f"{expression}.akn"),
            E.FRBRdate(date=today.isoformat(), name="Transform"),
            E.FRBRauthor(href=SOURCE),
        ),
        source=SOURCE,
    )


def _work_date(work_uri: str, edition: Edition) -> date:
    """The date in the work URI (a year is read as its first day), else the version's."""
    segment = work_uri.split("/")[4] if work_uri.count("/") >= 4 else ""
    try:
        return date.fromisoformat(segment if "-" in segment else f"{segment}-01-01")
    except ValueError:
        return edition.date


def _lifecycle(history: list[Edition]) -> etree._Element:
    events = []
    for edition in history:
        kind = "generation" if edition is history[0] else "amendment"
        if edition.status == "repealed":
            kind = "repeal"
        source = "#original" if edition is history[0] else f"#version_{edition.number}"
        events.append(
            E.eventRef(
                eId=f"e_{edition.number}",
                date=edition.date.isoformat(),
                source=source,
                type=kind,
            )
        )
    return E.lifecycle(*events, source=SOURCE)


def _modifications(modifications: Sequence[dict]) -> list[etree._Element]:
    elements = []
    for index, modification in enumerate(modifications, 1):
        kind = modification.get("type", "")
        if kind not in MODIFICATION_TYPES:
            raise ValueError(
                f"Passive modification {index} has the type {kind!r}; use one of "
                f"{', '.join(sorted(MODIFICATION_TYPES))}."
            )
        destination = modification["destination"].lstrip("#")
        attributes = {"eId": modification.get("id") or f"pmod_{index}", "type": kind}
        elements.append(
            E.textualMod(
                E.source(href=modification["source"]),
                E.destination(href=f"#{destination}"),
                **attributes,
            )
        )
    return elements


def _references(info: DocumentInfo, history: list[Edition]) -> etree._Element:
    references = [
        E.original(eId="original", href=expression_uri(info, history[0]), showAs=info.title),
        *(
            E.passiveRef(
                eId=f"version_{edition.number}",
                href=expression_uri(info, edition),
                showAs=words(info.language).describe(edition),
            )
            for edition in history[1:]
        ),
        E.TLCOrganization(
            eId="legislature",
            href=f"/ontology/organization/{info.jurisdiction or 'unknown'}/legislature",
            showAs="Legislature",
        ),
        E.TLCOrganization(eId="kanun", href="/ontology/organization/kanun", showAs="Kanun"),
    ]
    return E.references(*references, source=SOURCE)


def _element(node: Node, *, top: bool = False, last: bool = False) -> etree._Element:
    attributes = {"eId": node.eid}
    if node.provision_id:
        attributes["wId"] = node.provision_id
    if node.kind == "wrapup" and last:
        return E.wrapUp(*_paragraphs(node.text), **attributes)
    name = ELEMENTS.get(node.kind, "hcontainer")
    if name == "hcontainer":
        attributes["name"] = HCONTAINER_NAMES.get(node.kind, node.kind)
        if node.kind == "block":
            attributes["name"] = "schedule" if top else "note"
    element = etree.Element(f"{{{NS}}}{name}", attributes)
    if node.kind == "quoted":
        quotation = E.quotedStructure(*_paragraphs(node.text))
        element.append(E.content(E.p(E.mod(quotation))))
        return element
    if node.num:
        element.append(E.num(node.num))
    if node.heading:
        element.append(E.heading(node.heading))
    paragraphs = _paragraphs(node.text)
    if node.children:
        if paragraphs:
            element.append(E.intro(*paragraphs))
        final = len(node.children) - 1
        element.extend(
            _element(child, last=index == final) for index, child in enumerate(node.children)
        )
    elif paragraphs:
        element.append(E.content(*paragraphs))
    return element


def _preamble(preamble: Sequence[Node]) -> etree._Element:
    """The preamble's words, then its notes (a Word footnote on the enacting words), each a
    `container` named "note": the one grouping of paragraphs a preamble may hold."""
    notes = [note for node in preamble for note in node.children if note.kind == NOTE]
    return E.preamble(
        *_paragraphs("\n".join(node.text for node in preamble)),
        *(E.container(*_paragraphs(note.text), name=NOTE, eId=note.eid) for note in notes),
    )


def _paragraphs(text: str) -> list[etree._Element]:
    return [E.p(line) for line in text.split("\n")] if text else []
