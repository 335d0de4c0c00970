"""Legal citations of provisions, the one place that knows how a provision is cited.

A citation is rendered from the provision's path in the tree (its kind and number and those of
its ancestors), in a language and a citation style:

- `tm`, Turkmenistan (статья / часть / пункт / подпункт): "Article 6(3)", «часть 3 статьи 6»,
  «6-njy maddanyň 3-nji bölegi»;
- `kz`, Kazakhstan (статья / пункт / подпункт): «подпункт 6) пункта 1 статьи 6»;
- `uk`, sections and subsections: "section 8(3)(c)", «пункт «c» части 3 статьи 8»;
- `de`, Paragraphen and Absätze: "§ 105 Abs. 3 Nr. 1", «пункт 1 абзаца 3 параграфа 105»
  (§ is «параграф» in Russian, never «раздел»), "section 105(3), number 1".

A citation starts at the innermost article or section (they are numbered across the whole law,
so the chapters above them are left out). A provision without a number is cited by its place
among its siblings of the same kind («часть вторая статьи 5», "the second paragraph of
Article 5"). Editorial notes are never cited as provisions: a note is "the note to" its parent.
Russian citations take a case (nom, gen, dat, acc, ins, prep), Turkmen ones too (nom, gen, acc,
loc, dat): the cited unit stands in that case and its ancestors in the genitive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from drafts import citation_words as words
from drafts import eids
from drafts.parse_patterns import LANGUAGES as TEXT_LANGUAGES
from drafts.parse_patterns import turkmen_ordinal
from drafts.tree import Node

STYLES: tuple[str, ...] = ("tm", "kz", "uk", "de")
CASES: dict[str, tuple[str, ...]] = {
    "en": ("nom",),
    "de": ("nom",),
    "ru": ("nom", "gen", "dat", "acc", "ins", "prep"),
    "tk": ("nom", "gen", "acc", "loc", "dat"),
}
HEADS = frozenset({"article", "section"})
"""Units numbered across a whole law: a citation starts at the innermost one."""
LARGE = frozenset({"part", "chapter"})
LISTED = frozenset({"point", "subpoint"})
"""Kinds that Kazakh citations write with their marker: «подпункт 6)»."""

_STYLE_OF_JURISDICTION = {
    "tm": "tm",
    "kz": "kz",
    "de": "de",
    "at": "de",
    "gb": "uk",
    "uk": "uk",
    "ie": "uk",
    "us": "uk",
}
_LETTERS = re.compile(r"^[^\W\d_]{1,3}$")


@dataclass(frozen=True, slots=True)
class Step:
    """One level of a provision's path: its kind, its number as written, and for a provision
    without a number its place (from 1) among the unnumbered siblings of its kind."""

    kind: str
    num: str = ""
    ordinal: int = 1


def style_for(jurisdiction: str, language: str) -> str:
    """The citation style of a law of this jurisdiction ('tm', 'kz-almaty', 'gb-sct'…)."""
    country = (jurisdiction or "").lower().split("-")[0]
    if country in _STYLE_OF_JURISDICTION:
        return _STYLE_OF_JURISDICTION[country]
    return "de" if language == "de" else "tm"


def language_of(language: str) -> str:
    """The citation language for a text language: en, ru, tk or de (English for the rest)."""
    return language if language in words.KIND_WORDS else "en"


def cite(steps: Sequence[Step], *, lang: str, style: str, case: str = "nom") -> str:
    """The citation of the provision at the end of `steps` (outermost first)."""
    lang = language_of(lang)
    if style not in STYLES:
        raise ValueError(f"Unknown citation style {style!r}; the styles are {', '.join(STYLES)}.")
    if case not in CASES[lang]:
        raise ValueError(f"Citations in {lang!r} have no case {case!r}.")
    if lang == "de":
        style = "de"
    if not steps:
        return ""
    if steps[-1].kind == "note":
        return _note(steps[:-1], lang, style, case)
    steps = _from_head(steps)
    render = {"en": _english, "ru": _russian, "tk": _turkmen, "de": _german}[lang]
    return render(steps, style, case)


def index(nodes: Sequence[Node]) -> dict[str, tuple[Step, ...]]:
    """The path of every provision of a forest, by eId (eIds are assigned when missing)."""
    if any(not node.eid for node in nodes):
        nodes = eids.assign(nodes)
    paths: dict[str, tuple[Step, ...]] = {}
    stack: list[tuple[Sequence[Node], tuple[Step, ...]]] = [(nodes, ())]
    while stack:
        siblings, above = stack.pop()
        unnumbered: dict[str, int] = {}
        for node in siblings:
            ordinal = 1
            if not node.num.strip():
                ordinal = unnumbered[node.kind] = unnumbered.get(node.kind, 0) + 1
            path = (*above, Step(node.kind, node.num.strip(), ordinal))
            paths[node.eid] = path
            if node.children:
                stack.append((node.children, path))
    return paths


def citations(nodes: Sequence[Node], *, lang: str, style: str) -> dict[str, str]:
    """The citation of every provision of a forest, by eId."""
    return {eid: cite(path, lang=lang, style=style) for eid, path in index(nodes).items()}


def gender(step: Step, style: str) -> str:
    """The grammatical gender of a provision's Russian name ("m", "f", "n"), which the words
    agreeing with it follow: «статью 9 признать утратившей силу», «пункт 3 … утратившим»."""
    noun = words.RUSSIAN_NOUNS.get(_word(step, "ru", style))
    return noun.gender if noun else "m"


def heading_label(kind: str, num: str, lang: str) -> str:
    """How the law's own text heads a provision: 'Article 5', 'Статья 5', '5-nji madda'."""
    return TEXT_LANGUAGES.get(lang, TEXT_LANGUAGES["en"]).label(kind, num) or num


