"""US bills in USLM XML read as provision trees: each USLM construct in a small bill modelled
on a real one, then the real bills of the corpus word for word."""

import re
from collections import Counter
from copy import deepcopy

import pytest
from lxml import etree

from drafts.errors import InvalidInput
from drafts.tree import Node, walk
from exports.uslm_in import read_uslm
from tests.corpus import CORPUS

BILLS = CORPUS / "us-bills-116"
BILL = BILLS / "HR1058_116_RDS_received-in-senate.xml"

SMALL = (
    b'<?xml version="1.0"?><bill xmlns="http://schemas.gpo.gov/xml/uslm">'
    b"<meta><docNumber>1</docNumber></meta><main>"
    b"<longTitle><docTitle>A BILL</docTitle><officialTitle>To test.</officialTitle></longTitle>"
    b"<enactingFormula>Be it enacted,</enactingFormula>"
    b'<title><num value="I">TITLE I</num><heading>GENERAL</heading>'
    b'<section><num value="101">SEC. 101. </num><heading>DEFINITIONS.</heading>'
    b"<chapeau>In this Act:</chapeau>"
    b'<paragraph><num value="1">(1) </num>'
    b"<content>the term <quotedText>x</quotedText> means y; and</content></paragraph>"
    b'<paragraph><num value="2">(2) </num><content>by adding:<quotedContent><subsection>'
    b'<num value="z">\xe2\x80\x9c(z) </num><content>New.\xe2\x80\x9d</content>'
    b"</subsection></quotedContent></content></paragraph>"
    b'<continuation class="indent0">This section applies.</continuation>'
    b"</section></title></main></bill>"
)


def bill(main: str) -> bytes:
    """A bill whose <main> holds `main` after its long title and enacting formula."""
    return (
        '<bill xmlns="http://schemas.gpo.gov/xml/uslm"><main>'
        "<longTitle><docTitle>An Act</docTitle><officialTitle>Making appropriations."
        "</officialTitle></longTitle><enactingFormula>Be it enacted,</enactingFormula>"
        f"{main}</main></bill>"
    ).encode()


def heading(level: str, words: str, text: str = "") -> str:
    content = f'<content class="block">{text}</content>' if text else ""
    return f'<appropriations level="{level}"><heading>{words}</heading>{content}</appropriations>'


def section(num: str, body: str) -> str:
    number = f'<num value="{num}"><inline class="smallCaps">Sec. {num}. </inline></num>'
    return f"<section>{number}{body}</section>"


def title(num: str, words: str, body: str) -> str:
    return f'<title><num value="{num}">TITLE {num}</num><heading>{words}</heading>{body}</title>'


def shape(nodes: tuple[Node, ...]) -> list:
    """(kind, num, heading, text) of each node, its children's shapes after it."""
    return [
        (n.kind, n.num, n.heading, n.text, *([shape(n.children)] if n.children else []))
        for n in nodes
    ]


