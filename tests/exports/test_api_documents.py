"""The documents API: exports, diff exports and imports — works / not found or bad / not allowed."""

from __future__ import annotations

import io

import docx
import pytest
from sqlalchemy import func, select

from drafts.models import Instrument, Version
from exports.docx_in import read_docx
from exports.pdf import soffice
from tests.api.test_instruments import assert_problem
from tests.corpus import CORPUS as REAL_LAWS
from tests.exports.ooxml_resolver import after_contents, redline_text
from tests.exports.samples import bad_files, demo_text, valid_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NEW = {
    "title": "Law on Social Services",
    "kind": "law",
    "language": "en",
    "work_uri": "/akn/tm/act/2021/imported-social-services",
}


def upload(client, name: str, data: bytes, *, dry_run: bool = False, headers=None, **fields):
    return client.post(
        "/api/v1/import",
        params={"dry_run": str(dry_run).lower()},
        files={"file": (name, data, "application/octet-stream")},
        data={key: str(value) for key, value in fields.items()},
        headers=headers or {},
    )


def imported(client, text: str = "social_services_v1.en.txt", **fields):
    response = upload(client, "law.txt", demo_text(text).encode(), **(NEW | fields))
    assert response.status_code == 201, response.text
    return response


def stored(db) -> tuple[int, int]:
    instruments = db.scalar(select(func.count()).select_from(Instrument))
    versions = db.scalar(select(func.count()).select_from(Version))
    return instruments, versions


