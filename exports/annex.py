"""The alignment annex: each loaded treaty's coverage before and after a draft.

One section per framework: the coverage percentage and counts before and after, then a
table with a row per article (its status before and after, and the provisions and
suggestions behind it after the draft). Rows the draft changes or refers to are in bold.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from alignment.coverage import ArticleStatus, Coverage
from exports.docx_out import new_document, save
from exports.draft_read import Annexed, DraftDocuments
from exports.furniture import EN, Words, words
from exports.grid import add_row, grid
from exports.info import DocumentInfo, Edition

COLUMNS = ("annex.article", "annex.before", "annex.after", "annex.behind")
"""The table's columns, as keys of `exports.furniture`."""
WIDTHS = (Cm(5.6), Cm(2.2), Cm(2.2), Cm(6.6))
STATUSES = ("conflict", "covered", "partial", "referenced", "gap")
NO_FRAMEWORKS = EN["annex.none"]
SMALL = Pt(9)


def annex_docx(data: DraftDocuments) -> bytes:
    """The annex alone, as a .docx with a title of its own."""
    info = DocumentInfo(
        title=words(data.language)("annex.title", title=data.title),
        work_uri=f"draft/{data.id}",
        language=data.language,
        edition=Edition(number=data.id, status="draft", created=data.when.date()),
    )
    document = new_document(info)
    title = document.add_paragraph(info.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    write_annex(document, data.annex, level=1, language=data.language)
    return save(document)


def write_annex(
    document: Document, annexed: Sequence[Annexed], *, level: int, language: str = "en"
) -> None:
    """The annex's sections, with headings at `level`; one sentence when nothing is loaded."""
    said = words(language)
    if not annexed:
        document.add_paragraph(said("annex.none"))
        return
    for item in annexed:
        result = item.coverage
        document.add_paragraph(f"{result.after.framework} — {item.title}", style=f"Heading {level}")
        document.add_paragraph(_summary(result.before, result.after, len(result.changes()), said))
        marked = {c["number"] for c in result.changes()}
        _table(document, result.before, result.after, marked, said)


def _summary(before: Coverage, after: Coverage, changed: int, said: Words) -> str:
    old, new = before.summary(), after.summary()
    counts = ", ".join(
        f"{said(f'coverage.{status}').lower()} {old[status]} → {new[status]}"
        for status in STATUSES
        if old[status] or new[status]
    )
    coverage = said(
        "annex.coverage",
        before=old["coverage_percent"],
        after=new["coverage_percent"],
        articles=new["articles"],
        counts=counts,
    )
    touched = said("annex.touched", changed=changed) if changed else said("annex.untouched")
    return f"{coverage} {touched}"


def _table(
    document: Document, before: Coverage, after: Coverage, marked: set[str], said: Words
) -> None:
    table = grid(document, tuple(said(name) for name in COLUMNS), WIDTHS, size=SMALL)
    for old, new in zip(before.articles, after.articles, strict=True):
        values = (
            f"{new.number}. {new.title}" if new.title else new.number,
            said(f"coverage.{old.status}"),
            said(f"coverage.{new.status}"),
            _behind(new, said),
        )
        for run in add_row(table, values, size=SMALL):
            run.bold = new.number in marked or None


def _behind(article: ArticleStatus, said: Words) -> str:
    """'Paragraph 1 of Article 3 (implements); new provisions after Article 2 (suggested)',
    each link once (after a consolidation an amendment's reference is also a stored link)."""

    def relation(name: str) -> str:
        key = f"relation.{name}"
        return said(key) if key in EN else name.replace("_", " ")

    shown = [
        f"{b.label} ({relation(b.relation)}"
        + (f", {said('relation.recheck')})" if b.needs_recheck else ")")
        for b in article.provisions
    ]
    shown += [
        f"{b.label} ({said('relation.suggested', relation=relation(b.relation))})"
        for b in article.suggested
    ]
    return "; ".join(dict.fromkeys(shown))
