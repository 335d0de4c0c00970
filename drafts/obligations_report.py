"""Obligations as a working group reads them: filtered, counted per law, and as table rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from drafts.obligations_status import summary
from drafts.obligations_tracking import View


@dataclass(frozen=True, slots=True)
class Filters:
    status: str | None = None
    review: str | None = None
    body: str | None = None
    """Words the responsible body's name contains (any case)."""

    def keeps(self, view: View, *, status: bool = True) -> bool:
        if status and self.status and view.status != self.status:
            return False
        if self.review and view.obligation.review != self.review:
            return False
        return not self.body or self.body.casefold() in view.obligation.body.casefold()


def chosen(views: Iterable[View], filters: Filters) -> list[View]:
    return [view for view in views if filters.keeps(view)]


def per_law(views: Iterable[View], filters: Filters) -> list[tuple[View, dict[str, int]]]:
    """For each law (by its first view), the counts of its confirmed obligations that match
    the filters other than status."""
    grouped: dict[int, list[View]] = {}
    for view in views:
        if filters.keeps(view, status=False):
            grouped.setdefault(view.instrument.id, []).append(view)
    return [(group[0], summary([v.status for v in group])) for group in grouped.values()]


COLUMNS = ("law", "provision", "body", "requirement", "due", "status", "draft", "adopted as")


def rows(views: Sequence[View], words: dict[str, str]) -> list[list[str]]:
    """One row per obligation, for CSV and Word tables; `words` names the statuses."""
    return [
        [
            view.instrument.short_title or view.instrument.title,
            view.citation,
            view.obligation.body,
            view.obligation.description,
            view.obligation.due_date.isoformat() if view.obligation.due_date else "",
            words.get(view.status or view.obligation.review, view.status or ""),
            view.draft.title if view.draft else "",
            view.adopted.title if view.adopted else "",
        ]
        for view in views
    ]
