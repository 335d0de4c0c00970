"""Texts, trees, document facts and bad files shared by the export tests."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

from drafts.parse import parse_text
from drafts.tree import Node
from exports.info import DocumentInfo, Edition
from tests.corpus import CORPUS as REAL_LAWS

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "api" / "demo"
CORPUS = REAL_LAWS / "uk-docx-bills"

TURKMEN = """Sosial hyzmatlar hakynda Türkmenistanyň Kanuny

I bap. Umumy düzgünler

1-nji madda. Esasy düşünjeler

1. Şu Kanunda ulanylýan esasy düşünjeler:

a) sosial hyzmatlar — kömek we maslahat;

b) maşgala — ýaşaýan adamlar.

2. Kanun ähli raýatlara degişlidir.

2-nji madda. Kanunçylyk

Türkmenistanyň kanunçylygy Konstitusiýa esaslanýar.

II bap. Jogapkärçilik

3-nji madda. Jogapkärçilik

Kanuny bozýan adamlar jogapkärçilige çekilýär.
"""


def demo_text(name: str) -> str:
    return (DEMO / name).read_text(encoding="utf-8")


def tree(name: str, language: str) -> tuple[Node, ...]:
    text = TURKMEN if name == "tk" else demo_text(name)
    return parse_text(text, language).nodes


def info(language: str = "en", *, number: int = 2, status: str = "draft") -> DocumentInfo:
    first = Edition(1, "in_force", date(2021, 1, 1), "As adopted", date(2021, 1, 1))
    current = Edition(number, status, date(2024, 5, 1), "Working draft")
    return DocumentInfo(
        title="Law on Social Services",
        short_title="Social Services",
        work_uri="/akn/tm/act/2021/social-services",
        language=language,
        jurisdiction="tm",
        edition=current,
        history=(first, current) if number > 1 else (current,),
    )


def zipped(parts: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", compression) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return stream.getvalue()


def valid_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Article 1. Scope")
    document.add_paragraph("1. This Law governs social services.")
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    """A copy of a .docx with one part replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {entry.filename: source.read(entry) for entry in source.infolist()}
    parts[name] = content
    return zipped(parts)


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body>
<article eId="art_1"><content><p>&lol2;</p></content></article></body></act></akomaNtoso>"""
USLM_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<bill xmlns="http://schemas.gpo.gov/xml/uslm"><main><section><content>&lol2;</content>
</section></main></bill>"""


def bad_files() -> dict[str, tuple[str, bytes, int]]:
    """Name → (file name, bytes, HTTP status) of files an import must refuse."""
    good = valid_docx()
    bomb = zipped(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document>" + b" " * (30 * 2**20) + b"</w:document>",
        }
    )
    many = zipped({f"word/part{i}.xml": b"<a/>" for i in range(1_100)})
    return {
        "not a zip": ("law.docx", b"This is not a Word document at all." * 10, 415),
        "truncated zip": ("law.docx", good[: len(good) // 2], 422),
        "zip bomb": ("law.docx", bomb, 413),
        "too many entries": ("law.docx", many, 413),
        "doctype in document.xml": ("law.docx", with_part(good, "word/document.xml", XXE), 415),
        "entity in styles.xml": ("law.docx", with_part(good, "word/styles.xml", XXE), 415),
        "encrypted word file": ("law.docx", bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600, 415),
        "oversize": ("law.docx", b"PK\x03\x04" + b"\0" * (11 * 2**20), 413),
        "invalid utf-8 text": ("law.txt", "Статья 1.".encode("cp1251") * 20, 415),
        "entity expansion in xml": ("law.xml", LAUGHS, 415),
        "entity expansion in uslm": ("bill.xml", USLM_LAUGHS, 415),
        "pdf": ("law.pdf", b"%PDF-1.7\n" + b"\0" * 100, 415),
        "empty": ("law.txt", b"", 422),
    }
