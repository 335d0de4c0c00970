"""Editorial notes are compared on their own and never amended by instructions."""

import pytest

from drafts.diff import compare
from drafts.instructions import instructions
from drafts.parse import parse_text

OLD = "Статья 3. Сфера\n\n1. Закон действует.\n"
NEW = (
    "Статья 3. Сфера\n\n1. Закон действует везде.\n\n"
    "> *Сноска. Статья 3 с изменением, внесенным Законом РК от 13.05.2020 № 327-VI.*\n"
)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_new_note_is_reported_but_never_amended(lang):
    result = compare(parse_text(OLD).nodes, parse_text(NEW).nodes)
    changed = [(e.kind, e.statuses) for e in result.entries if e.changed]
    assert changed == [("paragraph", ("modified",)), ("note", ("inserted",))]
    planned = instructions(result, lang=lang)
    assert planned.items and all("note" not in item.eid for item in planned.items)
    assert "Сноска" not in planned.text
