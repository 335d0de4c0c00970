"""The lean reading of a new version's body takes and refuses exactly what `VersionCreate`
takes and refuses, with the same problems, and builds the same tree."""

from __future__ import annotations

import json

import pytest
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from api.version_body import parse
from drafts.schemas import VersionCreate
from drafts.tree import from_dict
from tests.api.test_instruments import add_version, assert_problem, create
from tests.factories import big_law, sample_provisions

BASE = "/api/v1"
PARAGRAPH = {"kind": "paragraph", "text": "Text."}

BODIES = [
    {"provisions": sample_provisions()},
    {"provisions": [], "label": "Empty", "status": "adopted", "effective_date": "2026-01-01"},
    {"provisions": big_law(3), "parent": 1, "message": "From the gazette."},
    {"provisions": [{**PARAGRAPH, "provision_id": "p-1", "eid": "para_1", "children": []}]},
    {"provisions": [{"kind": "stanza"}]},
    {"provisions": [{"kind": "article", "children": [PARAGRAPH, {"kind": "verse"}]}]},
    {"provisions": [{**PARAGRAPH, "colour": "red"}]},
    {"provisions": [{**PARAGRAPH, "children": None}]},
    {"provisions": [{**PARAGRAPH, "num": 5}]},
    {"provisions": [{**PARAGRAPH, "num": "x" * 51}, {"kind": 1}]},
    {"provisions": [{**PARAGRAPH, "provision_id": "p" * 37}]},
    {"provisions": ["paragraph"]},
    {"provisions": {"kind": "paragraph"}},
    {"provisions": [PARAGRAPH], "status": "enacted"},
    {"provisions": [PARAGRAPH], "effective_date": "2026-13-01"},
    {"provisions": [PARAGRAPH], "parent": "2"},
    {"provisions": [PARAGRAPH], "extra": True},
    {"label": "No provisions"},
    [PARAGRAPH],
    "provisions",
]


def whole(data: object):
    """What FastAPI made of the body: the tree, or the problems it listed."""
    try:
        model = VersionCreate.model_validate(data, from_attributes=True)
    except ValidationError as error:
        return [{**i, "loc": ("body", *i["loc"])} for i in error.errors(include_url=False)]
    fields = model.model_dump(exclude={"provisions"})
    return fields, tuple(from_dict(node.model_dump()) for node in model.provisions)


def lean(data: object):
    try:
        found = parse(json.dumps(data).encode(), "application/json; charset=utf-8")
    except RequestValidationError as refusal:
        return list(refusal.errors())
    return found.fields.model_dump(), found.take()


@pytest.mark.parametrize("data", BODIES)
def test_the_lean_reading_agrees_with_the_model(data):
    assert lean(data) == whole(data)


def test_a_body_that_is_not_json_is_refused_as_the_model_refuses_it():
    with pytest.raises(RequestValidationError) as refusal:
        parse(b"provisions", "text/plain")
    assert [(e["loc"], e["type"]) for e in refusal.value.errors()] == [
        (("body",), "model_attributes_type")
    ]


def test_refusals_of_new_versions_name_the_field(drafter):
    iid = create(drafter).json()["id"]
    tree = sample_provisions()
    tree[1]["children"][0]["children"].append({"kind": "verse", "colour": "red"})
    body = assert_problem(add_version(drafter, iid, tree), 422)
    assert body["detail"].startswith("Please check provisions.1.children.0.children.1.kind:")
    assert "(1 more problems are listed in errors)" in body["detail"]
    assert body["errors"][1]["field"] == "provisions.1.children.0.children.1.colour"
    etag = drafter.get(f"{BASE}/instruments/{iid}").headers["etag"]
    empty = drafter.post(f"{BASE}/instruments/{iid}/versions", headers={"If-Match": etag})
    assert assert_problem(empty, 422)["detail"] == "Please check body: Field required."
    broken = drafter.post(
        f"{BASE}/instruments/{iid}/versions",
        content=b'{"provisions": [',
        headers={"If-Match": etag, "Content-Type": "application/json"},
    )
    assert assert_problem(broken, 400)["detail"] == "The request body is not valid JSON."


def test_the_reply_is_the_version_as_read_back(drafter):
    iid = create(drafter).json()["id"]
    made = add_version(drafter, iid, big_law(4), label="First")
    assert made.status_code == 201, made.text
    read = drafter.get(made.headers["location"])
    assert made.json() == read.json()
    assert made.headers["etag"] == drafter.get(f"{BASE}/instruments/{iid}").headers["etag"]
