"""Linked language versions over HTTP: joining texts, reading them side by side, the flag on a
translation that did not follow an amendment, confirming it, the bilingual table."""

from __future__ import annotations

import io

import docx

from tests.api.drafting import by_eid, decide, etag, open_draft, propose, to_review
from tests.api.test_instruments import add_version, assert_problem, create
from tests.factories import article

BASE = "/api/v1"


def law(title: str, *articles: dict) -> list:
    return [{"kind": "chapter", "num": "1", "heading": title, "children": list(articles)}]


RUSSIAN = law(
    "Общие положения",
    article("1", "Настоящий Закон регулирует социальные услуги.", heading="Сфера действия"),
    article("2", "Каждый имеет право на социальные услуги.", "Услуги оказываются бесплатно."),
)
TURKMEN = law(
    "Umumy düzgünler",
    article("1", "Şu Kanun sosial hyzmatlary düzgünleşdirýär.", heading="Hereket ediş çägi"),
    article("2", "Her kimiň sosial hyzmatlara hukugy bar.", "Hyzmatlar mugt berilýär."),
)


def texts(client) -> tuple[int, int]:
    """A Russian and a Turkmen text of one law, each with a first version."""
    ids = []
    for language, provisions in (("ru", RUSSIAN), ("tk", TURKMEN)):
        iid = create(client, language=language).json()["id"]
        made = add_version(client, iid, provisions, status="in_force", effective_date="2024-01-01")
        assert made.status_code == 201, made.text
        ids.append(iid)
    return ids[0], ids[1]


def linked(client) -> tuple[int, int]:
    ru, tk = texts(client)
    joined = client.post(
        f"{BASE}/instruments/{ru}/languages", json={"instrument_id": tk, "authority": "official"}
    )
    assert joined.status_code == 201, joined.text
    return ru, tk


def consolidate_russian_amendment(drafter, reviewer, ru: int) -> None:
    """A draft that amends only the Russian text, accepted and consolidated."""
    nodes = by_eid(drafter.get(f"{BASE}/instruments/{ru}/versions/1").json())
    draft = open_draft(drafter, ru)
    amendment = propose(
        drafter,
        draft["id"],
        instrument_id=ru,
        kind="replace_text",
        provision_id=nodes["chp_1__art_2__para_2"]["provision_id"],
        text="Услуги оказываются бесплатно и без дискриминации.",
    ).json()
    to_review(drafter, draft["id"])
    assert decide(reviewer, amendment["id"], "accepted").status_code == 200
    url = f"{BASE}/drafts/{draft['id']}"
    done = reviewer.post(f"{url}/consolidate", json={}, headers=etag(reviewer, url))
    assert done.status_code == 201, done.text


def flagged(body: dict) -> list[tuple]:
    return [
        (
            (pair["left"] or {}).get("citation"),
            (pair["right"] or {}).get("citation"),
            pair["left_state"],
            pair["right_state"],
        )
        for pair in body["pairs"]
        if pair["left_state"] != "current" or pair["right_state"] != "current"
    ]


def test_linked_texts_side_by_side(drafter):
    ru, tk = linked(drafter)
    listing = drafter.get(f"{BASE}/instruments/{tk}/languages").json()
    assert [(m["language"], m["authority"]) for m in listing["members"]] == [
        ("ru", "official"),
        ("tk", "official"),
    ]
    body = drafter.get(f"{BASE}/instruments/{ru}/languages/{tk}").json()
    assert body["out_of_date"] == 0
    rows = [(p["left"]["citation"], p["right"]["citation"]) for p in body["pairs"]]
    assert rows[:3] == [("глава 1", "1-nji bap"), ("статья 1", "1-nji madda"),
                        ("часть 1 статьи 1", "1-nji maddanyň 1-nji bölegi")]  # fmt: skip
    assert body["pairs"][4]["right"]["text"] == "Her kimiň sosial hyzmatlara hukugy bar."


def test_russian_only_amendment_flags_the_turkmen_text(drafter, reviewer):
    ru, tk = linked(drafter)
    consolidate_russian_amendment(drafter, reviewer, ru)

    body = drafter.get(f"{BASE}/instruments/{ru}/languages/{tk}").json()
    assert flagged(body) == [
        ("часть 2 статьи 2", "2-nji maddanyň 2-nji bölegi", "current", "out_of_date")
    ]
    other_way = drafter.get(f"{BASE}/instruments/{tk}/languages/{ru}").json()
    assert flagged(other_way) == [
        ("2-nji maddanyň 2-nji bölegi", "часть 2 статьи 2", "out_of_date", "current")
    ]
    counts = drafter.get(f"{BASE}/instruments/{ru}/languages").json()["members"]
    assert [(m["language"], m["out_of_date"]) for m in counts] == [("ru", None), ("tk", 1)]

    key = next(p["key"] for p in body["pairs"] if p["right_state"] == "out_of_date")
    confirmed = drafter.post(f"{BASE}/instruments/{tk}/languages/confirm", json={"key": key})
    assert confirmed.status_code == 204, confirmed.text
    assert drafter.get(f"{BASE}/instruments/{ru}/languages/{tk}").json()["out_of_date"] == 0


