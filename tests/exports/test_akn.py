"""Akoma Ntoso: schema-valid export, the corpus bills, round trips, hostile XML."""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree

from drafts.errors import InvalidInput
from drafts.parse import parse_text
from drafts.tree import Node, walk
from exports.akn_in import read_akn
from exports.akn_names import A, validation_errors
from exports.akn_out import akn_tree, to_akn
from exports.docx_in import read_docx
from exports.safety import UnsupportedFile
from tests.corpus import CORPUS as REAL_LAWS
from tests.exports.samples import CORPUS, LAUGHS, XXE, info, tree


def stripped(nodes) -> tuple[Node, ...]:
    """The tree without stored identities (an import gives new ones)."""
    return tuple(Node(n.kind, n.num, n.heading, n.text, stripped(n.children)) for n in nodes)


@pytest.mark.parametrize(
    ("name", "language"),
    [("social_services_v1.en.txt", "en"), ("social_services_v1.ru.txt", "ru"), ("tk", "tk")],
)
def test_export_is_valid_against_the_official_schema_and_reads_back(name, language):
    nodes = tree(name, language)
    root = akn_tree(nodes, info(language))
    assert validation_errors(root) == []
    assert read_akn(to_akn(nodes, info(language))).nodes == stripped(nodes)


def test_metadata_lifecycle_identities_and_passive_modifications():
    nodes = tuple(
        Node(n.kind, n.num, n.heading, n.text, n.children, provision_id=f"p-{i}")
        for i, n in enumerate(tree("social_services_v1.en.txt", "en"))
    )
    modifications = [
        {"type": "substitution", "destination": "chp_I__art_1", "source": "/akn/tm/act/2024/7"},
        {"type": "insertion", "destination": "#chp_II", "source": "/akn/tm/act/2024/7"},
    ]
    root = akn_tree(nodes, info("en"), modifications=modifications)
    assert validation_errors(root) == []
    expression = root.find(f".//{A}FRBRExpression/{A}FRBRuri").get("value")
    assert expression == "/akn/tm/act/2021/social-services/eng@2024-05-01"
    events = [(e.get("date"), e.get("type")) for e in root.iter(f"{A}eventRef")]
    assert events == [("2021-01-01", "generation"), ("2024-05-01", "amendment")]
    mods = [
        (m.get("type"), m.find(f"{A}destination").get("href")) for m in root.iter(f"{A}textualMod")
    ]
    assert mods == [("substitution", "#chp_I__art_1"), ("insertion", "#chp_II")]
    body = root.find(f".//{A}body")
    assert [child.get("wId") for child in body][:2] == ["p-1", "p-2"]


def test_an_unknown_modification_type_is_refused():
    with pytest.raises(ValueError, match="type 'amend'"):
        akn_tree((), info(), modifications=[{"type": "amend", "destination": "x", "source": "y"}])


def test_an_empty_version_is_still_valid():
    root = akn_tree((), info())
    assert validation_errors(root) == []
    assert read_akn(etree.tostring(root)).nodes == ()


SCOTTISH = "SCOT_draft_SSI_2025_Social_Security_Cross-border_Case_Transfer_Misc_Amendments_Regs"


def corpus_file(stem: str) -> bytes:
    (path,) = CORPUS.glob(f"{stem}*.akn.xml")
    return path.read_bytes()


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("NI_Organ", {"preamble": 1, "section": 2, "paragraph": 11, "point": 4}),
        ("SCOT_draft", {"part": 2, "article": 7, "paragraph": 19, "point": 10, "block": 6}),
        (
            "NI_Adoption",
            {
                # Schedule 3's two parts are parts, as in the bill's Word file.
                "part": 5,
                "chapter": 7,
                "section": 160,
                "paragraph": 801,
                "point": 700,
                "subpoint": 248,
            },
        ),
    ],
)
def test_corpus_bills_import(stem, expected):
    nodes = read_akn(corpus_file(stem)).nodes
    counts = Counter(node.kind for node in walk(nodes))
    assert {kind: counts[kind] for kind in expected} == expected


def test_corpus_quotations_and_levels_are_kept():
    nodes = read_akn(corpus_file("NI_Organ")).nodes
    section = nodes[1]
    assert (section.kind, section.num, section.heading) == (
        "section",
        "1.",
        "“Appropriate consent” to adult transplant activities",
    )
    point = section.children[1].children[0]
    assert point.text == "in paragraph (ba), after “(6A)” insert “or (6AA)”;"


def shape(nodes) -> list[tuple[int, str, str, str]]:
    return [(depth, n.kind, n.num, n.heading) for n, depth in _depths(nodes, 0)]


def _depths(nodes, depth):
    for node in nodes:
        yield node, depth
        yield from _depths(node.children, depth + 1)


@pytest.mark.parametrize(
    ("element", "inner", "kind"),
    [
        ("chapter", "chapter", "chapter"),
        ("chapter", "subchapter", "chapter"),
        ("part", "subpart", "part"),
        ("section", "subdivision", "section"),
        ("hcontainer name='schedule'", "part", "part"),
        ("section", "subsection", "paragraph"),
        ("paragraph", "paragraph", "point"),
    ],
)
def test_a_container_within_one_of_its_kind_keeps_its_kind(element, inner, kind):
    closing = element.split()[0]
    inner_xml = f"<{inner} eId='b'><num>2</num><content><p>Text.</p></content></{inner}>"
    xml = (
        f"<akomaNtoso xmlns='{A[1:-1]}'><act><body><{element} eId='a'><num>1</num>"
        f"{inner_xml}</{closing}></body></act></akomaNtoso>"
    )
    (outer,) = read_akn(xml.encode()).nodes
    assert [child.kind for child in outer.children] == [kind]


@pytest.mark.parametrize("law", ["de-jgg-2012/JGG_v0", "de-sgb8-55-2012/SGB8_v0"])
def test_a_german_law_s_nested_chapters_go_out_and_back_in(law):
    """A Hauptstück holds Abschnitte, an Unterabschnitt Titel: containers of one kind."""
    (path,) = REAL_LAWS.glob(f"{law}*.md")
    nodes = parse_text(path.read_text("utf-8"), "de").nodes
    again = read_akn(to_akn(nodes, info("de"))).nodes
    assert shape(again) == shape(nodes)


def test_the_notes_of_a_preamble_go_out_and_back_in():
    """The Scottish regulations' footnotes on their enacting words are notes of the preamble."""
    nodes = read_docx((CORPUS / f"{SCOTTISH}.docx").read_bytes(), "en").nodes
    root = akn_tree(nodes, info())
    assert validation_errors(root) == []
    again = read_akn(etree.tostring(root)).nodes
    assert [n.kind for n in again[0].children] == [n.kind for n in nodes[0].children]
    assert len(nodes[0].children) > 1
    assert stripped(again) == stripped(nodes)


def test_corpus_bill_reexported_is_valid():
    nodes = read_akn(corpus_file("SCOT_draft")).nodes
    assert validation_errors(akn_tree(nodes, info())) == []


@pytest.mark.parametrize("data", [XXE, LAUGHS])
def test_declarations_and_entities_are_refused(data):
    with pytest.raises(UnsupportedFile):
        read_akn(data)


def test_other_xml_is_refused():
    with pytest.raises(UnsupportedFile, match="not an Akoma Ntoso"):
        read_akn(b"<html><body/></html>")
    judgment = b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><judgment/></akomaNtoso>'
    with pytest.raises(UnsupportedFile, match="judgment"):
        read_akn(judgment)
    with pytest.raises(InvalidInput, match="well-formed"):
        read_akn(b"<akomaNtoso><act>")
