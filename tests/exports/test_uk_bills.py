"""Real bills from Word: each .docx of the UK corpus against the UK National Archives parser's
Akoma Ntoso of the same bill, which nobody here wrote.

The reference is read here with lxml alone. Sections (regulations, in the Scottish
instrument) are compared in order with their numbers, headings and number of subsections;
quoted structures and cross-headings are counted; schedules are compared as top-level
containers. The .docx files were not tuned against one by one: the importer was written on
the NI Adoption and Children Bill and then run on the other two.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from drafts.tree import Node
from exports.akn_in import read_akn
from exports.akn_names import validation_errors
from exports.akn_out import akn_tree
from exports.docx_in import read_docx
from exports.docx_out import consolidated_docx
from tests.exports.samples import CORPUS, info

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
BILLS = (
    "NI_Adoption_and_Children_Bill_as_introduced",
    "NI_Organ_and_Tissue_Donation_Deemed_Consent_Bill_as_introduced",
    "SCOT_draft_SSI_2025_Social_Security_Cross-border_Case_Transfer_Misc_Amendments_Regs",
)
WRAP_UPS_NOT_FOUND = {
    "NI_Adoption_and_Children_Bill_as_introduced": {
        # Section 3(3) lists two definitions; the reference reads the second as the closing
        # words of the first. Without a list before it, the importer keeps it as a line of
        # subsection (3)'s text, after the first definition.
        "references to the area of an HSC trust are to the area prescribed as the area of",
    },
}


def words(text: str) -> str:
    return " ".join(text.split())


@cache
def bill(stem: str) -> tuple[tuple[Node, ...], etree._Element]:
    docx_path = CORPUS / f"{stem}.docx"
    if not docx_path.exists():
        pytest.skip("the shared corpus is not beside the repository")
    reference = Path(f"{CORPUS / stem}.TNA-parser-output.akn.xml")
    return read_docx(docx_path.read_bytes(), "en").nodes, etree.parse(reference).getroot()


def quoted_or_scheduled(element: etree._Element) -> bool:
    return any(
        etree.QName(a).localname == "quotedStructure" or a.get("name") == "schedule"
        for a in element.iterancestors()
    )


def outside_quotes(element: etree._Element) -> bool:
    return not any(etree.QName(a).localname == "quotedStructure" for a in element.iterancestors())


def reference_sections(root: etree._Element) -> list[tuple[str, str, int]]:
    """(number, heading, subsections) of the bill's own sections and regulations, in order."""
    found = []
    for element in root.iterfind(".//a:body//*", NS):
        if etree.QName(element).localname not in ("section", "article"):
            continue
        if quoted_or_scheduled(element):
            continue
        heading = element.find("a:heading", NS)
        subsections = [
            child
            for child in element
            if etree.QName(child).localname in ("subsection", "paragraph")
        ]
        found.append(
            (
                (element.findtext("a:num", namespaces=NS) or "").strip().rstrip("."),
                words(heading.xpath("string()")) if heading is not None else "",
                len(subsections),
            )
        )
    return found


def own(nodes: tuple[Node, ...], kinds: tuple[str, ...], *, schedules: bool = False) -> list[Node]:
    """The nodes of these kinds, never looking inside quotations (nor schedules, unless asked)."""
    found = []
    for node in nodes:
        if node.kind == "block" and not schedules:
            continue
        if node.kind in kinds:
            found.append(node)
        if node.kind != "quoted":
            found.extend(own(node.children, kinds, schedules=schedules))
    return found


def imported_sections(nodes: tuple[Node, ...]) -> list[tuple[str, str, int]]:
    return [
        (
            node.num.rstrip("."),
            words(node.heading),
            sum(1 for child in node.children if child.kind == "paragraph"),
        )
        for node in own(nodes, ("section", "article"))
    ]


