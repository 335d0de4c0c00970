"""Legal citations and structure labels for the pages, so that people read "Article 6(3)",
«часть 3 статьи 6» or «6-njy maddanyň 3-nji bölegi» where the data holds `chp_II__art_6__para_3`.

The citation itself comes from `drafts.citations` (the one place that knows how provisions are
cited); this module only reads the path out of an eId (`drafts.eids.parse`) and picks the
language and the style: citations are written in the reader's language, in the style of the
law's jurisdiction; the labels the law itself heads its provisions with ("Статья 1", "III bap")
follow the law's own language, whatever the language of the pages. eIds stay in addresses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import pass_context

from drafts import citations, eids
from drafts.render import Words


def N_(message: str) -> str:
    """Mark a message for the catalogs without translating it here."""
    return message


def _attribute(thing: Any, name: str) -> str:
    if thing is None:
        return ""
    if isinstance(thing, dict):
        return thing.get(name) or ""
    return getattr(thing, name, "") or ""


def steps(eid: str) -> tuple[citations.Step, ...]:
    """The citation path of an eId (an unnumbered provision's eId counts it among its kind)."""
    path = []
    for kind, number in eids.parse(eid):
        if kind == "preamble":
            path.append(citations.Step(kind))
        elif kind == "block" and number.isdigit():
            path.append(citations.Step(kind, "", int(number)))
        else:
            path.append(citations.Step(kind, number))
    return tuple(path)


def cite(
    eid: str | None, lang: str, *, jurisdiction: str = "", language: str = "", case: str = "nom"
) -> str:
    """The citation of the provision at `eid`, in the reader's language `lang` (in `case` where
    the language has cases), in the style of a law of `jurisdiction` written in `language`;
    '' for no eId."""
    if not eid:
        return ""
    style = citations.style_for(jurisdiction or "tm", language or lang)
    lang = citations.language_of(lang)
    if case not in citations.CASES[lang]:
        case = "nom"
    return citations.cite(steps(eid), lang=lang, style=style, case=case) or eid


PLACES: dict[str, str] = {
    "after": N_("after %(provision)s"),
    "before": N_("before %(provision)s"),
    "last_child": N_("at the end of %(provision)s"),
}
"""Where an insert or a move puts provisions, as a phrase around the anchor's citation."""
PLACE_CASES: dict[str, dict[str, str]] = {
    "ru": {"after": "gen", "before": "ins", "last_child": "gen"},
    "tk": {"after": "gen", "before": "gen", "last_child": "gen"},
}
"""The case each language's phrase asks of the citation («после части 3», «перед частью 3»,
«3-nji böleginiň yzynda»)."""


def place(
    gettext: Callable[[str], str],
    position: str,
    eid: str,
    lang: str,
    *,
    jurisdiction: str = "",
    language: str = "",
) -> str:
    """'after Article 6(3)', «после части 3 статьи 6», «6-njy maddanyň 3-nji böleginiň yzynda»."""
    case = PLACE_CASES.get(lang, {}).get(position, "nom")
    provision = cite(eid, lang, jurisdiction=jurisdiction, language=language, case=case)
    if position not in PLACES:
        return provision
    return gettext(PLACES[position]) % {"provision": provision}


def heading(kind: str, num: str | None, language: str) -> str:
    """How a law in `language` heads a provision: 'Article 5', 'Статья 5', '5-nji madda';
    a provision without a number by its kind: 'Preamble', 'Преамбула'."""
    num = (num or "").strip()
    label = citations.heading_label(kind, num, language or "en")
    if (label and label != num) or kind not in _UNNUMBERED:
        return label
    word = citations.cite((citations.Step(kind),), lang=language or "en", style="tm")
    word = word.removeprefix("the ")
    return f"{word[:1].upper()}{word[1:]} {num}".strip()


_UNNUMBERED = frozenset({"preamble", "block"})


@pass_context
def cite_filter(context, eid: str | None, instrument: Any = None) -> str:
    """`{{ eid|cite(instrument) }}`: the citation in the page's language; the instrument (a
    model or a dict with `jurisdiction` and `language`) defaults to the page's `instrument`."""
    instrument = instrument if instrument is not None else context.get("instrument")
    return cite(
        eid,
        context.get("lang", "en"),
        jurisdiction=_attribute(instrument, "jurisdiction"),
        language=_attribute(instrument, "language"),
    )


@pass_context
def heading_global(context, node: Any, instrument: Any = None) -> str:
    """`{{ heading(node) }}`: the label the law's own text gives `node` ('Статья 1')."""
    instrument = instrument if instrument is not None else context.get("instrument")
    language = _attribute(instrument, "language") or context.get("lang", "en")
    return heading(_attribute(node, "kind"), _attribute(node, "num"), language)


REDLINE_STATUSES = ("modified", "inserted", "deleted", "moved", "renumbered")


REDLINE_PARTS = {"heading": N_("heading"), "text": N_("text")}
MOVED_FROM = N_("Moved from %(where)s")
RENUMBERED_FROM = N_("Renumbered from %(num)s")
CHANGED = N_("Changed: %(parts)s")


def redline_words(
    gettext: Callable[[str], str], language: str, reader: str = "en", jurisdiction: str = ""
) -> Words:
    """The words of a redline of a law in `language`, read in the language of `gettext`
    (`reader`): the law's own labels («Статья 5»), the reader's names of statuses, columns and
    changes, and citations where a provision is named («перемещено из части 2 статьи 8»)."""

    def provision(eid: str) -> str:
        return cite(eid, reader, jurisdiction=jurisdiction, language=language, case="gen")

    return Words(
        language=language or "en",
        statuses={status: gettext(status) for status in REDLINE_STATUSES},
        old=gettext("Old text"),
        new=gettext("New text"),
        moved_from=gettext(MOVED_FROM).replace("%(where)s", "{where}"),
        renumbered_from=gettext(RENUMBERED_FROM).replace("%(num)s", "{num}"),
        changed=gettext(CHANGED).replace("%(parts)s", "{parts}"),
        parts={part: gettext(word) for part, word in REDLINE_PARTS.items()},
        cite=provision,
    )