def test_amending_both_texts_keeps_them_current_and_new_provisions_are_missing(drafter):
    ru, tk = linked(drafter)
    ru_new = RUSSIAN[0] | {"children": [*RUSSIAN[0]["children"], article("3", "Новая статья.")]}
    made = add_version(drafter, ru, [ru_new])
    assert made.status_code == 201, made.text
    body = drafter.get(f"{BASE}/instruments/{ru}/languages/{tk}").json()
    assert flagged(body) == [
        ("статья 3", None, "current", "missing"),
        ("часть 1 статьи 3", None, "current", "missing"),
    ]
    tk_new = TURKMEN[0] | {"children": [*TURKMEN[0]["children"], article("3", "Täze madda.")]}
    assert add_version(drafter, tk, [tk_new]).status_code == 201
    assert drafter.get(f"{BASE}/instruments/{ru}/languages/{tk}").json()["out_of_date"] == 0

    # The new provisions are paired by address, and a later change of one of them counts.
    assert (
        add_version(drafter, ru, reworded([ru_new], 2, 0, "Изменённая статья.")).status_code == 201
    )
    body = drafter.get(f"{BASE}/instruments/{ru}/languages/{tk}").json()
    assert flagged(body) == [
        ("часть 1 статьи 3", "3-nji maddanyň 1-nji bölegi", "current", "out_of_date")
    ]


def test_bilingual_table(drafter, reviewer):
    ru, tk = linked(drafter)
    consolidate_russian_amendment(drafter, reviewer, ru)
    answer = drafter.get(f"{BASE}/instruments/{ru}/languages/{tk}/table.docx")
    assert answer.status_code == 200
    table = docx.Document(io.BytesIO(answer.content)).tables[0]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert len(cells) == 1 + 6  # the heading row, a chapter, two articles, three paragraphs
    flagged_row = next(row for row in cells if "Terjime köne" in row[1])
    assert "бесплатно и без дискриминации" in flagged_row[0]
    assert "Hyzmatlar mugt berilýär." in flagged_row[1]
    assert sum("Terjime köne" in row[1] for row in cells) == 1


def test_refusals(drafter, viewer):
    ru, tk = texts(drafter)
    url = f"{BASE}/instruments/{ru}/languages"
    assert_problem(drafter.post(url, json={"instrument_id": ru}), 422)
    assert_problem(drafter.post(url, json={"instrument_id": 999_999}), 404)
    assert_problem(drafter.post(url, json={"instrument_id": tk, "authority": "draft"}), 422)
    assert_problem(viewer.post(url, json={"instrument_id": tk}), 403)
    assert_problem(drafter.get(f"{url}/{tk}"), 404)
    empty = create(drafter, language="en").json()["id"]
    assert_problem(drafter.post(url, json={"instrument_id": empty}), 422)
    refused = drafter.post(f"{BASE}/instruments/{empty}/languages", json={"instrument_id": ru})
    assert "has no text yet" in assert_problem(refused, 422)["detail"]
    assert drafter.post(url, json={"instrument_id": tk}).status_code == 201
    again = create(drafter, language="tk").json()["id"]
    add_version(drafter, again, TURKMEN)
    assert_problem(drafter.post(url, json={"instrument_id": again}), 409)
    assert_problem(drafter.post(url, json={"instrument_id": tk}), 409)
    assert_problem(drafter.post(f"{url}/confirm", json={"key": "nothing"}), 404)


def reworded(provisions: list, article_index: int, paragraph: int, text: str) -> list:
    chapter = provisions[0]
    articles = [dict(a) for a in chapter["children"]]
    paragraphs = [dict(p) for p in articles[article_index]["children"]]
    paragraphs[paragraph] = paragraphs[paragraph] | {"text": text}
    articles[article_index] = articles[article_index] | {"children": paragraphs}
    return [chapter | {"children": articles}]


def test_a_translation_that_followed_is_flagged_again_after_a_later_change(drafter):
    ru, tk = linked(drafter)
    first_ru = reworded(RUSSIAN, 1, 1, "Услуги оказываются бесплатно всем.")
    assert add_version(drafter, ru, first_ru).status_code == 201
    followed = reworded(TURKMEN, 1, 1, "Hyzmatlar hemmelere mugt berilýär.")
    assert add_version(drafter, tk, followed).status_code == 201
    assert drafter.get(f"{BASE}/instruments/{ru}/languages/{tk}").json()["out_of_date"] == 0

    again = reworded(first_ru, 1, 1, "Услуги оказываются бесплатно всем гражданам.")
    assert add_version(drafter, ru, again).status_code == 201
    body = drafter.get(f"{BASE}/instruments/{ru}/languages/{tk}").json()
    assert flagged(body) == [
        ("часть 2 статьи 2", "2-nji maddanyň 2-nji bölegi", "current", "out_of_date")
    ]


def test_one_draft_amending_both_texts_leaves_them_current(drafter, reviewer):
    ru, tk = linked(drafter)
    draft = open_draft(drafter, ru, targets=[{"instrument_id": ru}, {"instrument_id": tk}])
    amendments = []
    for iid, text in ((tk, "Hyzmatlar hemmelere mugt berilýär."), (ru, "Услуги бесплатны.")):
        nodes = by_eid(drafter.get(f"{BASE}/instruments/{iid}/versions/1").json())
        amendments.append(
            propose(
                drafter,
                draft["id"],
                instrument_id=iid,
                kind="replace_text",
                provision_id=nodes["chp_1__art_2__para_2"]["provision_id"],
                text=text,
            ).json()
        )
    to_review(drafter, draft["id"])
    for amendment in amendments:
        assert decide(reviewer, amendment["id"], "accepted").status_code == 200
    url = f"{BASE}/drafts/{draft['id']}"
    done = reviewer.post(f"{url}/consolidate", json={}, headers=etag(reviewer, url))
    assert done.status_code == 201, done.text
    assert drafter.get(f"{BASE}/instruments/{ru}/languages/{tk}").json()["out_of_date"] == 0
