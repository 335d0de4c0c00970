"""The documents of a draft package and the minutes of its meetings, from a draft made over
the API: meeting pack, consolidated text, comparative table, redline, annex, minutes."""

from __future__ import annotations

import io
from dataclasses import dataclass

import docx
import pytest

from exports.annex import NO_FRAMEWORKS
from exports.docx_in import read_docx
from exports.furniture import EN
from exports.pdf import soffice
from frameworks import loader
from tests.api.drafting import by_eid, decide, etag, law_with_version, open_draft, propose
from tests.api.test_instruments import assert_problem
from tests.exports.ooxml_resolver import after_contents, redline_text
from tests.exports.test_docx_out import W, part

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DRAFT_NOTICE = EN["draft_notice"]
PARTS = ["Explanatory note", "Comparative table", "Consolidated text", "Alignment annex"]
HEARD = "Every child has the right to be heard."
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")


@dataclass(frozen=True)
class Drafted:
    instrument_id: int
    title: str
    draft_id: int
    meeting_id: int
    amendments: dict[str, int]


def _drafted(db, drafter, admin, reviewer, *, consolidated: bool) -> Drafted:
    """A law, a draft with five amendments by two authors (four accepted and one rejected at
    a meeting), a stage move there, an open thread with a reply and a resolved one."""
    loader.load_framework_file(db, loader.DATA / "crc.json", actor=loader.LOADER)
    db.commit()
    iid, version = law_with_version(drafter)
    nodes = by_eid(version)
    title = drafter.get(f"/api/v1/instruments/{iid}").json()["title"]
    linked = drafter.post(
        "/api/v1/alignments",
        json={
            "provision_id": nodes["chp_1__art_1__para_1"]["provision_id"],
            "framework": "CRC",
            "article": "4",
            "relation": "implements",
            "status": "confirmed",
        },
    )
    assert linked.status_code == 201, linked.text
    description = "The draft brings the law in line with the CRC.\nIt was asked for in 2023."
    did = open_draft(drafter, iid, description=description)["id"]
    meeting = reviewer.post(
        f"/api/v1/drafts/{did}/meetings",
        json={
            "title": "Working group, first reading",
            "held_on": "2024-05-02",
            "location": "Aşgabat, Mejlis room 3",
            "attendees": ["Aýna Orazowa", "John Smith"],
            "notes": "The group read the draft clause by clause.",
        },
    ).json()

    def make(client, **fields) -> int:
        response = propose(client, did, instrument_id=iid, **fields)
        assert response.status_code == 201, response.text
        return response.json()["id"]

    made = {
        "text": make(
            drafter,
            kind="replace_text",
            provision_id=nodes["chp_1__art_2__para_2"]["provision_id"],
            text="Services are given without discrimination of any kind.",
            rationale="CRC article 2 forbids discrimination of any kind.",
            treaty_refs=[{"framework": "CRC", "articles": [2]}],
        ),
        "heading": make(
            drafter,
            kind="replace_heading",
            provision_id=nodes["chp_2"]["provision_id"],
            heading="Services for children and families",
            rationale="Families are served too.",
        ),
        "insert": make(
            admin,
            kind="insert",
            anchor_id=nodes["chp_2__art_3"]["provision_id"],
            position="last_child",
            nodes=[{"kind": "paragraph", "num": "2", "text": HEARD}],
            rationale="CRC article 12: the views of the child.",
            treaty_refs=[{"framework": "CRC", "articles": [12]}],
        ),
        "delete": make(
            drafter,
            kind="delete",
            provision_id=nodes["chp_1__art_1"]["provision_id"],
            rationale="Article 2 sets the scope.",
        ),
        "clash": make(
            admin,
            kind="replace_text",
            provision_id=nodes["chp_1__art_2__para_2"]["provision_id"],
            text="Services are free.",
        ),
    }
    url = f"/api/v1/drafts/{did}"
    moved = drafter.post(
        f"{url}/stage",
        json={"to": "working_group", "note": "Ready for the group.", "meeting_id": meeting["id"]},
        headers=etag(drafter, url),
    )
    assert moved.status_code == 200, moved.text
    for name, aid in made.items():
        decision = "rejected" if name == "clash" else "accepted"
        note = "Superseded by the wording on discrimination." if name == "clash" else "Agreed."
        response = decide(reviewer, aid, decision, note=note, meeting_id=meeting["id"])
        assert response.status_code == 200, response.text
    comments = f"{url}/comments"
    first = reviewer.post(
        comments,
        json={
            "body": "Does this cover foreign residents?",
            "provision_id": nodes["chp_1__art_2__para_1"]["provision_id"],
            "instrument_id": iid,
            "version": 1,
        },
    ).json()
    drafter.post(comments, json={"body": "Yes, see article 2.", "parent_id": first["id"]})
    closed = reviewer.post(
        comments, json={"body": "Is article 1 still needed?", "amendment_id": made["delete"]}
    )
    closed_url = f"/api/v1/comments/{closed.json()['id']}"
    reviewer.post(f"{closed_url}/resolve", headers={"If-Match": closed.headers["etag"]})
    if consolidated:
        done = reviewer.post(f"{url}/consolidate", json={}, headers=etag(reviewer, url))
        assert done.status_code == 201, done.text
    return Drafted(iid, title, did, meeting["id"], made)


