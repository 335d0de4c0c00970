"""Plain ruled tables for the draft documents: fixed column widths, a bold header row that
repeats on every page, and rows of text."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table
from docx.text.run import Run


def grid(
    document: Document, columns: Sequence[str], widths: Sequence[Length], *, size=None
) -> Table:
    """An empty table with its header row; `size` is the font size of every cell."""
    table = document.add_table(rows=1, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    header = table.rows[0]
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(marker)
    for cell, name, width in zip(header.cells, columns, widths, strict=True):
        cell.width = width
        run = cell.paragraphs[0].add_run(name)
        run.bold = True
        run.font.size = size
    return table


def add_row(table: Table, values: Sequence[str], *, size=None) -> list[Run]:
    """A row of text cells, each as wide as its column; gives the runs to format further."""
    runs = []
    for cell, value, column in zip(table.add_row().cells, values, table.columns, strict=True):
        cell.width = column.width
        run = cell.paragraphs[0].add_run(value)
        run.font.size = size
        runs.append(run)
    return runs
