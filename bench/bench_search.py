"""Benchmark of search in the database: `python bench/bench_search.py [N] [--runs R]
[--postgres URL]`.

Builds N provision documents (200,000 by default) from real texts: English sentences of the
Irish Disability Act 2005, Domestic Violence Act 2018 and the three treaties, Russian ones of
the Kazakh law on special social services (tests/corpus, frameworks/data), one to three
consecutive sentences per provision, with instruments, version ranges, dates and statuses.
Indexes them into SQLite (a fresh file; its tantivy index beside it, fed by the outbox) and
PostgreSQL (a fresh schema of the database at `--postgres`, or KANUN_BENCH_DATABASE_URL; left
out when neither is set) through the same `SearchIndex`, `R` times (5 by default): the time
counts the commits and the first search after them, which brings the tantivy index up to
date. Then it times each query class: one word, AND, phrase,
filtered (instrument and as-at date) and a 50-hit page with highlights. Prints min and
median over the runs of indexing docs/s and of p50/p95 per class, beside the targets: wall
time, and the client process's CPU time (for SQLite that is the whole query, engine
included, and tells the cost apart from the wait for a core on a busy machine).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

import api.models  # noqa: E402, F401  every table
from alignment.search import SearchDocument, SearchFilters, SearchIndex  # noqa: E402
from api.migrate import upgrade  # noqa: E402
from drafts.db import make_engine  # noqa: E402
from tests.corpus import CORPUS  # noqa: E402

SEED = 20250301
PROVISIONS = 200_000
RUNS = 5
QUERIES_PER_CLASS = 40
CASES = range(QUERIES_PER_CLASS)
BATCH = 5_000
TARGET_RATE = 5_000
TARGET_P95_MS = 20.0
UNSEEN = "xylophone"
"""A word none of the texts has: the first search after indexing."""
INSTRUMENTS = 300
STATUSES = ("in_force", "in_force", "in_force", "repealed", "draft")
SOURCES = {
    "en": [
        CORPUS / "ie-disability-act-2005" / "IE_Disability_Act_2005_as_enacted.md",
        CORPUS / "ie-domestic-violence-act-2018" / "IE_Domestic_Violence_Act_2018_as_enacted.md",
    ],
    "ru": sorted((CORPUS / "kz-special-social-services-2021").glob("*.md")),
}
TREATIES = [ROOT / "frameworks" / "data" / f"{code}.json" for code in ("crc", "crpd", "cedaw")]
QUERIES = {
    "word": {
        "en": [
            "child",
            "disability",
            "violence",
            "court",
            "education",
            "guardian",
            "health",
            "employer",
        ],
        "ru": [
            "услуг",
            "ребенка",
            "инвалидностью",
            "семьи",
            "социальной",
            "органы",
            "помощи",
            "лиц",
        ],
    },
    "and": {
        "en": ["child health", "court order", "disability assessment", "safety order applicant"],
        "ru": ["социальных услуг", "трудной ситуации", "органы помощь", "ребенка семьи"],
    },
    "phrase": {
        "en": ['"best interests"', '"safety order"', '"the Minister may"', '"public body"'],
        "ru": ['"специальных социальных услуг"', '"трудной жизненной ситуации"'],
    },
}
_SENTENCE = re.compile(r"(?<=[.;:])\s+(?=[A-ZА-Я(])")


def sentences(language: str) -> list[str]:
    """The real sentences of a language's sources: lines of prose split at sentence ends."""
    found: list[str] = []
    texts = [path.read_text(encoding="utf-8") for path in SOURCES[language]]
    if language == "en":
        for path in TREATIES:
            texts += [a.get("text", "") for a in json.loads(path.read_text())["articles"]]
    for source in texts:
        for line in source.splitlines():
            line = line.strip().lstrip("#>*- ").strip()
            if len(line) < 40 or line.startswith(("<", "|", "[")):
                continue
            found += [s for s in _SENTENCE.split(line) if len(s) >= 30]
    return found


def corpus(rng: random.Random, provisions: int) -> list[SearchDocument]:
    pools = {language: sentences(language) for language in SOURCES}
    start = date(2010, 1, 1)
    docs = []
    for n in range(provisions):
        language = "en" if n % 2 else "ru"
        pool = pools[language]
        at = rng.randrange(len(pool))
        body = " ".join(pool[at : at + rng.randint(1, 3)])
        first = rng.randint(1, 8)
        valid_from = start + timedelta(days=rng.randint(0, 5000))
        ended = rng.random() < 0.3
        docs.append(
            SearchDocument(
                doc_id=f"revision:{n}",
                type="provision",
                language=language,
                title=" ".join(pool[rng.randrange(len(pool))].split()[:5]),
                text=body,
                instrument_id=str(rng.randrange(INSTRUMENTS)),
                version_from=first,
                version_to=rng.choice((None, first + rng.randint(1, 4))),
                valid_from=valid_from,
                valid_to=valid_from + timedelta(days=rng.randint(30, 2000)) if ended else None,
                status=rng.choice(STATUSES),
                eid=f"art_{rng.randint(1, 80)}__para_{rng.randint(1, 6)}",
                provision_id=str(n),
            )
        )
    return docs


