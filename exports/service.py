"""Documents in and out for stored versions: exports of versions and diffs, and the reading
of uploaded files (`read_document`), which `exports.importing` stores."""

from __future__ import annotations

import io
from dataclasses import dataclass

from lxml import etree
from sqlalchemy.orm import Session

from drafts import commencement, diff, redline, service
from drafts.controls import clean_tree
from drafts.db import utcnow
from drafts.models import Instrument, Version
from drafts.parse import ParseResult, ParseWarning, parse_text
from drafts.parse_patterns import LANGUAGES
from exports import akn_names, docx_out, html_out, pdf
from exports.akn_commencement import commencement_events
from exports.akn_in import read_akn
from exports.akn_modifications import passive_modifications
from exports.akn_out import to_akn
from exports.commencement_notes import mark_pending
from exports.docx_compare import comparative_docx
from exports.docx_in import read_docx
from exports.docx_redline import redline_docx
from exports.draft_read import version_rationale
from exports.safety import ZIP_MAGIC, UnsupportedFile, check_xml, decode_text, refuse_foreign
from exports.uslm_in import in_uslm, read_uslm
from exports.versions import EXTENSIONS, Exported, document_info, file_name

FORMATS = ("docx", "akn", "html", "txt", "pdf")
DIFF_KINDS = ("redline", "comparative")
TEXT_EXTENSIONS = (".txt", ".md", ".markdown", ".text")
XML_EXTENSIONS = (".xml", ".akn")


@dataclass(frozen=True, slots=True)
class Imported:
    format: str
    """"docx", "akn", "uslm" (a US bill or act in USLM XML) or "text"."""
    result: ParseResult


def export_version(
    *,
    session: Session,
    instrument: Instrument,
    version: Version,
    format: str,
    line_numbers: bool = False,
) -> Exported:
    """A version as .docx, Akoma Ntoso (with the passive modifications of the drafts that
    produced it), HTML, plain text or PDF."""
    info = document_info(session=session, instrument=instrument, version=version)
    nodes = service.read_tree(session=session, version=version)
    name = file_name(info, f"v{version.number}", EXTENSIONS[format])
    if format == "akn":
        modifications = passive_modifications(
            session=session, instrument=instrument, version=version, nodes=nodes
        )
        commenced = commencement_events(session=session, version=version, nodes=nodes)
        return Exported(
            to_akn(nodes, info, modifications=modifications, commencements=commenced),
            akn_names.MEDIA_TYPE,
            name,
        )
    if commencement.worth_marking(session=session, version=version):
        dates = commencement.dates_for(session=session, version=version, nodes=nodes)
        nodes = mark_pending(nodes, dates, utcnow().date(), instrument.language)
    if format == "html":
        return Exported(html_out.to_html(nodes, info).encode(), html_out.HTML_MEDIA_TYPE, name)
    if format == "txt":
        return Exported(html_out.to_text(nodes, info).encode(), html_out.TEXT_MEDIA_TYPE, name)
    content = docx_out.consolidated_docx(nodes, info, line_numbers=line_numbers)
    if format == "pdf":
        return Exported(pdf.docx_to_pdf(content), pdf.MEDIA_TYPE, name)
    return Exported(content, docx_out.MEDIA_TYPE, name)


def export_diff(
    *,
    session: Session,
    old: redline.Side,
    new: redline.Side,
    provision: str | None = None,
    kind: str = "redline",
    format: str = "docx",
) -> Exported:
    """A redline with tracked changes, or a comparative table, of two stored texts (of one
    provision and what it holds, when `provision` names one). The table's third column holds
    the rationale of the amendments behind the newer text when a draft produced it."""
    before = document_info(session=session, instrument=old.instrument, version=old.version)
    after = document_info(session=session, instrument=new.instrument, version=new.version)
    old_nodes = service.read_tree(session=session, version=old.version)
    new_nodes = service.read_tree(session=session, version=new.version)
    editions = old.instrument.id == new.instrument.id
    result = redline.limited(diff.compare(old_nodes, new_nodes, editions=editions), provision)
    if kind == "comparative":
        notes = version_rationale(session=session, version=new.version, language=after.language)
        content = comparative_docx(
            result, before, after, old_nodes=old_nodes, new_nodes=new_nodes, rationale=notes
        )
    else:
        author = service.author_name(session=session, version=new.version) or "Kanun"
        content = redline_docx(
            result,
            before,
            after,
            old_nodes=old_nodes,
            new_nodes=new_nodes,
            author=author,
            when=new.version.created_at,
        )
    suffix = f"{kind}-v{old.version.number}-v{new.version.number}"
    name = file_name(after, suffix, EXTENSIONS[format])
    if format == "pdf":
        return Exported(pdf.docx_to_pdf(content), pdf.MEDIA_TYPE, name)
    return Exported(content, docx_out.MEDIA_TYPE, name)


def read_document(data: bytes, *, filename: str = "", language: str | None = None) -> Imported:
    """The provisions of an uploaded .docx, Akoma Ntoso or UTF-8 text/Markdown file; control
    characters no text may hold are removed, each provision that held some with a warning."""
    imported = _read_document(data, filename=filename, language=language)
    nodes, notes = clean_tree(imported.result.nodes)
    if not notes:
        return imported
    warnings = (*imported.result.warnings, *(ParseWarning(0, note) for note in notes))
    return Imported(imported.format, ParseResult(nodes, warnings))


def _read_document(data: bytes, *, filename: str = "", language: str | None = None) -> Imported:
    language = language if language in LANGUAGES else None
    name = filename.lower()
    refuse_foreign(data)
    if name.endswith(".docx") or data.startswith(ZIP_MAGIC):
        return Imported("docx", read_docx(data, language))
    if name.endswith(XML_EXTENSIONS) or data.lstrip().startswith(b"<"):
        if _is_uslm(data):
            return Imported("uslm", read_uslm(data))
        return Imported("akn", read_akn(data))
    if name.endswith((".doc", ".pdf", ".odt", ".rtf")):
        raise UnsupportedFile(
            f"Kanun imports Word (.docx), Akoma Ntoso (.xml) and UTF-8 text or Markdown files, "
            f"not {name.rsplit('.', 1)[-1]} files; save the law in one of those formats."
        )
    return Imported("text", parse_text(decode_text(data), language))


def _is_uslm(data: bytes) -> bool:
    """Whether an XML file's root is in the USLM namespace (checked as safe first)."""
    check_xml(data)
    try:
        _, root = next(etree.iterparse(io.BytesIO(data), events=("start",), no_network=True))
    except (etree.XMLSyntaxError, StopIteration):
        return False
    return in_uslm(root)
