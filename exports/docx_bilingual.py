"""The bilingual comparative table: two language versions of an instrument in two columns,
provision by provision, each caption the provision's citation in its own text, and the
provisions whose translation is out of date or missing marked in the column that lags."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

import docx
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt, RGBColor

from drafts.linked import CURRENT, MISSING, Pair, Side
from drafts.models import Instrument

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FLAG_COLOUR = RGBColor(0xC0, 0x00, 0x00)
WORDS = {
    "en": {
        "out_of_date": "Translation out of date",
        "missing": "No counterpart in this text",
        "title": "Bilingual comparative table",
        "working": "working translation",
        "official": "official text",
    },
    "ru": {
        "out_of_date": "Перевод устарел",
        "missing": "В этом тексте нет соответствующего положения",
        "title": "Двуязычная сравнительная таблица",
        "working": "рабочий перевод",
        "official": "официальный текст",
    },
    "tk": {
        "out_of_date": "Terjime köne",
        "missing": "Bu tekstde degişli düzgün ýok",
        "title": "Iki dilli deňeşdirme tablisasy",
        "working": "iş terjimesi",
        "official": "resmi tekst",
    },
}
"""The words around the texts, in the language of the column they stand in (the title in the
left text's language)."""


def _words(language: str) -> dict[str, str]:
    return WORDS.get(language, WORDS["en"])


def bilingual_docx(
    left: Instrument,
    right: Instrument,
    pairs: Sequence[Pair],
    *,
    authority: dict[int, str] | None = None,
) -> bytes:
    """The table as a landscape .docx."""
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.8))
    document.core_properties.title = f"{_words(left.language)['title']}: {left.title}"
    document.core_properties.language = left.language
    document.add_heading(_words(left.language)["title"], level=1)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, instrument in zip(table.rows[0].cells, (left, right), strict=True):
        said = _words(instrument.language)
        kind = (authority or {}).get(instrument.id)
        cell.paragraphs[0].add_run(instrument.title).bold = True
        if kind:
            cell.add_paragraph(f"({said[kind]}, {instrument.language})")
    for pair in pairs:
        cells = table.add_row().cells
        _fill(cells[0], pair.left, pair.left_state, left.language)
        _fill(cells[1], pair.right, pair.right_state, right.language)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _fill(cell, side: Side | None, state: str, language: str) -> None:
    said = _words(language)
    paragraph = cell.paragraphs[0]
    if side is not None:
        caption = paragraph.add_run(side.citation or side.num)
        caption.bold = True
        caption.font.size = Pt(9)
        if side.heading:
            cell.add_paragraph(side.heading).runs[0].bold = True
        if side.text:
            cell.add_paragraph(side.text)
    if state != CURRENT:
        flag = cell.add_paragraph().add_run(said["missing" if state == MISSING else "out_of_date"])
        flag.italic = True
        flag.font.color.rgb = FLAG_COLOUR
