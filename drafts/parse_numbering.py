"""Numbering checks for parsed laws: gaps, duplicates and numbers that go backwards.

Articles and the headings above them are numbered across the whole law (a new chapter
or part may start again at 1); paragraphs, points and subpoints within their parent.
Inserted provisions numbered "8-1" or "5A" follow "8" and "5", and are followed by "9" and "6".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Protocol

from drafts.eids import clean_num

CONTINUOUS = frozenset({"part", "chapter", "section", "article"})
"""Kinds numbered across the whole law; the others are numbered within their parent."""

CHECKED = CONTINUOUS | {"paragraph", "point", "subpoint"}

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_NUMERALS = tuple(
    zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"),
        strict=True,
    )
)
_SUFFIXED = re.compile(r"(\d+)([A-Z])")


class Numbered(Protocol):
    kind: str
    num: str
    line: int

    @property
    def parent(self) -> Numbered | None: ...


def label(kind: str, num: str) -> str:
    """'Article 5', 'Paragraph 2', 'Point (a)', 'Schedule' for a provision of a parsed law."""
    name = "Schedule" if kind == "block" else kind.capitalize()
    number = clean_num(num)
    if number and kind in ("point", "subpoint"):
        number = f"({number})"
    return f"{name} {number}".strip()


def bare(num: str) -> str:
    """A marker without its brackets and full stop: '(a)' -> 'a', '1.' -> '1'."""
    return num.strip("().")


def num_key(kind: str, num: str, letters: str = "") -> tuple[int, ...] | None:
    """'8-1' -> (8, 1), 'IV' -> (4,), '(c)' -> (3,), '5A' -> (5, 1); None if not a number.

    `letters` is the alphabet of the kind when it is numbered with letters.
    """
    key: list[int] = []
    for part in re.split(r"[-.]", bare(num)):
        suffixed = _SUFFIXED.fullmatch(part)
        if suffixed:
            key.extend((int(suffixed.group(1)), ord(suffixed.group(2)) - ord("A") + 1))
            continue
        value = _value(part, letters)
        if value is None:
            return None
        key.append(value)
    return tuple(key)


def _value(part: str, letters: str) -> int | None:
    if part.isdigit():
        return int(part)
    if letters and len(part) == 1 and part in letters:
        return letters.index(part) + 1
    if part and all(char in _ROMAN for char in part.lower()):
        values = [_ROMAN[char] for char in part.lower()]
        following = [*values[1:], 0]
        return sum(-v if v < after else v for v, after in zip(values, following, strict=True))
    return None


def sequence_warnings(
    nodes: Iterable[Numbered], letters: dict[str, str]
) -> Iterator[tuple[int, str]]:
    """(line, sentence) for each provision, in document order, whose number does not follow."""
    last: dict[object, tuple[Numbered, tuple[int, ...]]] = {}
    for node in nodes:
        key = num_key(node.kind, node.num, letters.get(node.kind, "")) if node.num else None
        if node.kind not in CHECKED or key is None:
            continue
        scope: object = node.kind if node.kind in CONTINUOUS else (node.kind, id(node.parent))
        previous = last.get(scope)
        last[scope] = (node, key)
        if previous and previous[0].parent is not node.parent and key == (1,):
            continue
        message = _problem(previous, node, key, letters.get(node.kind, ""))
        if message:
            yield node.line, message


def follows(before: tuple[int, ...], key: tuple[int, ...]) -> bool:
    """Whether `key` may come right after `before`: 8 -> 9, 8 -> 8-1, 8-1 -> 8-2, 8-2 -> 9."""
    if key == (*before, 1):
        return True
    return any(key == (*before[:index], before[index] + 1) for index in range(len(before)))


def _problem(
    previous: tuple[Numbered, tuple[int, ...]] | None,
    node: Numbered,
    key: tuple[int, ...],
    letters: str,
) -> str:
    """A sentence about `node`'s number after the previous one's, or '' when it follows."""
    name = label(node.kind, node.num)
    where = "" if node.kind in CONTINUOUS else _where(node.parent)
    if previous is None:
        if len(key) > 1 or key[0] <= 1:
            return ""
        return f"{name} is the first {node.kind}{where}: {_missing(node, 0, key[0], letters)}."
    before, before_key = previous
    if key == before_key:
        return f"{name} appears twice{where} (lines {before.line} and {node.line})."
    if follows(before_key, key):
        return ""
    stem = f"{name} follows {label(before.kind, before.num)}{where}"
    if key < before_key:
        return f"{stem}: the numbering goes backwards."
    if len(key) <= len(before_key) and key[:-1] == before_key[: len(key) - 1]:
        return f"{stem}: {_missing(node, before_key[len(key) - 1], key[-1], letters)}."
    return f"{stem}: the numbering skips."


def _where(parent: Numbered | None) -> str:
    if parent is None or parent.kind not in CHECKED | {"block"}:
        return ""
    return f" in {label(parent.kind, parent.num)}"


def _missing(node: Numbered, after: int, before: int, letters: str) -> str:
    """'Article 6 is missing' or 'Articles 6 to 8 are missing', for the numbers in between."""
    prefix, last = re.fullmatch(r"(.*?)([^-.]*)", bare(node.num)).groups()
    names = [
        label(node.kind, prefix + _styled(value, last, letters))
        for value in range(after + 1, before)
    ]
    if len(names) == 1:
        return f"{names[0]} is missing"
    first, final = (name.split(" ", 1)[1] for name in (names[0], names[-1]))
    joiner = " and " if len(names) == 2 else " to "
    return f"{names[0].split(' ', 1)[0]}s {first}{joiner}{final} are missing"


def _styled(value: int, like: str, letters: str) -> str:
    """`value` written the way `like` is: in digits, letters or roman numerals."""
    if like.isdigit() or value < 1:
        return str(value)
    if letters and like in letters:
        return letters[value - 1] if value <= len(letters) else str(value)
    numeral = "".join(_roman(value))
    return numeral if like.isupper() else numeral.lower()


def _roman(value: int) -> Iterator[str]:
    for amount, numeral in _NUMERALS:
        count, value = divmod(value, amount)
        yield numeral * count