def bare(num: str) -> str:
    """A number without its brackets and full stop: '(3)' -> '3', '1.' -> '1', 'а)' -> 'а'."""
    return num.strip().lstrip("(").rstrip(".)").strip()


def _from_head(steps: Sequence[Step]) -> Sequence[Step]:
    for kinds in (HEADS, LARGE):
        for k in range(len(steps) - 1, -1, -1):
            if steps[k].kind in kinds:
                return steps[k:]
    return steps


def _word(step: Step, lang: str, style: str) -> str:
    common = words.COMMON_WORDS[lang]
    if step.kind in ("preamble", "block", "note"):
        return common[("preamble", "block", "note").index(step.kind)]
    if step.kind == "paragraph" and not step.num and style != "de":
        return words.UNNUMBERED_PARAGRAPH[lang]
    return words.KIND_WORDS[lang][style].get(step.kind, step.kind)


def _alone(step: Step) -> bool:
    """True for a provision without a number that needs no ordinal: the preamble."""
    return not step.num and step.kind == "preamble"


# English ------------------------------------------------------------------------------------

_COMPACT = {"de": frozenset({"paragraph"})}
_COMPACT_DEFAULT = frozenset({"paragraph", "point", "subpoint"})


def _english(steps: Sequence[Step], style: str, _case: str) -> str:
    if not all(step.num for step in steps):
        parts = [_english_unit(step, style) for step in reversed(steps)]
        return " of ".join(parts)
    head, *rest = steps
    text = f"{_word(head, 'en', style)} {bare(head.num)}"
    compact = _COMPACT.get(style, _COMPACT_DEFAULT)
    while rest and rest[0].kind in compact:
        text += f"({bare(rest.pop(0).num)})"
    for step in rest:
        text += f", {_word(step, 'en', style)} {_english_num(step)}"
    return text


def _english_unit(step: Step, style: str) -> str:
    word = _word(step, "en", style)
    if step.num:
        return f"{word} {_english_num(step)}"
    if _alone(step) or (step.kind == "block" and step.ordinal == 1):
        return f"the {word}"
    return f"the {_ordinal_word(words.ENGLISH_ORDINALS, step.ordinal)} {word}"


def _english_num(step: Step) -> str:
    number = bare(step.num)
    return f"({number})" if step.kind in LISTED and _LETTERS.match(number) else number


def _ordinal_word(table: Sequence[str], ordinal: int) -> str:
    return table[ordinal - 1] if 0 < ordinal <= len(table) else str(ordinal)


# Russian ------------------------------------------------------------------------------------


