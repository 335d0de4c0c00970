"""Checks an uploaded file must pass before any parser sees it.

A .docx is a zip of XML parts. Before python-docx opens one, the bytes are checked for the
size limit, the zip signature (an encrypted Word file is an OLE compound file instead), a
readable central directory, the number of entries, the total and per-entry uncompressed
sizes (zip bombs), and every XML part for a document type declaration or entity, which no
Word file needs and which XML bombs and external-entity attacks rely on. Text must be
UTF-8; XML files get the same declaration check. Each refusal is a sentence for a person.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from drafts.errors import InvalidInput

MAX_FILE_BYTES = 10 * 2**20
"""Largest file accepted for import, in bytes."""
MAX_UNCOMPRESSED_BYTES = 100 * 2**20
"""Largest total size of the parts of a .docx once unzipped."""
MAX_ENTRIES = 1_000
MAX_RATIO = 100
"""Largest compression ratio of one part larger than `RATIO_FLOOR` bytes."""
RATIO_FLOOR = 2**20

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_MAGIC = b"%PDF-"
REQUIRED_PARTS = ("[Content_Types].xml", "word/document.xml")

_DECLARATION = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class UnsupportedFile(InvalidInput):
    """The file is not of a kind Kanun reads (415)."""

    status = 415


class FileTooLarge(InvalidInput):
    """The file, or what it unpacks to, is over a limit (413)."""

    status = 413


def check_size(data: bytes, name: str = "The file") -> None:
    if len(data) > MAX_FILE_BYTES:
        raise FileTooLarge(
            f"{name} is {len(data) / 2**20:.1f} MB; files of up to "
            f"{MAX_FILE_BYTES // 2**20} MB can be imported."
        )
    if not data:
        raise InvalidInput(f"{name} is empty.")


def refuse_foreign(data: bytes) -> None:
    """Refuse the binary formats people upload by mistake, with what to do instead."""
    if data.startswith(OLE_MAGIC):
        raise UnsupportedFile(
            "This is a password-protected Word file or an old .doc file: remove the password "
            "or save it as a Word document (.docx), then import it again."
        )
    if data.startswith(PDF_MAGIC):
        raise UnsupportedFile(
            "This is a PDF file; import the Word (.docx) or plain-text version of the law."
        )


def check_docx(data: bytes) -> None:
    """Raise unless `data` looks like a safe .docx package; reads every part once, capped."""
    check_size(data)
    refuse_foreign(data)
    if not data.startswith(ZIP_MAGIC):
        raise UnsupportedFile("This file is not a Word document (.docx): it is not a zip package.")
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            entries = package.infolist()
            _check_entries(entries)
            for entry in entries:
                _check_part(package, entry)
    except zipfile.BadZipFile as error:
        raise InvalidInput(
            f"This Word document is damaged and cannot be opened ({error}); "
            "save it again in Word and import the new copy."
        ) from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError):
        raise InvalidInput(
            "This Word document uses a zip feature Kanun does not read; "
            "save it again in Word and import the new copy."
        ) from None


def _check_entries(entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise FileTooLarge(
            f"This Word document holds {len(entries)} parts; at most {MAX_ENTRIES} are accepted."
        )
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise FileTooLarge(
            f"This Word document unpacks to {total / 2**20:.0f} MB; at most "
            f"{MAX_UNCOMPRESSED_BYTES // 2**20} MB are accepted."
        )
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise UnsupportedFile(
                "This Word document is encrypted; remove the password and import it again."
            )
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise FileTooLarge(
                f"The part {entry.filename} of this Word document is compressed {ratio:.0f} "
                "times, which only a zip bomb does; it was not opened."
            )
    names = {entry.filename for entry in entries}
    missing = [name for name in REQUIRED_PARTS if name not in names]
    if missing:
        raise UnsupportedFile(
            f"This zip file is not a Word document (.docx): it has no {missing[0]}."
        )


def _check_part(package: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    """Read one part (the zip module stops at its declared size and checks its CRC)."""
    with package.open(entry) as stream:
        content = stream.read(entry.file_size + 1)
    if len(content) > entry.file_size:
        raise FileTooLarge(f"The part {entry.filename} is larger than its zip entry declares.")
    if entry.filename.lower().endswith((".xml", ".rels")):
        check_xml(content, f"The part {entry.filename} of this Word document")


def check_xml(data: bytes, name: str = "This XML file") -> None:
    """Refuse XML with a document type declaration or entity declarations, in whatever
    encoding the XML itself says it is in (see `xml_encoding`)."""
    encoding = xml_encoding(data)
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:
        raise UnsupportedFile(
            f"{name} is in the encoding {encoding!r}, which Kanun does not read; save it as UTF-8."
        ) from None
    if _DECLARATION.search(text):
        raise UnsupportedFile(
            f"{name} declares a document type or entities, which Kanun does not accept "
            "because they can be used to read files or exhaust the server."
        )


_SIGNATURES = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x4c\x6f\xa7\x94", "cp500"),
)
"""The XML specification's appendix F: a byte-order mark, or how `<?` is written."""
_ENCODING_DECLARATION = re.compile(
    r"""^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']"""
)


def xml_encoding(data: bytes) -> str:
    """The encoding of an XML document, found as its specification says (appendix F): from a
    byte-order mark or the way its first characters are written, then, in an encoding that
    keeps ASCII as ASCII, from the encoding declaration; UTF-8 otherwise."""
    family = next((codec for mark, codec in _SIGNATURES if data.startswith(mark)), "utf-8")
    head = data[:1024].decode(family, errors="replace").lstrip("\ufeff")
    declared = _ENCODING_DECLARATION.match(head)
    if declared is None:
        return family
    if family.startswith(("utf-16", "utf-32")):
        return family  # a UTF-16 document that calls itself UTF-16 is read as its marks say
    return declared.group(1).lower()


def decode_text(data: bytes, name: str = "This text file") -> str:
    """The UTF-8 text of `data` (a byte-order mark is dropped), or a sentence why not."""
    check_size(data, name)
    refuse_foreign(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnsupportedFile(
            f"{name} is not UTF-8 text (byte {error.start + 1} is not valid UTF-8); "
            "save it as UTF-8 and import it again."
        ) from None