CLAUSE = '<section class="inline"><content>The following sums are appropriated:</content></section>'
CASES = {
    "a heading nests under a higher level and closes its own": (
        title(
            "I",
            "AGRICULTURE",
            heading("major", "AGRICULTURAL PROGRAMS")
            + heading("intermediate", "Farm Service Agency")
            + heading("small", "<inline class='smallCaps'>emergency program</inline>", "For $1.")
            + heading("small", "conservation program", "For $2.")
            + heading("intermediate", "Rural Development")
            + heading("small", "community facilities", "For $3."),
        ),
        [
            (
                "crossheading",
                "",
                "AGRICULTURAL PROGRAMS",
                "",
                [
                    (
                        "crossheading",
                        "",
                        "Farm Service Agency",
                        "",
                        [
                            ("section", "", "emergency program", "For $1."),
                            ("section", "", "conservation program", "For $2."),
                        ],
                    ),
                    (
                        "crossheading",
                        "",
                        "Rural Development",
                        "",
                        [
                            ("section", "", "community facilities", "For $3."),
                        ],
                    ),
                ],
            ),
        ],
    ),
    "a heading of the same level without text is qualified by the next": (
        title(
            "IV",
            "ENERGY",
            heading("major", "DEPARTMENT OF ENERGY")
            + heading("major", "ENERGY PROGRAMS")
            + heading("small", "electricity delivery", "For $4.")
            + heading("small", "fire management")
            + heading("small", "(including transfer of funds)", "For $5."),
        ),
        [
            (
                "crossheading",
                "",
                "DEPARTMENT OF ENERGY",
                "",
                [
                    (
                        "crossheading",
                        "",
                        "ENERGY PROGRAMS",
                        "",
                        [
                            ("section", "", "electricity delivery", "For $4."),
                            (
                                "crossheading",
                                "",
                                "fire management",
                                "",
                                [
                                    ("section", "", "(including transfer of funds)", "For $5."),
                                ],
                            ),
                        ],
                    ),
                ],
            ),
        ],
    ),
    "a higher heading closes the lower ones": (
        title(
            "II",
            "COMMERCE",
            heading("intermediate", "Oceanic Administration")
            + heading("small", "operations", "For $6.")
            + heading("major", "DEPARTMENT OF JUSTICE")
            + heading("small", "salaries", "For $7."),
        ),
        [
            (
                "crossheading",
                "",
                "Oceanic Administration",
                "",
                [
                    ("section", "", "operations", "For $6."),
                ],
            ),
            (
                "crossheading",
                "",
                "DEPARTMENT OF JUSTICE",
                "",
                [
                    ("section", "", "salaries", "For $7."),
                ],
            ),
        ],
    ),
    "text without a heading continues the heading before it": (
        title(
            "IX",
            "VETERANS",
            heading("small", "medical facilities")
            + heading("small", "(including transfer of funds)")
            + '<appropriations level="small"><content>For $8.</content></appropriations>'
            + heading("small", "grants", "<p>For $9.</p>")
            + '<appropriations level="small"><content><p>In addition, $10.</p></content>'
            "</appropriations>",
        ),
        [
            (
                "crossheading",
                "",
                "medical facilities",
                "",
                [
                    ("section", "", "(including transfer of funds)", "For $8."),
                ],
            ),
            ("section", "", "grants", "For $9.\nIn addition, $10."),
        ],
    ),
    "sections stand beside the headings, and close them": (
        title(
            "III",
            "DEFENSE",
            heading("intermediate", "Operation, Air Force", "For $11.")
            + heading("major", "GENERAL PROVISION—THIS TITLE")
            + section("301", "<content>Funds only for their purposes.</content>")
            + heading("small", "reserve", "For $12."),
        ),
        [
            ("section", "", "Operation, Air Force", "For $11."),
            ("crossheading", "", "GENERAL PROVISION—THIS TITLE", ""),
            ("section", "301", "", "Funds only for their purposes."),
            ("section", "", "reserve", "For $12."),
        ],
    ),
    "a short title after the last section closes its title": (
        title(
            "XI",
            "GENERAL PROVISIONS—THIS ACT",
            section("1101", "<content>In addition.</content>")
            + '<section><content class="block">This Act may be cited as the Act.</content>'
            "</section>",
        ),
        [
            ("section", "1101", "", "In addition."),
            ("wrapup", "", "", "This Act may be cited as the Act."),
        ],
    ),
    "a short title without a heading after the last section closes its title": (
        title(
            "XII",
            "GENERAL PROVISIONS—THIS ACT",
            section("1201", "<content>In addition.</content>")
            + '<appropriations level="small"><content>Cited as the Act.</content>'
            "</appropriations>",
        ),
        [
            ("section", "1201", "", "In addition."),
            ("wrapup", "", "", "Cited as the Act."),
        ],
    ),
    "provisos are text of the paragraph they close": (
        title(
            "VI",
            "INTERIOR",
            heading(
                "small",
                "construction",
                "For $13: <proviso><i> Provided</i>, That it is an emergency.</proviso>",
            ),
        ),
        [("section", "", "construction", "For $13: Provided, That it is an emergency.")],
    ),
    "a flush-left continuation nested in an indented paragraph closes the section": (
        title(
            "X",
            "HOUSING",
            section(
                "1102",
                "<chapeau>Of all amounts:</chapeau>"
                '<paragraph class="indent1"><num value="1">(1) </num><content>plans;</content>'
                '</paragraph><paragraph class="indent1"><num value="2">(2) </num>'
                "<chapeau>waivers:</chapeau>"
                '<continuation class="indent0"><proviso>Provided, That it applies.</proviso>'
                "</continuation></paragraph>",
            ),
        ),
        [
            (
                "section",
                "1102",
                "",
                "Of all amounts:",
                [
                    ("point", "(1)", "", "plans;"),
                    ("point", "(2)", "", "waivers:"),
                    ("wrapup", "", "", "Provided, That it applies."),
                ],
            ),
        ],
    ),
    "a continuation flush with its unit stays in it": (
        title(
            "V",
            "SECURITY",
            section(
                "504",
                '<subsection class="inline"><num value="a">(a) </num><heading>Standards.—</heading>'
                '<chapeau>A facility shall meet—</chapeau><paragraph class="indent1">'
                '<num value="1">(1) </num><chapeau>the codes—</chapeau>'
                '<subparagraph class="indent2"><num value="A">(A) </num><content>of 2015;'
                '</content></subparagraph><continuation class="indent1">as amended.'
                '</continuation></paragraph><continuation class="indent0">in each case.'
                "</continuation></subsection>",
            ),
        ),
        [
            (
                "section",
                "504",
                "",
                "",
                [
                    (
                        "paragraph",
                        "(a)",
                        "Standards",
                        "A facility shall meet—",
                        [
                            (
                                "point",
                                "(1)",
                                "",
                                "the codes—",
                                [
                                    ("subpoint", "(A)", "", "of 2015;"),
                                    ("wrapup", "", "", "as amended."),
                                ],
                            ),
                            ("wrapup", "", "", "in each case."),
                        ],
                    ),
                ],
            ),
        ],
    ),
}


