"""Obligation detection on the Kazakh special social services law: recall and precision on the
development and held-out articles (expected lists written by reading the law), and the time to
read the whole law, min and median of several runs.

Run: `.venv/bin/python bench/bench_obligations.py [--runs 7]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drafts.obligations import detect
from tests.drafts.obligations_corpus import DEV, DEV_ARTICLES, HELD_OUT, score, units


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    pieces = units()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        found = {
            (unit.article, unit.key, finding.body)
            for unit in pieces
            for finding in detect(unit.text, "ru", unit.lead_in)
        }
        timings.append(time.perf_counter() - started)
    for name, expected, inside in (
        ("development", DEV, True),
        ("held-out", HELD_OUT, False),
    ):
        part = {f for f in found if (f[0] in DEV_ARTICLES) == inside}
        recall, precision = score(part, expected)
        print(
            f"{name:12} expected {len(expected):3}  found {len(part):3}  "
            f"recall {recall:.2f}  precision {precision:.2f}"
        )
    print(
        f"{len(pieces)} provisions read in min {min(timings) * 1000:.1f} ms, "
        f"median {statistics.median(timings) * 1000:.1f} ms over {runs} runs; "
        f"load average {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
