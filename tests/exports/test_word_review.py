"""A Word document marked up by reviewers, back in as amendments: Kanun's own redline edited
as Word would edit it (an insertion, a deletion, a move, a new paragraph, comments, two
authors), a plain edited copy without tracked changes, and files that must store nothing."""

from __future__ import annotations

import copy
import io

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from tests.api.drafting import by_eid, decide, open_draft, propose, to_review
from tests.api.test_instruments import add_version, assert_problem, create
from tests.factories import article

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FIRST, SECOND = ("Reviewer", "2024-06-03T10:15:00Z"), ("John Smith", "2024-06-04T08:00:00Z")
LAW = [
    {"kind": "preamble", "text": "This Law sets out the social services of the State."},
    {
        "kind": "chapter",
        "num": "1",
        "heading": "General provisions",
        "children": [
            article("1", "This Law governs social services.", heading="Scope"),
            article(
                "2",
                "Everyone has the right to social services.",
                "Services are given without discrimination.",
                "Services are given in the language of the person.",
                heading="Right to services",
            ),
        ],
    },
    {
        "kind": "chapter",
        "num": "2",
        "heading": "Services for children",
        "children": [
            article("3", "The best interests of the child come first.", "Children are heard.")
        ],
    },
]


def drafted(drafter, reviewer) -> tuple[int, int, dict]:
    """A law, and a draft with one accepted amendment; (instrument, draft, nodes by eId)."""
    iid = create(drafter).json()["id"]
    version = add_version(drafter, iid, LAW, status="in_force", effective_date="2021-01-01")
    assert version.status_code == 201, version.text
    nodes = by_eid(version.json())
    did = open_draft(drafter, iid)["id"]
    made = propose(
        drafter,
        did,
        instrument_id=iid,
        kind="replace_text",
        provision_id=nodes["chp_1__art_2__para_2"]["provision_id"],
        text="Services are given without discrimination of any kind.",
    )
    assert made.status_code == 201, made.text
    to_review(drafter, did)
    assert decide(reviewer, made.json()["id"], "accepted").status_code == 200
    return iid, did, nodes


def mark(tag: str, who: tuple[str, str], number: int) -> etree._Element:
    element = etree.Element(qn(f"w:{tag}"))
    element.set(qn("w:id"), str(9000 + number))
    element.set(qn("w:author"), who[0])
    element.set(qn("w:date"), who[1])
    return element


def paragraph_of(document, text: str):
    return next(p for p in document.paragraphs if text in p.text)


