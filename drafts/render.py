"""HTML redlines of a diff, inline or side by side, as fragments a page can embed.

Every piece of text is escaped. Each changed provision carries `id="change-N"` (N from 1,
in document order) and `data-change="N"`, so that a page can jump from one to the next.
Classes: `rl-entry`, `rl-<kind>`, `rl-<status>` for each status, `rl-changed`; marks
`rl-mark rl-mark-<status>` name what happened in words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from drafts import worddiff
from drafts.citations import heading_label
from drafts.diff import Diff, Entry
from drafts.worddiff import Op

LAYOUTS = ("inline", "side-by-side")
LABELLED_KINDS = frozenset({"part", "chapter", "section", "article"})
"""Kinds whose number is shown with the kind's name ("Article 5"); others show the number."""

_TAGS = {worddiff.INSERT: "ins", worddiff.DELETE: "del"}
_AFTER = re.compile(r"^(\S*)\s+(.+)$")


@dataclass(frozen=True, slots=True)
class Words:
    """What a redline writes in words: the law's own labels in the text's `language` (a Russian
    law reads «Статья 5», a Turkmen one «5-nji madda», whatever the reader's language), and in
    the reader's language the names of the statuses and of the two columns."""

    language: str = "en"
    statuses: Mapping[str, str] = field(default_factory=dict)
    old: str = "Old text"
    new: str = "New text"
    moved_from: str = "Moved from {where}"
    renumbered_from: str = "Renumbered from {num}"
    changed: str = "Changed: {parts}"
    parts: Mapping[str, str] = field(default_factory=dict)
    """The reader's names of the changed parts ("heading", "text")."""
    cite: Callable[[str], str] = str
    """How the reader names a provision by its eId (the eId itself by default)."""


ENGLISH = Words()


def render(
    result: Diff, *, layout: str = "inline", only_changes: bool = False, words: Words = ENGLISH
) -> Markup:
    """The redline of `result` as an HTML fragment; `only_changes` leaves out unchanged ones."""
    if layout not in LAYOUTS:
        raise ValueError(f"Unknown redline layout {layout!r}: use one of {', '.join(LAYOUTS)}.")
    rows = []
    number = 0
    for entry in result.entries:
        if entry.changed:
            number += 1
        elif only_changes:
            continue
        attributes = _attributes(entry, number if entry.changed else 0)
        if layout == "inline":
            rows.append(_inline(entry, attributes, words))
        else:
            rows.append(_side_by_side(entry, attributes, words))
    if layout == "inline":
        return Markup(f'<div class="rl rl-inline">{"".join(rows)}</div>')
    return Markup(
        f'<table class="rl rl-side"><thead><tr><th class="rl-old">{escape(words.old)}</th>'
        f'<th class="rl-new">{escape(words.new)}</th></tr></thead><tbody>{"".join(rows)}</tbody>'
        "</table>"
    )


def _attributes(entry: Entry, number: int) -> str:
    classes = ["rl-entry", f"rl-{entry.kind}", *(f"rl-{status}" for status in entry.statuses)]
    parts = [f' data-depth="{entry.depth}"']
    if number:
        classes.append("rl-changed")
        parts.insert(0, f' id="change-{number}" data-change="{number}"')
    for name, value in (("old-eid", entry.old_eid), ("new-eid", entry.new_eid)):
        if value:
            parts.append(f' data-{name}="{escape(value)}"')
    return f' class="{escape(" ".join(classes))}"' + "".join(parts)


def _inline(entry: Entry, attributes: str, words: Words) -> str:
    head = _head(entry, _num(entry), _ops(entry.heading_ops), words) + _marks(entry, words)
    text = _ops(entry.text_ops)
    body = f'<div class="rl-text">{text}</div>' if text else ""
    return f'<div{attributes}><div class="rl-head">{head}</div>{body}</div>'


def _side_by_side(entry: Entry, attributes: str, words: Words) -> str:
    renumbered = entry.old_num != entry.new_num
    old = _cell(entry, "old", entry.old_num, worddiff.INSERT, "del" if renumbered else None, words)
    new = _cell(entry, "new", entry.new_num, worddiff.DELETE, "ins" if renumbered else None, words)
    return f"<tr{attributes}>{old}{new}</tr>"


def _cell(
    entry: Entry, side: str, num: str | None, hidden: str, num_tag: str | None, words: Words
) -> str:
    """One column: the pieces of `entry` that side shows, without the `hidden` ops."""
    if num is None:
        return f'<td class="rl-{side} rl-empty"></td>'
    heading = _ops(op for op in entry.heading_ops if op[0] != hidden)
    head = _head(entry, _piece(num, num_tag), heading, words, num)
    if side == "new" or entry.new_num is None:
        head += _marks(entry, words)
    text = _ops(op for op in entry.text_ops if op[0] != hidden)
    body = f'<div class="rl-text">{text}</div>' if text else ""
    return f'<td class="rl-{side}"><div class="rl-head">{head}</div>{body}</td>'


def _head(entry: Entry, num: str, heading: str, words: Words, plain: str | None = None) -> str:
    title = f' <span class="rl-heading">{heading}</span>' if heading else ""
    if entry.kind not in LABELLED_KINDS:
        return f'<span class="rl-num">{num}</span>{title}'
    before, after = _around(entry.kind, plain or entry.new_num or entry.old_num or "", words)
    label = f'<span class="rl-kind">{escape(before)}</span> ' if before else ""
    if after:
        found = _AFTER.match(after)
        suffix, word = (found[1], found[2]) if found else (after, "")
        kind = f' <span class="rl-kind">{escape(word)}</span>' if word else ""
        after = f"{escape(suffix)}{kind}"
    return f'{label}<span class="rl-num">{num}</span>{after}{title}'


def _around(kind: str, num: str, words: Words) -> tuple[str, str]:
    """The words a law in `words.language` puts before and after a provision's number:
    ('Article', ''), ('Статья', ''), ('', '-nji madda'), ('', ' bap')."""
    if words.language == "en" or not num.strip():
        return kind.capitalize(), ""
    label = heading_label(kind, num.strip(), words.language)
    before, found, after = label.partition(num.strip())
    if not found:
        return kind.capitalize(), ""
    return before.strip(), after


def _num(entry: Entry) -> str:
    if entry.old_num == entry.new_num:
        return str(escape(entry.new_num or ""))
    return _piece(entry.old_num or "", "del") + _piece(entry.new_num or "", "ins")


def _piece(text: str, tag: str | None) -> str:
    if not text:
        return ""
    return f"<{tag}>{escape(text)}</{tag}>" if tag else str(escape(text))


def _ops(ops: Iterable[Op]) -> str:
    return "".join(_piece(text, _TAGS.get(op)) for op, text in ops)


def _marks(entry: Entry, words: Words) -> str:
    if not entry.changed:
        return ""
    parts = ", ".join(words.parts.get(part, part) for part in entry.modified)
    titles = {
        "moved": words.moved_from.format(where=words.cite(entry.old_eid or "")),
        "renumbered": words.renumbered_from.format(num=entry.old_num),
        "modified": words.changed.format(parts=parts),
    }
    marks = "".join(
        f'<span class="rl-mark rl-mark-{status}" title="{escape(titles.get(status, status))}">'
        f"{escape(words.statuses.get(status, status))}</span>"
        for status in entry.statuses
    )
    return f' <span class="rl-marks">{marks}</span>'