@pytest.mark.parametrize(
    ("format", "media_type", "extension"),
    [
        ("docx", DOCX, "docx"),
        ("akn", "application/akn+xml", "xml"),
        ("html", "text/html; charset=utf-8", "html"),
        ("txt", "text/plain; charset=utf-8", "txt"),
    ],
)
def test_export_a_version(drafter, viewer, format, media_type, extension):
    body = imported(drafter).json()
    url = f"/api/v1/instruments/{body['instrument']['id']}/versions/1/export"
    response = viewer.get(url, params={"format": format, "line_numbers": "true"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media_type
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="imported-social-services-v1.{extension}"' in disposition


def test_exported_text_imports_back_as_the_same_tree(drafter):
    body = imported(drafter).json()
    url = f"/api/v1/instruments/{body['instrument']['id']}/versions/1/export"
    for format, name in (("txt", "law.txt"), ("docx", "law.docx"), ("akn", "law.xml")):
        exported = drafter.get(url, params={"format": format}).content
        again = upload(drafter, name, exported, dry_run=True).json()
        assert again["provisions"] == _without_ids(body["provisions"]), format


def _without_ids(nodes: list[dict]) -> list[dict]:
    return [
        node | {"eid": "", "provision_id": None, "children": _without_ids(node["children"])}
        for node in nodes
    ]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_export_pdf(drafter):
    body = imported(drafter).json()
    url = f"/api/v1/instruments/{body['instrument']['id']}/versions/1/export"
    response = drafter.get(url, params={"format": "pdf"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")


def test_export_unknown_version_or_format(drafter):
    iid = imported(drafter).json()["instrument"]["id"]
    assert_problem(drafter.get(f"/api/v1/instruments/{iid}/versions/9/export"), 404)
    assert_problem(drafter.get("/api/v1/instruments/999999/versions/1/export"), 404)
    response = drafter.get(f"/api/v1/instruments/{iid}/versions/1/export?format=odt")
    assert_problem(response, 422)


def test_export_needs_sign_in(drafter, anonymous):
    iid = imported(drafter).json()["instrument"]["id"]
    assert_problem(anonymous.get(f"/api/v1/instruments/{iid}/versions/1/export"), 401)


def two_versions(client) -> int:
    created = imported(client)
    iid = created.json()["instrument"]["id"]
    second = upload(
        client,
        "law.txt",
        demo_text("social_services_v2.en.txt").encode(),
        instrument_id=iid,
        headers={"If-Match": created.headers["etag"]},
    )
    assert second.status_code == 201, second.text
    return iid


@pytest.mark.parametrize("kind", ["redline", "comparative"])
def test_export_a_diff(drafter, viewer, kind):
    iid = two_versions(drafter)
    response = viewer.get(
        "/api/v1/diff/export", params={"from": f"{iid}:1", "to": f"{iid}:2", "kind": kind}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == DOCX
    assert f"{kind}-v1-v2.docx" in response.headers["content-disposition"]
    document = docx.Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text.startswith("Redline" if kind == "redline" else "Compar")
    if kind == "redline":
        assert b'w:author="Drafter"' in _document_xml(response.content)
        for number, view in ((1, "reject"), (2, "accept")):
            text = viewer.get(f"/api/v1/instruments/{iid}/versions/{number}/export").content
            assert redline_text(response.content, view) == after_contents(text)


def _document_xml(data: bytes) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_diff_export_bad_reference_and_anonymous(drafter, anonymous):
    iid = two_versions(drafter)
    assert_problem(drafter.get("/api/v1/diff/export", params={"from": "x", "to": f"{iid}:2"}), 422)
    assert_problem(
        drafter.get("/api/v1/diff/export", params={"from": f"{iid}:1", "to": f"{iid}:7"}), 404
    )
    params = {"from": f"{iid}:1", "to": f"{iid}:2"}
    assert_problem(anonymous.get("/api/v1/diff/export", params=params), 401)


def test_dry_run_returns_the_tree_and_stores_nothing(drafter, db):
    before = stored(db)
    response = upload(drafter, "law.docx", valid_docx(), dry_run=True)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["format"] == "docx" and body["provision_count"] == 2
    assert body["provisions"][0]["kind"] == "article"
    assert stored(db) == before


def test_a_us_bill_in_uslm_is_read_as_uslm(drafter, db):
    """USLM is XML, as Akoma Ntoso is: the file's namespace says which reader it needs."""
    data = (REAL_LAWS / "us-bills-116" / "HR1058_116_ENR_enrolled.xml").read_bytes()
    before = stored(db)
    response = upload(drafter, "HR1058.xml", data, dry_run=True, language="en")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["format"], body["warnings"]) == ("uslm", [])
    sections = [node for node in body["provisions"] if node["kind"] == "section"]
    assert [section["num"] for section in sections] == ["1", "2", "3"]
    assert stored(db) == before


def test_import_creates_an_instrument_and_a_version(drafter):
    response = imported(drafter, label="As adopted")
    body = response.json()
    assert body["version"] == 1 and body["instrument"]["jurisdiction"] == "tm"
    assert response.headers["location"].endswith("/versions/1")
    version = drafter.get(response.headers["location"]).json()
    assert version["label"] == "As adopted"
    assert version["provision_count"] == body["provision_count"]


def test_a_new_version_keeps_provision_identities(drafter):
    created = imported(drafter)
    iid = created.json()["instrument"]["id"]
    data = drafter.get(f"/api/v1/instruments/{iid}/versions/1/export?format=docx").content
    assert read_docx(data, "en").nodes
    missing = upload(drafter, "law.docx", data, instrument_id=iid)
    assert_problem(missing, 428)
    again = upload(
        drafter, "law.docx", data, instrument_id=iid, headers={"If-Match": created.headers["etag"]}
    )
    assert again.status_code == 201, again.text
    first = drafter.get(f"/api/v1/instruments/{iid}/versions/1").json()["provisions"]
    second = again.json()["provisions"]
    assert [n["provision_id"] for n in second] == [n["provision_id"] for n in first]


def test_a_new_instrument_needs_its_fields(drafter, db):
    before = stored(db)
    response = upload(drafter, "law.txt", b"Article 1. Scope", title="Law")
    body = assert_problem(response, 422)
    assert {"kind", "language", "work_uri"} <= {error["field"] for error in body["errors"]}
    assert stored(db) == before


def test_viewers_cannot_import(viewer, reviewer, db):
    before = stored(db)
    assert_problem(upload(viewer, "law.txt", b"Article 1. Scope", dry_run=True), 403)
    assert_problem(upload(reviewer, "law.txt", b"Article 1. Scope", **NEW), 403)
    assert stored(db) == before


def test_unknown_instrument_is_404(drafter):
    assert_problem(upload(drafter, "law.txt", b"Article 1.", instrument_id=999999), 404)


@pytest.mark.parametrize(("name", "case"), bad_files().items())
def test_bad_files_are_4xx_and_store_nothing(drafter, db, name, case):
    filename, data, status = case
    before = stored(db)
    response = upload(drafter, filename, data, **NEW)
    body = assert_problem(response, status)
    assert body["detail"].endswith("."), name
    assert stored(db) == before
