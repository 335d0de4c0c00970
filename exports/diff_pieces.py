"""The pieces of a diff entry a document shows: its heading and its text, as word ops.

A heading reads "Article 5. Scope"; when the provision was renumbered the old label is
deleted and the new one inserted, and the ". " before the title is kept, inserted or
deleted with the title. Numbered provisions show their number the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from drafts import worddiff
from drafts.diff import Diff, Entry
from drafts.worddiff import Op
from exports.layout import HEADINGS, label


@dataclass(frozen=True, slots=True)
class Placed:
    """An entry with where it sits: heading level, or indent among numbered provisions."""

    entry: Entry
    role: str
    """"heading", "numbered", "note" or "text" (the preamble, quoted text, closing words)."""
    level: int
    indent: int
    context: str = ""
    """The label of the nearest enclosing heading ("Article 5"), for provisions below one."""


def placed(result: Diff, language: str = "en") -> Iterator[Placed]:
    """The entries of a diff in order, each with its heading level or indent."""
    stack: list[str] = []
    labels: list[str] = []
    for entry in result.entries:
        del stack[entry.depth :]
        del labels[entry.depth :]
        headings = sum(1 for kind in stack if kind in HEADINGS)
        context = next((text for text in reversed(labels) if text), "")
        if entry.kind in ("preamble", "quoted", "wrapup"):
            role = "text"
        elif entry.kind == "block" and entry.depth:
            role = "note"
        elif entry.kind in HEADINGS:
            role = "heading"
        else:
            role = "numbered"
        yield Placed(entry, role, min(headings + 1, 9), len(stack) - headings, context)
        stack.append(entry.kind)
        num = entry.new_num if entry.new_num is not None else entry.old_num or ""
        labels.append(label(entry.kind, num, language) if role == "heading" else "")


def number_ops(entry: Entry, language: str, *, heading: bool) -> list[Op]:
    """The label ("Article 5") or number ("1.") of an entry, old and new."""
    old, new = entry.old_num, entry.new_num

    def shown(num: str) -> str:
        return label(entry.kind, num, language) if heading else num

    if old == new or old is None or new is None:
        num = new if new is not None else old
        if not shown(num or ""):
            return []
        kind = worddiff.EQUAL
        if old is None:
            kind = worddiff.INSERT
        elif new is None:
            kind = worddiff.DELETE
        return [(kind, shown(num or ""))]
    ops = [(worddiff.DELETE, shown(old))] if shown(old) else []
    return ops + ([(worddiff.INSERT, shown(new))] if shown(new) else [])


def heading_ops(entry: Entry, language: str) -> list[Op]:
    """'Article 5. Scope' as ops, with the separator following the title's fate (a
    cross-heading, which has no label, is its title alone)."""
    ops = number_ops(entry, language, heading=True)
    if entry.heading_ops and not ops:
        ops.extend(entry.heading_ops)
    elif entry.heading_ops:
        had, has = bool(entry.old_heading), bool(entry.new_heading)
        separator = worddiff.EQUAL if had and has else worddiff.INSERT if has else worddiff.DELETE
        ops.append((separator, ". "))
        ops.extend(entry.heading_ops)
    return ops


def side(ops: list[Op] | tuple[Op, ...], hidden: str) -> list[Op]:
    """The ops one column of a side-by-side view shows: all but the `hidden` kind."""
    return [op for op in ops if op[0] != hidden]
