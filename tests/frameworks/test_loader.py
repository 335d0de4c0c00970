"""Loading frameworks and recommendation sets: idempotent, updating in place, all or nothing."""

from __future__ import annotations

import copy
import json
import re

import pytest
from sqlalchemy import func, select

from api.auth import service as auth
from api.auth.schemas import UserCreate
from api.demo.seed import seed
from drafts.audit import Actor, AuditEntry
from drafts.errors import InvalidInput
from frameworks import loader, readers
from frameworks.models import Article, Framework, Recommendation, RecommendationSet

ACTOR = Actor(user_id=None, request_id="tests")
HEADER = "number,text,response,recommended_by,themes,articles,document,year,cycle\n"


def count(db, model, **where) -> int:
    query = select(func.count()).select_from(model).filter_by(**where)
    return db.scalar(query)


def articles_of(db, code: str) -> int:
    framework = db.scalar(select(Framework).where(Framework.code == code))
    return count(db, Article, framework_id=framework.id)


def shipped(name: str) -> dict:
    return json.loads((loader.DATA / name).read_text(encoding="utf-8"))


def sdg16() -> dict:
    return {
        "treaty": "SDG16",
        "title": "Sustainable Development Goal 16: peace, justice and strong institutions",
        "adopted": "2015-09-25",
        "adopted_by": "General Assembly resolution 70/1",
        "entry_into_force": None,
        "source": "A/RES/70/1",
        "preamble": "Promote peaceful and inclusive societies for sustainable development.",
        "topic_labels_note": "Topics are short labels, not the text of the targets.",
        "articles": [
            {
                "number": "16.1",
                "title": None,
                "topic": "Violence",
                "part": None,
                "text": "Significantly reduce all forms of violence everywhere.",
            },
            {
                "number": "16.2",
                "title": None,
                "topic": "Children",
                "text": "End abuse, exploitation and trafficking of children.",
            },
            {
                "number": "16.a",
                "title": None,
                "topic": "Institutions",
                "text": "Strengthen relevant national institutions.",
            },
        ],
    }


def load_csv(db, text: str, code: str = "TKM-CRC-2015"):
    data, labels = readers.read_recommendations_csv(
        text.encode(), code=code, title="CRC concluding observations 2015", mechanism="CRC"
    )
    return loader.load_recommendations(db, data, actor=ACTOR, labels=labels)


def test_shipped_data_loads_once_and_a_second_load_changes_nothing(db):
    first = loader.load_shipped(db)
    assert [(r.code, r.created, r.added) for r in first] == [
        ("CRC", True, 54),
        ("CRPD", True, 50),
        ("CEDAW", True, 30),
        ("TKM-UPR", True, 226),
    ]
    audit_entries = count(db, AuditEntry)
    second = loader.load_shipped(db)
    assert all(not r.created and r.added == 0 and r.updated == 0 for r in second)
    assert [articles_of(db, code) for code in ("CRC", "CRPD", "CEDAW")] == [54, 50, 30]
    upr = db.scalar(select(RecommendationSet).where(RecommendationSet.code == "TKM-UPR"))
    assert count(db, Recommendation, set_id=upr.id) == 226
    assert count(db, AuditEntry) == audit_entries


def test_shipped_texts_are_stored_as_given(db):
    loader.load_shipped(db)
    crc = db.scalar(select(Framework).where(Framework.code == "CRC"))
    assert crc.adopted.isoformat() == "1989-11-20" and crc.entry_into_force.year == 1990
    assert set(crc.notes) == {"topic_labels_note", "text_version_note"}
    first = db.scalar(select(Article).where(Article.framework_id == crc.id, Article.number == "1"))
    assert first.part == "Part I" and first.title is None and first.topic == "Definition of a child"
    assert first.text == shipped("crc.json")["articles"][0]["text"]
    item = db.scalar(
        select(Recommendation).where(Recommendation.number == "A/HRC/24/3 para. 114.8")
    )
    assert item.response == "not supported" and item.recommended_by == ["Canada"]
    assert item.document == "A/HRC/24/3" and item.year == 2013 and item.cycle == 2
    assert item.themes == [] and item.details["paragraph_number"] == "114.8"


