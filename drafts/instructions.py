"""The formal amending instructions of an amending law, computed from a diff.

This module decides *what* each instruction says (which words, which provision, replace or
restate) and passes it as data to the templates of one language under
`templates/instructions/<lang>/`: `sentences.j2` holds one macro per kind of instruction,
`names.j2` the names of the provision kinds (with their case forms where the language has
them), `list.j2` the numbered list. A new language is a new folder of templates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from drafts import eids, worddiff
from drafts.diff import Diff, Entry
from drafts.tree import NOTE

TEMPLATES = Path(__file__).parent / "templates" / "instructions"
KINDS = (
    "replace_words",
    "delete_words",
    "insert_words",
    "restate",
    "restate_heading",
    "delete_heading",
    "insert",
    "repeal",
    "renumber",
)


@dataclass(frozen=True, slots=True)
class Instruction:
    kind: str
    eid: str
    """The provision the instruction is about: its old eId, or its new one when inserted."""
    text: str

    def to_dict(self) -> dict:
        return {"kind": self.kind, "eid": self.eid, "text": self.text}


@dataclass(frozen=True, slots=True)
class Instructions:
    items: tuple[Instruction, ...]
    text: str
    """The numbered list, as it would appear in the amending law."""

    def to_dict(self) -> dict:
        return {"items": [item.to_dict() for item in self.items], "text": self.text}


def languages() -> tuple[str, ...]:
    """The languages with a set of instruction templates."""
    return tuple(sorted(p.name for p in TEMPLATES.iterdir() if (p / "sentences.j2").is_file()))


def instructions(
    result: Diff, *, lang: str = "en", threshold: float = 0.5, max_runs: int = 3
) -> Instructions:
    """The amending instructions turning the old text of `result` into the new one.

    A provision whose changed words exceed `threshold` (a fraction of its words), or that
    changes in more than `max_runs` places, is restated whole instead of word by word.
    """
    sentences = _environment(lang).get_template("sentences.j2").module
    planner = _Planner(result.entries, threshold, max_runs)
    items = tuple(
        Instruction(kind, eid, str(getattr(sentences, kind)(**context)).strip())
        for kind, eid, context in planner.plan()
    )
    listing = _environment(lang).get_template("list.j2").render(items=items).strip()
    return Instructions(items=items, text=listing)


@cache
def _environment(lang: str) -> Environment:
    if lang not in languages():
        raise ValueError(
            f"There are no amending-instruction templates for the language {lang!r}; "
            f"the available languages are {', '.join(languages())}."
        )
    return Environment(
        loader=FileSystemLoader(TEMPLATES / lang),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )


class _Planner:
    """Walks the merged entries in document order and yields (kind, eId, template context)."""

    def __init__(self, entries: tuple[Entry, ...], threshold: float, max_runs: int) -> None:
        entries = tuple(entry for entry in entries if entry.kind != NOTE)
        self.entries = entries
        self.threshold = threshold
        self.max_runs = max_runs
        self.by_old = {e.old_eid: e for e in entries if e.old_eid}
        self.by_new = {e.new_eid: e for e in entries if e.new_eid}

    def plan(self) -> Iterator[tuple[str, str, dict]]:
        covered_below: int | None = None
        for index, entry in enumerate(self.entries):
            if covered_below is not None and entry.depth > covered_below:
                if "moved" in entry.statuses and self._old_parent_kept(entry):
                    yield "repeal", entry.old_eid, {"target": self._path(entry.old_eid)}
                continue
            covered_below = None
            steps = list(self._steps(index, entry))
            if any(kind in ("insert", "restate", "repeal") for kind, _, _ in steps):
                covered_below = entry.depth
            yield from steps

    def _steps(self, index: int, entry: Entry) -> Iterator[tuple[str, str, dict]]:
        statuses = entry.statuses
        if "inserted" in statuses:
            yield self._insert(index, entry)
        elif "deleted" in statuses or "repealed" in statuses:
            yield "repeal", entry.old_eid, {"target": self._path(entry.old_eid)}
        elif "moved" in statuses:
            if self._old_parent_kept(entry):
                yield "repeal", entry.old_eid, {"target": self._path(entry.old_eid)}
            yield self._insert(index, entry)
        else:
            target = self._path(entry.old_eid)
            if "heading" in entry.modified:
                if entry.new_heading:
                    context = {"target": target, "heading": entry.new_heading}
                    yield "restate_heading", entry.old_eid, context
                else:
                    yield "delete_heading", entry.old_eid, {"target": target}
            if "text" in entry.modified:
                yield from self._text_changes(index, entry, target)
            if "renumbered" in statuses:
                yield "renumber", entry.old_eid, {"target": target, "num": entry.new_num}

    def _text_changes(
        self, index: int, entry: Entry, target: list[dict]
    ) -> Iterator[tuple[str, str, dict]]:
        old = worddiff.old_text(entry.text_ops)
        runs = _runs(entry.text_ops, worddiff.tokenize(old))
        large = worddiff.changed_fraction(entry.text_ops) > self.threshold
        if not old.strip() or large or len(runs) > self.max_runs:
            context = {"target": target, "block": self._block(index)}
            yield "restate", entry.old_eid, context
            return
        for run in runs:
            yield run.pop("kind"), entry.old_eid, {"target": target, **run}

    def _insert(self, index: int, entry: Entry) -> tuple[str, str, dict]:
        parent = self.by_new.get(eids.parent_eid(entry.new_eid or ""))
        context = {
            "parent": self._path(parent.old_eid) if parent and parent.old_eid else [],
            "provision": {"kind": entry.kind, "num": entry.new_num or ""},
            "block": self._block(index),
        }
        return "insert", entry.new_eid or "", context

    def _old_parent_kept(self, entry: Entry) -> bool:
        parent = self.by_old.get(eids.parent_eid(entry.old_eid or ""))
        return parent is None or "deleted" not in parent.statuses

    def _path(self, eid: str | None) -> list[dict]:
        """The address of an old provision, outermost first, starting at its article."""
        path = []
        while eid:
            entry = self.by_old[eid]
            path.insert(0, {"kind": entry.kind, "num": entry.old_num or ""})
            eid = eids.parent_eid(eid)
        articles = [k for k, step in enumerate(path) if step["kind"] == "article"]
        return path[articles[0] :] if articles else path

    def _block(self, index: int) -> list[dict]:
        """The new text of a provision and what is under it, for quoting."""
        base = self.entries[index].depth
        lines = []
        for entry in self.entries[index:]:
            if entry is not self.entries[index] and entry.depth <= base:
                break
            if entry.new_num is not None:
                lines.append(
                    {
                        "kind": entry.kind,
                        "num": entry.new_num,
                        "heading": entry.new_heading or "",
                        "text": worddiff.new_text(entry.text_ops),
                        "depth": entry.depth - base,
                    }
                )
        return lines


def _runs(ops: tuple[worddiff.Op, ...], old_tokens: tuple[str, ...]) -> list[dict]:
    """The changed word runs of a text, each widened until it names its words without doubt."""
    pieces = [(op, list(worddiff.tokenize(text))) for op, text in ops]
    runs = []
    k = 0
    while k < len(pieces):
        if pieces[k][0] == worddiff.EQUAL:
            k += 1
            continue
        start = k
        deleted: list[str] = []
        inserted: list[str] = []
        while k < len(pieces) and pieces[k][0] != worddiff.EQUAL:
            (deleted if pieces[k][0] == worddiff.DELETE else inserted).extend(pieces[k][1])
            k += 1
        left = list(pieces[start - 1][1]) if start else []
        right = list(pieces[k][1]) if k < len(pieces) else []
        if any(not token.isspace() for token in deleted + inserted):
            runs.append(_Run(old_tokens, left, deleted, inserted, right).describe())
    return runs


class _Run:
    """One changed run with the unchanged tokens around it, widened word by word."""

    def __init__(
        self,
        old_tokens: tuple[str, ...],
        left: list[str],
        deleted: list[str],
        inserted: list[str],
        right: list[str],
    ) -> None:
        self.old_tokens = old_tokens
        self.left, self.deleted, self.inserted, self.right = left, deleted, inserted, right

    def describe(self) -> dict:
        if not self.deleted:
            after = self._anchor()
            if after:
                return _words("insert_words", after=after, new=self.inserted)
            self._widen()
        while self._lacks_words() and self._widen():
            pass
        while self._count(self.deleted) > 1 and self._widen():
            pass
        if not _has_word(self.inserted):
            return _words("delete_words", old=self.deleted)
        return _words("replace_words", old=self.deleted, new=self.inserted)

    def _lacks_words(self) -> bool:
        """True while a side quotes punctuation alone, which a drafter never does."""
        return not _has_word(self.deleted) or bool(self.inserted and not _has_word(self.inserted))

    def _anchor(self) -> list[str]:
        """The fewest words just before an insertion that occur once in the old text."""
        anchor: list[str] = []
        while self.left:
            anchor.insert(0, self.left.pop())
            if _has_word(anchor) and self._count(anchor) == 1:
                break
        if _has_word(anchor):
            return anchor
        self.left = anchor + self.left
        return []

    def _widen(self) -> bool:
        """Take the next unchanged word (left first) into both sides of the run."""
        side = self.left if _has_word(self.left) else self.right
        moved: list[str] = []
        while side:
            token = side.pop() if side is self.left else side.pop(0)
            moved.append(token)
            if worddiff.is_word(token):
                break
        if side is self.left:
            moved.reverse()
            self.deleted[:0] = moved
            self.inserted[:0] = moved
        else:
            self.deleted.extend(moved)
            self.inserted.extend(moved)
        return bool(moved)

    def _count(self, phrase: list[str]) -> int:
        size, tokens = len(phrase), self.old_tokens
        target = tuple(phrase)
        return sum(1 for k in range(len(tokens) - size + 1) if tokens[k : k + size] == target)


def _has_word(tokens: list[str]) -> bool:
    return any(worddiff.is_word(token) for token in tokens)


def _words(kind: str, **phrases: list[str]) -> dict:
    """The context of a word-level instruction: each phrase and how many words it has."""
    context: dict = {"kind": kind}
    for name, tokens in phrases.items():
        context[name] = "".join(tokens).strip()
        context[f"{name}_count"] = sum(1 for token in tokens if worddiff.is_word(token))
    return context
