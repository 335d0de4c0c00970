"""Obligations a law lays on public bodies to adopt implementing acts, found in its wording.

"…in the procedure determined by the Cabinet of Ministers", «в порядке, определяемом
уполномоченным органом», «Türkmenistanyň Ministrler Kabinetiniň kesgitleýän tertibinde»: each
such phrase means some body must adopt a regulation. The phrases are data, one file per language
in `obligation_patterns/` (see `ru.toml` for the keys); this module only applies them. It is pure:
text in, findings out. Kanun proposes what it finds; only people confirm an obligation.

Hand-written patterns rather than a statistical model: the wording of implementing clauses is
formulaic, every finding must say which words it rests on, and a working group must be able to
add a phrase without training anything.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from drafts.tree import Node

PATTERNS = Path(__file__).parent / "obligation_patterns"
LANGUAGES: tuple[str, ...] = ("en", "ru", "tk")
_BOUNDARY = re.compile(r"[.;:,(]|\s[–—-]\s")
_MARKER = re.compile(r"^\s*(?:\d+(?:[-.]\d+)*[.)]|\([a-z0-9]+\)|[а-яa-z]\))\s*", re.IGNORECASE)
_WORD = re.compile(r"[\w«»\"'’-]+")
_ARTICLES = ("the ", "a ", "an ")
_HEAD_REACH = 2
"""After a trigger, a body's noun comes within this many words of its first."""
_LONGEST = 14
"""Words of a body name, at most."""


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    trigger: re.Pattern[str]
    body: str
    """Where the body is named: "after" the trigger, "before" it, or in the "lead_in"."""


@dataclass(frozen=True, slots=True)
class Language:
    heads: tuple[str, ...]
    not_heads: tuple[str, ...]
    not_bodies: tuple[str, ...]
    stops: tuple[str, ...]
    patterns: tuple[Pattern, ...]
    due: re.Pattern[str] | None = None
    units: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Finding:
    """A body that must act, and the words of the provision that say so."""

    body: str
    phrase: str
    pattern: str
    start: int
    end: int


@cache
def language(lang: str) -> Language:
    """The patterns of a language (English for a language without its own file)."""
    path = PATTERNS / f"{lang if lang in LANGUAGES else 'en'}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Language(
        heads=tuple(data["heads"]),
        not_heads=tuple(data.get("not_heads", ())),
        not_bodies=tuple(data["not_bodies"]),
        stops=tuple(data["stops"]),
        patterns=tuple(
            Pattern(p["id"], re.compile(p["trigger"], re.IGNORECASE), p["body"])
            for p in data["patterns"]
        ),
        due=re.compile(data["due"]["pattern"], re.IGNORECASE) if "due" in data else None,
        units=data.get("due", {}).get("units", {}),
        numbers=data.get("due", {}).get("numbers", {}),
    )


def detect(text: str, lang: str, lead_in: str = "") -> list[Finding]:
    """The obligations one provision's `text` states; `lead_in` is the text that introduces it
    when it is an item of a list ("The Cabinet of Ministers: (a) approves …")."""
    rules = language(lang)
    body_text = _MARKER.sub("", text, count=1)
    offset = len(text) - len(body_text)
    found: list[Finding] = []
    for pattern in rules.patterns:
        for match in pattern.trigger.finditer(body_text):
            body = _body(rules, pattern.body, body_text, match, lead_in)
            if not body:
                continue
            if any(_same(body, f.body) and f.start <= match.end() + offset for f in found):
                continue
            start, end = match.start() + offset, match.end() + offset
            found.append(Finding(body, text[start:end].strip(), pattern.id, start, end))
    return sorted(found, key=lambda finding: finding.start)


def due_date(text: str, lang: str, start: date | None) -> date | None:
    """The date by which the act is due when the text counts it from the law's entry into
    force ("within six months of the entry into force", «в течение трех месяцев со дня
    вступления в силу»), counted from `start`; None when it sets none."""
    rules = language(lang)
    match = rules.due.search(text) if rules.due and start else None
    if match is None:
        return None
    amount = match["amount"].casefold()
    number = int(amount) if amount.isdigit() else rules.numbers.get(amount)
    unit = next(
        (name for stem, name in rules.units.items() if match["unit"].casefold().startswith(stem)),
        None,
    )
    if number is None or unit is None:
        return None
    if unit == "days":
        return start + timedelta(days=number)
    return _add_months(start, number * (12 if unit == "years" else 1))


