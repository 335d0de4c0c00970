"""Provision store benchmark: read cost of an old vs a new version, and storage vs full copies.

Builds a 1,000-provision law, appends 199 versions that each edit 1% of it, then reports in
one run: reading version 200 vs version 1 and the as-at read (ratios near 1 mean reads do
not grow with history), and the database bytes against a baseline database holding a full
copy of every version. Run: `.venv/bin/python bench/bench_store.py [--database-url URL]`.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, insert
from sqlalchemy.orm import Session

from api.auth import service as auth
from api.auth.schemas import UserCreate
from api.migrate import upgrade
from drafts import service
from drafts.audit import Actor
from drafts.db import make_engine
from drafts.schemas import InstrumentCreate
from drafts.tree import Node, walk

ACTOR = Actor(user_id=None, request_id="bench")
START = date(2000, 1, 1)


def law(articles: int = 200, paragraphs: int = 4) -> tuple[Node, ...]:
    return tuple(
        Node(
            "article",
            str(a),
            f"Service {a}",
            children=tuple(
                Node(
                    "paragraph",
                    str(p),
                    text=f"Article {a} paragraph {p}: the competent authority shall provide the "
                    f"service number {a * 100 + p} to every person who applies for it in time.",
                )
                for p in range(1, paragraphs + 1)
            ),
        )
        for a in range(1, articles + 1)
    )


def edit(tree: tuple[Node, ...], round_: int, step: int = 80) -> tuple[Node, ...]:
    """Change the text of every `step`-th paragraph (10 of 800 paragraphs: 1% of the law)."""
    seen = 0

    def visit(node: Node) -> Node:
        nonlocal seen
        if node.kind == "paragraph":
            seen += 1
            if (seen + round_) % step == 0:
                return replace(node, text=f"{node.text.split(' [')[0]} [amended {round_}]")
        return replace(node, children=tuple(visit(child) for child in node.children))

    return tuple(visit(node) for node in tree)


def admin_and_law(session: Session, nodes: tuple[Node, ...]):
    """A bench admin, acting as itself, and a law stored with `nodes` as version 1:
    (user, actor, instrument, version)."""
    user = auth.create_user(
        session=session,
        data=UserCreate(username="bench", password="bench password", role="admin"),
        actor=ACTOR,
    )
    actor = Actor(user_id=user.id, request_id="bench")
    instrument = service.create_instrument(
        session=session,
        data=InstrumentCreate(
            title="Benchmark law",
            kind="law",
            jurisdiction="tm",
            language="en",
            work_uri="/akn/tm/act/2000/benchmark",
        ),
        actor=actor,
    )
    version = service.create_version(
        session=session, instrument=instrument, provisions=nodes, actor=actor
    )
    return user, actor, instrument, version


def timed(function, repeat: int = 30) -> float:
    """Median milliseconds of `repeat` calls."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def full_copy_bytes(folder: Path, trees: list[tuple[Node, ...]]) -> int:
    """Size of a SQLite database that stores every version as a full copy of its text."""
    path = folder / "full-copy.db"
    engine = make_engine(f"sqlite:///{path}")
    metadata = MetaData()
    table = Table(
        "full_copy",
        metadata,
        Column("version", Integer, primary_key=True),
        Column("position", Integer, primary_key=True),
        Column("kind", String(20)),
        Column("num", String(50)),
        Column("heading", Text),
        Column("text", Text),
        Column("eid", String(400)),
    )
    metadata.create_all(engine)
    with engine.begin() as connection:
        for number, tree in enumerate(trees, 1):
            rows = [
                {"version": number, "position": position, "kind": n.kind, "num": n.num}
                | {"heading": n.heading, "text": n.text, "eid": n.eid}
                for position, n in enumerate(walk(tree))
            ]
            connection.execute(insert(table), rows)
    engine.dispose()
    return _sqlite_bytes(path)


def _sqlite_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=200)
    parser.add_argument("--database-url", help="defaults to a new SQLite file in a temp folder")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = args.database_url or f"sqlite:///{folder / 'kanun.db'}"
        upgrade(url)
        engine = make_engine(url)
        trees = []
        with Session(engine) as session:
            instrument = service.create_instrument(
                session=session,
                data=InstrumentCreate(
                    title="Benchmark law",
                    kind="law",
                    jurisdiction="tm",
                    language="en",
                    work_uri="/akn/tm/act/2000/benchmark",
                ),
                actor=ACTOR,
            )
            tree = law()
            started = time.perf_counter()
            for number in range(1, args.versions + 1):
                version = service.create_version(
                    session=session,
                    instrument=instrument,
                    provisions=tree,
                    actor=ACTOR,
                    status="in_force",
                    effective_date=START + timedelta(days=number),
                )
                tree = service.read_tree(session=session, version=version)
                trees.append(tree)
                tree = edit(tree, number)
            session.commit()
            write_ms = (time.perf_counter() - started) * 1000 / args.versions

            first = service.get_version(session=session, instrument=instrument, number=1)
            last = service.get_version(session=session, instrument=instrument, number=args.versions)
            as_at_day = START + timedelta(days=args.versions + 30)

            def read_as_at() -> None:
                version = service.version_as_at(
                    session=session, instrument=instrument, at=as_at_day
                )
                service.read_tree(session=session, version=version)

            read_first = timed(lambda: service.read_tree(session=session, version=first))
            read_last = timed(lambda: service.read_tree(session=session, version=last))
            read_at = timed(read_as_at)
        engine.dispose()

        provisions = sum(1 for _ in walk(trees[0]))
        print(f"law: {provisions} provisions, {args.versions} versions, 1% edited per version")
        print(f"append a version:        {write_ms:8.1f} ms (mean)")
        print(f"read version 1:          {read_first:8.1f} ms (median of 30)")
        ratio = read_last / read_first
        print(f"read version {args.versions}:        {read_last:8.1f} ms  ratio {ratio:.2f}")
        print(f"read as at a date:       {read_at:8.1f} ms  ratio {read_at / read_first:.2f}")
        if url.startswith("sqlite"):
            stored = _sqlite_bytes(folder / "kanun.db")
            baseline = full_copy_bytes(folder, trees)
            print(f"database bytes:          {stored:12,d}")
            print(f"full copy per version:   {baseline:12,d}  ratio {stored / baseline:.2f}")


if __name__ == "__main__":
    main()
