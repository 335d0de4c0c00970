"""Benchmark of the redline engine on a whole law: `python bench/bench_diff.py [--real]`.

Generates a law of about 1,200 provisions (~280 KB) and a second version with 5% of the
provisions changed, then times, in one process, Kanun's structural and word diff to JSON,
its HTML redline, difflib, and the `redlines` package (the `bench` extra) on the same pair.
With `--real`, it then times real editions imported without ids (`bench/bench_diff_real.py`):
the JGG and Civil Code pairs against difflib and `redlines`, storing the Civil Code's second
edition, and `GET /diff` of the stored Civil Code pair, min and median of `--runs` runs.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from drafts import eids
from drafts.diff import compare
from drafts.render import render
from drafts.tree import Node, walk

VOCABULARY = (
    "the state shall ensure that every child person with disabilities woman enjoys right "
    "to education health care social protection without discrimination on grounds of sex "
    "age origin language religion property status local authorities ministry competent "
    "body provide assistance support services within limits budget established by law "
    "according procedure determined cabinet ministers guardian parent family benefits "
    "allowance payment monthly annual application documents submitted days receipt "
    "decision appeal court administrative registration record information personal data "
    "confidentiality inspection compliance penalty violation provisions this article"
)
WORDS = VOCABULARY.split()
HEADINGS = ("General provisions", "Rights of the child", "Social benefits", "Procedure")


def sentence(rng: random.Random, length: int) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), f"{rng.randint(1, 30)}.{rng.randint(1, 9)}")
    return " ".join(words).capitalize() + rng.choice((".", ";", ":"))


def text(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng, rng.randint(11, 21)) for _ in range(sentences))


def law(rng: random.Random) -> tuple[Node, ...]:
    """Ten chapters of ten articles of four paragraphs, most with a few points."""
    counter = iter(range(1, 10**6))
    article_number = 0

    def node(kind: str, num: str, heading: str = "", body: str = "", children=()) -> Node:
        n = next(counter)
        return Node(kind, num, heading, body, tuple(children), f"p{n}", n)

    chapters = []
    for c in range(1, 11):
        articles = []
        for _ in range(10):
            article_number += 1
            paragraphs = []
            for p in range(1, 5):
                points = [
                    node("point", f"{k})", body=text(rng, rng.randint(1, 2)))
                    for k in range(1, rng.choice((1, 3, 4)))
                ]
                paragraphs.append(
                    node("paragraph", str(p), body=text(rng, rng.randint(2, 3)), children=points)
                )
            heading = " ".join(rng.sample(WORDS, 4)).capitalize()
            articles.append(node("article", str(article_number), heading, children=paragraphs))
        chapters.append(node("chapter", str(c), rng.choice(HEADINGS), children=articles))
    return eids.assign(chapters)


def edit_words(rng: random.Random, value: str) -> str:
    words = value.split(" ")
    for _ in range(rng.randint(1, 3)):
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    return " ".join(words)


def amend(rng: random.Random, nodes: tuple[Node, ...], share: float) -> tuple[Node, ...]:
    """A second version: word edits, inserts, deletes and moves of paragraphs and points."""
    total = sum(1 for _ in walk(nodes))
    chosen = set(rng.sample(range(total), int(total * share)))
    index = iter(range(total))
    fresh = iter(range(10**6, 2 * 10**6))
    moved: list[Node] = []

    def visit(node: Node) -> list[Node]:
        picked = next(index) in chosen
        children = [kept for child in node.children for kept in visit(child)]
        if node.kind == "article" and moved and rng.random() < 0.3:
            number = str(len(children) + 1)
            children.append(replace(moved.pop(), num=number, revision_id=next(fresh)))
        if picked and node.kind in ("paragraph", "point") and not node.children:
            action = rng.choice(("delete", "move", "insert", "edit", "edit", "edit"))
            if action == "delete":
                return []
            if action == "move" and node.kind == "paragraph":
                moved.append(node)
                return []
            if action == "insert":
                n = next(fresh)
                extra = Node(node.kind, f"{node.num}-1", "", text(rng, 2), (), f"p{n}", n)
                return [replace(node, children=tuple(children)), extra]
        if picked:
            node = replace(node, text=edit_words(rng, node.text), revision_id=next(fresh))
        return [replace(node, children=tuple(children))]

    return eids.assign([kept for node in nodes for kept in visit(node)])


def plain(nodes: tuple[Node, ...]) -> str:
    lines = []
    for node in walk(nodes):
        label = f"{node.kind.capitalize()} {node.num}" if node.heading else node.num
        lines.append(" ".join(part for part in (label, node.heading, node.text) if part))
    return "\n".join(lines)


def median_ms(function: Callable[[], object], runs: int = 9) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    rng = random.Random(2024)
    old = law(rng)
    new = amend(rng, old, 0.05)
    old_text, new_text = plain(old), plain(new)
    result = compare(old, new)
    print(f"provisions: {sum(1 for _ in walk(old))} old, {sum(1 for _ in walk(new))} new")
    print(
        f"text: {len(old_text.encode()) / 1000:.0f} KB old, {len(new_text.encode()) / 1000:.0f} KB"
    )
    print(f"summary: {result.summary()}")

    def to_json() -> str:
        return json.dumps(compare(old, new).to_dict(), ensure_ascii=False)

    figures = {
        "kanun structural + word diff": median_ms(lambda: compare(old, new)),
        "kanun diff -> JSON": median_ms(to_json),
        "kanun diff -> JSON (similarity alignment)": median_ms(
            lambda: json.dumps(compare(strip(old), strip(new)).to_dict(), ensure_ascii=False)
        ),
        "kanun HTML render (inline, of a computed diff)": median_ms(lambda: render(result)),
        "kanun HTML render (side by side)": median_ms(
            lambda: render(result, layout="side-by-side")
        ),
        "kanun diff + HTML render": median_ms(lambda: render(compare(old, new))),
        "difflib.ndiff (whole text)": median_ms(
            lambda: list(difflib.ndiff(old_text.splitlines(), new_text.splitlines())), 3
        ),
        "difflib.HtmlDiff.make_table": median_ms(
            lambda: difflib.HtmlDiff().make_table(old_text.splitlines(), new_text.splitlines()),
            3,
        ),
    }
    try:
        from redlines import Redlines
    except ImportError:
        print("redlines is not installed: pip install -e '.[bench]'")
        slowest = None
    else:
        slowest = median_ms(lambda: Redlines(old_text, new_text).output_markdown, 1)
        figures["redlines (markdown output, once)"] = slowest
    for name, ms in figures.items():
        ratio = f"{slowest / ms:>8.0f}x faster than redlines" if slowest else ""
        print(f"{name:<50} {ms:>9.1f} ms  {ratio}")


def strip(nodes: tuple[Node, ...]) -> tuple[Node, ...]:
    """The same text without provision identities, as an unstored text would come."""
    return tuple(
        replace(node, provision_id=None, revision_id=None, children=strip(node.children))
        for node in nodes
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", action="store_true", help="also time real editions")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", help="for the store and API figures (default SQLite)")
    parser.add_argument("--redlines-on-bgb", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    args = parser.parse_args()
    if not args.skip_synthetic:
        main()
    if args.real:
        from bench.bench_diff_real import run_pairs, run_store_and_api

        run_pairs(args.runs, args.redlines_on_bgb)
        run_store_and_api(args.runs, args.database_url)
