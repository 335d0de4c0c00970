"""Fill a page catalog's translations from a table, or list what a catalog still lacks.

    .venv/bin/python scripts/catalog_fill.py tk TABLE.tsv   # write the translations into the .po
    .venv/bin/python scripts/catalog_fill.py tk             # list the untranslated messages

The table is UTF-8 text, one message a line: the English message (the msgid; for a plural
message its singular), a tab, then the translation, and for a plural message each further
form after another tab. Backslash escapes `\\n`, `\\t` and `\\\\` stand for a new line, a tab
and a backslash. A translation whose placeholders differ from the message's is refused, and
nothing is written. The .po file stays the one place of the translations: the table is only a
convenient way to write many of them at once.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

LOCALE = Path(__file__).resolve().parent.parent / "frontend" / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
WIDTH = 100  # as `pybabel update -w 100` writes them


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text)


def read_table(path: Path) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        msgid, *forms = line.split("\t")
        if not forms or not all(forms):
            raise SystemExit(f"{path}:{number}: no translation for {msgid!r}")
        table[unescape(msgid)] = tuple(unescape(form) for form in forms)
    return table


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def fill(lang: str, table: dict[str, tuple[str, ...]]) -> int:
    path = LOCALE / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang)
    problems, filled = [], 0
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = table.get(ids[0])
        if forms is None:
            continue
        if isinstance(message.id, tuple):
            wanted = catalog.num_plurals
            forms = (forms * wanted)[:wanted] if len(forms) == 1 else forms
            if len(forms) != wanted:
                problems.append(f"{ids[0]!r}: {wanted} plural forms expected")
                continue
        expected = placeholders(ids[-1]) | placeholders(ids[0])
        for form in forms:
            if placeholders(form) != expected:
                problems.append(f"{ids[0]!r}: placeholders of {form!r} differ")
        message.string = forms if isinstance(message.id, tuple) else forms[0]
        filled += 1
    if problems:
        raise SystemExit("\n".join(problems))
    with path.open("wb") as po:
        write_po(po, catalog, width=WIDTH)
    return filled


def untranslated(lang: str) -> list[str]:
    with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale=lang)
    return [
        str(m.id)
        for m in catalog
        if m.id and not all(m.string if isinstance(m.string, tuple) else (m.string,))
    ]


def main(argv: list[str]) -> int:
    if len(argv) == 2:
        print(f"{fill(argv[0], read_table(Path(argv[1])))} messages translated")
        return 0
    if len(argv) == 1:
        missing = untranslated(argv[0])
        print("\n".join(missing) or "every message is translated")
        return 1 if missing else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