@pytest.fixture(params=[False, True], ids=["proposed", "consolidated"])
def drafted(request, db, drafter, admin, reviewer) -> Drafted:
    return _drafted(db, drafter, admin, reviewer, consolidated=request.param)


@pytest.fixture
def open_only(db, drafter, admin, reviewer) -> Drafted:
    return _drafted(db, drafter, admin, reviewer, consolidated=False)


def export(client, drafted: Drafted, **params):
    response = client.get(f"/api/v1/drafts/{drafted.draft_id}/export", params=params)
    assert response.status_code == 200, response.text
    return response


def opened(response) -> docx.document.Document:
    assert response.headers["content-type"] == DOCX
    return docx.Document(io.BytesIO(response.content))


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_meeting_pack_has_every_part(viewer, drafted):
    response = export(viewer, drafted)
    disposition = response.headers["content-disposition"]
    assert f'filename="draft-{drafted.draft_id}-pack.docx"' in disposition
    document = opened(response)
    assert headings(document, 1) == [*PARTS, "Open comments"]
    assert headings(document, 2) == [
        drafted.title,
        drafted.title,
        "CRC — Convention on the Rights of the Child",
    ]
    assert "The draft brings the law in line with the CRC." in texts(document)
    assert DRAFT_NOTICE in texts(document)

    comparative, annex = document.tables
    table = rows(comparative)
    assert table[0] == ["Current wording", "Proposed wording", "Rationale and treaty references"]
    assert len(table) == 6  # article 1 and its paragraph, a heading, a text, an insertion
    by_words = {row[1].split("\n")[-1]: row[2] for row in table[1:]}
    inserted = by_words["2 Every child has the right to be heard."]
    assert f"Amendment {drafted.amendments['insert']} (Admin)" in inserted
    assert "CRC article 12: the views of the child." in inserted
    assert "Treaty references: CRC 12" in inserted
    changed = by_words["2 Services are given without discrimination of any kind."]
    assert "Treaty references: CRC 2" in changed
    deleted = [row[2] for row in table[1:] if row[1].endswith("(deleted)")]
    assert len(deleted) == 2 and all("Article 2 sets the scope." in cell for cell in deleted)

    body = texts(document)
    assert "2\tEvery child has the right to be heard." in body
    assert "1\tThis Law governs social services." not in body
    assert "Chapter 2. Services for children and families" in headings(document, 3)

    articles = {row.cells[0].text.split(".")[0]: row for row in annex.rows[1:]}
    assert len(articles) == 42
    assert [cell.text for cell in articles["4"].cells[1:3]] == ["Covered", "Gap"]
    assert "new provisions at the end of Article 3 (suggested" in articles["12"].cells[3].text
    assert articles["12"].cells[0].paragraphs[0].runs[0].bold
    assert not articles["13"].cells[0].paragraphs[0].runs[0].bold

    thread = body[body.index("Paragraph 1 of Article 2") :]
    assert thread[1].endswith("Does this cover foreign residents?")
    assert thread[2].startswith("Drafter, ") and thread[2].endswith("Yes, see article 2.")
    assert not any("Is article 1 still needed?" in line for line in body)


