"""The words of legal citations: what each provision kind is called in each citation style and
language, with the case forms that Russian and Turkmen citations need.

Data only; `drafts.citations` puts the words together. Russian cases: nom, gen, dat, acc, ins,
prep. Turkmen forms: the bare noun (nom, gen, acc, loc, dat) and the noun with the third-person
possessive ending that a cited unit takes after its parent ("maddanyň 3-nji *bölegi*"):
p_nom, p_gen, p_acc, p_loc, p_dat.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Noun:
    forms: dict[str, str]
    gender: str = "m"
    """Russian grammatical gender ("m", "f", "n"), for the ordinal words that agree with it."""


def _ru(gender: str, nom: str, gen: str, dat: str, acc: str, ins: str, prep: str) -> Noun:
    return Noun({"nom": nom, "gen": gen, "dat": dat, "acc": acc, "ins": ins, "prep": prep}, gender)


def _tk(*forms: str) -> Noun:
    names = ("nom", "gen", "acc", "loc", "dat", "p_nom", "p_gen", "p_acc", "p_loc", "p_dat")
    return Noun(dict(zip(names, forms, strict=True)))


RUSSIAN_NOUNS: dict[str, Noun] = {
    "раздел": _ru("m", "раздел", "раздела", "разделу", "раздел", "разделом", "разделе"),
    "часть": _ru("f", "часть", "части", "части", "часть", "частью", "части"),
    "глава": _ru("f", "глава", "главы", "главе", "главу", "главой", "главе"),
    "параграф": _ru(
        "m", "параграф", "параграфа", "параграфу",
        "параграф", "параграфом", "параграфе",
    ),
    "статья": _ru("f", "статья", "статьи", "статье", "статью", "статьей", "статье"),
    "пункт": _ru("m", "пункт", "пункта", "пункту", "пункт", "пунктом", "пункте"),
    "подпункт": _ru(
        "m", "подпункт", "подпункта", "подпункту",
        "подпункт", "подпунктом", "подпункте",
    ),
    "абзац": _ru("m", "абзац", "абзаца", "абзацу", "абзац", "абзацем", "абзаце"),
    "буква": _ru("f", "буква", "буквы", "букве", "букву", "буквой", "букве"),
    "преамбула": _ru(
        "f", "преамбула", "преамбулы", "преамбуле",
        "преамбулу", "преамбулой", "преамбуле",
    ),
    "приложение": _ru(
        "n", "приложение", "приложения", "приложению",
        "приложение", "приложением", "приложении",
    ),
    "примечание": _ru(
        "n", "примечание", "примечания", "примечанию",
        "примечание", "примечанием", "примечании",
    ),
}  # fmt: skip

TURKMEN_NOUNS: dict[str, Noun] = {
    "bölüm": _tk("bölüm", "bölümiň", "bölümi", "bölümde", "bölüme",
                 "bölümi", "bölüminiň", "bölümini", "bölüminde", "bölümine"),
    "bap": _tk("bap", "babyň", "baby", "bapda", "baba",
               "baby", "babynyň", "babyny", "babynda", "babyna"),
    "paragraf": _tk("paragraf", "paragrafyň", "paragrafy", "paragrafda", "paragrafa",
                    "paragrafy", "paragrafynyň", "paragrafyny", "paragrafynda", "paragrafyna"),
    "madda": _tk("madda", "maddanyň", "maddany", "maddada", "madda",
                 "maddasy", "maddasynyň", "maddasyny", "maddasynda", "maddasyna"),
    "bölek": _tk("bölek", "bölegiň", "bölegi", "bölekde", "bölege",
                 "bölegi", "böleginiň", "bölegini", "böleginde", "bölegine"),
    "bent": _tk("bent", "bendiň", "bendi", "bentde", "bende",
                "bendi", "bendiniň", "bendini", "bendinde", "bendine"),
    "bentçe": _tk("bentçe", "bentçäniň", "bentçäni", "bentçede", "bentçä",
                  "bentçesi", "bentçesiniň", "bentçesini", "bentçesinde", "bentçesine"),
    "preambula": _tk("preambula", "preambulanyň", "preambulany", "preambulada", "preambula",
                     "preambulasy", "preambulasynyň", "preambulasyny", "preambulasynda",
                     "preambulasyna"),
    "goşundy": _tk("goşundy", "goşundynyň", "goşundyny", "goşundyda", "goşunda",
                   "goşundysy", "goşundysynyň", "goşundysyny", "goşundysynda", "goşundysyna"),
    "bellik": _tk("bellik", "belligiň", "belligi", "bellikde", "bellige",
                  "belligi", "belliginiň", "belligini", "belliginde", "belligine"),
}  # fmt: skip

KIND_WORDS: dict[str, dict[str, dict[str, str]]] = {
    "en": {
        "tm": {"part": "Part", "chapter": "Chapter", "section": "Section", "article": "Article",
               "paragraph": "paragraph", "point": "point", "subpoint": "subpoint"},
        "kz": {"part": "Part", "chapter": "Chapter", "section": "Section", "article": "Article",
               "paragraph": "paragraph", "point": "subparagraph", "subpoint": "subparagraph"},
        "uk": {"part": "Part", "chapter": "Chapter", "section": "section", "article": "Article",
               "paragraph": "subsection", "point": "paragraph", "subpoint": "sub-paragraph"},
        "de": {"part": "Part", "chapter": "Chapter", "section": "section", "article": "Article",
               "paragraph": "subsection", "point": "number", "subpoint": "letter"},
    },
    "ru": {
        "tm": {"part": "раздел", "chapter": "глава", "section": "параграф", "article": "статья",
               "paragraph": "часть", "point": "пункт", "subpoint": "подпункт"},
        "kz": {"part": "раздел", "chapter": "глава", "section": "параграф", "article": "статья",
               "paragraph": "пункт", "point": "подпункт", "subpoint": "подпункт"},
        "uk": {"part": "раздел", "chapter": "глава", "section": "статья", "article": "статья",
               "paragraph": "часть", "point": "пункт", "subpoint": "подпункт"},
        "de": {"part": "часть", "chapter": "глава", "section": "параграф", "article": "статья",
               "paragraph": "абзац", "point": "пункт", "subpoint": "буква"},
    },
    "tk": {
        "tm": {"part": "bölüm", "chapter": "bap", "section": "paragraf", "article": "madda",
               "paragraph": "bölek", "point": "bent", "subpoint": "bentçe"},
        "kz": {"part": "bölüm", "chapter": "bap", "section": "paragraf", "article": "madda",
               "paragraph": "bent", "point": "bentçe", "subpoint": "bentçe"},
        "uk": {"part": "bölüm", "chapter": "bap", "section": "madda", "article": "madda",
               "paragraph": "bölek", "point": "bent", "subpoint": "bentçe"},
        "de": {"part": "bölüm", "chapter": "bap", "section": "paragraf", "article": "madda",
               "paragraph": "bölek", "point": "bent", "subpoint": "bentçe"},
    },
    "de": {
        "de": {"part": "Teil", "chapter": "Kapitel", "section": "§", "article": "Art.",
               "paragraph": "Abs.", "point": "Nr.", "subpoint": "Buchst."},
    },
}  # fmt: skip
"""language → style → kind → word (a key of the noun tables for Russian and Turkmen)."""

COMMON_WORDS: dict[str, tuple[str, str, str]] = {
    "en": ("preamble", "Schedule", "note"),
    "ru": ("преамбула", "приложение", "примечание"),
    "tk": ("preambula", "goşundy", "bellik"),
    "de": ("Präambel", "Anlage", "Fußnote"),
}
"""language → the words for a preamble, a schedule (block) and an editorial note."""

UNNUMBERED_PARAGRAPH: dict[str, str] = {"en": "paragraph", "ru": "часть", "tk": "bölek"}
"""What a paragraph without a number is called in every style (Kazakh "пункт" are numbered)."""

RUSSIAN_ORDINAL_STEMS = (
    "перв", "втор", "трет", "четверт", "пят", "шест", "седьм", "восьм", "девят", "десят",
    "одиннадцат", "двенадцат", "тринадцат", "четырнадцат", "пятнадцат", "шестнадцат",
    "семнадцат", "восемнадцат", "девятнадцат", "двадцат",
)  # fmt: skip
RUSSIAN_ORDINAL_ENDINGS = {
    "m": {"nom": "ый", "gen": "ого", "dat": "ому", "acc": "ый", "ins": "ым", "prep": "ом"},
    "f": {"nom": "ая", "gen": "ой", "dat": "ой", "acc": "ую", "ins": "ой", "prep": "ой"},
    "n": {"nom": "ое", "gen": "ого", "dat": "ому", "acc": "ое", "ins": "ым", "prep": "ом"},
}
RUSSIAN_THIRD = {
    "m": {"nom": "третий", "gen": "третьего", "dat": "третьему", "acc": "третий", "ins": "третьим",
          "prep": "третьем"},
    "f": {"nom": "третья", "gen": "третьей", "dat": "третьей", "acc": "третью", "ins": "третьей",
          "prep": "третьей"},
    "n": {"nom": "третье", "gen": "третьего", "dat": "третьему", "acc": "третье", "ins": "третьим",
          "prep": "третьем"},
}  # fmt: skip
RUSSIAN_STRESSED = frozenset({"втор", "шест", "седьм", "восьм"})
"""Stems whose masculine nominative ends in -ой (второй), not -ый (первый)."""

TURKMEN_ORDINALS = (
    "birinji", "ikinji", "üçünji", "dördünji", "bäşinji", "altynjy", "ýedinji", "sekizinji",
    "dokuzynjy", "onunjy",
)  # fmt: skip
TURKMEN_TENS = {1: "on", 2: "ýigrimi"}
TURKMEN_TWENTIETH = "ýigriminji"

ENGLISH_ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth",
)  # fmt: skip
