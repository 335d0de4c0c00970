"""Coverage of a treaty by a law, at a version or a date, and before and after a draft."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from alignment import coverage, draft_coverage
from alignment import service as alignments
from drafts.errors import NotFound
from drafts.packages import amendments
from drafts.packages import service as packages
from drafts.packages.schemas import AmendmentCreate, DraftCreate, TargetIn
from drafts.users import User
from frameworks import service as frameworks
from tests.alignment.test_links import ACTOR, PARA, link, load_crc, make_law, new_version, node


@pytest.mark.parametrize(
    ("relations", "status"),
    [
        ([], "gap"),
        (["references"], "referenced"),
        (["references", "partially_implements"], "partial"),
        (["partially_implements", "implements", "references"], "covered"),
        (["implements", "conflicts_with"], "conflict"),
        (["references", "conflicts_with"], "conflict"),
    ],
)
def test_status_precedence(relations, status):
    assert coverage.status_of(relations) == status


@pytest.fixture
def law(db):
    load_crc(db)
    return make_law(db)


def by_number(result: coverage.Coverage) -> dict[str, coverage.ArticleStatus]:
    return {article.number: article for article in result.articles}


def read(
    db, instrument, **when
) -> tuple[int, dict[str, coverage.ArticleStatus], coverage.Coverage]:
    framework = frameworks.get_framework(session=db, code="CRC")
    version, result = coverage.for_instrument(
        session=db, instrument=instrument, framework=framework, **when
    )
    return version.number, by_number(result), result


def test_each_status_and_the_provisions_behind_it(db, law):
    para, first, second = (
        node(db, law, eid).provision_id
        for eid in (PARA, "chp_1__art_2__para_1", "chp_1__art_2__para_2")
    )
    link(db, para, article="3")
    link(db, second, article="2", relation="partially_implements")
    link(db, first, article="12", relation="references")
    link(db, para, article="19")
    link(db, first, article="19", relation="conflicts_with")
    link(db, para, article="4", status="suggested")
    rejected = link(db, para, article="6", status="suggested")
    alignments.update(session=db, alignment=rejected, actor=ACTOR, status="rejected")

    _, articles, result = read(db, law)
    statuses = {n: articles[n].status for n in ("3", "2", "12", "19", "4", "6", "1")}
    assert statuses == {
        "3": "covered",
        "2": "partial",
        "12": "referenced",
        "19": "conflict",
        "4": "gap",
        "6": "gap",
        "1": "gap",
    }
    [behind] = articles["3"].provisions
    assert (behind.provision_id, behind.eid, behind.label) == (
        para,
        PARA,
        "Paragraph 1 of Article 3",
    )
    assert (behind.relation, behind.status, behind.needs_recheck) == (
        "implements",
        "confirmed",
        False,
    )
    assert [b.relation for b in articles["19"].provisions] == ["implements", "conflicts_with"]
    assert [(b.status, b.eid) for b in articles["4"].suggested] == [("suggested", PARA)]
    assert articles["6"].suggested == ()
    summary = result.summary()
    assert summary == {
        "conflict": 1,
        "covered": 1,
        "partial": 1,
        "referenced": 1,
        "gap": 38,
        "articles": 42,
        "coverage_percent": 4.8,
        "procedural_left_out": 12,
    }
    assert "43" not in articles and "54" not in articles
    _, everything, shown = read(db, law, procedural=True)
    assert (len(everything), everything["43"].status) == (54, "gap")
    assert shown.summary()["coverage_percent"] == 3.7
    assert shown.summary()["procedural_left_out"] == 0


def test_coverage_at_a_date_and_at_a_version(db, law):
    link(db, node(db, law, PARA).provision_id, article="3")
    new_version(db, law, {PARA: None}, status="in_force", effective_date=date(2023, 1, 1))
    assert read(db, law, as_at=date(2022, 6, 1))[1]["3"].status == "covered"
    assert read(db, law, as_at=date(2022, 6, 1))[0] == 1
    assert read(db, law, as_at=date(2023, 6, 1))[1]["3"].status == "gap"
    assert read(db, law, number=1)[1]["3"].status == "covered"
    assert read(db, law)[:1] == (2,)
    with pytest.raises(NotFound, match="in force on 2020-01-01"):
        read(db, law, as_at=date(2020, 1, 1))


def test_a_changed_wording_is_flagged_in_the_coverage(db, law):
    link(db, node(db, law, PARA).provision_id, article="3")
    new_version(db, law, {PARA: {"text": "Children's interests come first."}})
    [behind] = read(db, law)[1]["3"].provisions
    assert behind.needs_recheck


def test_instrument_coverage_as_csv(db, law):
    link(db, node(db, law, PARA).provision_id, article="3")
    rows = list(csv.DictReader(io.StringIO(coverage.to_csv(read(db, law)[2]))))
    assert len(rows) == 42
    assert list(rows[0]) == ["framework", "article", "title", "status", "provisions", "suggested"]
    row = next(r for r in rows if r["article"] == "3")
    assert (row["framework"], row["status"]) == ("CRC", "covered")
    assert row["provisions"] == "Paragraph 1 of Article 3 (implements)"


@pytest.fixture
def drafted(db, law, accounts):
    """A draft on the law: an accepted deletion of a provision that conflicts with CRC 19, an
    accepted rewording with CRC 3 and 12 as references, and a proposed new article (CRC 31)."""
    drafter = db.get(User, accounts["drafter"]["id"])
    reviewer = db.get(User, accounts["reviewer"]["id"])
    para, first, second = (
        node(db, law, eid).provision_id
        for eid in (PARA, "chp_1__art_1__para_1", "chp_1__art_2__para_2")
    )
    link(db, para, article="3")
    link(db, first, article="19")
    link(db, second, article="19", relation="conflicts_with")
    alignments.create(
        session=db,
        provision_id=second,
        recommendation_set="TKM-CRC-2015",
        recommendation="16(b)",
        relation="implements",
        actor=ACTOR,
    )
    draft = packages.create_draft(
        session=db,
        data=DraftCreate(title="Align with the CRC", targets=[TargetIn(instrument_id=law.id)]),
        user=drafter,
        actor=ACTOR,
    )
    changes = [
        {"kind": "delete", "provision_id": second},
        {
            "kind": "replace_text",
            "provision_id": para,
            "text": "The best interests of the child are a primary consideration.",
            "treaty_refs": [{"framework": "CRC", "articles": [3, 12]}],
        },
        {
            "kind": "insert",
            "anchor_id": node(db, law, "chp_2__art_3").provision_id,
            "position": "after",
            "nodes": [{"kind": "article", "num": "4", "heading": "Play", "text": "Children play."}],
            "treaty_refs": [{"framework": "CRC", "articles": [31]}],
        },
    ]
    made = []
    for fields in changes:
        amendment = amendments.propose(
            session=db,
            draft=draft,
            data=AmendmentCreate(instrument_id=law.id, **fields),
            user=drafter,
            actor=ACTOR,
        )
        made.append(amendment)
    for amendment in made[:2]:
        amendments.decide(
            session=db, amendment=amendment, decision="accepted", user=reviewer, actor=ACTOR
        )
    return draft, made


def draft_report(db, draft, **options) -> draft_coverage.DraftCoverage:
    framework = frameworks.get_framework(session=db, code="CRC")
    return draft_coverage.draft_coverage(session=db, draft=draft, framework=framework, **options)


def test_a_drafts_coverage_before_and_after(db, drafted):
    draft, (deletion, rewording, _) = drafted
    result = draft_report(db, draft)
    before, after = by_number(result.before), by_number(result.after)
    assert (before["19"].status, after["19"].status) == ("conflict", "covered")
    assert [b.relation for b in after["19"].provisions] == ["implements"]
    assert after["3"].status == "covered" and after["3"].provisions[0].needs_recheck
    assert [(b.label, b.amendment_id) for b in after["12"].suggested] == [
        ("Paragraph 1 of Article 3", rewording.id)
    ]
    assert after["12"].status == "gap" and after["31"].suggested == ()
    changes = {c["number"]: c for c in result.changes()}
    assert set(changes) == {"3", "12", "19"}
    assert {key: changes["19"][key] for key in ("before", "after", "suggested_by_amendments")} == {
        "before": "conflict",
        "after": "covered",
        "suggested_by_amendments": [],
    }
    assert changes["12"]["suggested_by_amendments"] == [rewording.id]
    [addressed] = result.recommendations
    assert (addressed["set"], addressed["number"], addressed["amendments"]) == (
        "TKM-CRC-2015",
        "16(b)",
        [deletion.id],
    )
    assert result.to_dict()["amendments"] == "accepted"


def test_a_drafts_coverage_with_proposed_amendments(db, drafted):
    draft, (_, _, insertion) = drafted
    after = by_number(draft_report(db, draft, include_proposed=True).after)
    [suggested] = after["31"].suggested
    assert (suggested.provision_id, suggested.amendment_id) == (None, insertion.id)
    assert suggested.label == "new provisions after Article 3"


def test_a_drafts_coverage_as_csv(db, drafted):
    rows = list(csv.DictReader(io.StringIO(draft_coverage.to_csv(draft_report(db, drafted[0])))))
    assert len(rows) == 42
    report = draft_report(db, drafted[0], procedural=True)
    assert len(report.before.articles) == len(report.after.articles) == 54
    row = next(r for r in rows if r["article"] == "19")
    assert (row["before"], row["after"]) == ("conflict", "covered")
    assert row["provisions_after"] == "Paragraph 1 of Article 1 (implements)"
    assert next(r for r in rows if r["article"] == "12")["suggested_after"] == (
        "Paragraph 1 of Article 3 (implements)"
    )