def test_a_newer_file_updates_texts_in_place(db):
    loader.load_framework(db, shipped("cedaw.json"), actor=ACTOR)
    article = db.scalar(
        select(Article).where(Article.number == "2", Article.topic == "Policy Measures")
    )
    newer = shipped("cedaw.json")
    newer["articles"][1]["text"] = (
        "States Parties condemn discrimination against women in all its forms."
    )
    newer["articles"][4]["topic"] = "Sex roles and stereotyping"
    result = loader.load_framework(db, newer, actor=ACTOR)
    assert (result.added, result.updated, result.total) == (0, 2, 30)
    db.refresh(article)
    assert article.text.startswith("States Parties condemn discrimination")
    assert articles_of(db, "CEDAW") == 30
    entry = db.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.target_id, entry.detail) == (
        "framework.load",
        "CEDAW",
        {"added": 0, "updated": 2},
    )


def test_a_file_that_leaves_out_an_article_is_refused(db):
    loader.load_framework(db, shipped("cedaw.json"), actor=ACTOR)
    shorter = shipped("cedaw.json")
    shorter["articles"] = shorter["articles"][:-1]
    shorter["articles"][0]["text"] = "Changed."
    with pytest.raises(InvalidInput, match="CEDAW holds article 30, which this import leaves out"):
        loader.load_framework(db, shorter, actor=ACTOR)
    assert db.scalar(select(Article.text).where(Article.number == "1")) != "Changed."


def test_another_framework_in_the_same_shape(db):
    result = loader.load_framework(db, sdg16(), actor=ACTOR)
    assert (result.code, result.created, result.added) == ("SDG16", True, 3)
    framework = db.scalar(select(Framework).where(Framework.code == "SDG16"))
    numbers = db.scalars(
        select(Article.number)
        .where(Article.framework_id == framework.id)
        .order_by(Article.position)
    ).all()
    assert numbers == ["16.1", "16.2", "16.a"]
    assert framework.entry_into_force is None and framework.notes["topic_labels_note"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["articles"][1].update(text="  "), "Article 2 of the file, field text"),
        (
            lambda d: d["articles"][2].update(number="16.1"),
            "Article 3 of the file repeats the article number 16.1",
        ),
        (
            lambda d: d["articles"][0].pop("number"),
            "Article 1 of the file, field number: Field required",
        ),
        (lambda d: d.update(adopted="25 September 2015"), "The framework, field adopted"),
        (lambda d: d.update(treaty="SDG 16"), "The framework, field treaty"),
        (lambda d: d.update(articles=[]), "The file has no list of 'articles'"),
        (lambda d: d["articles"].append("16.b"), "Article 4 of the file is not a JSON object"),
    ],
)
def test_a_bad_framework_file_names_the_problem_and_stores_nothing(db, change, message):
    data = copy.deepcopy(sdg16())
    change(data)
    with pytest.raises(InvalidInput, match=re.escape(message)):
        loader.load_framework(db, data, actor=ACTOR)
    assert count(db, Framework, code="SDG16") == 0


def test_csv_import_stores_the_rows_and_links_articles(db):
    loader.load_shipped(db)
    result = load_csv(
        db,
        HEADER
        + '24(a),"Ensure that the best interests of the child, a primary consideration, apply",'
        + "accepted,Committee on the Rights of the Child,children; best interests,"
        + "CRC 3; CRC art. 12,CRC/C/TKM/CO/2-4,2015,\n"
        + "24(b),Raise awareness of article 2.,noted,,,CEDAW 2,,,\n",
    )
    assert (result.created, result.added) == (True, 2)
    first = db.scalar(select(Recommendation).where(Recommendation.number == "24(a)"))
    assert first.themes == ["children", "best interests"] and first.year == 2015
    assert first.recommended_by == ["Committee on the Rights of the Child"]
    assert [(a.framework.code, a.number) for a in first.articles] == [("CRC", "3"), ("CRC", "12")]
    assert first.cycle is None and first.response == "accepted"


