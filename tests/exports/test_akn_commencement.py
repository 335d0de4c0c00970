"""Akoma Ntoso carries the commencements: lifecycle events, periods on the provisions they
name, and the commencing instrument among the references; the XML stays schema-valid."""

from __future__ import annotations

from datetime import date

from drafts.tree import Node
from exports.akn_names import A, validation_errors
from exports.akn_out import akn_tree
from tests.exports.samples import info, tree


def test_commencements_are_events_and_periods():
    nodes = tuple(
        Node(n.kind, n.num, n.heading, n.text, n.children, provision_id=f"p-{i}")
        for i, n in enumerate(tree("social_services_v1.en.txt", "en"))
    )
    commencements = [
        {"id": 1, "date": None, "provisions": ["chp_II"]},
        {
            "id": 2,
            "date": date(2025, 9, 1),
            "provisions": ["chp_II"],
            "source": "/akn/tm/decree/2025/45",
            "source_title": "Decree No. 45",
        },
    ]
    root = akn_tree(nodes, info("en"), commencements=commencements)
    assert validation_errors(root) == []
    events = [(e.get("eId"), e.get("date")) for e in root.iter(f"{A}eventRef")]
    assert events[-1] == ("e_commencement_2", "2025-09-01")
    group = root.find(f".//{A}temporalData/{A}temporalGroup")
    assert group.get("eId") == "tg_commencement_2"
    assert group.find(f"{A}timeInterval").get("start") == "#e_commencement_2"
    marked = [e.get("eId") for e in root.iter() if e.get("period")]
    assert marked == ["chp_II"]
    decree = root.find(f".//{A}references/{A}passiveRef[@eId='commencement_2']")
    assert decree.get("href") == "/akn/tm/decree/2025/45"
    assert root.find(f".//{A}references/{A}TLCEvent[@eId='commencement_1']") is not None
