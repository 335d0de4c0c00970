"""The import page: check a file (nothing stored), import it, refuse bad files and forms."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from drafts.models import Instrument, Version
from tests.api.drafting import law_with_version
from tests.exports.samples import CORPUS, bad_files, demo_text, valid_docx

NEW_LAW = {
    "target": "new",
    "title": "Law on Social Services",
    "kind": "law",
    "jurisdiction": "tm",
    "language": "en",
    "work_uri": "/akn/tm/act/2021/page-import",
    "label": "As adopted",
    "status": "in_force",
    "effective_date": "2021-01-01",
}
GAPPED = b"Article 1. Scope\n\n1. This Law governs social services.\n\n3. A paragraph too far.\n"


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def text_of(soup, selector: str) -> str:
    return soup.select_one(selector).get_text(" ", strip=True)


def stored(sessions) -> tuple[int, int]:
    with sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(Instrument)),
            session.scalar(select(func.count()).select_from(Version)),
        )


def send(browser, name: str, data: bytes, **fields):
    return browser.post("/import", fields, files={"file": (name, data, "application/octet-stream")})


def test_the_form_has_a_label_for_every_field(browser_for, drafter):
    iid, _ = law_with_version(drafter)
    page = browser_for("drafter").soup(f"/import?instrument={iid}")
    assert text_of(page, "h1") == "Import a law from a file"
    form = page.select_one("form#import-form")
    assert form["enctype"] == "multipart/form-data" and form["hx-encoding"] == "multipart/form-data"
    for field in form.select("input:not([type=hidden]), select, textarea"):
        assert page.select_one(f"label[for={field['id']}]") is not None, field["id"]
    assert page.select_one("#target-existing").has_attr("checked")
    assert page.select_one("#instrument_id option[selected]")["value"] == str(iid)
    assert page.select_one("progress#upload-progress") is not None
    assert page.select_one("#preview-heading") is None


def test_a_dry_run_lists_provisions_and_warnings_and_stores_nothing(browser_for, sessions):
    drafter = browser_for("drafter")
    before = stored(sessions)
    response = send(drafter, "gapped.txt", GAPPED, action="check", **NEW_LAW)
    assert response.status_code == 200, response.text
    page = soup_of(response)
    assert stored(sessions) == before
    assert text_of(page, "#preview-heading") == "What Kanun read"
    warnings = [li.get_text(" ", strip=True) for li in page.select("ul.warnings li")]
    assert warnings == [
        "Line 5: Paragraph 3 follows Paragraph 1 in Article 1: Paragraph 2 is missing."
    ]
    outline = [text_of(li, ".num") for li in page.select("ul.outline li")]
    assert outline == ["Article 1", "1.", "3."]
    assert page.select_one("#title")["value"] == "Law on Social Services"
    assert page.select_one("input[name=kept_name]")["value"] == "gapped.txt"
    assert text_of(page, "button[value=import]") == "Import 3 provisions"


def test_after_the_check_the_import_stores_a_new_law(browser_for, sessions):
    drafter = browser_for("drafter")
    before = stored(sessions)
    checked = soup_of(
        send(
            drafter,
            "law.txt",
            demo_text("social_services_v1.en.txt").encode(),
            action="check",
            **NEW_LAW,
        )
    )
    kept = {
        name: checked.select_one(f"input[name={name}]")["value"]
        for name in ("kept_name", "kept_file", "checked")
    }
    response = drafter.post("/import", {**NEW_LAW, **kept, "action": "import"})
    assert response.status_code == 303, response.text
    instruments, versions = stored(sessions)
    assert (instruments, versions) == (before[0] + 1, before[1] + 1)
    page = drafter.soup(response.headers["location"])
    assert text_of(page, "h1") == "Law on Social Services"
    assert "Article 1" in [a.get_text(" ", strip=True)[:9] for a in page.select(".toc a")]


def test_a_new_version_of_an_existing_law_from_a_docx(browser_for, drafter, sessions):
    iid, _ = law_with_version(drafter)
    browser = browser_for("drafter")
    fields = {"target": "existing", "instrument_id": str(iid), "label": "From Word"}
    checked = soup_of(send(browser, "law.docx", valid_docx(), action="check", **fields))
    assert [text_of(li, ".num") for li in checked.select("ul.outline li")] == ["Article 1", "1."]
    token = checked.select_one("input[name=checked]")["value"]
    response = send(browser, "law.docx", valid_docx(), action="import", checked=token, **fields)
    assert response.status_code == 303
    assert response.headers["location"] == f"/instruments/{iid}?version=2"


def test_htmx_import_answers_with_a_redirect_header(browser_for):
    drafter = browser_for("drafter")
    response = drafter.post(
        "/import",
        {**NEW_LAW, "action": "import"},
        files={"file": ("law.txt", GAPPED, "text/plain")},
        headers={"HX-Request": "true", "X-CSRF-Token": drafter.csrf},
    )
    assert response.status_code == 200
    assert response.headers["HX-Redirect"].startswith("/instruments/")


def test_a_stale_check_is_refused(browser_for, drafter, sessions):
    iid, _ = law_with_version(drafter)
    browser = browser_for("drafter")
    fields = {"target": "existing", "instrument_id": str(iid), "checked": f"{iid}:0"}
    before = stored(sessions)
    response = send(browser, "law.txt", GAPPED, action="import", **fields)
    assert response.status_code == 412
    assert "check the file again" in text_of(soup_of(response), "[role=alert]")
    assert stored(sessions) == before


@pytest.mark.parametrize("case", ["not a zip", "truncated zip", "doctype in document.xml"])
def test_a_bad_file_shows_the_sentence_keeps_the_fields_and_stores_nothing(
    browser_for, sessions, case
):
    name, data, status = bad_files()[case]
    drafter = browser_for("drafter")
    before = stored(sessions)
    for action in ("check", "import"):
        response = send(drafter, name, data, action=action, **NEW_LAW)
        assert response.status_code == status, response.text
        page = soup_of(response)
        assert text_of(page, "[role=alert]")[0].isupper()
        assert page.select_one("#work_uri")["value"] == NEW_LAW["work_uri"]
        assert page.select_one("#kind option[selected]")["value"] == "law"
        assert page.select_one("input[name=kept_file]") is None
        assert stored(sessions) == before


def test_missing_fields_are_named_next_to_them(browser_for, sessions):
    drafter = browser_for("drafter")
    before = stored(sessions)
    response = send(
        drafter,
        "law.txt",
        GAPPED,
        action="check",
        **{**NEW_LAW, "title": "", "work_uri": "not a uri"},
    )
    assert response.status_code == 422
    page = soup_of(response)
    assert "title" in text_of(page, "[role=alert]")
    assert page.select_one("#title")["aria-invalid"] == "true"
    assert page.select_one("#work_uri-error") is not None
    assert page.select_one("#work_uri")["value"] == "not a uri"
    assert page.select_one("input[name=kept_name]")["value"] == "law.txt"
    assert text_of(page, "button[value=import]") == "Import 3 provisions"
    assert stored(sessions) == before


def test_the_file_is_checked_before_the_fields(browser_for):
    name, data, status = bad_files()["not a zip"]
    response = send(browser_for("drafter"), name, data, action="check", target="new")
    assert response.status_code == status
    page = soup_of(response)
    assert "not a zip package" in text_of(page, "[role=alert]")
    assert page.select_one("#preview-heading") is None


def test_a_taken_work_uri_keeps_the_file_for_the_next_try(browser_for, drafter, sessions):
    taken = drafter.get(f"/api/v1/instruments/{law_with_version(drafter)[0]}").json()["work_uri"]
    browser = browser_for("drafter")
    before = stored(sessions)
    response = send(browser, "law.txt", GAPPED, action="import", **{**NEW_LAW, "work_uri": taken})
    assert response.status_code == 409
    page = soup_of(response)
    assert "exists already" in text_of(page, "[role=alert]")
    assert page.select_one("#work_uri")["value"] == taken
    kept = page.select_one("input[name=kept_file]")["value"]
    assert stored(sessions) == before
    again = browser.post(
        "/import", {**NEW_LAW, "kept_name": "law.txt", "kept_file": kept, "action": "import"}
    )
    assert again.status_code == 303


def test_no_file_and_no_law_chosen(browser_for):
    drafter = browser_for("drafter")
    empty = drafter.post("/import", {**NEW_LAW, "action": "check"})
    assert empty.status_code == 422
    assert text_of(soup_of(empty), "#file-error") == "choose a file"
    unchosen = send(drafter, "law.txt", GAPPED, action="check", target="existing")
    assert unchosen.status_code == 422
    assert (
        text_of(soup_of(unchosen), "[role=alert]")
        == "Choose the law this file is a new version of."
    )


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
def test_only_drafters_and_admins_import(browser_for, sessions, role):
    browser = browser_for(role)
    assert browser.get("/import").status_code == 403
    before = stored(sessions)
    refused = send(browser, "law.txt", GAPPED, action="import", **NEW_LAW)
    assert refused.status_code == 403
    assert stored(sessions) == before
    assert browser_for("admin").get("/import").status_code == 200


def test_the_preview_of_a_real_bill_is_collapsed_by_part(browser_for):
    path = CORPUS / "NI_Organ_and_Tissue_Donation_Deemed_Consent_Bill_as_introduced.docx"
    if not path.exists():
        pytest.skip("the shared corpus is not beside the repository")
    page = soup_of(
        send(browser_for("drafter"), path.name, path.read_bytes(), action="check", **NEW_LAW)
    )
    top = page.select("ul.outline > li")
    assert [text_of(li, ".num") for li in top] == ["Preamble", "Section 1", "Section 2"]
    folded = [li.select_one("details") for li in top[1:]]
    assert all(d is not None and not d.has_attr("open") for d in folded)
    assert "(17 provisions)" in text_of(top[1], "summary")
    assert page.select_one("nav.pager") is None


def test_the_preview_is_paged(browser_for):
    articles = "\n\n".join(f"Article {n}. Rule {n}\n\nText of rule {n}." for n in range(1, 31))
    browser = browser_for("drafter")
    first = soup_of(send(browser, "long.txt", articles.encode(), action="check", **NEW_LAW))
    assert len(first.select("ul.outline > li")) == 25
    assert text_of(first, "nav.pager p") == "Page 1 of 2"
    kept = {
        name: first.select_one(f"input[name={name}]")["value"]
        for name in ("kept_name", "kept_file")
    }
    second = soup_of(browser.post("/import", {**NEW_LAW, **kept, "preview_page": "2"}))
    assert text_of(second.select_one("ul.outline > li"), ".num") == "Article 26"
    assert text_of(second, "nav.pager p") == "Page 2 of 2"


def test_a_reviewed_word_document_is_checked_then_proposed(browser_for, drafter, reviewer):
    from tests.exports.test_word_review import amendments, drafted, reviewed

    _, did, _ = drafted(drafter, reviewer)
    redline = drafter.get(f"/api/v1/drafts/{did}/export", params={"kind": "redline"}).content
    browser = browser_for("drafter")
    form = browser.soup(f"/drafts/{did}/word")
    assert text_of(form, "h1") == "Take in a reviewed Word document"
    data = reviewed(redline)
    files = {"file": ("reviewed.docx", data, "application/octet-stream")}
    checked = soup_of(browser.post(f"/drafts/{did}/word", {"action": "check"}, files=files))
    rows = [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in checked.select("table.proposals tbody tr")
    ]
    assert [row[1] for row in rows][:3] == ["Article 1(1)", "Article 2(3)", "Article 3(2)"]
    assert len(amendments(drafter, did)) == 1
    kept = {
        name: checked.select_one(f"input[name={name}]")["value"]
        for name in ("kept_name", "kept_file")
    }
    done = browser.post(f"/drafts/{did}/word", {"action": "propose", **kept})
    assert done.status_code == 303 and done.headers["location"] == f"/drafts/{did}"
    assert len(amendments(drafter, did)) == 5


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "Law", "kind": "law", "language": "en", "jurisdiction": "tm"},
        {**NEW_LAW, "effective_date": "1 May"},
        {**NEW_LAW, "action": "import", "target": "existing", "instrument_id": "999999"},
    ],
)
def test_the_page_refuses_in_the_api_sentences(browser_for, drafter, sessions, fields):
    """The import page and `POST /import` run one flow: the same refusal, the same sentence."""
    before = stored(sessions)
    page = send(browser_for("drafter"), "law.txt", GAPPED, **{"action": "import", **fields})
    typed = {name: fields[name] for name in fields if name not in ("action", "target")}
    api = drafter.post(
        "/api/v1/import", files={"file": ("law.txt", GAPPED, "text/plain")}, data=typed
    )
    assert page.status_code == api.status_code
    assert text_of(soup_of(page), "[role=alert]") == api.json()["detail"]
    assert stored(sessions) == before
