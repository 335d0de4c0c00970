"""Order keys among siblings: short strings that sort like the siblings, with room between.

A key is a fraction in base 62 written with the digits `0-9A-Za-z` (ascending in code
point order) without trailing zeros, so comparing keys as strings compares the fractions.
A new key can always be made between two others, so a sibling inserted, moved or removed
leaves the keys of the others as they were. Pure functions; nothing here touches a database.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
BASE = len(DIGITS)
_VALUE = {digit: value for value, digit in enumerate(DIGITS)}


def between(low: str | None, high: str | None, count: int) -> list[str]:
    """`count` ascending keys strictly between `low` and `high` (None: either end), as short
    as the room between them allows, spread evenly."""
    if count <= 0:
        return []
    length = max(len(low or ""), len(high or ""), 1)
    while True:
        bottom = _number(low, length) if low else 0
        top = _number(high, length) if high else BASE**length
        if top - bottom > count:
            break
        length += 1
    width = top - bottom
    return [_key(bottom + i * width // (count + 1), length) for i in range(1, count + 1)]


def sibling_keys(old: Sequence[str | None]) -> list[str]:
    """Keys for siblings in their new order, given each one's key from before (None for one
    that is new here, or was under another parent). The longest run of old keys that is
    still in order is kept; the others get new keys in the gaps."""
    kept = set(_increasing(old))
    keys: list[str] = []
    waiting = 0
    for index, key in enumerate(old):
        if index in kept:
            keys.extend(between(keys[-1] if keys else None, key, waiting))
            keys.append(key)
            waiting = 0
        else:
            waiting += 1
    keys.extend(between(keys[-1] if keys else None, None, waiting))
    return keys


def _increasing(keys: Sequence[str | None]) -> list[int]:
    """Indices of a longest strictly increasing subsequence of the keys that are not None."""
    tails: list[str] = []
    tail_index: list[int] = []
    previous: dict[int, int | None] = {}
    for index, key in enumerate(keys):
        if key is None:
            continue
        at = bisect_left(tails, key)
        previous[index] = tail_index[at - 1] if at else None
        if at == len(tails):
            tails.append(key)
            tail_index.append(index)
        else:
            tails[at] = key
            tail_index[at] = index
    chain: list[int] = []
    index = tail_index[-1] if tail_index else None
    while index is not None:
        chain.append(index)
        index = previous[index]
    return chain[::-1]


def _number(key: str, length: int) -> int:
    value = 0
    for digit in key.ljust(length, "0"):
        value = value * BASE + _VALUE[digit]
    return value


def _key(value: int, length: int) -> str:
    digits = []
    for _ in range(length):
        value, digit = divmod(value, BASE)
        digits.append(DIGITS[digit])
    return "".join(reversed(digits)).rstrip("0")
