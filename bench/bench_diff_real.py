"""The real-law part of `bench/bench_diff.py`: official editions imported without ids.

For the JGG pairs and the Civil Code (BGB, about 6,500 nodes, 1.3 MB) pair: parsing, Kanun's
diff (in memory, without ids), difflib and the `redlines` package on the same texts; the time
to store the Civil Code's second edition over its first (matching included), on SQLite or on
`--database-url`; and `GET /api/v1/diff` of the two stored Civil Code editions through the
app (changes only, the default for a text that large): cached, and as a first request (another
`context` each run, so the diff is computed), with the share of reading the two stored trees.
Min and median of `--runs` runs.
"""

from __future__ import annotations

import difflib
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.app import create_app
from api.auth import service as auth
from api.auth.schemas import UserCreate
from api.migrate import upgrade
from api.settings import Settings
from drafts import service
from drafts.audit import Actor
from drafts.db import make_engine
from drafts.diff import compare
from drafts.parse import parse_text
from drafts.schemas import InstrumentCreate
from drafts.tree import Node, walk
from tests.corpus import CORPUS

ACTOR = Actor(user_id=None, request_id="bench")
PAIRS = (
    (
        "JGG v0 -> v1",
        "de-jgg-2012",
        "JGG_v0_stand-2012-07-02.md",
        "JGG_v1_after-commit-6935ea30.md",
    ),
    (
        "JGG v1 -> v2",
        "de-jgg-2012",
        "JGG_v1_after-commit-6935ea30.md",
        "JGG_v2_after-commit-64c86e43.md",
    ),
    ("BGB v0 -> v1", "de-bgb-1631d-2012", "BGB_v0_before.md", "BGB_v1_after.md"),
)


def timed(function: Callable[[], object], runs: int) -> tuple[float, float]:
    """(min, median) in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def cpu_timed(function: Callable[[], object], runs: int) -> tuple[float, float]:
    """(min, median) of the process's CPU time in milliseconds: on a machine shared with
    other work, what the request itself costs."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        function()
        times.append((time.process_time() - start) * 1000)
    return min(times), statistics.median(times)


def row(name: str, figures: tuple[float, float]) -> None:
    print(f"  {name:<46} min {figures[0]:>9.1f} ms   median {figures[1]:>9.1f} ms")


def editions(
    corpus: str, old: str, new: str
) -> tuple[str, str, tuple[Node, ...], tuple[Node, ...]]:
    old_text = (CORPUS / corpus / old).read_text("utf-8")
    new_text = (CORPUS / corpus / new).read_text("utf-8")
    return old_text, new_text, parse_text(old_text, "de").nodes, parse_text(new_text, "de").nodes


def run_pairs(runs: int, redlines_too: bool) -> None:
    try:
        from redlines import Redlines
    except ImportError:
        Redlines = None
        print("redlines is not installed: pip install -e '.[bench]'")
    for name, corpus, old_file, new_file in PAIRS:
        run_pair(name, editions(corpus, old_file, new_file), runs, Redlines, redlines_too)


def run_pair(name: str, texts: tuple, runs: int, redlines_class, redlines_too: bool) -> None:
    old_text, new_text, old, new = texts
    result = compare(old, new)
    changed = sum(1 for entry in result.entries if entry.changed)
    print(
        f"{name}: {sum(1 for _ in walk(old))} -> {sum(1 for _ in walk(new))} nodes, "
        f"{len(new_text.encode()) / 1000:.0f} KB, {changed} changes reported"
    )

    def parse_both() -> None:
        parse_text(old_text, "de"), parse_text(new_text, "de")

    row("parse both editions", timed(parse_both, runs))
    row("kanun diff, no ids (pairing + word diff)", timed(lambda: compare(old, new), runs))
    row(
        "kanun diff -> JSON",
        timed(lambda: json.dumps(compare(old, new).to_dict(), ensure_ascii=False), runs),
    )
    lines = old_text.splitlines(), new_text.splitlines()
    row("difflib.unified_diff (lines)", timed(lambda: list(difflib.unified_diff(*lines)), runs))
    row("difflib.ndiff (lines)", timed(lambda: list(difflib.ndiff(*lines)), runs))
    if redlines_class is None:
        return
    if redlines_too or len(new_text) < 400_000:
        output = timed(lambda: redlines_class(old_text, new_text).output_markdown, runs)
        row("redlines (markdown output)", output)
    else:
        print("  redlines: not run at this size without --redlines-on-bgb")


