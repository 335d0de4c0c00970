"""A diff reduced to its changes and a few unchanged neighbours, for reading large codes.

A one-section change to a 6,000-provision code should not cost a 4 MB answer. `only_changes`
keeps every changed entry (formatting-only ones are not changes), `context` unchanged entries
before and after each, and the ancestors of whatever it keeps, so that every kept entry is
still read in its place. The summary stays that of the whole diff.
"""

from __future__ import annotations

from dataclasses import replace

from drafts.diff import Diff, Entry

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
    kept = sorted(keep | _ancestors(entries, keep))
    return replace(
        result,
        entries=tuple(entries[index] for index in kept),
        omitted=result.omitted + len(entries) - len(kept),
        totals=result.summary(),
    )


def _ancestors(entries: tuple[Entry, ...], keep: set[int]) -> set[int]:
    """The entries that hold the kept ones: walking back from each, the nearest one of each
    lesser depth (a diff lists every provision after its parent)."""
    found: set[int] = set()
    for index in sorted(keep, reverse=True):
        depth = entries[index].depth
        cursor = index - 1
        while depth > 0 and cursor >= 0:
            if entries[cursor].depth < depth:
                depth = entries[cursor].depth
                if cursor in found:
                    break
                found.add(cursor)
            cursor -= 1
    return found