@pytest.mark.parametrize(("main", "expected"), CASES.values(), ids=CASES.keys())
def test_uslm_constructs(main, expected):
    long_title, first, *_ = read_uslm(bill(main)).nodes
    assert (long_title.kind, long_title.text) == ("preamble", "Making appropriations.")
    assert shape(first.children) == expected


def test_the_appropriating_clause_is_the_second_preamble_and_divisions_hold_titles():
    division = (
        '<division><num value="A">DIVISION A</num><heading>AGRICULTURE</heading>'
        + title("I", "PROGRAMS", heading("small", "grants", "For $1."))
        + "</division>"
    )
    _, clause, part = read_uslm(bill(CLAUSE + division)).nodes
    assert (clause.kind, clause.text) == ("preamble", "The following sums are appropriated:")
    assert (part.kind, part.num, part.heading) == ("part", "A", "AGRICULTURE")
    (inner,) = part.children
    assert (inner.kind, inner.num, inner.heading) == ("part", "I", "PROGRAMS")


def test_sections_subdivisions_quotations_and_closing_words():
    preamble, title_ = read_uslm(SMALL).nodes
    assert (preamble.kind, preamble.text) == ("preamble", "To test.")
    assert (title_.kind, title_.num, title_.heading) == ("part", "I", "GENERAL")
    (section_,) = title_.children
    assert (section_.kind, section_.num, section_.heading, section_.text) == (
        "section",
        "101",
        "DEFINITIONS",
        "In this Act:",
    )
    first, second, closing = section_.children
    assert (first.kind, first.num, first.text) == ("point", "(1)", "the term x means y; and")
    assert second.text == "by adding:\n\u201c(z) New.\u201d" and second.children == ()
    assert (closing.kind, closing.text) == ("wrapup", "This section applies.")


def test_a_bill_of_the_schema_version_2_reads_alike():
    version_2 = SMALL.replace(b"xml/uslm", b"xml/uslm/2.0")
    assert read_uslm(version_2).nodes == read_uslm(SMALL).nodes


def test_a_real_bill_reads_every_provision_and_no_furniture():
    nodes = read_uslm(BILL.read_bytes()).nodes
    assert sum(1 for _ in walk(nodes)) == 74
    words = " ".join(f"{n.heading} {n.text}" for n in walk(nodes))
    assert "Be it enacted" not in words and "Attest" not in words and "AN ACT" not in words


_FURNITURE = frozenset({"docTitle", "enactingFormula", "attestation", "signatures"})
"""Not law text; a unit's <num> is read as its number, not as words (but a quoted one is)."""


def _words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text))


def _xml_words(main: etree._Element) -> Counter:
    body = deepcopy(main)
    for element in list(body.iter()):
        name = etree.QName(element).localname if isinstance(element.tag, str) else ""
        quoted = any(
            etree.QName(a).localname in ("quotedContent", "quotedText")
            for a in element.iterancestors()
        )
        if name in _FURNITURE or (name == "num" and not quoted):
            element.text = None
            for child in list(element):
                element.remove(child)
    return _words(" ".join(body.itertext()))


@pytest.mark.parametrize("name", sorted(path.name for path in BILLS.glob("*.xml")))
def test_every_word_of_the_body_is_read_once(name):
    data = (BILLS / name).read_bytes()
    main = etree.fromstring(data).find("{http://schemas.gpo.gov/xml/uslm}main")
    nodes = walk(read_uslm(data).nodes)
    assert sum((_words(f"{n.heading} {n.text}") for n in nodes), Counter()) == _xml_words(main)


def test_other_xml_is_refused_with_a_sentence():
    with pytest.raises(InvalidInput, match="no <main> element"):
        read_uslm(b"<akomaNtoso/>")
    with pytest.raises(InvalidInput, match="could not be read as USLM"):
        read_uslm(b"<bill")
