"""Real editions in, the exact legal change out.

For each pair of real editions with hand-written expected changes (tests/drafts/corpus/*.json,
format in its README), the redline must report exactly those changes, each with its statuses
(in any order) and changed parts, with no lost identity and no formatting noise: (a) when both
editions are stored as versions 1 and 2 without provision ids, and (b) when the two parsed
texts are compared in memory. The pairs are German and Kazakh laws in Markdown and US bills in
USLM XML, among them an appropriations bill (HR 2157) whose accounts are named by headings.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from drafts import diff, eids, service
from drafts.parse import parse_text
from drafts.schemas import InstrumentCreate
from drafts.tree import Node
from exports.uslm_in import read_uslm
from tests.conftest import SYSTEM
from tests.corpus import CORPUS
from tests.drafts.corpus_addresses import addresses
from tests.factories import instrument_body

FIXTURES = Path(__file__).parent / "corpus"
PAIRS = (
    "de-bgb-1631d-2012_v0_v1",
    "de-jgg-2012_v0_v1",
    "de-jgg-2012_v1_v2",
    "de-schwbawv-2012_v0_v1",
    "de-sgb8-55-2012_v0_v1",
    "de-versmedv-2012_v0_v1",
    "kz-special-social-services-2021_v0_v1",
    "kz-special-social-services-2021_v1_v2",
    "us-bills-116_HR1058-RDS_HR1058-ENR",
    "us-bills-116_HR2157-IH_HR2157-ENR",
)
"""The pairs read so far: the Markdown editions by the text importer, the US bills (USLM XML),
HR 1058 and the appropriations bill HR 2157 with its headings' chain, by `exports.uslm_in`."""


@cache
def expected(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))


@cache
def source(corpus: str, file: str) -> str:
    return (CORPUS / corpus / file).read_text("utf-8")


@cache
def parsed(corpus: str, file: str, language: str) -> tuple[Node, ...]:
    if file.endswith(".xml"):
        return eids.assign(read_uslm((CORPUS / corpus / file).read_bytes()).nodes)
    return eids.assign(parse_text(source(corpus, file), language).nodes)


def sides(name: str) -> tuple[tuple[Node, ...], tuple[Node, ...], str]:
    fixture = expected(name)
    language = fixture["language"]
    old = parsed(fixture["corpus"], fixture["old"], language)
    new = parsed(fixture["corpus"], fixture["new"], language)
    return old, new, language


def reported(result: diff.Diff, old, new, name: str) -> list[tuple]:
    """The changes of a redline as the fixtures write them (statuses in any order); an inserted
    or deleted provision stands for its subtree."""
    fixture = expected(name)
    language, corpus = fixture["language"], fixture["corpus"]
    before = addresses(old, language, source(corpus, fixture["old"]))
    after = addresses(new, language, source(corpus, fixture["new"]))
    found, covered = [], None
    for entry in result.entries:
        if covered is not None and entry.depth > covered:
            continue
        covered = None
        if not entry.changed:
            continue
        if {"inserted", "deleted"} & set(entry.statuses):
            covered = entry.depth
        found.append(
            (
                before[entry.old_eid] if entry.old_eid else None,
                after[entry.new_eid] if entry.new_eid else None,
                tuple(sorted(entry.statuses)),
                entry.modified,
                "note" if entry.kind == "note" else None,
            )
        )
    return found


def listed(name: str) -> list[tuple]:
    return [
        (
            change["old"],
            change["new"],
            tuple(sorted(change["status"])),
            tuple(change.get("parts", ())),
            "note" if change.get("kind") == "note" else None,
        )
        for change in expected(name)["changes"]
    ]


def no_formatting_noise(result: diff.Diff, old, name: str) -> None:
    """Provisions the fixture lists as reformatted are reported unchanged or reformatted."""
    fixture = expected(name)
    before = addresses(old, fixture["language"], source(fixture["corpus"], fixture["old"]))
    for item in expected(name)["reformatted"]:
        (entry,) = [e for e in result.entries if e.old_eid and before[e.old_eid] == item["old"]]
        assert entry.statuses in (("unchanged",), ("reformatted",)), item


def test_every_pair_read_is_a_fixture():
    assert {path.stem for path in FIXTURES.glob("*.json")} >= set(PAIRS)


@pytest.mark.parametrize("name", PAIRS)
def test_in_memory(name):
    old, new, _ = sides(name)
    result = diff.compare(old, new)
    assert sorted(reported(result, old, new, name), key=repr) == sorted(listed(name), key=repr)
    no_formatting_noise(result, old, name)


@pytest.mark.parametrize("name", PAIRS)
def test_stored_without_ids(db, name):
    old, new, language = sides(name)
    instrument = service.create_instrument(
        session=db, data=InstrumentCreate(**instrument_body(language=language)), actor=SYSTEM
    )
    first = service.create_version(session=db, instrument=instrument, provisions=old, actor=SYSTEM)
    second = service.create_version(session=db, instrument=instrument, provisions=new, actor=SYSTEM)
    stored_old = service.read_tree(session=db, version=first)
    stored_new = service.read_tree(session=db, version=second)
    result = diff.compare(stored_old, stored_new)
    assert result.alignment == "identity"
    found = reported(result, stored_old, stored_new, name)
    assert sorted(found, key=repr) == sorted(listed(name), key=repr)
    no_formatting_noise(result, stored_old, name)
    kept = sum(1 for e in result.entries if e.old_eid and e.new_eid)
    assert kept == sum(1 for e in diff.compare(old, new).entries if e.old_eid and e.new_eid)
