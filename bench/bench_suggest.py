"""Benchmark of treaty-article suggestions: `python bench/bench_suggest.py`.

Loads the shipped treaties into a temporary SQLite database and asks the suggestion service
(`alignment.suggestions.for_provision`, what the routes call) for the articles of every
provision of `bench/eval/alignment.jsonl` (see `bench/eval/README.md`), with its full text and
language. Beside it, plain BM25: whole articles, stop words removed, nothing else.

The documents are split: concept lists and weights were developed on `DEVELOPMENT` only, so
the figures that count are those of the other, held-out documents. Reported per document, per
treaty (of the primary article), per language and per split:

- strict recall@k: the primary article is among the first k;
- lenient recall@k: any labelled article is;
- MRR: the mean reciprocal rank of the primary article in the first ten (0 when absent).

Then latency (p50 and p95 of a call: the first pass, then min and median over `RUNS` more
passes, with the machine's load), and the replay of decisions: on each document, the labelled
articles of the first half of its provisions are confirmed (the primary as `implements`, the
others as `partially_implements`) and the second half is scored before and after.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

import api.models  # noqa: F401  every table
from alignment import suggestions
from alignment.bm25 import BM25
from alignment.decisions import Decision, Memory
from alignment.search_analysis import english_stem
from alignment.suggest import Catalogue
from api.migrate import upgrade
from drafts.db import make_engine
from drafts.models import Instrument
from drafts.worddiff import words as tokens
from frameworks.loader import load_shipped

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "bench" / "eval" / "alignment.jsonl"
DEVELOPMENT = frozenset({"demo", "de-sgb8"})
"""The documents looked at while curating concepts and choosing weights."""
DEPTH = 10
RUNS = 5
Ranker = Callable[[dict], list[str]]


def plain_bm25(catalogue: Catalogue) -> Ranker:
    """Whole substantive articles, stop words removed, English stems: the plain baseline."""
    from whoosh.lang import stopwords_for_language

    stop = frozenset(stopwords_for_language("en"))

    def stems(text: str) -> list[str]:
        return [english_stem(w.lower()) for w in tokens(text) if w.lower() not in stop]

    keys = [key for key, article in catalogue.articles.items() if not article.procedural]
    index = BM25([stems(catalogue.article_text(key)) for key in keys])

    def rank(item: dict) -> list[str]:
        scores = index.scores(stems(item["text"]))
        return [keys[n] for n in sorted(scores, key=lambda n: -scores[n])[:DEPTH]]

    return rank


def service(session: Session) -> Ranker:
    def rank(item: dict) -> list[str]:
        instrument = Instrument(id=0, language=item["language"], title="", short_title="")
        found = suggestions.for_provision(
            session=session,
            instrument=instrument,
            provision_id=item["id"],
            text=item["text"],
            limit=DEPTH,
        )
        return [suggestion.key for suggestion in found.items]

    return rank


def outcome(item: dict, ranked: list[str]) -> tuple[float, ...]:
    primary, every = item["primary"], {item["primary"], *item["secondary"]}
    rank = ranked.index(primary) + 1 if primary in ranked else 0
    return (
        float(primary in ranked[:1]),
        float(primary in ranked[:5]),
        float(bool(every & set(ranked[:1]))),
        float(bool(every & set(ranked[:5]))),
        1 / rank if rank else 0.0,
    )


def table(title: str, rows: dict[str, list[tuple[float, ...]]]) -> None:
    print(f"\n{title}")
    print(
        f"{'':34}{'n':>4}{'strict@1':>10}{'strict@5':>10}{'lenient@1':>11}{'lenient@5':>11}{'MRR':>7}"
    )
    for name, found in rows.items():
        means = [sum(values) / len(found) for values in zip(*found, strict=True)]
        cells = "".join(
            f"{value:>{width}.2f}" for value, width in zip(means, (10, 10, 11, 11, 7), strict=True)
        )
        print(f"{name:34}{len(found):>4}{cells}")


def groups(items: list[dict], results: list[tuple[float, ...]], key: Callable[[dict], str]):
    found: dict[str, list[tuple[float, ...]]] = defaultdict(list)
    for item, result in zip(items, results, strict=True):
        found[key(item)].append(result)
    return dict(sorted(found.items()))


def split(item: dict) -> str:
    return "development" if item["document"] in DEVELOPMENT else "held out"


def replay(items: list[dict], catalogue: Catalogue) -> dict[str, list[tuple[float, ...]]]:
    """Per split, before and after: strict and lenient recall on each document's second half
    when its first half's labels were confirmed."""
    documents: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        documents[item["document"]].append(item)
    found: dict[str, list[tuple[float, ...]]] = defaultdict(list)
    for document, mine in documents.items():
        half = len(mine) // 2
        decisions = [
            Decision(item["id"], 1, item["text"], item["language"], article, True,
                     "implements" if article == item["primary"] else "partially_implements",
                     item["source"], document)
            for item in mine[:half]
            for article in (item["primary"], *item["secondary"])
        ]  # fmt: skip
        memory = Memory(decisions, catalogue.concepts)
        for item in mine[half:]:
            for when in ("before", "after"):
                votes = None
                if when == "after":
                    votes = memory.votes(item["text"], language=item["language"], instrument_id=1)
                ranked = catalogue.suggest_articles(
                    item["text"], language=item["language"], limit=DEPTH, votes=votes
                )
                keys = [s.key for s in ranked.items]
                found[f"{split(item)}, {when}"].append(outcome(item, keys))
    return dict(sorted(found.items()))


