"""Akoma Ntoso exports carry the passive modifications of the drafts consolidated into them."""

from __future__ import annotations

from lxml import etree

from exports.akn_names import A, validation_errors
from tests.api.drafting import (
    by_eid,
    decide,
    etag,
    law_with_version,
    open_draft,
    propose,
    to_review,
)


def test_a_consolidated_version_lists_what_each_amendment_did(drafter, reviewer, viewer):
    iid, version = law_with_version(drafter)
    nodes = by_eid(version)
    draft = open_draft(drafter, iid)
    changes = [
        dict(
            kind="replace_text",
            provision_id=nodes["chp_1__art_2__para_1"]["provision_id"],
            text="Everyone has the right to social services of good quality.",
        ),
        dict(
            kind="insert",
            anchor_id=nodes["chp_2__art_3"]["provision_id"],
            position="last_child",
            nodes=[{"kind": "paragraph", "num": "2", "text": "Children are heard."}],
        ),
        dict(kind="delete", provision_id=nodes["chp_1__art_1__para_1"]["provision_id"]),
    ]
    to_review(drafter, draft["id"])
    for change in changes:
        made = propose(drafter, draft["id"], instrument_id=iid, **change).json()
        decide(reviewer, made["id"], "accepted")
    url = f"/api/v1/drafts/{draft['id']}"
    assert (
        reviewer.post(f"{url}/consolidate", json={}, headers=etag(reviewer, url)).status_code == 201
    )

    exported = viewer.get(f"/api/v1/instruments/{iid}/versions/2/export", params={"format": "akn"})
    root = etree.fromstring(exported.content)
    assert validation_errors(root) == []
    mods = root.findall(f".//{A}passiveModifications/{A}textualMod")
    assert [(m.get("type"), m.find(f"{A}destination").get("href")) for m in mods] == [
        ("substitution", "#chp_1__art_2__para_1"),
        ("insertion", "#chp_2__art_3"),
        ("repeal", "#chp_1__art_1"),
    ]
    assert {m.find(f"{A}source").get("href") for m in mods} == {f"/akn/tm/bill/draft-{draft['id']}"}
    first = viewer.get(f"/api/v1/instruments/{iid}/versions/1/export", params={"format": "akn"})
    assert etree.fromstring(first.content).find(f".//{A}passiveModifications") is None