def queries(rng: random.Random) -> dict[str, list[tuple[str, SearchFilters, int]]]:
    """Query class → (query, filters, page size)."""
    classes: dict[str, list[tuple[str, SearchFilters, int]]] = {}
    for name in ("word", "and", "phrase"):
        options = [q for language in QUERIES[name].values() for q in language]
        classes[name] = [
            (rng.choice(options), SearchFilters(), 20) for _ in range(QUERIES_PER_CLASS)
        ]
    words = [q for language in QUERIES["word"].values() for q in language]
    classes["filtered"] = [
        (
            rng.choice(words),
            SearchFilters(
                instrument_id=str(rng.randrange(INSTRUMENTS)),
                as_at=date(2012, 1, 1) + timedelta(days=rng.randint(0, 4000)),
            ),
            20,
        )
        for _ in CASES
    ]
    classes["highlights"] = [
        (rng.choice(words), SearchFilters(), 50) for _ in range(QUERIES_PER_CLASS)
    ]
    return classes


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall ms, this process's CPU ms): on a busy machine the CPU time of the embedded
    engine says what the query costs, the wall time what a user waits."""
    start, cpu = time.perf_counter(), time.process_time()
    run()
    return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def one_run(engine, docs, classes) -> tuple[float, dict[str, tuple[float, ...]]]:
    with Session(engine) as session:
        index = SearchIndex(session)
        index.clear()
        session.commit()
        start = time.perf_counter()
        for at in range(0, len(docs), BATCH):
            index.add(docs[at : at + BATCH])
            session.commit()
        index.search(UNSEEN, per_page=1)
        session.commit()
        rate = len(docs) / (time.perf_counter() - start)
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("ANALYZE search_documents"))
            connection.commit()
    else:
        with engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()
    latencies = {}
    with Session(engine) as session:
        index = SearchIndex(session)
        for name, cases in classes.items():
            times = [
                timed(lambda q=q, f=f, p=p: index.search(q, filters=f, per_page=p))
                for q, f, p in cases
            ]
            wall, cpu = [t for t, _ in times], [c for _, c in times]
            latencies[name] = (
                percentile(wall, 0.5),
                percentile(wall, 0.95),
                percentile(cpu, 0.5),
                percentile(cpu, 0.95),
            )
    return rate, latencies


def backends(folder: Path, postgres: str | None) -> Iterator[tuple[str, object, Callable]]:
    url = f"sqlite:///{folder / 'bench.db'}"
    upgrade(url)
    engine = make_engine(url)
    yield "SQLite (tantivy)", engine, engine.dispose
    if not postgres:
        return
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(postgres)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(postgres, connect_args={"options": f"-csearch_path={schema}"})
    with engine.begin() as connection:
        upgrade(connection=connection)

    def drop() -> None:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    yield "PostgreSQL", engine, drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=PROVISIONS)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--postgres", default=os.environ.get("KANUN_BENCH_DATABASE_URL"))
    args = parser.parse_args()
    rng = random.Random(SEED)
    docs = corpus(rng, args.n)
    classes = queries(rng)
    print(f"{args.n:,} provision documents (EN and RU, real sentences), {args.runs} runs, "
          f"load average {os.getloadavg()[0]:.2f}")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        for name, engine, close in backends(Path(folder), args.postgres):
            runs = [one_run(engine, docs, classes) for _ in range(args.runs)]
            close()
            report(name, runs)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


def report(name: str, runs: list[tuple[float, dict[str, tuple[float, ...]]]]) -> None:
    rates = [rate for rate, _ in runs]
    print(f"\n{name}")
    print(f"  indexing docs/s   min {min(rates):>9,.0f}  median {statistics.median(rates):>9,.0f}"
          f"  (target >= {TARGET_RATE:,})")  # fmt: skip
    heads = ("p50 min", "p50 med", "p95 min", "p95 med")
    print(f"  {'ms':<12}" + "".join(f"{h:>9}" for h in heads) + "   client CPU: "
          + "".join(f"{h:>9}" for h in heads))  # fmt: skip
    for query_class in runs[0][1]:
        cells = []
        for at in range(4):
            values = [lat[query_class][at] for _, lat in runs]
            cells += [min(values), statistics.median(values)]
        wall, cpu = cells[:4], cells[4:]
        print(f"  {query_class:<12}" + "".join(f"{v:>9.1f}" for v in wall) + "   "
              + " " * 12 + "".join(f"{v:>9.1f}" for v in cpu))  # fmt: skip
    print(f"  target p95 < {TARGET_P95_MS:.0f} ms")


if __name__ == "__main__":
    main()
