"""Words of regulation tracking that pages and exported tables share, marked for translation."""

from __future__ import annotations

from collections.abc import Callable

from frontend.vocabulary import N_

STATUS_WORDS = {
    "not_started": N_("not started"),
    "drafting": N_("in drafting"),
    "adopted": N_("adopted"),
    "overdue": N_("overdue"),
    "proposed": N_("proposed"),
    "rejected": N_("rejected"),
}
COLUMNS = (
    N_("Law"),
    N_("Provision"),
    N_("Responsible body"),
    N_("Requirement"),
    N_("Due"),
    N_("Status"),
    N_("Draft package"),
    N_("Adopted as"),
)
TABLE_TITLE = N_("Implementing acts required")
SUMMARY = N_(
    "%(law)s: %(required)d regulations required — %(adopted)d adopted, %(drafting)d in "
    "drafting, %(overdue)d overdue, %(not_started)d not started"
)


def summary_line(gettext: Callable[[str], str], law: str, counts: dict[str, int]) -> str:
    """'Law on Social Services: 12 regulations required — 5 adopted, 4 in drafting, …'."""
    return gettext(SUMMARY) % {"law": law, **counts}


def status_words(gettext: Callable[[str], str]) -> dict[str, str]:
    return {key: gettext(word) for key, word in STATUS_WORDS.items()}