def test_the_table_section_is_landscape_and_the_rest_portrait(viewer, open_only):
    sections = opened(export(viewer, open_only)).sections
    wide = [section.page_width > section.page_height for section in sections]
    assert wide == [False, True, False]


def test_parts_choose_what_goes_into_the_pack(viewer, open_only):
    document = opened(export(viewer, open_only, parts="comments, note"))
    assert headings(document, 1) == ["Explanatory note", "Open comments"]
    assert document.tables == []


def test_the_redline_is_by_each_amendments_author(viewer, drafted):
    response = export(viewer, drafted, kind="redline")
    body = part(response.content)
    authors: dict[str, set[str]] = {}
    for tag in ("ins", "del"):
        for mark in body.iter(f"{W}{tag}"):
            words = "".join(mark.itertext())
            if words.strip():
                authors.setdefault(words.strip(), set()).add(mark.get(f"{W}author"))
    assert authors["of any kind"] == {"Drafter"}
    assert authors["Every child has the right to be heard."] == {"Admin"}
    assert authors["This Law governs social services."] == {"Drafter"}
    assert authors["and families"] == {"Drafter"}
    assert len(list(body.iter(f"{W}ins"))) >= 4 and len(list(body.iter(f"{W}del"))) >= 4
    decided = viewer.get(f"/api/v1/amendments/{drafted.amendments['insert']}").json()
    when = decided["decided_at"][:19] + "Z"
    heard = [m for m in body.iter(f"{W}ins") if "heard" in "".join(m.itertext())]
    assert [mark.get(f"{W}date") for mark in heard] == [when]


def test_rejecting_and_accepting_the_draft_redline_give_its_two_texts(viewer, drafted):
    redlined = export(viewer, drafted, kind="redline").content
    base = viewer.get(f"/api/v1/instruments/{drafted.instrument_id}/versions/1/export")
    result = export(viewer, drafted, kind="text").content
    assert redline_text(redlined, "reject") == after_contents(base.content)
    assert redline_text(redlined, "accept") == after_contents(result)


def test_the_diff_export_of_a_consolidated_draft_gives_its_rationale(
    viewer, db, drafter, admin, reviewer
):
    drafted = _drafted(db, drafter, admin, reviewer, consolidated=True)
    params = {"from": f"{drafted.instrument_id}:1", "to": f"{drafted.instrument_id}:2"}
    response = viewer.get("/api/v1/diff/export", params={**params, "kind": "comparative"})
    assert response.status_code == 200, response.text
    (table,) = opened(response).tables
    notes = "\n".join(row[2] for row in rows(table)[1:])
    assert f"Amendment {drafted.amendments['text']} (Drafter): CRC article 2" in notes
    assert f"Amendment {drafted.amendments['insert']} (Admin)" in notes
    assert "Superseded" not in notes


def test_the_annex_lists_each_link_once(viewer, drafted):
    (annex,) = opened(export(viewer, drafted, kind="annex")).tables
    for row in annex.rows[1:]:
        links = [link for link in row.cells[3].text.split("; ") if link]
        assert len(links) == len(set(links)), row.cells[0].text


def test_the_consolidated_text_of_the_draft(viewer, drafted):
    response = export(viewer, drafted, kind="text")
    body = texts(opened(response))
    assert "Chapter 2. Services for children and families" in body
    assert "2\tServices are given without discrimination of any kind." in body
    assert "2\tEvery child has the right to be heard." in body
    assert "Article 1. Scope" not in body
    assert DRAFT_NOTICE in body  # consolidated in the working group, it is a draft still
    chapters = read_docx(response.content, "en").nodes[1:]
    assert [chapter.heading for chapter in chapters] == [
        "General provisions",
        "Services for children and families",
    ]


def test_the_comparative_table_of_the_draft(viewer, open_only):
    document = opened(export(viewer, open_only, kind="table"))
    (table,) = document.tables
    assert len(table.rows) == 6
    assert any("Families are served too." in row[2] for row in rows(table))


