"""Provision store benchmark: what 200 versions cost beside one, reads of an old vs a new
version, and storing a 6,000-provision edition; on SQLite and, with `--database-url`, on
PostgreSQL in the same run.

Builds a 1,000-provision law and appends versions that each edit 1% of it, then reports:
the store's rows (tree rows and revisions) and bytes (its tables with their indexes) after
the last version against after the first (target ≤ 3×); reading the last version and the
text in force at a date against reading version 1 (target ≤ 1.2×); storing and committing a
6,000-provision law's first edition and a next one that changes 5% of it (target < 3 s),
search documents included as in the app (written at commit), and the store's part alone.
Each read is what a reader asks for: the version found (by its number, or as the one in force
at a date) and its tree. Reads: median of 30 calls per run; every figure is min / median of
`--runs` runs, with the machine's load.

    .venv/bin/python bench/bench_store.py [--runs 5] [--versions 200] \
        [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/kanun]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).parents[1]))

import api.models  # noqa: F401  the search hook, as in the app
from api.migrate import upgrade
from drafts import service
from drafts.audit import Actor
from drafts.db import make_engine
from drafts.schemas import InstrumentCreate
from drafts.tree import Node

ACTOR = Actor(user_id=None, request_id="bench")
START = date(2000, 1, 1)
STORE_TABLES = ("tree_nodes", "revisions", "provisions", "versions")


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


def new_law(session: Session, name: str):
    return service.create_instrument(
        session=session,
        data=InstrumentCreate(
            title=f"Benchmark law {name}",
            kind="law",
            jurisdiction="tm",
            language="en",
            work_uri=f"/akn/tm/act/2000/bench-{name}-{uuid.uuid4().hex[:8]}",
        ),
        actor=ACTOR,
    )


def timed(function: Callable[[], object], repeat: int = 30) -> float:
    """Median milliseconds of `repeat` calls."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def store_rows(session: Session) -> int:
    return session.scalar(
        text("SELECT (SELECT count(*) FROM tree_nodes) + (SELECT count(*) FROM revisions)")
    )


def store_bytes(session: Session) -> int:
    """Bytes of the store's tables with their indexes (and PostgreSQL's TOAST)."""
    if session.bind.dialect.name == "postgresql":
        return sum(
            session.scalar(text("SELECT pg_total_relation_size(:t)"), {"t": table})
            for table in STORE_TABLES
        )
    names = ", ".join(f"'{table}'" for table in STORE_TABLES)
    return session.scalar(
        text(
            "SELECT sum(pgsize) FROM dbstat WHERE name IN "
            f"(SELECT name FROM sqlite_master WHERE tbl_name IN ({names}))"
        )
    )


@contextmanager
def database(folder: Path, base: str | None) -> Iterator[str]:
    """A new, migrated database: a SQLite file, or a schema of its own on `base`."""
    if base is None:
        url = f"sqlite:///{folder / f'store-{uuid.uuid4().hex[:8]}.db'}"
        upgrade(url)
        yield url
        return
    schema = f"bench_store_{uuid.uuid4().hex[:10]}"
    admin = make_engine(base, connections=1)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    try:
        upgrade(url)
        yield url
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def history(url: str, versions: int, runs: int) -> dict[str, list[float]]:
    """Store `versions` versions; storage after the first and the last; timed reads."""
    engine = make_engine(url)
    figures: dict[str, list[float]] = {}
    with Session(engine) as session:
        instrument = new_law(session, "history")
        tree = law()
        started = time.perf_counter()
        for number in range(1, versions + 1):
            version = service.create_version(
                session=session,
                instrument=instrument,
                provisions=tree,
                actor=ACTOR,
                status="in_force",
                effective_date=START + timedelta(days=number),
            )
            session.commit()
            if number == 1:
                one = (store_rows(session), store_bytes(session))
            tree = edit(service.read_tree(session=session, version=version), number)
        figures["append"] = [(time.perf_counter() - started) * 1000 / versions]
        figures["rows"] = [store_rows(session), one[0]]
        figures["bytes"] = [store_bytes(session), one[1]]

        as_at_day = START + timedelta(days=versions + 30)

        def read_number(number: int) -> Callable[[], None]:
            def read() -> None:
                version = service.get_version(session=session, instrument=instrument, number=number)
                service.read_tree(session=session, version=version)

            return read

        def read_as_at() -> None:
            version = service.version_as_at(session=session, instrument=instrument, at=as_at_day)
            service.read_tree(session=session, version=version)

        for _ in range(runs):
            for name, read in (
                ("read 1", read_number(1)),
                ("read last", read_number(versions)),
                ("read as at", read_as_at),
            ):
                figures.setdefault(name, []).append(timed(read))
    engine.dispose()
    return figures


def edition(url: str, runs: int) -> dict[str, list[float]]:
    """Seconds to store and commit a 6,000-provision law's first edition, and a next edition
    changing 5% of it (with the provision ids a client read back), in a new law per run."""
    engine = make_engine(url)
    figures: dict[str, list[float]] = {}
    with Session(engine) as session:
        for run in range(runs):
            instrument = new_law(session, f"edition-{run}")
            version = None
            for key in ("first edition", "next edition"):
                if version is None:
                    tree = law(1500, 3)
                else:  # 300 of 4,500 paragraphs: 5% of the law
                    tree = edit(service.read_tree(session=session, version=version), run, 15)
                started = time.perf_counter()
                version = service.create_version(
                    session=session, instrument=instrument, provisions=tree, actor=ACTOR
                )
                session.flush()
                stored = time.perf_counter()
                session.commit()
                figures.setdefault(key, []).append(time.perf_counter() - started)
                figures.setdefault(f"{key}, store", []).append(stored - started)
    engine.dispose()
    return figures


def report(name: str, figures: dict[str, list[float]], versions: int) -> None:
    def spread(values: list[float], unit: str) -> str:
        return f"min {min(values):8.1f} {unit}  median {statistics.median(values):8.1f} {unit}"

    rows, rows_one = figures["rows"]
    stored, stored_one = figures["bytes"]
    print(f"{name}: 1,000-provision law, {versions} versions, 1% edited per version")
    print(f"  append a version (mean)        {figures['append'][0]:8.1f} ms")
    print(
        f"  store rows  after 1 / {versions}: {rows_one:>10,} / {rows:>10,}  ×{rows / rows_one:.2f}"
    )
    print(
        f"  store bytes after 1 / {versions}: {stored_one:>10,} / {stored:>10,}  "
        f"×{stored / stored_one:.2f}"
    )
    first = figures["read 1"]
    print(f"  read version 1                 {spread(first, 'ms')}")
    for label, key in (
        (f"read version {versions}", "read last"),
        ("read as at a date", "read as at"),
    ):
        ratio = statistics.median(figures[key]) / statistics.median(first)
        print(f"  {label:<30} {spread(figures[key], 'ms')}  ×{ratio:.2f} of version 1")
    for key in ("first edition", "next edition"):
        print(f"  6,000-provision {key}, committed  {spread(figures[key], 's')}")
        print(f"    of which the store (to flush)     {spread(figures[f'{key}, store'], 's')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--versions", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", help="PostgreSQL, measured beside SQLite")
    args = parser.parse_args()
    print(f"load before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        for base in (None, args.database_url) if args.database_url else (None,):
            with database(Path(tmp), base) as url:
                figures = history(url, args.versions, args.runs) | edition(url, args.runs)
            report("SQLite" if base is None else "PostgreSQL", figures, args.versions)
    print(f"load after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
