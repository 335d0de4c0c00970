"""PDF through LibreOffice, with the table of contents filled in.

LibreOffice does not update a document's table of contents when it converts it, so a PDF
made with `--convert-to` lists the headings without page numbers. Kanun converts instead
with a small Basic routine run by LibreOffice itself (`Kanun.ToPdf`): it opens the .docx,
updates every index (the contents get their page numbers from LibreOffice's own layout)
and saves the PDF. The routine lives in a LibreOffice profile this process makes once, in a
private temporary folder; conversions in one process take turns with it. Should the routine
not give a PDF, the plain conversion is used.
"""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from drafts.errors import KanunError

MEDIA_TYPE = "application/pdf"
TIMEOUT_SECONDS = 180
PROGRAMS = ("soffice", "libreoffice")
MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Kanun"
 script:language="StarBasic">
Sub ToPdf(source As String, target As String)
  Dim opening(0) As New com.sun.star.beans.PropertyValue
  opening(0).Name = &quot;Hidden&quot;
  opening(0).Value = True
  address = ConvertToURL(source)
  document = StarDesktop.loadComponentFromURL(address, &quot;_blank&quot;, 0, opening())
  indexes = document.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next
  Dim saving(0) As New com.sun.star.beans.PropertyValue
  saving(0).Name = &quot;FilterName&quot;
  saving(0).Value = &quot;writer_pdf_Export&quot;
  document.storeToURL(ConvertToURL(target), saving())
  document.close(True)
End Sub
</script:module>
"""
_LIBRARY_ENTRY = '<library:element library:name="Kanun"/>'
_turns = threading.Lock()
_profile: Path | None = None


class ConversionUnavailable(KanunError):
    """PDF cannot be made on this server (503)."""

    status = 503


def soffice() -> str | None:
    """The path of LibreOffice's `soffice`, or None when it is not installed."""
    return next((path for path in map(shutil.which, PROGRAMS) if path), None)


def docx_to_pdf(data: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    """The PDF of a .docx, its table of contents with page numbers."""
    program = soffice()
    if program is None:
        raise ConversionUnavailable(
            "PDF export needs LibreOffice, which is not installed on this server; "
            "export as .docx instead, or ask an administrator to install LibreOffice Writer."
        )
    with _turns, tempfile.TemporaryDirectory(prefix="kanun-pdf-") as folder:
        work = Path(folder)
        source, target = work / "document.docx", work / "document.pdf"
        source.write_bytes(data)
        profile = _macro_profile(program, timeout)
        if profile is not None:
            macro = f'macro:///Standard.Kanun.ToPdf("{source}","{target}")'
            _run([program, _installation(profile), "--headless", "--invisible", macro], timeout)
        if not target.exists():
            plain = [program, _installation(work / "profile"), "--headless"]
            _run([*plain, "--convert-to", "pdf", "--outdir", str(work), str(source)], timeout)
        if not target.exists():
            raise ConversionUnavailable("LibreOffice could not convert this document to PDF.")
        return target.read_bytes()


def _macro_profile(program: str, timeout: int) -> Path | None:
    """This process's LibreOffice profile holding the Kanun routine (made on first use)."""
    global _profile
    if _profile is not None:
        return _profile
    folder = Path(tempfile.mkdtemp(prefix="kanun-office-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    _run([program, _installation(folder), "--headless", "--terminate_after_init"], timeout)
    library = folder / "user" / "basic" / "Standard"
    listing = library / "script.xlb"
    if not listing.exists():
        return None
    (library / "Kanun.xba").write_text(MODULE, encoding="utf-8")
    text = listing.read_text(encoding="utf-8")
    if _LIBRARY_ENTRY not in text:
        listing.write_text(
            text.replace("</library:library>", f" {_LIBRARY_ENTRY}\n</library:library>"),
            encoding="utf-8",
        )
    _profile = folder
    return folder


def _installation(profile: Path) -> str:
    return f"-env:UserInstallation={profile.as_uri()}"


def _run(command: list[str], timeout: int) -> None:
    try:
        subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise ConversionUnavailable(
            f"LibreOffice did not finish the PDF within {timeout} seconds."
        ) from None