def test_the_annex_alone(viewer, open_only):
    document = opened(export(viewer, open_only, kind="annex"))
    assert headings(document, 1) == ["CRC — Convention on the Rights of the Child"]
    assert "Coverage 2.4% before the draft and 0.0% after it" in texts(document)[2]


def test_the_annex_says_so_when_no_framework_is_loaded(drafter):
    iid, _ = law_with_version(drafter)
    bare = open_draft(drafter, iid)
    response = drafter.get(f"/api/v1/drafts/{bare['id']}/export", params={"kind": "annex"})
    assert NO_FRAMEWORKS in texts(opened(response))


def test_the_minutes_of_a_meeting(viewer, open_only):
    response = viewer.get(f"/api/v1/meetings/{open_only.meeting_id}/minutes")
    assert response.status_code == 200, response.text
    assert "minutes-2024-05-02.docx" in response.headers["content-disposition"]
    document = opened(response)
    body = texts(document)
    assert body[0] == "Minutes: Working group, first reading"
    assert "Date: 2024-05-02" in body and "Place: Aşgabat, Mejlis room 3" in body
    assert headings(document, 1) == ["Attendees", "Notes", "Decisions"]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets[:2] == ["Aýna Orazowa", "John Smith"]
    (table,) = document.tables
    decided = {row[0]: row for row in rows(table)[1:]}
    assert len(decided) == 5
    clash = decided[f"Amendment {open_only.amendments['clash']}"]
    assert clash[2] == "Rejected (Reviewer)"
    assert clash[3] == "Superseded by the wording on discrimination."
    inserted = decided[f"Amendment {open_only.amendments['insert']}"][1]
    assert inserted.startswith("Inserts 1 provision at the end of Article 3")
    assert "From drafting to working group, by Drafter: Ready for the group." in body


@needs_soffice
@pytest.mark.parametrize("kind", ["pack", "text", "table", "redline", "annex", "minutes"])
def test_every_document_converts_to_pdf(viewer, open_only, kind):
    if kind == "minutes":
        url = f"/api/v1/meetings/{open_only.meeting_id}/minutes"
        response = viewer.get(url, params={"format": "pdf"})
    else:
        response = export(viewer, open_only, kind=kind, format="pdf")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_unknown_drafts_and_meetings_are_404(viewer):
    assert "no draft" in assert_problem(viewer.get("/api/v1/drafts/999999/export"), 404)["detail"]
    missing = viewer.get("/api/v1/meetings/999999/minutes")
    assert "no meeting" in assert_problem(missing, 404)["detail"]


def test_exports_need_sign_in(anonymous, open_only):
    assert_problem(anonymous.get(f"/api/v1/drafts/{open_only.draft_id}/export"), 401)
    assert_problem(anonymous.get(f"/api/v1/meetings/{open_only.meeting_id}/minutes"), 401)


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"parts": "note,agenda"}, "There is no part 'agenda' in the meeting pack"),
        ({"parts": " , "}, "No part is given"),
        ({"kind": "table", "parts": "note"}, "leave them out"),
        ({"kind": "text", "instrument": 999999}, "is not amended by draft"),
        ({"kind": "minutes"}, "kind"),
    ],
)
def test_bad_export_requests_are_422(viewer, open_only, params, problem):
    response = viewer.get(f"/api/v1/drafts/{open_only.draft_id}/export", params=params)
    body = assert_problem(response, 422)
    assert problem in body["detail"] or problem in str(body.get("errors"))


def test_a_draft_of_two_instruments_names_the_one_to_export(drafter, viewer, open_only):
    other, _ = law_with_version(drafter)
    url = f"/api/v1/drafts/{open_only.draft_id}"
    added = drafter.post(
        f"{url}/targets", json={"instrument_id": other}, headers=etag(drafter, url)
    )
    assert added.status_code == 201, added.text
    refused = viewer.get(f"{url}/export", params={"kind": "redline"})
    assert "name one with instrument=ID" in assert_problem(refused, 422)["detail"]
    chosen = export(viewer, open_only, kind="redline", instrument=other)
    assert list(part(chosen.content).iter(f"{W}ins")) == []
    pack = opened(export(viewer, open_only, parts="text"))
    assert len(headings(pack, 2)) == 2