@pytest.mark.parametrize("stem", BILLS)
def test_sections_headings_and_subsections_match_the_reference(stem):
    nodes, root = bill(stem)
    expected, found = reference_sections(root), imported_sections(nodes)
    assert [num for num, _, _ in found] == [num for num, _, _ in expected]
    assert [heading for _, heading, _ in found] == [heading for _, heading, _ in expected]
    assert [count for _, _, count in found] == [count for _, _, count in expected]


@pytest.mark.parametrize("stem", BILLS)
def test_quoted_text_stays_inside_the_amending_provision(stem):
    nodes, root = bill(stem)
    structures = [e for e in root.iterfind(".//a:quotedStructure", NS) if outside_quotes(e)]
    quoted = own(nodes, ("quoted",), schedules=True)
    assert len(quoted) == len(structures)
    assert all(node.children == () for node in quoted)
    assert all(own(node.children, ("section",)) == [] for node in nodes if node.kind == "block")


@pytest.mark.parametrize("stem", BILLS)
def test_cross_headings_and_closing_words(stem):
    nodes, root = bill(stem)
    crossheadings = Counter(
        words(e.find("a:heading", NS).xpath("string()"))
        for e in root.iterfind(".//a:hcontainer[@name='crossheading']", NS)
        if outside_quotes(e)
    )
    found = Counter(words(n.heading) for n in own(nodes, ("crossheading",), schedules=True))
    assert crossheadings - found == Counter()
    wrapped = {words(n.text)[:80] for n in own(nodes, ("wrapup",), schedules=True)}
    missing = {
        words(e.xpath("string()"))[:80]
        for e in root.iterfind(".//a:wrapUp", NS)
        if outside_quotes(e)
    } - wrapped
    assert missing == WRAP_UPS_NOT_FOUND.get(stem, set())


def test_schedules_are_top_level_containers_with_their_headings_and_parts():
    nodes, root = bill(BILLS[0])
    schedules = [node for node in nodes if node.kind == "block"]
    expected = [
        words(e.find("a:heading", NS).xpath("string()"))
        for e in root.iterfind(".//a:hcontainer[@name='schedule']", NS)
        if outside_quotes(e)
    ]
    assert [node.heading for node in schedules] == expected
    assert [node.num for node in schedules] == ["1", "2", "3", "4", "5"]
    parts = [(child.num, child.heading) for child in schedules[2].children]
    assert parts == [
        ("1", "Amendments of primary legislation"),
        ("2", "Amendments of subordinate legislation"),
    ]
    body_parts = [node for node in nodes if node.kind == "part"]
    assert [node.num for node in body_parts] == ["1", "2", "3"]


def test_headings_keep_their_case_and_closing_words_their_place():
    nodes, _ = bill(BILLS[0])
    part = nodes[1]
    assert (part.kind, part.num, part.heading) == ("part", "1", "Adoption")
    chapters = [(c.num, c.heading) for c in part.children if c.kind == "chapter"]
    assert chapters[:4] == [
        ("1", "introductory"),
        ("2", "the adoption service"),
        ("3", "Placement for adoption and adoption orders"),
        ("4", "STATUS OF ADOPTED CHILDREN"),
    ]
    section = part.children[0].children[0]
    seventh = section.children[6]
    assert [child.kind for child in seventh.children] == ["point", "point", "wrapup"]
    assert seventh.children[-1].text.startswith("but does not include coming to a decision")
    assert nodes[0].kind == "preamble" and "BE IT ENACTED" in nodes[0].text


@pytest.mark.parametrize("stem", BILLS)
def test_the_imported_bill_goes_out_and_back_in_unchanged(stem):
    nodes, _ = bill(stem)
    assert read_docx(consolidated_docx(nodes, info()), "en").nodes == nodes
    root = akn_tree(nodes, info())
    assert validation_errors(root) == []
    again = read_akn(etree.tostring(root)).nodes
    assert imported_sections(again) == imported_sections(nodes)
    for kind in ("quoted", "wrapup", "crossheading"):
        assert len(own(again, (kind,), schedules=True)) == len(own(nodes, (kind,), schedules=True))
