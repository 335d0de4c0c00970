"""What the plain-text parser recognises in each language: heading words and numbering.

Headings carry a keyword and a bare number ("Article 5", "Глава 3-1", "5-nji madda");
numbered provisions are known by their marker, which is kept as written ("1.", "(1)",
"(a)", "1)", "а)"). Each language or jurisdiction is a numbering profile, a data file under
`numbering/` (`en.toml`, `ru.toml`, `tk.toml`, `de.toml`) listing its heading words, markers and
editorial notes in the order they are tried: a new one is a new file, not code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

LEVELS: dict[str, int] = {
    "block": 0,
    "part": 0,
    "chapter": 1,
    "section": 2,
    "article": 3,
    "paragraph": 4,
    "point": 5,
    "subpoint": 6,
}
"""How deep each structural kind sits: a provision closes every open one at its level or below."""

HEADING_KINDS = frozenset({"block", "part", "chapter", "section", "article"})
"""Kinds introduced by a keyword heading; the others are introduced by their marker."""

LATIN = "abcdefghijklmnopqrstuvwxyz"
CYRILLIC = "абвгдежзиклмнопрстуфхцчшщэюя"
TURKMEN = "abçdeäfghijžklmnňoöprsştuüwyýz"

_NUM_ONLY = r"\d+(?:[-.]\d+)*[A-Z]?|[IVXLCDM]+"
_NUM = rf"(?P<num>{_NUM_ONLY})(?!\w)"
_TAIL = r"(?P<sep>\s*[.:—–-]\s*|\s+|$)(?P<heading>.*)$"
_ORDINAL = r"(?i:-?[uüiy]?nj[iyuü])"
_REST = r"(?:\s+(?P<rest>.*))?$"


@dataclass(frozen=True)
class Heading:
    """A keyword heading; `marked_only` ones count only on Markdown heading or bold lines;
    `level` places it between the fixed levels of `LEVELS` (German Titel under Abschnitt)."""

    kind: str
    regex: re.Pattern[str]
    marked_only: bool = False
    level: float | None = None


@dataclass(frozen=True)
class Marker:
    """A numbered provision; `restates` marks a repeat of the heading's own number ("1.—")."""

    kind: str
    regex: re.Pattern[str]
    restates: bool = False


@dataclass(frozen=True)
class Language:
    code: str
    headings: tuple[Heading, ...]
    markers: tuple[Marker, ...]
    templates: dict[str, str]
    """How `render_text` writes each heading kind; `{num}` or `{ordinal}` is the number."""
    letters: dict[str, str] = field(default_factory=dict)
    """The alphabet of kinds numbered with letters; other kinds use digits or roman numerals."""
    notes: tuple[re.Pattern[str], ...] = ()
    """How a line that opens an editorial note begins ("Сноска", "Ausfertigungsdatum")."""
    signs: re.Pattern[str] | None = None
    """Words or letters that show a text is in this language."""
    script: str = "latin"
    closing_blocks: bool = False
    """Whether a flush-left paragraph after a list item closes the list (Markdown lists whose
    items are indented, as in German federal law) instead of continuing the last item."""
    definitions: re.Pattern[str] | None = None
    """How a definition begins ("“Agency” means"); one after a list item closes the list."""
    named: re.Pattern[str] | None = None
    """The numbers that name their unit ("Erster Abschnitt", "Buch 1"): the headings of a
    kind the language calls by several words keep their word in the number."""

    def names_unit(self, num: str) -> bool:
        """Whether a number holds its unit's word ("Erster Abschnitt", "Buch 1")."""
        return bool(self.named and self.named.match(num))

    def label(self, kind: str, num: str) -> str | None:
        """How the law heads a provision: the number itself when it names its unit, else the
        kind's template ("Article 5", "5-nji madda"); None for a kind without one."""
        if self.names_unit(num):
            return num
        template = self.templates.get(kind)
        if template is None:
            return None
        return template.format(num=num, ordinal=turkmen_ordinal(num)).strip()


PROFILES = Path(__file__).parent / "numbering"
"""One TOML file per language or jurisdiction: its heading words, markers and notes."""


