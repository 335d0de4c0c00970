"""PDF through LibreOffice: a .docx converted headless in a private temporary folder."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from drafts.errors import KanunError

MEDIA_TYPE = "application/pdf"
TIMEOUT_SECONDS = 180
PROGRAMS = ("soffice", "libreoffice")


class ConversionUnavailable(KanunError):
    """PDF cannot be made on this server (503)."""

    status = 503
    title = "Service unavailable"


def soffice() -> str | None:
    """The path of LibreOffice's `soffice`, or None when it is not installed."""
    return next((path for path in map(shutil.which, PROGRAMS) if path), None)


def docx_to_pdf(data: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    """The PDF of a .docx, made by LibreOffice with a profile of its own."""
    program = soffice()
    if program is None:
        raise ConversionUnavailable(
            "PDF export needs LibreOffice, which is not installed on this server; "
            "export as .docx instead, or ask an administrator to install LibreOffice Writer."
        )
    with tempfile.TemporaryDirectory(prefix="kanun-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise ConversionUnavailable(
                f"LibreOffice did not finish the PDF within {timeout} seconds."
            ) from None
        target = work / "document.pdf"
        if not target.exists():
            raise ConversionUnavailable("LibreOffice could not convert this document to PDF.")
        return target.read_bytes()
