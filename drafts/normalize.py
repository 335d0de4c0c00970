"""What counts as formatting: the forms a text is reduced to before two texts are compared.

Two official editions of a law differ in more than their wording: one writes "1." where the
other writes "(1)", wraps lines elsewhere, uses a no-break space, a soft hyphen, „German“ or
"straight" quotes, escapes a Markdown full stop (`1\\.`) or sets a word in bold. None of that is
a change of the law. `words` and `number` give the forms in which such differences vanish;
`is_stub` recognises a provision whose whole body says it was repealed. These functions are
pure and are the only place this knowledge lives: matching, diff and instructions use them.
"""

from __future__ import annotations

import re
import unicodedata

_FORMS = {
    **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
    **dict.fromkeys("\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\t", " "),
    **dict.fromkeys("„“”‟«»″〞〟＂", '"'),
    **dict.fromkeys("‚‘’‛‹›′`", "'"),
    **dict.fromkeys("‐‑‒–—―−", "-"),
}
"""Soft hyphens and zero-width marks go; other spaces, quotes and dashes take one form."""
# A regular expression finds the few such characters faster than `str.translate` walks a
# long text of non-ASCII letters.
_FORM = re.compile("[" + "".join(_FORMS) + "]")
_STUB_LENGTH = 40
"""Longer than this, a text says more than "repealed"."""
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")
_ANCHOR = re.compile(r"<a\s[^>]*>\s*</a>|<a\s[^>]*/>", re.IGNORECASE)
_SPACE_RUN = re.compile(r"\s+")
_NUMBER_FRAME = re.compile(r"^[\s(\[]*(.*?)[\s.)\]:]*$")

STUBS: frozenset[str] = frozenset(
    {
        "weggefallen",
        "aufgehoben",
        "-",
        "repealed",
        "omitted",
        "утратил силу",
        "утратила силу",
        "утратило силу",
        "утратили силу",
        "исключен",
        "исключена",
        "исключено",
        "güýjüni ýitirdi",
        "güýjüni ýitirdiler",
    }
)
"""What a stub says, in `words` form without brackets or final full stop."""


def words(text: str) -> str:
    """`text` with every formatting difference removed: one space between words, NFC,
    no soft hyphens or no-break spaces, straight quotes and hyphens, no Markdown escapes,
    emphasis or anchors. Two texts with equal `words` say the same thing."""
    if not text:
        return ""
    value = text
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    value = _FORM.sub(lambda found: _FORMS[found.group()], value)
    value = _ANCHOR.sub(" ", value)
    value = _ESCAPE.sub(r"\1", value)
    value = _EMPHASIS.sub("", value)
    return _SPACE_RUN.sub(" ", value).strip()


def number(num: str) -> str:
    """The number itself: '1', '1.', '(1)', '1)', '1\\.' and '[1]' all give '1'."""
    value = words(num)
    match = _NUMBER_FRAME.match(value)
    return match.group(1) if match else value


def is_stub(*parts: str) -> bool:
    """True when the words of `parts` (heading, text) together only say "repealed"."""
    if sum(len(part) for part in parts) > _STUB_LENGTH:
        return False
    said = " ".join(words(part) for part in parts if part).strip()
    said = said.strip("()[]. ").casefold()
    return said in STUBS


def same(old: str, new: str) -> bool:
    """True when two strings differ in formatting only (or not at all)."""
    return old == new or words(old) == words(new)
