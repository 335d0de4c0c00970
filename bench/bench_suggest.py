"""Benchmark of the treaty-article suggester: `python bench/bench_suggest.py`.

Loads the shipped treaties into a temporary SQLite database, indexes them, and asks for the
articles of every provision of `bench/eval/alignment.jsonl` (provisions of the demo law and
of real child-, disability- and gender-related laws, each labelled with the articles it
relates to). A provision counts as found at k when one of its articles is among the first k
suggestions. Prints recall@1 and recall@5 overall and per language, for the plain BM25
`more_like_this` and for the suggester with its topic table, and the suggester's latency.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from sqlalchemy.orm import Session

import api.models  # noqa: F401  every table
from alignment.indexing import rebuild
from alignment.search import SearchFilters, SearchIndex
from alignment.suggest import suggest_articles
from api.migrate import upgrade
from drafts.db import make_engine
from frameworks.loader import load_shipped

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "bench" / "eval" / "alignment.jsonl"
DEPTH = 5


def plain(index: SearchIndex, text: str) -> list[str]:
    filters = SearchFilters(type="article", language="en")
    return [s.document.article for s in index.more_like_this(text, filters=filters, limit=DEPTH)]


def ranked(index: SearchIndex, text: str) -> list[str]:
    return [s.document.article for s in suggest_articles(index, text=text, limit=DEPTH)]


def recall(rows: list[tuple[str, set[str], list[str]]]) -> dict[str, tuple[float, float, int]]:
    """Language (and "all") → (recall@1, recall@5, provisions)."""
    groups: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for language, wanted, found in rows:
        outcome = (bool(set(found[:1]) & wanted), bool(set(found[:DEPTH]) & wanted))
        groups[language].append(outcome)
        groups["all"].append(outcome)
    return {
        language: (
            sum(first for first, _ in hits) / len(hits),
            sum(five for _, five in hits) / len(hits),
            len(hits),
        )
        for language, hits in sorted(groups.items())
    }


def main() -> None:
    items = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines()]
    with tempfile.TemporaryDirectory(prefix="kanun-suggest-") as folder:
        url = f"sqlite:///{folder}/kanun.db"
        upgrade(url)
        engine = make_engine(url)
        index = SearchIndex.create(Path(folder) / "search")
        with Session(engine) as session:
            load_shipped(session)
            session.commit()
            rebuild(session, index)
        engine.dispose()
        results = {}
        latencies = []
        for name, method in (("bm25", plain), ("suggester", ranked)):
            rows = []
            for item in items:
                began = time.perf_counter()
                found = method(index, item["text"])
                if name == "suggester":
                    latencies.append((time.perf_counter() - began) * 1000)
                rows.append((item["language"], set(item["articles"]), found))
            results[name] = recall(rows)
    print(f"{len(items)} labelled provisions from {EVAL.relative_to(ROOT)}")
    print(f"{'method':<12}{'language':<10}{'n':>4}{'recall@1':>10}{'recall@5':>10}")
    for name, table in results.items():
        for language, (at1, at5, n) in table.items():
            print(f"{name:<12}{language:<10}{n:>4}{at1:>10.2f}{at5:>10.2f}")
    cuts = statistics.quantiles(latencies, n=20)
    print(f"suggester latency: p50 {statistics.median(latencies):.1f} ms, p95 {cuts[18]:.1f} ms")


if __name__ == "__main__":
    main()
