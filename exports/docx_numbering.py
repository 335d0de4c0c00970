"""Word's automatic numbering, reconstructed: the "1.", "(a)" or "а)" a reader sees.

A numbered paragraph names a list instance (`numId`) and a level (`ilvl`), directly or
through its style. The instance points to an abstract definition whose level gives the
number format, the start value and the text pattern (`lvlText`, e.g. "(%2)"). Instances
of one abstract definition share their counters, as in Word; an instance with a
`startOverride` restarts those levels the first time it is used. Counting a level restarts
the deeper ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from drafts.parse_patterns import CYRILLIC, LATIN

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9

_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def roman(value: int) -> str:
    result = []
    for amount, letters in _ROMAN:
        count, value = divmod(value, amount)
        result.append(letters * count)
    return "".join(result)


def letters(value: int, alphabet: str) -> str:
    """Word's lettered numbering: a … z, then aa … zz, then aaa …"""
    index = (value - 1) % len(alphabet)
    return alphabet[index] * ((value - 1) // len(alphabet) + 1)


def format_number(value: int, fmt: str) -> str:
    """The number `value` in a Word `numFmt`; bullets and unknown formats give decimals or ''."""
    if fmt in ("bullet", "none"):
        return ""
    if value < 1 and fmt != "decimal":
        return str(value)
    formats = {
        "lowerLetter": lambda: letters(value, LATIN),
        "upperLetter": lambda: letters(value, LATIN).upper(),
        "lowerRoman": lambda: roman(value),
        "upperRoman": lambda: roman(value).upper(),
        "russianLower": lambda: letters(value, CYRILLIC),
        "russianUpper": lambda: letters(value, CYRILLIC).upper(),
        "decimalZero": lambda: f"{value:02d}",
    }
    return formats.get(fmt, lambda: str(value))()


@dataclass(frozen=True, slots=True)
class Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    restart: int | None = None
    """`lvlRestart`: restart after this 1-based level (0: never); None restarts after any."""
    legal: bool = False
    suffix: str = " "
    style: str = ""


@dataclass(frozen=True, slots=True)
class Instance:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)


def _val(element: etree._Element | None, name: str, default: str = "") -> str:
    if element is None:
        return default
    child = element.find(f"{W}{name}")
    return child.get(f"{W}val", default) if child is not None else default


def _int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


def _level(element: etree._Element) -> Level:
    restart = _val(element, "lvlRestart")
    suffix = {"tab": " ", "space": " ", "nothing": ""}.get(_val(element, "suff", "tab"), " ")
    return Level(
        fmt=_val(element, "numFmt", "decimal"),
        text=_val(element, "lvlText"),
        start=_int(_val(element, "start", "1"), 1),
        restart=_int(restart, 1) if restart else None,
        legal=element.find(f"{W}isLgl") is not None,
        suffix=suffix,
        style=_val(element, "pStyle"),
    )


class Numbering:
    """The numbering definitions of one document and the counters while it is read."""

    def __init__(self, numbering: etree._Element | None) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.instances: dict[str, Instance] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.used: set[str] = set()
        if numbering is None:
            return
        for abstract in numbering.iter(f"{W}abstractNum"):
            levels = {
                _int(lvl.get(f"{W}ilvl", "0"), 0): _level(lvl) for lvl in abstract.iter(f"{W}lvl")
            }
            self.abstracts[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in numbering.iter(f"{W}num"):
            starts = {
                _int(override.get(f"{W}ilvl", "0"), 0): _int(_val(override, "startOverride"), 1)
                for override in num.iter(f"{W}lvlOverride")
                if override.find(f"{W}startOverride") is not None
            }
            self.instances[num.get(f"{W}numId", "")] = Instance(_val(num, "abstractNumId"), starts)

    def level_for_style(self, num_id: str, style_id: str) -> int:
        """The level whose `pStyle` is `style_id` in the instance's definition, else 0."""
        instance = self.instances.get(num_id)
        levels = self.abstracts.get(instance.abstract, {}) if instance else {}
        return next((i for i, level in levels.items() if level.style == style_id), 0)

    def label(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """Count one paragraph of list `num_id` at level `ilvl`: its number and the suffix."""
        instance = self.instances.get(num_id)
        levels = self.abstracts.get(instance.abstract) if instance else None
        if instance is None or not levels or ilvl not in levels:
            return "", ""
        counters = self.counters.setdefault(instance.abstract, [None] * LEVELS)
        ilvl = min(ilvl, LEVELS - 1)
        if num_id not in self.used:
            self.used.add(num_id)
            for overridden, start in instance.starts.items():
                if overridden < LEVELS:
                    counters[overridden] = start - 1 if overridden == ilvl else start
        level = levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart and restart <= ilvl + 1):
                counters[deeper] = None
        return self._text(levels, counters, level), level.suffix

    @staticmethod
    def _text(levels: dict[int, Level], counters: list[int | None], level: Level) -> str:
        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index, Level())
            value = counters[index]
            value = shown.start if value is None else value
            return format_number(value, "decimal" if level.legal else shown.fmt)

        if level.fmt in ("bullet", "none"):
            return ""
        return _PLACEHOLDER.sub(number, level.text).strip()
