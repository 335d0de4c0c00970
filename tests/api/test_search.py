"""The search API, and search after the commands that write to the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from alignment.schemas import SearchResultsOut
from api.cli import app as cli
from api.demo.seed import _text
from drafts.tree import to_dict
from frameworks.loader import load_shipped
from tests.api.test_instruments import add_version, assert_problem, create
from tests.conftest import SYSTEM

SEARCH = "/api/v1/search"


def nodes(name: str) -> list[dict]:
    return [to_dict(node) for node in _text(name)]


@pytest.fixture
def searchable(app, sessions):
    """The app with the treaties loaded."""
    with sessions() as session:
        load_shipped(session, actor=SYSTEM)
        session.commit()
    return app


@pytest.fixture
def demo_law(searchable, drafter) -> dict:
    """The demo law in two editions, and its Russian companion."""
    law = create(drafter, language="en").json()
    for name, day in (
        ("social_services_v1.en.txt", "2021-07-01"),
        ("social_services_v2.en.txt", "2025-01-01"),
    ):
        response = add_version(
            drafter, law["id"], nodes(name), status="in_force", effective_date=day
        )
        assert response.status_code == 201, response.text
    russian = create(drafter, language="ru").json()
    add_version(drafter, russian["id"], nodes("social_services_v1.ru.txt"), status="in_force",
                effective_date="2021-07-01")  # fmt: skip
    turkmen = create(drafter, language="tk").json()
    text = "Maýyplygy bolan çagalaryň hukuklary döwlet tarapyndan goralýar."
    add_version(drafter, turkmen["id"], [{"kind": "article", "num": "1", "text": text}])
    return {"en": law["id"], "ru": russian["id"], "tk": turkmen["id"]}


def found(client, **params) -> dict:
    """The answer to a search, which holds exactly the shape the API declares."""
    response = client.get(SEARCH, params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert SearchResultsOut.model_validate(body).model_dump(mode="json") == body
    return body


def test_search_in_three_languages(demo_law, viewer):
    english = found(viewer, q="disabilities", type="provision", instrument=demo_law["en"])
    assert english["total"] > 0 and all(h["language"] == "en" for h in english["items"])
    russian = found(viewer, q="инвалидность", instrument=demo_law["ru"])
    assert russian["total"] > 0 and "<mark>" in russian["items"][0]["snippet"]
    turkmen = found(viewer, q="çagalar", language="tk")
    (hit,) = turkmen["items"]
    assert hit["instrument_id"] == demo_law["tk"] and hit["status"] == "draft"
    assert hit["valid_from"] is None
    assert hit["links"]["instrument"] == f"/api/v1/instruments/{demo_law['tk']}"


def test_version_and_as_at_filters(demo_law, viewer):
    key = demo_law["en"]
    first = found(viewer, q="", instrument=key, version=1, per_page=100)["total"]
    old = found(viewer, q="", instrument=key, as_at="2022-01-01", per_page=100)["total"]
    assert first == old > 0
    new = found(viewer, q="", instrument=key, as_at="2025-01-01", per_page=100)
    latest = found(viewer, q="", instrument=key, version=2, per_page=100)
    assert new["total"] == latest["total"]
    assert {h["provision_id"] for h in new["items"]} == {h["provision_id"] for h in latest["items"]}
    assert found(viewer, q="", instrument=key, as_at="2020-01-01")["total"] == 0
    hit = latest["items"][0]
    assert hit["links"]["history"].endswith(f"/provisions/{hit['provision_id']}/history")


def test_facets_and_articles(demo_law, viewer):
    body = found(viewer, q="child", per_page=5)
    assert len(body["items"]) == 5
    assert body["facets"]["type"]["article"] > 0 and body["facets"]["type"]["provision"] > 0
    assert body["facets"]["language"]["en"] == body["total"] - body["facets"]["language"].get(
        "ru", 0
    ) - body["facets"]["language"].get("tk", 0)
    articles = found(viewer, q="best interests", type="article", framework="CRC")
    assert articles["items"][0]["article"] == "CRC:3"
    assert articles["items"][0]["links"]["article"] == "/api/v1/frameworks/CRC/articles/3"


def test_an_answer_holds_until_the_documents_change(searchable, drafter, viewer):
    params = {"q": "lighthouse"}
    law = create(drafter, language="en").json()["id"]
    nothing = viewer.get(SEARCH, params=params)
    assert nothing.json()["total"] == 0
    etag = nothing.headers["etag"]
    assert etag.startswith('"') and nothing.headers["cache-control"] == "private, no-cache"
    held = viewer.get(SEARCH, params=params, headers={"If-None-Match": etag})
    assert held.status_code == 304 and held.content == b"" and held.headers["etag"] == etag
    other = viewer.get(SEARCH, params={**params, "per_page": 5})
    assert other.headers["etag"] != etag
    text = [{"kind": "article", "num": "1", "text": "The lighthouse keeper is a civil servant."}]
    assert add_version(drafter, law, text).status_code == 201
    changed = viewer.get(SEARCH, params=params, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.json()["total"] == 1
    assert changed.headers["etag"] != etag


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"q": '"best interests'}, 422),
        ({"q": "colour:red"}, 422),
        ({"q": "child", "type": "law"}, 422),
        ({"q": "child", "per_page": 500}, 422),
        ({"q": "child", "as_at": "yesterday"}, 422),
    ],
)
def test_bad_queries_are_problems(searchable, viewer, params, status):
    body = assert_problem(viewer.get(SEARCH, params=params), status)
    assert body["detail"].endswith(".")


def test_search_needs_sign_in(searchable, anonymous):
    assert_problem(anonymous.get(SEARCH, params={"q": "child"}), 401)


def first_provision(client, instrument_id: int, text: str) -> str:
    tree = client.get(f"/api/v1/instruments/{instrument_id}/versions/2").json()["provisions"]
    return next(n["provision_id"] for n in walk_dicts(tree) if text in n.get("text", ""))


def walk_dicts(tree: list[dict]):
    for node in tree:
        yield node
        yield from walk_dicts(node.get("children", []))


def test_what_the_commands_write_is_found_at_once(tmp_path: Path, monkeypatch):
    from sqlalchemy.orm import Session

    from alignment.search import SearchIndex
    from api.migrate import upgrade
    from drafts.db import make_engine

    url = f"sqlite:///{tmp_path / 'kanun.db'}"
    upgrade(url)
    monkeypatch.setenv("KANUN_DATABASE_URL", url)
    runner = CliRunner()
    assert runner.invoke(cli, ["load-frameworks"]).exit_code == 0
    verified = runner.invoke(cli, ["verify"])
    assert verified.exit_code == 0, verified.output
    engine = make_engine(url, connections=1)
    with Session(engine) as session:
        (hit,) = SearchIndex(session).search('"best interests" article:"CRC:3"').hits
    engine.dispose()
    assert hit.document.title == "CRC article 3: Best interests of the child"
