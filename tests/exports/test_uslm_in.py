"""US bills in USLM XML read as provision trees."""

import pytest

from drafts.errors import InvalidInput
from drafts.tree import walk
from exports.uslm_in import read_uslm
from tests.corpus import CORPUS

BILL = CORPUS / "us-bills-116" / "HR1058_116_RDS_received-in-senate.xml"

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


def test_sections_subdivisions_quotations_and_closing_words():
    preamble, title = read_uslm(SMALL).nodes
    assert (preamble.kind, preamble.text) == ("preamble", "To test.")
    assert (title.kind, title.num, title.heading) == ("part", "I", "GENERAL")
    (section,) = title.children
    assert (section.kind, section.num, section.heading, section.text) == (
        "section",
        "101",
        "DEFINITIONS",
        "In this Act:",
    )
    first, second, closing = section.children
    assert (first.kind, first.num, first.text) == ("point", "(1)", "the term x means y; and")
    assert second.text == "by adding:\n\u201c(z) New.\u201d" and second.children == ()
    assert (closing.kind, closing.text) == ("wrapup", "This section applies.")


def test_a_real_bill_reads_every_provision_and_no_furniture():
    nodes = read_uslm(BILL.read_bytes()).nodes
    assert sum(1 for _ in walk(nodes)) == 74
    words = " ".join(f"{n.heading} {n.text}" for n in walk(nodes))
    assert "Be it enacted" not in words and "Attest" not in words and "AN ACT" not in words


def test_other_xml_is_refused_with_a_sentence():
    with pytest.raises(InvalidInput, match="no <main> element"):
        read_uslm(b"<akomaNtoso/>")
    with pytest.raises(InvalidInput, match="could not be read as USLM"):
        read_uslm(b"<bill")