def _add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has no such day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _same(one: str, other: str) -> bool:
    return one.casefold() == other.casefold()


def _body(rules: Language, where: str, text: str, match: re.Match, lead_in: str) -> str:
    if where == "after":
        return _name_after(rules, text[match.end() :])
    if where == "before":
        return _name_before(rules, text[: match.start()])
    if not lead_in:
        return ""
    lead = _MARKER.sub("", lead_in, count=1)
    return _name_before(rules, _cut_at_stop(rules, lead))


def _cut_at_stop(rules: Language, text: str) -> str:
    """The text up to its first stop word or boundary."""
    lowered = text.casefold()
    ends = [lowered.find(" " + stop.strip()) for stop in rules.stops]
    boundary = _BOUNDARY.search(text)
    ends.append(boundary.start() if boundary else len(text))
    return text[: min(end for end in ends if end >= 0)]


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _has_head(rules: Language, word: str) -> bool:
    lowered = word.casefold()
    if any(lowered.startswith(stem) for stem in rules.not_heads):
        return False
    return any(lowered.startswith(head) for head in rules.heads)


def _acceptable(rules: Language, name: str) -> str:
    lowered = name.casefold()
    for article in _ARTICLES:
        if lowered.startswith(article):
            name, lowered = name[len(article) :], lowered[len(article) :]
    if not name or any(lowered.startswith(stem) for stem in rules.not_bodies):
        return ""
    return name.strip(" «»\"'")


def _name_after(rules: Language, text: str) -> str:
    """The body named at the start of `text`: up to a stop, with a body's noun early on."""
    window = _cut_at_stop(rules, text)
    words = _words(window)[:_LONGEST]
    if not any(_has_head(rules, word) for word in words[: _HEAD_REACH + 1]):
        return ""
    if len(_words(window)) > _LONGEST:
        window = window[: window.find(words[-1]) + len(words[-1])]
    return _acceptable(rules, window.strip())


def _name_before(rules: Language, text: str) -> str:
    """The body named at the end of `text` (the subject before the verb): the first noun of a
    body with the word before it and the capitalised words before those ("Türkmenistanyň
    Ministrler Kabineti", "ygtyýarly edara", "The Minister")."""
    clause = _cut_at_stop(rules, _MARKER.sub("", _BOUNDARY.split(text)[-1], count=1))
    words = _words(clause)[-_LONGEST:]
    heads = [i for i, word in enumerate(words) if _has_head(rules, word)]
    if not heads:
        return ""
    first = heads[0]
    while first > 0 and (words[first - 1][:1].isupper() or heads[0] - (first - 1) <= 1):
        first -= 1
    name = clause[_position(clause, words, first) :].strip()
    return _acceptable(rules, name)


def _position(clause: str, words: list[str], index: int) -> int:
    """Where the word `index` of the last `len(words)` words of `clause` begins."""
    matches = list(_WORD.finditer(clause))
    return matches[len(matches) - len(words) + index].start()


@dataclass(frozen=True, slots=True)
class ProvisionFinding:
    provision_id: str | None
    eid: str
    finding: Finding


def detect_in_tree(nodes: Sequence[Node], lang: str) -> list[ProvisionFinding]:
    """Every obligation of a provision tree, in document order; a list item reads its
    parent's text as its lead-in."""
    found: list[ProvisionFinding] = []
    stack: list[tuple[Node, str]] = [(node, "") for node in reversed(nodes)]
    while stack:
        node, lead_in = stack.pop()
        text = node.text or node.heading
        if text:
            found.extend(
                ProvisionFinding(node.provision_id, node.eid, finding)
                for finding in detect(text, lang, lead_in)
            )
        stack.extend((child, node.text) for child in reversed(node.children))
    return found
