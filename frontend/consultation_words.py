"""Words of the consultation report and pages, marked for translation."""

from __future__ import annotations

from frontend.vocabulary import N_

OUTCOME_WORDS = {
    "accepted": N_("accepted"),
    "partly_accepted": N_("partly accepted"),
    "not_accepted": N_("not accepted"),
    "noted": N_("noted"),
}
REPORT_COLUMNS = (N_("Organisation"), N_("Provision"), N_("Comment"), N_("Response"), N_("Outcome"))
REPORT_TITLE = N_("Consultation report")
REPORT_WIDTHS = (4.0, 3.0, 8.0, 8.0, 3.6)
ROLE = N_("guest")
"""The role of people from outside organisations, as the pages name it."""
