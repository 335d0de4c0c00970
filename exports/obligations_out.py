"""Tables for a working group (obligations, the consultation report): CSV, or a Word document
(landscape, ruled)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from exports.docx_out import MEDIA_TYPE as DOCX_MEDIA_TYPE
from exports.grid import add_row, grid

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
_WIDTHS = (3.2, 2.6, 3.6, 7.0, 2.2, 2.2, 3.2, 2.6)
"""Centimetres per column of the Word table (26.6 cm of landscape A4 between margins)."""


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """UTF-8 with a byte order mark, so that spreadsheet programs read the letters right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_docx(
    title: str,
    lines: Sequence[str],
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float] = _WIDTHS,
) -> bytes:
    """A landscape document: the title, lines under it ("12 required — 5 adopted…"), the table
    (`widths` in centimetres, 26.6 in all)."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.5))
    document.add_heading(title, level=1)
    for line in lines:
        document.add_paragraph(line)
    table = grid(document, columns, [Cm(width) for width in widths], size=Pt(9))
    for row in rows:
        add_row(table, row, size=Pt(9))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


__all__ = ["CSV_MEDIA_TYPE", "DOCX_MEDIA_TYPE", "to_csv", "to_docx"]
