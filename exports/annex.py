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
from exports.grid import add_row, grid
from exports.info import DocumentInfo, Edition

COLUMNS = ("Article", "Before", "After", "Provisions and suggestions after the draft")
WIDTHS = (Cm(5.6), Cm(2.2), Cm(2.2), Cm(6.6))
STATUS_NAMES = {
    "conflict": "Conflict",
    "covered": "Covered",
    "partial": "Partial",
    "referenced": "Referenced",
    "gap": "Gap",
}
NO_FRAMEWORKS = (
    "No treaty frameworks are loaded, so there is no coverage to show; "
    "an administrator loads them with `kanun load-frameworks`."
)
SMALL = Pt(9)


def annex_docx(data: DraftDocuments) -> bytes:
    """The annex alone, as a .docx with a title of its own."""
    info = DocumentInfo(
        title=f"Alignment annex: {data.title}",
        work_uri=f"draft/{data.id}",
        language=data.language,
        edition=Edition(number=data.id, status="draft", created=data.when.date()),
    )
    document = new_document(info)
    document.core_properties.subject = f"Draft package {data.id}"
    title = document.add_paragraph(info.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    write_annex(document, data.annex, level=1)
    return save(document)


def write_annex(document: Document, annexed: Sequence[Annexed], *, level: int) -> None:
    """The annex's sections, with headings at `level`; one sentence when nothing is loaded."""
    if not annexed:
        document.add_paragraph(NO_FRAMEWORKS)
        return
    for item in annexed:
        result = item.coverage
        document.add_paragraph(f"{result.after.framework} — {item.title}", style=f"Heading {level}")
        document.add_paragraph(_summary(result.before, result.after, len(result.changes())))
        _table(document, result.before, result.after, {c["number"] for c in result.changes()})


def _summary(before: Coverage, after: Coverage, changed: int) -> str:
    old, new = before.summary(), after.summary()
    counts = ", ".join(
        f"{STATUS_NAMES[status].lower()} {old[status]} → {new[status]}"
        for status in STATUS_NAMES
        if old[status] or new[status]
    )
    coverage = (
        f"Coverage {old['coverage_percent']}% before the draft and {new['coverage_percent']}% "
        f"after it, of {new['articles']} articles ({counts})."
    )
    if not changed:
        return f"{coverage} The draft neither changes nor refers to any of them."
    articles = "article" if changed == 1 else "articles"
    return f"{coverage} The draft changes or refers to {changed} {articles}, shown in bold."


def _table(document: Document, before: Coverage, after: Coverage, marked: set[str]) -> None:
    table = grid(document, COLUMNS, WIDTHS, size=SMALL)
    for old, new in zip(before.articles, after.articles, strict=True):
        values = (
            f"{new.number}. {new.title}" if new.title else new.number,
            STATUS_NAMES[old.status],
            STATUS_NAMES[new.status],
            _behind(new),
        )
        for run in add_row(table, values, size=SMALL):
            run.bold = new.number in marked or None


def _behind(article: ArticleStatus) -> str:
    """'Paragraph 1 of Article 3 (implements); new provisions after Article 2 (suggested)',
    each link once (after a consolidation an amendment's reference is also a stored link)."""
    shown = [
        f"{b.label} ({b.relation.replace('_', ' ')}{', to recheck' if b.needs_recheck else ''})"
        for b in article.provisions
    ]
    shown += [f"{b.label} (suggested: {b.relation.replace('_', ' ')})" for b in article.suggested]
    return "; ".join(dict.fromkeys(shown))
