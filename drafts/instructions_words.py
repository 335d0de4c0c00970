"""The word-level part of amending instructions: which words of a provision's text changed,
widened until each quoted phrase names its words without doubt.

A drafter never quotes punctuation alone ("after the word “, the”"), so every phrase starts at
a word and holds at least one; a phrase that occurs more than once in the provision is widened
by the words around it. An addition at the very end of a text that starts a new sentence is
"the following sentence is added", not an insertion after the last word.
"""

from __future__ import annotations

import re

from drafts import worddiff

_SENTENCE_END = re.compile(r"[.!?»\"”)]\s*$")
_SENTENCE_BREAK = re.compile(r"[.!?][»\"”)]?\s+(?=[^\W\d_])")


def appended_sentences(ops: tuple[worddiff.Op, ...]) -> tuple[str, int, str] | None:
    """The sentences (or paragraphs, when the addition starts on a new line) added at the end
    of a text, how many there are and which of the two, when that is the only change (the old
    text ends a sentence and the addition starts with a capital letter)."""
    changed = [k for k, (op, _) in enumerate(ops) if op != worddiff.EQUAL]
    if len(changed) != 1 or ops[changed[0]][0] != worddiff.INSERT:
        return None
    if any(text.strip() for _, text in ops[changed[0] + 1 :]):
        return None
    old = worddiff.old_text(ops).strip()
    raw = ops[changed[0]][1]
    added = raw.strip()
    first = next((c for c in added if c.isalpha()), "")
    if not old or not _SENTENCE_END.search(old) or not first.isupper() or not added[0].isalpha():
        return None
    before = worddiff.old_text(ops[: changed[0]])
    if "\n" in raw[: len(raw) - len(raw.lstrip())] or before.endswith("\n"):
        return added, sum(1 for line in added.split("\n") if line.strip()), "paragraph"
    return added, 1 + len(_SENTENCE_BREAK.findall(added)), "sentence"


def runs(ops: tuple[worddiff.Op, ...]) -> list[dict]:
    """The changed word runs of a text, each as the context of one instruction."""
    old_tokens = worddiff.tokenize(worddiff.old_text(ops))
    pieces = [(op, list(worddiff.tokenize(text))) for op, text in ops]
    found = []
    k = 0
    while k < len(pieces):
        if pieces[k][0] == worddiff.EQUAL:
            k += 1
            continue
        start = k
        deleted: list[str] = []
        inserted: list[str] = []
        while k < len(pieces) and pieces[k][0] != worddiff.EQUAL:
            (deleted if pieces[k][0] == worddiff.DELETE else inserted).extend(pieces[k][1])
            k += 1
        left = list(pieces[start - 1][1]) if start else []
        right = list(pieces[k][1]) if k < len(pieces) else []
        if any(not token.isspace() for token in deleted + inserted):
            found.append(_Run(old_tokens, left, deleted, inserted, right).describe())
    return found


class _Run:
    """One changed run with the unchanged tokens around it, widened word by word."""

    def __init__(
        self,
        old_tokens: tuple[str, ...],
        left: list[str],
        deleted: list[str],
        inserted: list[str],
        right: list[str],
    ) -> None:
        self.old_tokens = old_tokens
        self.left, self.deleted, self.inserted, self.right = left, deleted, inserted, right

    def describe(self) -> dict:
        if not self.deleted and _has_word(self.inserted):
            after = self._anchor()
            if after:
                return _words("insert_words", after=after, new=self.inserted)
        if not self.deleted:
            self._widen()
        while self._lacks_words() and self._widen():
            pass
        while self._count(self.deleted) > 1 and self._widen():
            pass
        if not _has_word(self.inserted):
            return _words("delete_words", old=self.deleted)
        return _words("replace_words", old=self.deleted, new=self.inserted)

    def _lacks_words(self) -> bool:
        """True while a side quotes punctuation alone or starts with it."""
        return (
            not _has_word(self.deleted)
            or not _starts_with_word(self.deleted)
            or bool(self.inserted and not _starts_with_word(self.inserted))
        )

    def _anchor(self) -> list[str]:
        """The fewest words just before an insertion that start with a word and occur once in
        the old text."""
        anchor: list[str] = []
        while self.left:
            anchor.insert(0, self.left.pop())
            if _starts_with_word(anchor) and self._count(anchor) == 1:
                return anchor
        self.left = anchor + self.left
        return []

    def _widen(self) -> bool:
        """Take the next unchanged word (left first) into both sides of the run."""
        side = self.left if _has_word(self.left) else self.right
        moved: list[str] = []
        while side:
            token = side.pop() if side is self.left else side.pop(0)
            moved.append(token)
            if worddiff.is_word(token):
                break
        if side is self.left:
            moved.reverse()
            self.deleted[:0] = moved
            self.inserted[:0] = moved
        else:
            self.deleted.extend(moved)
            self.inserted.extend(moved)
        return bool(moved)

    def _count(self, phrase: list[str]) -> int:
        size, tokens = len(phrase), self.old_tokens
        target = tuple(phrase)
        return sum(1 for k in range(len(tokens) - size + 1) if tokens[k : k + size] == target)


def _has_word(tokens: list[str]) -> bool:
    return any(worddiff.is_word(token) for token in tokens)


def _starts_with_word(tokens: list[str]) -> bool:
    first = next((token for token in tokens if not token.isspace()), "")
    return worddiff.is_word(first)


def _words(kind: str, **phrases: list[str]) -> dict:
    """The context of a word-level instruction: each phrase and how many words it has."""
    context: dict = {"kind": kind}
    for name, tokens in phrases.items():
        context[name] = "".join(tokens).strip()
        context[f"{name}_count"] = sum(1 for token in tokens if worddiff.is_word(token))
    return context
