"""Words the pages show from data (kinds, statuses, stages, roles), marked for translation.

The templates translate them with `_(value)`; listing them here lets the catalog extractor
(`pybabel extract`, see README) find them.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message for extraction without translating it here."""
    return message


WORDS = (
    # instrument kinds
    N_("law"), N_("code"), N_("bill"), N_("regulation"), N_("decree"), N_("order"),
    # provision kinds
    N_("Part"), N_("Chapter"), N_("Section"), N_("Article"), N_("Paragraph"), N_("Point"),
    N_("Subpoint"), N_("Preamble"), N_("Block"),
    # version and amendment statuses
    N_("draft"), N_("adopted"), N_("in force"), N_("repealed"), N_("superseded"),
    N_("not yet in force"), N_("proposed"), N_("accepted"),
    N_("rejected"), N_("withdrawn"),
    # stages
    N_("drafting"), N_("working group"), N_("consultation"), N_("submitted"),
    N_("first reading"), N_("second reading"),
    # amendment kinds
    N_("replace text"), N_("replace heading"), N_("insert"), N_("delete"), N_("move"),
    N_("renumber"),
    # roles
    N_("admin"), N_("drafter"), N_("reviewer"), N_("viewer"),
    # history
    N_("added"), N_("modified"), N_("unchanged"), N_("removed"),
    # treaty links and coverage
    N_("implements"), N_("partially implements"), N_("references"), N_("conflicts with"),
    N_("suggested"), N_("confirmed"), N_("manual"), N_("amendment"), N_("suggester"),
    N_("covered"), N_("partial"), N_("referenced"), N_("conflict"), N_("gap"),
    # error titles
    N_("Bad request"), N_("Not signed in"), N_("Forbidden"), N_("Not found"),
    N_("Conflict"), N_("Invalid input"), N_("Precondition failed"), N_("Too many requests"),
    N_("Internal server error"),
)  # fmt: skip