def read_both(engine, instrument_id: int) -> None:
    """`drafts.store.read_tree` of both stored editions, as `GET /diff` reads them."""
    with Session(engine) as session:
        instrument = service.get_instrument(session=session, instrument_id=instrument_id)
        for number in (1, 2):
            version = service.get_version(session=session, instrument=instrument, number=number)
            service.read_tree(session=session, version=version)


def run_store_and_api(runs: int, url: str | None) -> None:
    _, _, old, new = editions(*PAIRS[2][1:])
    with tempfile.TemporaryDirectory() as tmp:
        url = url or f"sqlite:///{Path(tmp) / 'kanun.db'}"
        upgrade(url)
        engine = make_engine(url)
        with Session(engine) as session:
            instrument = service.create_instrument(
                session=session,
                data=InstrumentCreate(
                    title="Bürgerliches Gesetzbuch",
                    kind="law",
                    jurisdiction="de",
                    language="de",
                    work_uri=f"/akn/de/act/1896/bgb-{os.getpid()}-{time.time_ns()}",
                ),
                actor=ACTOR,
            )
            service.create_version(
                session=session, instrument=instrument, provisions=old, actor=ACTOR
            )
            session.commit()

            def store() -> None:
                service.create_version(
                    session=session, instrument=instrument, provisions=new, actor=ACTOR
                )
                session.flush()
                session.rollback()

            print(f"store the BGB's 2nd edition over the 1st ({engine.dialect.name}, no ids):")
            row("create_version (match + write)", timed(store, runs))
            service.create_version(
                session=session, instrument=instrument, provisions=new, actor=ACTOR
            )
            user = auth.create_user(
                session=session,
                data=UserCreate(
                    username=f"bench{time.time_ns()}", password="bench password", role="viewer"
                ),
                actor=ACTOR,
            )
            token, _ = auth.create_token(session=session, user=user, name="bench", actor=ACTOR)
            session.commit()
            iid = instrument.id
        app = create_app(Settings(environment="test", database_url=url), engine=engine)
        with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as client:
            params = {"from": f"{iid}:1", "to": f"{iid}:2"}
            response = client.get("/api/v1/diff", params=params)
            assert response.status_code == 200, response.text
            body = response.json()
            print(
                f"GET /api/v1/diff, BGB 1 -> 2: {len(response.content) / 1000:.1f} KB, "
                f"{len(body['entries'])} entries shown, {body['omitted']} unchanged omitted"
            )
            row(
                "GET /diff (changes only, default), cached",
                timed(lambda: client.get("/api/v1/diff", params=params), runs),
            )
            contexts = iter(range(3, 3 + 2 * runs))

            def first_request() -> None:
                # Another context is another representation: computed, never from the cache.
                fresh = {**params, "changes": "only", "context": next(contexts)}
                assert client.get("/api/v1/diff", params=fresh).status_code == 200

            row("GET /diff?changes=only, first request", timed(first_request, runs))
            row("  of which reading the two trees", timed(lambda: read_both(engine, iid), runs))
            row("  the same first request, CPU time", cpu_timed(first_request, runs))
            row(
                "  reading the two trees, CPU time", cpu_timed(lambda: read_both(engine, iid), runs)
            )
            full = {**params, "changes": "all"}
            size = len(client.get("/api/v1/diff", params=full).content) / 1e6
            row(
                f"GET /diff?changes=all ({size:.1f} MB)",
                timed(lambda: client.get("/api/v1/diff", params=full), runs),
            )
        engine.dispose()