def track_mark(paragraph, tag: str, who, number: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    run_properties = properties.find(qn("w:rPr"))
    if run_properties is None:
        run_properties = etree.SubElement(properties, qn("w:rPr"))
    run_properties.append(mark(tag, who, number))


def insert_words(paragraph, after: str, words: str, who) -> None:
    """Type `words` after `after` with Track Changes on."""
    text = next(t for t in paragraph._p.iter(qn("w:t")) if after in (t.text or ""))
    head, tail = text.text.split(after, 1)
    text.text = head + after
    run = text.getparent()
    inserted = mark("ins", who, 1)
    new_run = etree.SubElement(inserted, qn("w:r"))
    etree.SubElement(new_run, qn("w:t")).text = words
    rest = copy.deepcopy(run)
    rest.find(qn("w:t")).text = tail
    run.addnext(inserted)
    inserted.addnext(rest)


def delete_paragraph(paragraph, who) -> None:
    """Delete a whole paragraph with Track Changes on: its text and its mark."""
    for index, run in enumerate(list(paragraph._p.iter(qn("w:r")))):
        for text in run.iter(qn("w:t")):
            text.tag = qn("w:delText")
        wrapper = mark("del", who, 10 + index)
        run.addprevious(wrapper)
        wrapper.append(run)
    track_mark(paragraph, "del", who, 20)


def move_paragraph(paragraph, after, who) -> None:
    """Drag a paragraph after another with Track Changes on: a named move."""
    destination = copy.deepcopy(paragraph._p)
    for kind, element, base in (("moveFrom", paragraph._p, 30), ("moveTo", destination, 50)):
        for index, run in enumerate(list(element.iter(qn("w:r")))):
            wrapper = mark(kind, who, base + index)
            run.addprevious(wrapper)
            wrapper.append(run)
        start = mark(f"{kind}RangeStart", who, base + 10)
        start.set(qn("w:name"), "move42")
        element.find(qn("w:pPr")).addnext(start)
        end = etree.SubElement(element, qn(f"w:{kind}RangeEnd"))
        end.set(qn("w:id"), start.get(qn("w:id")))
        marks = element.find(qn("w:pPr")).find(qn("w:rPr"))
        if marks is None:
            marks = etree.SubElement(element.find(qn("w:pPr")), qn("w:rPr"))
        marks.append(mark(kind, who, base + 11))
    after._p.addnext(destination)


def insert_paragraph(after, number: str, text: str, who) -> Run:
    """Type a new numbered paragraph after another with Track Changes on; its run."""
    made = copy.deepcopy(after._p)
    for child in list(made):
        if child.tag != qn("w:pPr"):
            made.remove(child)
    inserted = mark("ins", who, 70)
    run = OxmlElement("w:r")
    inserted.append(run)
    Run(run, after).text = f"{number}\t{text}"
    made.append(inserted)
    after._p.addnext(made)
    properties = made.find(qn("w:pPr"))
    marks = properties.find(qn("w:rPr"))
    if marks is None:
        marks = etree.SubElement(properties, qn("w:rPr"))
    marks.append(mark("ins", who, 71))
    return Run(run, Paragraph(made, after._parent))


def reviewed(redline: bytes) -> bytes:
    """The redline after two reviewers worked on it in Word."""
    document = docx.Document(io.BytesIO(redline))
    scope = paragraph_of(document, "This Law governs social services.")
    insert_words(scope, "This Law governs ", "all ", FIRST)
    document.add_comment(scope.runs[-1], "Is all too wide?", author=FIRST[0], initials="R")
    language = paragraph_of(document, "in the language of the person")
    delete_paragraph(language, SECOND)
    move_paragraph(paragraph_of(document, "Children are heard."), language, FIRST)
    interests = paragraph_of(document, "The best interests of the child")
    asked = insert_paragraph(interests, "3", "Every child may ask for help.", SECOND)
    document.add_comment(asked, "Who answers the child?", author=SECOND[0])
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def upload(client, draft_id: int, data: bytes, *, dry_run: bool):
    return client.post(
        f"/api/v1/drafts/{draft_id}/word-review",
        params={"dry_run": str(dry_run).lower()},
        files={"file": ("reviewed.docx", data)},
    )


def amendments(client, draft_id: int) -> list[dict]:
    return client.get(f"/api/v1/drafts/{draft_id}/amendments").json()["items"]


def test_a_redline_edited_in_word_comes_back_as_amendments_and_comments(drafter, reviewer):
    _, did, nodes = drafted(drafter, reviewer)
    redline = drafter.get(f"/api/v1/drafts/{did}/export", params={"kind": "redline"})
    data = reviewed(redline.content)

    dry = upload(drafter, did, data, dry_run=True)
    assert dry.status_code == 200, dry.text
    plan = dry.json()
    assert plan["tracked"] and plan["compared_with"] == "draft"
    assert len(amendments(drafter, did)) == 1
    assert [p["kind"] for p in plan["proposals"]] == ["replace_text", "delete", "move", "insert"]
    assert [p["where"] for p in plan["proposals"][:3]] == [
        "Article 1(1)",
        "Article 2(3)",
        "Article 3(2)",
    ]
    assert [p["word_author"] for p in plan["proposals"]] == [
        "Reviewer",
        "John Smith",
        "Reviewer",
        "John Smith",
    ]
    assert plan["problems"] == []

    done = upload(drafter, did, data, dry_run=False)
    assert done.status_code == 201, done.text
    made = {a["id"]: a for a in amendments(drafter, did)}
    assert len(made) == 5
    by_kind = {a["kind"]: a for a in made.values() if a["status"] == "proposed"}
    provision = {eid: node["provision_id"] for eid, node in nodes.items()}
    assert by_kind["replace_text"]["provision_id"] == provision["chp_1__art_1__para_1"]
    assert by_kind["replace_text"]["text"] == "This Law governs all social services."
    assert by_kind["delete"]["provision_id"] == provision["chp_1__art_2__para_3"]
    assert (by_kind["move"]["provision_id"], by_kind["move"]["anchor_id"]) == (
        provision["chp_2__art_3__para_2"],
        provision["chp_1__art_2__para_2"],
    )
    assert by_kind["move"]["position"] == "after"
    inserted = by_kind["insert"]
    assert (inserted["anchor_id"], inserted["position"]) == (
        provision["chp_2__art_3__para_1"],
        "after",
    )
    assert [(n["num"], n["text"]) for n in inserted["nodes"]] == [
        ("3", "Every child may ask for help.")
    ]
    assert by_kind["delete"]["word_author"] == "John Smith"
    assert by_kind["delete"]["word_date"].startswith("2024-06-04T08:00:00")
    assert {a["author"] for a in by_kind.values()} == {"Drafter"}

    threads = drafter.get(f"/api/v1/drafts/{did}/comments").json()["items"]
    said = {c["body"]: c for c in threads}
    assert said["Is all too wide?"]["provision_id"] == provision["chp_1__art_1__para_1"]
    assert said["Is all too wide?"]["author"] == "Reviewer"
    assert said["Who answers the child?"]["amendment_id"] == inserted["id"]
    assert said["Who answers the child?"]["word_author"] == "John Smith"


def test_a_plain_edited_copy_is_compared_with_the_draft_text(drafter, reviewer):
    iid, did, _ = drafted(drafter, reviewer)
    text = drafter.get(f"/api/v1/instruments/{iid}/versions/1/export").content
    document = docx.Document(io.BytesIO(text))
    changed = paragraph_of(document, "Children are heard.")
    changed.runs[-1].text = changed.runs[-1].text.replace("heard", "heard and answered")
    gone = paragraph_of(document, "in the language of the person")
    gone._p.getparent().remove(gone._p)
    stream = io.BytesIO()
    document.save(stream)
    plan = upload(drafter, did, stream.getvalue(), dry_run=True).json()
    assert not plan["tracked"] and plan["compared_with"] == "base"
    assert [(p["kind"], p["where"]) for p in plan["proposals"]] == [
        ("delete", "Article 2(3)"),
        ("replace_text", "Article 3(2)"),
    ]
    assert plan["proposals"][1]["fields"]["text"] == "Children are heard and answered."
    assert plan["proposals"][1]["author"] == "Drafter"


@pytest.mark.parametrize(
    ("data", "status"),
    [(b"not a word file at all" * 10, 415), (b"PK\x03\x04broken", 422)],
)
def test_a_bad_file_stores_nothing(drafter, reviewer, data, status):
    _, did, _ = drafted(drafter, reviewer)
    before = len(amendments(drafter, did))
    assert_problem(upload(drafter, did, data, dry_run=False), status)
    assert len(amendments(drafter, did)) == before


def test_only_those_who_may_propose_send_a_review(viewer, drafter, reviewer):
    _, did, _ = drafted(drafter, reviewer)
    assert_problem(upload(viewer, did, b"PK", dry_run=True), 403)
