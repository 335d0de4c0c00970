"""The diff's vocabulary: what can have happened to a provision between two texts.

Defined here once; the diff, the redline, the instructions and the exports import these names.
"""

from __future__ import annotations

UNCHANGED = "unchanged"
MODIFIED = "modified"
"""The wording changed (grew, shrank, reworded, restated under its number, stub re-occupied)."""
INSERTED = "inserted"
DELETED = "deleted"
MOVED = "moved"
RENUMBERED = "renumbered"
REFORMATTED = "reformatted"
"""Only the formatting changed (number punctuation, line wraps, quotes, spaces): not a change
of the law; hidden by default in the redline and never the subject of an instruction."""
REPEALED = "repealed"
"""The provision had a text and is now a stub ("(weggefallen)", "утратил силу", "[Repealed]")."""
SPLIT = "split"
"""One paragraph became several of the same level: every part carries this status."""
MERGED = "merged"
"""Several paragraphs became one: the merged one and those absorbed into it carry this status."""

STATUSES: tuple[str, ...] = (
    UNCHANGED,
    MODIFIED,
    INSERTED,
    DELETED,
    MOVED,
    RENUMBERED,
    REFORMATTED,
    REPEALED,
    SPLIT,
    MERGED,
)

NOT_CHANGES: frozenset[str] = frozenset({UNCHANGED, REFORMATTED})
"""Statuses that are no change of the law."""