def _profile(data: dict) -> Language:
    """A language from its numbering profile (see the files under `PROFILES`)."""
    number = data.get("number")
    items = data.get("headings", ())
    headings = tuple(_heading_of(item, number) for item in items)
    words = [item.get("ordinal") or item["before"] for item in items if _names(item)]
    markers = tuple(
        Marker(
            item["kind"],
            re.compile(item["pattern"] if item.get("whole") else item["pattern"] + _REST),
            bool(item.get("restates")),
        )
        for item in data.get("markers", ())
    )
    return Language(
        code=data["code"],
        headings=headings,
        markers=markers,
        templates=dict(data.get("templates", {})),
        letters=dict(data.get("letters", {})),
        notes=tuple(re.compile(rf"^(?:{pattern})") for pattern in data.get("notes", ())),
        signs=re.compile(data["signs"]) if data.get("signs") else None,
        script=data.get("script", "latin"),
        closing_blocks=bool(data.get("closing_blocks")),
        definitions=re.compile(data["definitions"]) if data.get("definitions") else None,
        named=re.compile(rf"^(?:\S+\s+(?:{'|'.join(words)})|(?:{'|'.join(words)})\s*\S+)$")
        if words
        else None,
    )


def _names(item: dict) -> bool:
    """Whether a heading's number keeps its word: an ordinal ("Erster Abschnitt"), or a
    heading of a kind the language calls by several words ("Buch 1", "Titel 1")."""
    return "ordinal" in item or bool(item.get("named"))


def _heading_of(item: dict, number: str | None) -> Heading:
    """A heading of a profile; an ordinal one ("Erster Abschnitt") and a `named` one
    ("Buch 1") keep their word in the number."""
    kind, level = item["kind"], item.get("level")
    marked_only = bool(item.get("marked_only"))
    num = rf"(?P<num>{number})(?!\w)" if number else _NUM
    if "pattern" in item:
        regex = re.compile(item["pattern"])
    elif "before" in item and item.get("named"):
        regex = re.compile(
            rf"^(?P<num>(?P<kw>{item['before']})\s*(?:{number or _NUM_ONLY}))(?!\w){_TAIL}"
        )
    elif "before" in item:
        digits = rf"(?:\s+{num})?" if item.get("optional_num") else rf"\s*{num}"
        regex = re.compile(rf"^(?P<kw>{item['before']}){digits}{_TAIL}")
    elif "after" in item:
        regex = re.compile(rf"^{num}{_ORDINAL}?\s+(?P<kw>(?i:{item['after']})){_TAIL}")
    else:
        ordinal = rf"[A-ZÄÖÜ][a-zäöüß]+\s+(?P<kw>{item['ordinal']})"
        regex = re.compile(rf"^(?P<num>{ordinal}){_TAIL}")
    return Heading(kind, regex, marked_only, level)


def _load() -> dict[str, Language]:
    profiles = (tomllib.loads(path.read_text("utf-8")) for path in sorted(PROFILES.glob("*.toml")))
    return {language.code: language for language in map(_profile, profiles)}


LANGUAGES: dict[str, Language] = _load()

_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> str:
    """The language whose profile fits the text best: the Cyrillic one for mostly Cyrillic
    text; otherwise the Latin-script profile whose signs (`signs` in the profile) occur most
    often, with English on a tie; Turkmen wins as soon as one of its signs shows."""
    cyrillic = len(_CYRILLIC_LETTER.findall(text)) > len(_LATIN_LETTER.findall(text))
    script = "cyrillic" if cyrillic else "latin"
    candidates = [language for language in LANGUAGES.values() if language.script == script]
    if script == "cyrillic":
        return candidates[0].code if candidates else "ru"
    if "tk" in LANGUAGES and LANGUAGES["tk"].signs and LANGUAGES["tk"].signs.search(text):
        return "tk"
    counts = {
        language.code: len(language.signs.findall(text[:20_000]))
        for language in candidates
        if language.signs and language.code != "tk"
    }
    best = max(counts, key=lambda code: (counts[code], code == "en"), default="en")
    return best if counts.get(best) else "en"


_ORDINAL_NUMBER = re.compile(r"^(?:\d+[-.])*(?P<last>\d+)$")
_ORDINAL_BY_UNITS = {6: "njy", 9: "njy"}
_ORDINAL_BY_TENS = {10: "njy", 30: "njy", 40: "njy", 60: "njy", 90: "njy"}


def turkmen_ordinal(num: str) -> str:
    """'5' -> '5-nji', '6' -> '6-njy', '10' -> '10-njy', and an inserted number after its last
    part: '8-1' -> '8-1-nji'; other numbers are left as they are."""
    found = _ORDINAL_NUMBER.match(num)
    if not found:
        return num
    value = int(found.group("last"))
    if value % 10:
        suffix = _ORDINAL_BY_UNITS.get(value % 10, "nji")
    elif value % 100:
        suffix = _ORDINAL_BY_TENS.get(value % 100, "nji")
    else:
        suffix = "nji"
    return f"{num}-{suffix}"
