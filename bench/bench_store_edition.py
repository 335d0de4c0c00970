"""Storing a new official edition the way the app does: the Civil Code's second edition posted
over its first without provision ids, matched, written and committed with its search documents
(the session hook the app installs). A new database per run; min and median of `--runs`.

    .venv/bin/python bench/bench_store_edition.py [--runs 5] [--database-url postgresql+psycopg://…]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).parents[1]))

import api.models  # noqa: F401  the search hook, as in the app
from api.migrate import upgrade
from bench.bench_diff_real import ACTOR, PAIRS, editions
from drafts import service
from drafts.db import make_engine
from drafts.schemas import InstrumentCreate


def store_once(url: str, old, new) -> float:
    """Seconds to store and commit `new` over `old` in a new instrument."""
    upgrade(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            law = service.create_instrument(
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
            service.create_version(session=session, instrument=law, provisions=old, actor=ACTOR)
            session.commit()
            started = time.perf_counter()
            service.create_version(session=session, instrument=law, provisions=new, actor=ACTOR)
            session.commit()
            return time.perf_counter() - started
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    _, _, old, new = editions(*PAIRS[2][1:])
    times = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            times.append(store_once(args.database_url or f"sqlite:///{folder}/kanun.db", old, new))
    print(
        f"BGB 2nd edition stored and committed, search documents included: "
        f"min {min(times):.2f} s, median {statistics.median(times):.2f} s ({args.runs} runs); "
        f"load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
