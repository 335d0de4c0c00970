"""A diff reduced to its changes and a few unchanged neighbours, for reading large codes.

A one-section change to a 6,000-provision code should not cost a 4 MB answer. `only_changes`
keeps every changed entry (formatting-only ones are not changes), `context` unchanged entries
before and after each, and the ancestors of whatever it keeps, so that every kept entry is
still read in its place. The summary stays that of the whole diff.
"""

from __future__ import annotations

from dataclasses import replace

from drafts.diff import Diff

LARGE = 500
"""Texts with more provisions than this are answered with changes only unless asked otherwise."""
CONTEXT = 2
"""Unchanged neighbours shown on each side of a change by default."""


def is_large(result: Diff) -> bool:
    return len(result.entries) > LARGE


def only_changes(result: Diff, context: int = CONTEXT) -> Diff:
    """The changed entries of `result`, `context` neighbours each side, and their ancestors."""
    entries = result.entries
    keep: set[int] = set()
    for index, entry in enumerate(entries):
        if entry.changed:
            keep.update(range(max(0, index - context), min(len(entries), index + context + 1)))
    ancestors: set[int] = set()
    chain: list[int] = []
    for index, entry in enumerate(entries):
        del chain[entry.depth :]
        if index in keep:
            ancestors.update(chain)
        chain.append(index)
    kept = sorted(keep | ancestors)
    return replace(
        result,
        entries=tuple(entries[index] for index in kept),
        omitted=result.omitted + len(entries) - len(kept),
        totals=result.summary(),
    )