def test_csv_reload_updates_in_place(db):
    load_csv(db, "number,text,response\n1,Adopt a law on children's rights.,\n")
    result = load_csv(db, "number,text,response\n1,Adopt a law on children's rights.,noted\n")
    assert (result.created, result.added, result.updated) == (False, 0, 1)
    assert db.scalar(select(Recommendation.response).where(Recommendation.number == "1")) == "noted"
    again = load_csv(db, "number,text,response\n1,Adopt a law on children's rights.,noted\n")
    assert (again.added, again.updated) == (0, 0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEADER + "1,Fine.,,,,,,2015,\n2,Also fine.,,,,,,soon,\n", "Row 3, field year"),
        (HEADER + "1,Fine.,,,,,,,\n2,,,,,,,,\n", "Row 3, field text"),
        (HEADER + "1,Fine.,,,,,,,\n1,Twice.,,,,,,,\n", "Row 3 repeats the recommendation number 1"),
        (HEADER + "1,Fine.,,,,CRC 99,,,\n", "Row 2 names article 99 of CRC, which is not loaded"),
        (HEADER + "1,Fine.,,,,CRC,,,\n", "Row 2, field articles.0"),
        ("number,text,state\n1,Fine.,Norway\n", "column 'state' is not one Kanun reads"),
        ("num,text\n1,Fine.\n", "The CSV has no 'number' column"),
        ("number,text\n1,Fine.,extra\n", "Row 2 has more cells than the header has columns"),
        ("number,text\n", "The file holds no recommendations"),
    ],
)
def test_a_bad_csv_names_the_row_and_stores_nothing(db, text, message):
    loader.load_shipped(db)
    before = count(db, Recommendation)
    with pytest.raises(InvalidInput, match=re.escape(message)):
        load_csv(db, text)
    assert count(db, RecommendationSet, code="TKM-CRC-2015") == 0
    assert count(db, Recommendation) == before


def test_a_csv_that_is_not_utf8_is_refused(db):
    with pytest.raises(InvalidInput, match="not UTF-8"):
        readers.read_recommendations_csv(
            "number,text\n1,Ýaşlar\n".encode("cp1252", errors="replace") + b"\xff",
            code="X",
            title="X",
        )


def test_a_recommendations_file_that_leaves_out_one_is_refused(db, tmp_path):
    path = tmp_path / "upr.json"
    upr = shipped("recommendations-tkm-upr.json")
    upr["recommendations"] = upr["recommendations"][:2]
    path.write_text(json.dumps(upr), encoding="utf-8")
    loader.load_recommendations_file(db, path, code="UPR-SHORT", actor=ACTOR)
    upr["recommendations"] = upr["recommendations"][1:]
    path.write_text(json.dumps(upr), encoding="utf-8")
    with pytest.raises(
        InvalidInput,
        match=re.escape("UPR-SHORT holds recommendation A/HRC/10/79 para. 69.1, which"),
    ):
        loader.load_recommendations_file(db, path, code="UPR-SHORT", actor=ACTOR)


def test_a_csv_file_is_loaded_by_format(db, tmp_path):
    path = tmp_path / "recommendations.csv"
    path.write_text("\ufeffnumber,text\n1,Ensure birth registration.\n", encoding="utf-8")
    result = loader.load_recommendations_file(
        db, path, code="CSV-SET", format="csv", title="From a spreadsheet", actor=ACTOR
    )
    assert (result.code, result.added) == ("CSV-SET", 1)
    with pytest.raises(InvalidInput, match="'xml' is not a format"):
        loader.load_recommendations_file(db, path, code="CSV-SET", format="xml", actor=ACTOR)


def test_control_characters_in_a_csv_file_are_removed_with_a_warning(db, tmp_path):
    path = tmp_path / "recommendations.csv"
    path.write_bytes(b"number,text\n1,Ensure birth\x07 registration.\x00\x00\n")
    result = loader.load_recommendations_file(
        db, path, code="CSV-CTRL", format="csv", title="From a spreadsheet", actor=ACTOR
    )
    assert result.removed == "U+0007 (BEL), U+0000 (NUL) ×2"
    stored = db.scalar(select(Recommendation.text).where(Recommendation.number == "1"))
    assert stored == "Ensure birth registration."


def test_control_characters_escaped_in_a_framework_file_are_removed_with_a_warning(db, tmp_path):
    framework = sdg16()
    framework["articles"][0]["text"] = "Promote\u0000 the rule of law."
    path = tmp_path / "sdg16.json"
    path.write_text(json.dumps(framework), encoding="utf-8")
    result = loader.load_framework_file(db, path, actor=ACTOR)
    assert result.removed == "U+0000 (NUL)"
    texts = db.scalars(select(Article.text).join(Framework).where(Framework.code == "SDG16"))
    assert all("\x00" not in text for text in texts)
    assert loader.load_framework_file(db, path, actor=ACTOR).removed == "U+0000 (NUL)"


def test_the_demo_seed_loads_the_treaties_into_a_demo_seeded_before(db):
    auth.create_user(
        session=db,
        data=UserCreate(username="admin", password="correct horse battery", role="admin"),
        actor=ACTOR,
    )
    assert seed(db) is False
    assert [articles_of(db, code) for code in ("CRC", "CRPD", "CEDAW")] == [54, 50, 30]
