"""The formal amending instructions of an amending law, computed from a diff.

This module decides *what* each instruction says (which words, which provision, replace or
restate, where an insertion goes, in which order) and passes it as data to the templates of one
language under `templates/instructions/<lang>/sentences.j2` (one macro per kind of
instruction; `list.j2` numbers them). Provisions are cited by `drafts.citations`, in every case
the language's sentences need. A new language is a new folder of templates.

What a parliament would adopt, and so what this module does:
- a provision whose text changed wholly, or that was deleted and re-added under the same number,
  is restated ("Article 5 shall be restated as follows:"), never repealed and re-added;
- a sentence appended at the end of a text is "the following sentence is added";
- an insertion among existing provisions names the provision it follows ("after Article 14"),
  and the renumbering of its later siblings is stated before it, so no number is ever ambiguous;
  provisions are cited by the number they carry at that point of the list;
- headings are restated apart from the text; punctuation is never quoted alone;
- editorial notes and formatting-only changes give no instruction; a provision replaced by a
  "repealed" stub is repealed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from drafts import citations, eids, worddiff
from drafts import instructions_words as words
from drafts.citations import Step
from drafts.diff import Diff, Entry
from drafts.tree import NOTE

TEMPLATES = Path(__file__).parent / "templates" / "instructions"
KINDS = (
    "replace_words",
    "delete_words",
    "insert_words",
    "append_sentences",
    "restate",
    "restate_heading",
    "delete_heading",
    "insert",
    "repeal",
    "renumber",
)
NEVER_AMENDED = frozenset({"note"})
"""Kinds of node that are no text of the law (editorial notes): never the subject of an
instruction."""
_HEADED = frozenset({"part", "chapter", "section", "article", "block"})


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
    result: Diff,
    *,
    lang: str = "en",
    style: str = "tm",
    text_lang: str | None = None,
    threshold: float = 0.5,
    max_runs: int = 3,
) -> Instructions:
    """The amending instructions turning the old text of `result` into the new one.

    `style` is the citation style (`drafts.citations.STYLES`), `text_lang` the language of the
    quoted law text (default `lang`). A provision whose changed words exceed `threshold` (a
    fraction of its words), or that changes in more than `max_runs` places, is restated whole.
    """
    sentences = _environment(lang).get_template("sentences.j2").module
    planner = _Planner(result.entries, threshold, max_runs)
    writer = _Writer(planner, lang, style, text_lang or lang)
    items = tuple(
        Instruction(kind, eid, str(getattr(sentences, kind)(**context)).strip())
        for kind, eid, context in writer.write(planner.ordered())
    )
    listing = _environment(lang).get_template("list.j2").render(items=items).strip()
    return Instructions(items=items, text=listing)


def for_law(jurisdiction: str, language: str) -> dict[str, str]:
    """The citation style and text language of the law being amended, as keyword arguments
    of `instructions`."""
    return {"style": citations.style_for(jurisdiction, language), "text_lang": language}


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


@dataclass(slots=True)
class _Step:
    kind: str
    index: int
    """The entry the instruction is about."""
    context: dict
    block: int | None = None
    """The entry whose new text (with what is under it) the instruction quotes."""
    target: int | None = None
    """The entry whose old provision the instruction amends, when not `index`."""


class _Planner:
    """Walks the merged entries in document order and decides the instructions, in order."""

    def __init__(self, entries: tuple[Entry, ...], threshold: float, max_runs: int) -> None:
        entries = tuple(entry for entry in entries if entry.kind != NOTE)
        self.entries = entries
        self.threshold = threshold
        self.max_runs = max_runs
        self.by_old = {e.old_eid: k for k, e in enumerate(entries) if e.old_eid}
        self.by_new = {e.new_eid: k for k, e in enumerate(entries) if e.new_eid}
        self.restated = self._restated()
        self._children: dict[int, list[int]] | None = None

    def ordered(self) -> list[_Step]:
        """The steps in document order, except that the renumbering of the provisions of a list
        that also gains provisions is stated before anything else in that list changes."""
        steps = list(self._plan())
        inserted_in = {self.new_parent(s.index) for s in steps if s.kind == "insert"}
        for parent in inserted_in:
            moving = [
                s for s in steps if s.kind == "renumber" and self.old_parent(s.index) == parent
            ]
            if not moving:
                continue
            leaving = {id(m) for m in moving}
            steps = [s for s in steps if id(s) not in leaving]
            first = min(
                [
                    s.index
                    for s in steps
                    if s.kind == "insert" and self.new_parent(s.index) == parent
                ]
                + [s.index for s in moving]
            )
            at = next((k for k, s in enumerate(steps) if s.index >= first), len(steps))
            steps[at:at] = self._without_clashes(moving)
        return steps

    def new_children(self) -> dict[int, list[int]]:
        """The entries of the new text under each entry (-1: the top level), notes left out."""
        if self._children is None:
            self._children = {}
            for k, entry in enumerate(self.entries):
                if entry.new_eid and entry.kind not in NEVER_AMENDED:
                    self._children.setdefault(self.new_parent(k), []).append(k)
        return self._children

    def old_parent(self, index: int) -> int:
        return self.by_old.get(eids.parent_eid(self.entries[index].old_eid or ""), -1)

    def new_parent(self, index: int) -> int:
        return self.by_new.get(eids.parent_eid(self.entries[index].new_eid or ""), -1)

    def _plan(self) -> Iterator[_Step]:
        covered_below: int | None = None
        for index, entry in enumerate(self.entries):
            if covered_below is not None and entry.depth > covered_below:
                if "moved" in entry.statuses and self._old_parent_kept(entry):
                    yield _Step("repeal", index, {})
                continue
            covered_below = None
            replaced = index in self.restated.values() and entry.statuses == ("deleted",)
            if entry.kind in NEVER_AMENDED or replaced:
                covered_below = entry.depth
                continue
            steps = list(self._steps(index, entry))
            if any(s.kind in ("insert", "restate", "repeal") for s in steps):
                covered_below = entry.depth
            yield from steps

    def _steps(self, index: int, entry: Entry) -> Iterator[_Step]:
        statuses = set(entry.statuses)
        vacated = self.restated.get(index)
        left_alone = index not in self.restated.values()
        if "moved" in statuses and left_alone and self._old_parent_kept(entry):
            yield _Step("repeal", index, {})
        if vacated is not None:
            yield _Step("restate", index, {}, block=index, target=vacated)
        elif "inserted" in statuses or "moved" in statuses:
            yield _Step("insert", index, {}, block=index)
        elif "deleted" in statuses or "repealed" in statuses:
            yield _Step("repeal", index, {})
        elif statuses & {"modified", "renumbered", "split", "merged"}:
            text = list(self._text_changes(index, entry)) if "text" in entry.modified else []
            restated = any(s.kind == "restate" for s in text)
            if "heading" in entry.modified and not (restated and self._quotes_heading(index)):
                if entry.new_heading:
                    yield _Step("restate_heading", index, {"heading": entry.new_heading})
                else:
                    yield _Step("delete_heading", index, {})
            yield from text
            if "renumbered" in statuses:
                yield _Step("renumber", index, {})

    def _text_changes(self, index: int, entry: Entry) -> Iterator[_Step]:
        old = worddiff.old_text(entry.text_ops)
        appended = words.appended_sentences(entry.text_ops)
        if appended:
            text, count, unit = appended
            context = {"sentences": text, "count": count, "unit": unit}
            yield _Step("append_sentences", index, context)
            return
        runs = words.runs(entry.text_ops)
        large = worddiff.changed_fraction(entry.text_ops) > self.threshold
        if not old.strip() or large or len(runs) > self.max_runs:
            yield _Step("restate", index, {}, block=index)
            return
        for run in runs:
            yield _Step(run.pop("kind"), index, run)

    def _quotes_heading(self, index: int) -> bool:
        entry = self.entries[index]
        return bool(entry.new_heading) or entry.kind in _HEADED

    def _restated(self) -> dict[int, int]:
        """Places left by a deleted (or moved away) provision and filled by a new (or moved in)
        one of the same kind and number: the entry filling the place -> the entry that left
        it. The old provision is restated with the new text, never repealed and re-added."""
        left: dict[tuple, int] = {}
        for k, entry in enumerate(self.entries):
            if entry.old_num and ("moved" in entry.statuses or entry.statuses == ("deleted",)):
                left.setdefault((self.old_parent(k), entry.kind, citations.bare(entry.old_num)), k)
        pairs: dict[int, int] = {}
        taken: set[int] = set()
        for k, entry in enumerate(self.entries):
            if entry.new_num and ("moved" in entry.statuses or entry.statuses == ("inserted",)):
                vacated = left.get((self.new_parent(k), entry.kind, citations.bare(entry.new_num)))
                if vacated is not None and vacated != k and vacated not in taken:
                    pairs[k] = vacated
                    taken.add(vacated)
        return pairs

    def _old_parent_kept(self, entry: Entry) -> bool:
        parent = self.by_old.get(eids.parent_eid(entry.old_eid or ""))
        return parent is None or "deleted" not in self.entries[parent].statuses

    def _without_clashes(self, moving: list[_Step]) -> list[_Step]:
        """Renumberings in an order where none takes a number another still holds."""
        pending, done = list(moving), []
        while pending:
            held = {citations.bare(self.entries[s.index].old_num or "") for s in pending}
            free = [
                s
                for s in pending
                if citations.bare(self.entries[s.index].new_num or "") not in held
                or citations.bare(self.entries[s.index].new_num or "")
                == citations.bare(self.entries[s.index].old_num or "")
            ]
            step = free[0] if free else pending[0]
            pending.remove(step)
            done.append(step)
        return done


class _Writer:
    """Turns planned steps into template contexts, citing each provision by the number it
    carries at that point of the list."""

    def __init__(self, planner: _Planner, lang: str, style: str, text_lang: str) -> None:
        self.planner = planner
        self.entries = planner.entries
        self.lang = citations.language_of(lang)
        self.style = style
        self.text_lang = text_lang
        self.numbers = {k: e.old_num or "" for k, e in enumerate(self.entries) if e.old_eid}
        self.added: set[int] = set()

    def write(self, steps: list[_Step]) -> Iterator[tuple[str, str, dict]]:
        for step in steps:
            entry = self.entries[step.index]
            context = dict(step.context)
            if step.block is not None:
                context["block"] = self._block(step.block)
            if step.kind == "insert":
                yield "insert", entry.new_eid or "", {**context, **self._placing(step.index)}
                self.added.add(step.index)
                continue
            target = step.index if step.target is None else step.target
            context["target"] = self._cite(self._old_path(target))
            context["gender"] = citations.gender(self._old_path(target)[-1], self.style)
            if step.kind == "renumber":
                unit = Step(entry.kind, entry.new_num or "", self._ordinal(entry.new_eid))
                context["unit"] = self._cite((unit,))
                self.numbers[step.index] = entry.new_num or ""
            yield step.kind, self.entries[target].old_eid or "", context

    def _placing(self, index: int) -> dict:
        entry = self.entries[index]
        parent = self.planner.new_parent(index)
        siblings = self.planner.new_children()[parent]
        place = siblings.index(index)
        after = siblings[place - 1] if 0 < place < len(siblings) - 1 else None
        unit = Step(entry.kind, entry.new_num or "", self._ordinal(entry.new_eid))
        return {
            "parent": self._cite(self._old_path(parent)) if parent >= 0 else None,
            "after": self._cite(self._path_now(after)[-1:]) if after is not None else None,
            "unit": self._cite((unit,)),
        }

    def _path_now(self, index: int) -> tuple[Step, ...]:
        """The path of a provision as the text stands at this point of the list."""
        entry = self.entries[index]
        if index in self.added or not entry.old_eid or "moved" in entry.statuses:
            parent = self.planner.new_parent(index)
            above = self._path_now(parent) if parent >= 0 else ()
            return (*above, Step(entry.kind, entry.new_num or "", self._ordinal(entry.new_eid)))
        return self._old_path(index)

    def _old_path(self, index: int) -> tuple[Step, ...]:
        path: list[Step] = []
        while index >= 0:
            entry = self.entries[index]
            path.insert(0, Step(entry.kind, self.numbers[index], self._ordinal(entry.old_eid)))
            index = self.planner.old_parent(index)
        return tuple(path)

    def _cite(self, path: tuple[Step, ...]) -> dict[str, str]:
        return {
            case: citations.cite(path, lang=self.lang, style=self.style, case=case)
            for case in citations.CASES[self.lang]
        }

    @staticmethod
    def _ordinal(eid: str | None) -> int:
        """The place of an unnumbered provision among its siblings of its kind, from its eId."""
        last = (eid or "").rpartition("__")[2]
        number = last.partition("_")[2].partition("_")[0]
        return int(number) if number.isdigit() else 1

    def _block(self, index: int) -> str:
        """The new text of a provision and what is under it, as the law will read."""
        base = self.entries[index].depth
        lines: list[str] = []
        for k in range(index, len(self.entries)):
            entry = self.entries[k]
            if k != index and entry.depth <= base:
                break
            if entry.new_num is None or entry.kind in NEVER_AMENDED:
                continue
            text = worddiff.new_text(entry.text_ops)
            if entry.new_heading or entry.kind in _HEADED:
                label = citations.heading_label(entry.kind, entry.new_num, self.text_lang)
                joint = " " if label.startswith("§") else ". "
                lines.append(joint.join(p for p in (label, entry.new_heading or "") if p))
                if text:
                    lines.append(text)
            else:
                lines.append(" ".join(p for p in (_marked(entry.kind, entry.new_num), text) if p))
        return "\n".join(lines).strip()


def _marked(kind: str, num: str) -> str:
    """A number as it stands before its text: '1' -> '1.', 'a' -> 'a)', '(2)' as it is."""
    if not num or num[-1] in ".)":
        return num
    return num + (")" if kind in ("point", "subpoint") else ".")
