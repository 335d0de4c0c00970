"""The redline's "changes only" view: the changed provisions with a few unchanged neighbours
around each for context, the default for long texts.

`in_context` keeps the shape the domain's diff module is to offer for this (a diff in, a
shorter diff out), so that the page needs no change when it does.
"""

from __future__ import annotations

from dataclasses import replace

from drafts.diff import Diff

NEIGHBOURS = 2
"""Unchanged provisions shown before and after each change."""
LONG = 60
"""Texts whose redline has more provisions than this open on their changes only."""


def in_context(result: Diff, neighbours: int = NEIGHBOURS) -> Diff:
    """`result` with only its changed entries and `neighbours` entries either side of each."""
    changed = [index for index, entry in enumerate(result.entries) if entry.changed]
    keep: set[int] = set()
    for index in changed:
        keep.update(range(max(0, index - neighbours), index + neighbours + 1))
    entries = tuple(entry for index, entry in enumerate(result.entries) if index in keep)
    return replace(result, entries=entries)


def is_long(result: Diff) -> bool:
    return len(result.entries) > LONG
