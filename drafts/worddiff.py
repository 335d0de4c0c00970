"""Word-level diff of two strings: the one tokenizer of Kanun and the redline ops built on it.

A text is cut into tokens: words (letters and digits of any script, with hyphenated
words, apostrophes and numbers such as `1.5` or `2021-10-12` kept whole), runs of white
space, and single other characters (punctuation, every style of quote). Each token is
encoded as one character so that diff-match-patch diffs tokens, never letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from diff_match_patch import diff_match_patch

Op = tuple[str, str]
"""One piece of a redline: ("equal" | "insert" | "delete", text)."""

EQUAL, INSERT, DELETE = "equal", "insert", "delete"

_WORD_CHAR = r"(?:\w|[\u0300-\u036f])"
_JOINER = r"(?:[-\u2010\u2011'’]|(?<=\d)[.,:/](?=\d))"
_TOKEN = re.compile(rf"{_WORD_CHAR}+(?:{_JOINER}{_WORD_CHAR}+)*|\s+|.", re.DOTALL)

_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0
_NAMES = {0: EQUAL, 1: INSERT, -1: DELETE}


def tokenize(text: str) -> tuple[str, ...]:
    """The tokens of a text; their concatenation is the text."""
    return tuple(_TOKEN.findall(text))


def is_word(token: str) -> bool:
    """True for a word or number token, false for white space and punctuation."""
    return token[:1].isalnum() or token[:1] == "_"


def words(text: str) -> tuple[str, ...]:
    """The word and number tokens of a text."""
    return tuple(token for token in tokenize(text) if is_word(token))


def _encode(tokens: Iterable[str], codes: dict[str, str]) -> str:
    chars = []
    for token in tokens:
        code = codes.get(token)
        if code is None:
            code = codes[token] = chr(len(codes) + 1)
        chars.append(code)
    return "".join(chars)


def diff(old: str, new: str) -> tuple[Op, ...]:
    """The word ops turning `old` into `new`, cleaned up for a human reader."""
    if old == new:
        return ((EQUAL, old),) if old else ()
    codes: dict[str, str] = {}
    encoded_old = _encode(tokenize(old), codes)
    encoded_new = _encode(tokenize(new), codes)
    tokens = {code: token for token, code in codes.items()}
    pieces = _DMP.diff_main(encoded_old, encoded_new, False)
    _DMP.diff_cleanupSemantic(pieces)
    return tuple(
        (_NAMES[op], "".join(tokens[code] for code in chars)) for op, chars in pieces if chars
    )


def old_text(ops: Iterable[Op]) -> str:
    """The text the ops were computed from (equal and deleted pieces)."""
    return "".join(text for op, text in ops if op != INSERT)


def new_text(ops: Iterable[Op]) -> str:
    """The text the ops lead to (equal and inserted pieces)."""
    return "".join(text for op, text in ops if op != DELETE)


def changed_fraction(ops: Iterable[Op]) -> float:
    """The share of words deleted or inserted among the words of both texts (0..1)."""
    changed = total = 0
    for op, text in ops:
        count = len(words(text))
        total += count if op != EQUAL else 2 * count
        changed += count if op != EQUAL else 0
    return changed / total if total else 0.0


def similarity(old: str, new: str) -> float:
    """How alike two texts are, by the distinct words they share (Dice coefficient, 0..1)."""
    return word_set_similarity(word_set(old), word_set(new))


def word_set(text: str) -> frozenset[str]:
    """The distinct words of a text, case folded: what `similarity` compares."""
    return frozenset(words(text.casefold()))


def word_set_similarity(old: frozenset[str], new: frozenset[str]) -> float:
    """`similarity` on word sets computed once, for aligning many provisions."""
    total = len(old) + len(new)
    return 2 * len(old & new) / total if total else 1.0
