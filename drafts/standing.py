"""Where each version of an instrument stands on a given day, from the versions' statuses,
effective dates and successors: the one place that decides "in force", "superseded",
"not yet in force", "repealed" or "draft".

A version with status in force (or repealed) takes effect on its effective date and stays the
text in force until a later one takes effect; of two taking effect on the same day the higher
number wins, as `service.version_as_at` reads it. Pure: versions in, standings out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

IN_FORCE = "in_force"
SUPERSEDED = "superseded"
NOT_YET_IN_FORCE = "not_yet_in_force"
REPEALED = "repealed"
DRAFT = "draft"
STANDINGS = (IN_FORCE, SUPERSEDED, NOT_YET_IN_FORCE, REPEALED, DRAFT)
TAKES_EFFECT = frozenset({"in_force", "repealed"})
"""Version statuses that take effect on their effective date."""


class Dated(Protocol):
    number: int
    status: str
    effective_date: date | None


@dataclass(frozen=True, slots=True)
class Standing:
    """One version's standing on `on`: `since` the day it took (or takes) effect, `until` the
    last day it was in force when a successor replaced it."""

    number: int
    state: str
    since: date | None = None
    until: date | None = None

    @property
    def current(self) -> bool:
        """Whether this is the instrument's text on the day asked for (in force or repealed)."""
        return self.state in (IN_FORCE, REPEALED)


def _effective(versions: Iterable[Dated]) -> list[Dated]:
    """Versions that take effect, in the order they do."""
    dated = [v for v in versions if v.status in TAKES_EFFECT and v.effective_date is not None]
    return sorted(dated, key=lambda v: (v.effective_date, v.number))


def standings(versions: Iterable[Dated], on: date) -> dict[int, Standing]:
    """Version number → its standing on the day `on`."""
    versions = list(versions)
    ordered = _effective(versions)
    started = [v for v in ordered if v.effective_date <= on]
    current = started[-1] if started else None
    found: dict[int, Standing] = {}
    for index, version in enumerate(ordered):
        later = next(
            (v for v in ordered[index + 1 :] if v.effective_date <= on),
            None,
        )
        since = version.effective_date
        if since > on:
            state, until = NOT_YET_IN_FORCE, None
        elif version is current:
            state, until = (REPEALED if version.status == "repealed" else IN_FORCE), None
        else:
            state, until = SUPERSEDED, later.effective_date - timedelta(days=1)
        found[version.number] = Standing(version.number, state, since, until)
    for version in versions:
        if version.number not in found:
            state = DRAFT if version.status == "draft" else NOT_YET_IN_FORCE
            found[version.number] = Standing(version.number, state, version.effective_date)
    return found


def in_force_on(versions: Iterable[Dated], on: date) -> int | None:
    """The number of the version that is the text on `on` (None before the first takes
    effect, or once the instrument is repealed)."""
    for standing in standings(versions, on).values():
        if standing.state == IN_FORCE:
            return standing.number
    return None


def first_effective(versions: Iterable[Dated]) -> Dated | None:
    """The first version to take effect, if any does."""
    ordered = _effective(versions)
    return ordered[0] if ordered else None