def _russian(steps: Sequence[Step], style: str, case: str) -> str:
    parts = []
    for k, step in enumerate(reversed(steps)):
        form_case = case if k == 0 else "gen"
        noun = _russian_noun(_word(step, "ru", style))
        name = noun.forms[form_case]
        if step.num:
            parts.append(f"{name} {_russian_num(step, style)}")
        elif _alone(step):
            parts.append(name)
        else:
            parts.append(f"{name} {_russian_ordinal(step.ordinal, noun.gender, form_case)}")
    return " ".join(parts)


def _russian_noun(word: str) -> words.Noun:
    noun = words.RUSSIAN_NOUNS.get(word)
    return noun or words.Noun(dict.fromkeys(CASES["ru"], word))


def _russian_num(step: Step, style: str) -> str:
    if style == "kz" and step.kind in LISTED:
        return step.num.lstrip("(")
    number = bare(step.num)
    if step.kind not in LARGE and _LETTERS.match(number):
        return f"«{number}»"
    return number


def _russian_ordinal(ordinal: int, gender: str, case: str) -> str:
    if not 0 < ordinal <= len(words.RUSSIAN_ORDINAL_STEMS):
        return str(ordinal)
    if ordinal == 3:
        return words.RUSSIAN_THIRD[gender][case]
    stem = words.RUSSIAN_ORDINAL_STEMS[ordinal - 1]
    ending = words.RUSSIAN_ORDINAL_ENDINGS[gender][case]
    if gender == "m" and ending == "ый" and stem in words.RUSSIAN_STRESSED:
        ending = "ой"
    return stem + ending


# Turkmen ------------------------------------------------------------------------------------


def _turkmen(steps: Sequence[Step], style: str, case: str) -> str:
    parts = []
    for k, step in enumerate(steps):
        last = k == len(steps) - 1
        form = (case if last else "gen") if k == 0 else ("p_" + case if last else "p_gen")
        noun = words.TURKMEN_NOUNS.get(_word(step, "tk", style))
        name = noun.forms[form] if noun else _word(step, "tk", style)
        parts.append(f"{_turkmen_unit_number(step)} {name}".strip())
    return " ".join(parts)


def _turkmen_unit_number(step: Step) -> str:
    if not step.num:
        if _alone(step):
            return ""
        return _turkmen_ordinal_word(step.ordinal)
    number = bare(step.num)
    if step.kind in LARGE and not number.isdigit():
        return number
    if _LETTERS.match(number):
        return f"{number})"
    return turkmen_ordinal(number)


def _turkmen_ordinal_word(ordinal: int) -> str:
    if 0 < ordinal <= 10:
        return words.TURKMEN_ORDINALS[ordinal - 1]
    if ordinal == 20:
        return words.TURKMEN_TWENTIETH
    if 10 < ordinal < 20:
        return f"{words.TURKMEN_TENS[1]} {words.TURKMEN_ORDINALS[ordinal - 11]}"
    return turkmen_ordinal(str(ordinal))


# German -------------------------------------------------------------------------------------


def _german(steps: Sequence[Step], style: str, _case: str) -> str:
    parts = []
    for step in steps:
        word = _word(step, "de", style)
        number = bare(step.num) if step.num else ("" if _alone(step) else str(step.ordinal))
        parts.append(f"{word} {number}".strip())
    return " ".join(parts)


# Notes --------------------------------------------------------------------------------------


def _note(parent: Sequence[Step], lang: str, style: str, case: str) -> str:
    word = words.COMMON_WORDS[lang][2]
    if not parent:
        if lang == "ru":
            return words.RUSSIAN_NOUNS[word].forms[case]
        return words.TURKMEN_NOUNS[word].forms[case] if lang == "tk" else word
    if lang == "ru":
        noun = words.RUSSIAN_NOUNS[word].forms[case]
        return f"{noun} к {cite(parent, lang=lang, style=style, case='dat')}"
    if lang == "tk":
        owner = cite(parent, lang=lang, style=style, case="gen")
        return f"{owner} {words.TURKMEN_NOUNS[word].forms['p_' + case]}"
    if lang == "de":
        return f"{word} zu {cite(parent, lang=lang, style=style)}"
    return f"the {word} to {cite(parent, lang=lang, style=style)}"
