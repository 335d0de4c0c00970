"""Many people at once against a real server process: writers that race for one amendment,
one instrument and one consolidation. Nobody gets a server error, every accepted change is
stored exactly once, and the losers of each race are told so with 409 or 412."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx2 as httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.auth import service as auth
from api.auth.schemas import UserCreate
from drafts import service
from drafts.audit import Actor
from drafts.db import make_engine
from drafts.models import Version
from drafts.packages import amendments
from drafts.packages import service as drafts
from drafts.packages.models import AmendmentSave
from drafts.packages.schemas import AmendmentCreate, DraftCreate, TargetIn
from drafts.schemas import InstrumentCreate
from drafts.tree import from_dict
from tests import live
from tests.factories import sample_provisions

PASSWORD = "correct horse battery"
SYSTEM = Actor(None, "tests")
LOSERS = {409, 412}


class World:
    """What the races run against: the server, tokens, and the ids of what is raced for."""

    def __init__(self, base: str, engine, ids: dict) -> None:
        self.base = base
        self.engine = engine
        self.ids = ids

    def client(self, role: str) -> httpx.Client:
        token = self.ids[f"{role}_token"]
        return httpx.Client(
            base_url=f"{self.base}/api/v1",
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        )


def _seed(engine) -> dict:
    with Session(engine) as session:
        ids = {}
        people = {}
        for role in ("drafter", "reviewer"):
            user = auth.create_user(
                session=session,
                data=UserCreate(username=f"{role}-race", password=PASSWORD, role=role),
                actor=SYSTEM,
            )
            ids[f"{role}_token"], _ = auth.create_token(
                session=session, user=user, name="races", actor=SYSTEM
            )
            people[role] = user
        law = service.create_instrument(
            session=session,
            data=InstrumentCreate(
                title="Law on Races",
                kind="law",
                jurisdiction="tm",
                language="en",
                work_uri="/akn/tm/act/2026/races",
            ),
            actor=SYSTEM,
        )
        base = service.create_version(
            session=session,
            instrument=law,
            provisions=tuple(from_dict(node) for node in sample_provisions()),
            actor=SYSTEM,
        )
        paragraph = next(
            node
            for node in service.read_tree(session=session, version=base)[1].walk()
            if node.kind == "paragraph"
        )
        drafter = people["drafter"]
        for name in ("edited", "consolidated"):
            draft = drafts.create_draft(
                session=session,
                data=DraftCreate(title=name, targets=[TargetIn(instrument_id=law.id)]),
                user=drafter,
                actor=SYSTEM,
            )
            amendment = amendments.propose(
                session=session,
                draft=draft,
                data=AmendmentCreate(
                    instrument_id=law.id,
                    kind="replace_text",
                    provision_id=paragraph.provision_id,
                    text="The first wording.",
                ),
                user=drafter,
                actor=SYSTEM,
            )
            ids[f"{name}_draft"], ids[f"{name}_amendment"] = draft.id, amendment.id
            if name == "consolidated":
                drafts.move_stage(
                    session=session, draft=draft, to="working_group", user=drafter, actor=SYSTEM
                )
                amendments.decide(
                    session=session,
                    amendment=amendment,
                    decision="accepted",
                    user=people["reviewer"],
                    actor=SYSTEM,
                )
        ids["law"] = law.id
        session.commit()
    return ids


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("races")
    with live.fresh_database(folder) as url:
        engine = make_engine(url, connections=2)
        ids = _seed(engine)
        with live.server(url, folder / "var") as base:
            yield World(base, engine, ids)
        engine.dispose()


def race(workers: int, job: Callable[[int], list[int]]) -> Counter:
    """Run `job(worker)` in `workers` threads that start together; count the statuses."""
    start = threading.Barrier(workers)

    def run(worker: int) -> list[int]:
        start.wait()
        return job(worker)

    with ThreadPoolExecutor(workers) as pool:
        return Counter(status for statuses in pool.map(run, range(workers)) for status in statuses)


def test_sixteen_writers_edit_one_amendment(world):
    url = f"/amendments/{world.ids['edited_amendment']}"
    accepted: list[str] = []

    def edits(worker: int) -> list[int]:
        statuses = []
        with world.client("drafter") as client:
            for edit in range(10):
                tag = client.get(url).headers["etag"]
                text = f"Wording {edit} of writer {worker}."
                answer = client.patch(url, json={"text": text}, headers={"If-Match": tag})
                statuses.append(answer.status_code)
                if answer.status_code == 200:
                    accepted.append(text)
        return statuses

    statuses = race(16, edits)
    assert not [s for s in statuses if s >= 500], statuses
    assert set(statuses) <= {200} | LOSERS, statuses
    assert statuses[200] >= 10
    with Session(world.engine) as session:
        saved = session.scalars(
            select(AmendmentSave.content).where(
                AmendmentSave.amendment_id == world.ids["edited_amendment"]
            )
        ).all()
    texts = [content["text"] for content in saved][1:]
    assert sorted(texts) == sorted(accepted)  # every accepted edit once, nothing else


def test_eight_clients_append_versions_and_a_login_still_answers(world):
    url = f"/instruments/{world.ids['law']}"
    body = {"provisions": sample_provisions(), "label": "raced"}

    def append(worker: int) -> list[int]:
        statuses = []
        if worker == 0:
            with httpx.Client(base_url=f"{world.base}/api/v1", timeout=60) as client:
                for _ in range(3):
                    login = {"username": "drafter-race", "password": PASSWORD}
                    statuses.append(client.post("/auth/login", json=login).status_code)
            return statuses
        with world.client("drafter") as client:
            for _ in range(3):
                tag = client.get(url).headers["etag"]
                answer = client.post(f"{url}/versions", json=body, headers={"If-Match": tag})
                statuses.append(answer.status_code)
        return statuses

    with Session(world.engine) as session:
        before = session.scalar(select(func.count(Version.id)))
    statuses = race(9, append)
    assert not [s for s in statuses if s >= 500], statuses
    assert set(statuses) <= {200, 201} | LOSERS, statuses
    assert statuses[200] == 3  # the three sign-ins
    with Session(world.engine) as session:
        after = session.scalar(select(func.count(Version.id)))
        numbers = session.scalars(
            select(Version.number).where(Version.instrument_id == world.ids["law"])
        ).all()
    assert after - before == statuses[201] >= 1
    assert sorted(numbers) == list(range(1, len(numbers) + 1))


def test_four_consolidations_of_one_draft_give_one_result(world):
    url = f"/drafts/{world.ids['consolidated_draft']}"
    with world.client("reviewer") as client:
        tag = client.get(url).headers["etag"]

    def consolidate(_worker: int) -> list[int]:
        with world.client("reviewer") as client:
            answer = client.post(
                f"{url}/consolidate", json={"rebase": True}, headers={"If-Match": tag}
            )
            return [answer.status_code]

    statuses = race(4, consolidate)
    assert statuses[201] == 1 and statuses[201] + sum(statuses[s] for s in LOSERS) == 4, statuses
    with Session(world.engine) as session:
        made = session.scalar(
            select(func.count(Version.id)).where(
                Version.draft_id == world.ids["consolidated_draft"]
            )
        )
    assert made == 1


def test_eight_clients_create_the_same_instrument_once(world):
    body = {
        "title": "Law on the Same Thing",
        "kind": "law",
        "jurisdiction": "tm",
        "language": "en",
        "work_uri": "/akn/tm/act/2026/same-thing",
    }

    def create(_worker: int) -> list[int]:
        with world.client("drafter") as client:
            return [client.post("/instruments", json=body).status_code]

    statuses = race(8, create)
    assert statuses[201] == 1 and statuses[409] == 7, statuses


def test_eight_writers_at_once_and_every_search_after_them_finds_their_words(world):
    words = ("aardvark", "beluga", "cormorant", "dugong", "echidna", "flamingo", "gecko", "heron")
    with world.client("drafter") as client:
        for word in words:  # answers kept under the stamp before the writes
            assert client.get("/search", params={"q": word}).json()["total"] == 0

    laws: dict[str, int] = {}

    def write(worker: int) -> list[int]:
        word = words[worker]
        law = {"title": f"Law on the {word.title()}", "kind": "law", "jurisdiction": "tm",
               "language": "en", "work_uri": f"/akn/tm/act/2026/{word}"}  # fmt: skip
        text = [{"kind": "article", "num": "1", "text": f"The {word} is protected."}]
        with world.client("drafter") as client:
            made = client.post("/instruments", json=law)
            laws[word] = made.json()["id"]
            tag = {"If-Match": made.headers["etag"]}
            added = client.post(f"/instruments/{made.json()['id']}/versions",
                                json={"provisions": text}, headers=tag)  # fmt: skip
            return [made.status_code, added.status_code]

    statuses = race(len(words), write)
    assert statuses[201] == 2 * len(words), statuses
    with world.client("drafter") as client:
        for word in words:
            (hit,) = client.get("/search", params={"q": word}).json()["items"]
            assert hit["instrument_id"] == laws[word], hit
