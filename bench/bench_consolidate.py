"""Consolidation benchmark: 200 accepted amendments applied to a 1,000-provision law.

Reports the time of the consolidation itself (conflict check, applying the amendments,
storing the new version) and, as a baseline in the same run, the time of storing a
version of the same size directly. Run: `.venv/bin/python bench/bench_consolidate.py`.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench_store import admin_and_law, edit, law
from sqlalchemy.orm import Session

from api.migrate import upgrade
from drafts import service
from drafts.db import make_engine
from drafts.packages import amendments, consolidation
from drafts.packages import service as drafts
from drafts.packages.schemas import AmendmentCreate, ConsolidateIn, DraftCreate, TargetIn
from drafts.tree import walk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--amendments", type=int, default=200)
    parser.add_argument("--database-url", help="defaults to a new SQLite file in a temp folder")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'kanun.db'}"
        upgrade(url)
        engine = make_engine(url)
        with Session(engine) as session:
            user, actor, instrument, base = admin_and_law(session, law())
            tree = service.read_tree(session=session, version=base)
            draft = drafts.create_draft(
                session=session,
                data=DraftCreate(
                    title="Benchmark", targets=[TargetIn(instrument_id=instrument.id)]
                ),
                user=user,
                actor=actor,
            )
            drafts.move_stage(
                session=session, draft=draft, to="working_group", user=user, actor=actor
            )
            paragraphs = [node for node in walk(tree) if node.kind == "paragraph"]
            step = len(paragraphs) // args.amendments
            started = time.perf_counter()
            for node in paragraphs[::step][: args.amendments]:
                amendment = amendments.propose(
                    session=session,
                    draft=draft,
                    data=AmendmentCreate(
                        instrument_id=instrument.id,
                        kind="replace_text",
                        provision_id=node.provision_id,
                        text=node.text.replace("every person", "every child and adult"),
                    ),
                    user=user,
                    actor=actor,
                )
                amendments.decide(
                    session=session,
                    amendment=amendment,
                    decision="accepted",
                    user=user,
                    actor=actor,
                )
            propose_s = time.perf_counter() - started

            started = time.perf_counter()
            versions = consolidation.consolidate(
                session=session, draft=draft, data=ConsolidateIn(), user=user, actor=actor
            )
            session.flush()
            consolidate_s = time.perf_counter() - started

            started = time.perf_counter()
            service.create_version(
                session=session, instrument=instrument, provisions=edit(tree, 1), actor=actor
            )
            session.flush()
            baseline_s = time.perf_counter() - started
            session.rollback()
        engine.dispose()

    provisions = sum(1 for _ in walk(tree))
    print(f"law: {provisions} provisions; {args.amendments} accepted amendments")
    print(f"propose and accept them:      {propose_s:7.2f} s")
    print(f"consolidate:                  {consolidate_s:7.3f} s -> version {versions[0].number}")
    print(
        f"store one version (baseline): {baseline_s:7.3f} s  ratio {consolidate_s / baseline_s:.1f}"
    )


if __name__ == "__main__":
    main()
