"""The input boundary: control characters, numbers beyond 32 bits, lone surrogates and trees
too large or too deep are refused with a sentence before any route sees them; imports keep the
text and drop the control characters with a warning; XML in any encoding is checked."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import httpx2 as httpx
import pytest

from exports.safety import UnsupportedFile, check_xml, xml_encoding
from tests import live
from tests.api.test_instruments import add_version, assert_problem, create
from tests.api.test_workers import token
from tests.exports.test_api_documents import NEW, upload
from tests.factories import instrument_body, sample_provisions

BASE = "/api/v1"


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x0b"])
def test_a_control_character_in_a_title_is_refused(drafter, character):
    body = assert_problem(
        drafter.post(f"{BASE}/instruments", json=instrument_body(title=f"Law{character}on")), 422
    )
    assert "title" in body["detail"] and f"U+{ord(character):04X}" in body["detail"]


def test_tabs_and_line_ends_are_kept(drafter):
    iid = create(drafter).json()["id"]
    tree = sample_provisions()
    tree[0]["text"] = "First line\r\nsecond\tline"
    assert add_version(drafter, iid, tree).status_code == 201


def test_a_control_character_deep_in_a_tree_names_its_field(drafter):
    iid = create(drafter).json()["id"]
    tree = sample_provisions()
    tree[1]["children"][0]["children"][0]["text"] = "Bell\x07"
    body = assert_problem(add_version(drafter, iid, tree), 422)
    assert "provisions[].children[].children[].text" in body["detail"]
    assert "U+0007 (BEL)" in body["detail"]


def test_lone_surrogates_are_refused_and_pairs_kept(drafter):
    raw = '{"title": "Law \\ud800 on", "kind": "law", "jurisdiction": "tm", "language": "en", '
    raw += '"work_uri": "/akn/tm/act/2021/surrogate"}'
    sent = drafter.post(
        f"{BASE}/instruments", content=raw, headers={"content-type": "application/json"}
    )
    assert "surrogate" in assert_problem(sent, 422)["detail"]
    paired = raw.replace("\\ud800", "\\ud83d\\ude00")
    kept = drafter.post(
        f"{BASE}/instruments", content=paired, headers={"content-type": "application/json"}
    )
    assert kept.status_code == 201 and kept.json()["title"] == "Law \U0001f600 on"


@pytest.mark.parametrize("huge", [2**31, 6260224360, 2**70])
def test_numbers_a_column_cannot_hold_are_refused(drafter, viewer, huge):
    assert "numbers must lie" in assert_problem(viewer.get(f"{BASE}/drafts/{huge}"), 422)["detail"]
    assert_problem(viewer.get(f"{BASE}/instruments", params={"page": str(huge)}), 422)
    body = {"title": "Big", "targets": [{"instrument_id": huge}]}
    assert (
        "targets[].instrument_id"
        in assert_problem(drafter.post(f"{BASE}/drafts", json=body), 422)["detail"]
    )


def test_control_characters_in_the_address_and_forms_are_refused(viewer, anonymous):
    assert_problem(viewer.get(f"{BASE}/instruments", params={"q": "a\x00b"}), 422)
    refused = anonymous.post("/login", data={"username": "x\x00", "password": "y"})
    assert refused.status_code == 422


def test_a_huge_tree_is_refused_while_it_streams(drafter):
    iid = create(drafter).json()["id"]
    nodes = [{"kind": "paragraph", "text": f"Paragraph {n}."} for n in range(300_000)]
    body = json.dumps({"provisions": nodes}).encode()
    assert len(body) > 10_000_000
    etag = drafter.get(f"{BASE}/instruments/{iid}").headers["etag"]
    answer = drafter.post(
        f"{BASE}/instruments/{iid}/versions",
        content=body,
        headers={"content-type": "application/json", "If-Match": etag},
    )
    assert "at most 50000 provisions" in assert_problem(answer, 413)["detail"]


@pytest.mark.parametrize("client", ["urllib", "httpx"])
def test_a_client_sending_a_huge_tree_to_a_server_reads_the_refusal(tmp_path, client):
    """The server reads the rest of a body it refused and drops it: a client still sending
    gets the 413 and its sentence, not a reset connection."""
    with live.fresh_database(tmp_path) as url:
        headers = {"Authorization": f"Bearer {token(url)}", "Content-Type": "application/json"}
        with live.server(url, tmp_path) as base:
            made = httpx.post(f"{base}{BASE}/instruments", json=instrument_body(), headers=headers)
            address = f"{base}{BASE}/instruments/{made.json()['id']}/versions"
            headers["If-Match"] = made.headers["etag"]
            nodes = [{"kind": "paragraph", "text": f"Paragraph {n}."} for n in range(300_000)]
            body = json.dumps({"provisions": nodes}).encode()
            if client == "httpx":
                answer = httpx.post(address, content=body, headers=headers, timeout=120)
                status, detail = answer.status_code, answer.json()["detail"]
            else:
                request = urllib.request.Request(address, body, headers, method="POST")
                with pytest.raises(urllib.error.HTTPError) as refusal:
                    urllib.request.urlopen(request, timeout=120)
                status, detail = refusal.value.code, json.loads(refusal.value.read())["detail"]
    assert status == 413
    assert "at most 50000 provisions" in detail


def test_a_deep_tree_is_refused(drafter):
    iid = create(drafter).json()["id"]
    node: dict = {"kind": "point", "text": "Deep."}
    for _ in range(100):
        node = {"kind": "point", "children": [node]}
    assert "nested" in assert_problem(add_version(drafter, iid, [node]), 422)["detail"]


def test_imports_drop_control_characters_with_a_warning(drafter):
    text = "Article 1. Scope\n\nThis Law\x00 governs\x07 social services.\n"
    dry = upload(drafter, "law.txt", text.encode(), dry_run=True, **NEW)
    assert dry.status_code == 200, dry.text
    body = dry.json()
    assert "\x00" not in json.dumps(body) and "governs social services" in json.dumps(body)
    assert any("control characters removed" in w["message"] for w in body["warnings"])
    refused = upload(drafter, "law.txt", b"Article 1.\n", **(NEW | {"title": "Law\x01"}))
    assert refused.status_code == 422


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-8", "utf-7"])
def test_xml_declarations_are_found_in_any_encoding(encoding):
    document = f'<?xml version="1.0" encoding="{encoding}"?><!DOCTYPE a [<!ENTITY e "x">]><a/>'
    data = document.encode(encoding)  # no byte-order mark
    assert xml_encoding(data) == encoding
    with pytest.raises(UnsupportedFile):
        check_xml(data)


def test_xml_without_declarations_passes_in_utf16():
    check_xml('<?xml version="1.0" encoding="UTF-16"?><akomaNtoso/>'.encode("utf-16"))