def main() -> None:
    items = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines()]
    with tempfile.TemporaryDirectory(prefix="kanun-suggest-") as folder:
        url = f"sqlite:///{folder}/kanun.db"
        upgrade(url)
        engine = make_engine(url)
        with Session(engine) as session:
            load_shipped(session)
            session.commit()
            catalogue = suggestions.catalogue(session)
            rankers = {"plain BM25": plain_bm25(catalogue), "suggester": service(session)}
            results = {name: [outcome(i, rank(i)) for i in items] for name, rank in rankers.items()}
            p50s, p95s = [], []
            for _ in range(RUNS + 1):
                took = []
                for item in items:
                    began = time.perf_counter()
                    rankers["suggester"](item)
                    took.append((time.perf_counter() - began) * 1000)
                p50s.append(statistics.median(took))
                p95s.append(statistics.quantiles(took, n=20)[18])
            replayed = replay(items, catalogue)
        engine.dispose()
    print(f"{len(items)} labelled provisions from {EVAL.relative_to(ROOT)}")
    for name, found in results.items():
        table(f"{name}: by split", groups(items, found, split))
    for name, found in results.items():
        table(f"{name}: held-out documents", groups([i for i in items if split(i) == "held out"],
              [r for i, r in zip(items, found, strict=True) if split(i) == "held out"],
              lambda i: i["document"]))  # fmt: skip
    suggester = results["suggester"]
    table("suggester: development documents", groups(
        [i for i in items if split(i) == "development"],
        [r for i, r in zip(items, suggester, strict=True) if split(i) == "development"],
        lambda i: i["document"]))  # fmt: skip
    table("suggester: by treaty of the primary article (all documents)",
          groups(items, suggester, lambda i: i["primary"].split(":")[0]))  # fmt: skip
    for name, found in results.items():
        table(f"{name}: by language (all documents)", groups(items, found, lambda i: i["language"]))
    table("replay of decisions: second half of each document", replayed)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    (cold50, *p50s), (cold95, *p95s) = p50s, p95s
    print(
        f"\nsuggester latency, {len(items)} calls a pass (load average {load}):"
        f"\n  first pass (stems not yet remembered): p50 {cold50:.1f} ms, p95 {cold95:.1f} ms"
        f"\n  over the {RUNS} passes after it: p50 min {min(p50s):.1f} ms,"
        f" median {statistics.median(p50s):.1f} ms; p95 min {min(p95s):.1f} ms,"
        f" median {statistics.median(p95s):.1f} ms"
    )


if __name__ == "__main__":
    main()
