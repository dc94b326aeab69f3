"""PDF: drawn directly by default (:mod:`planwatch.reports.pdf_direct`: fast, numbers never broken, no
LibreOffice needed); with ``PLANWATCH_PDF_ENGINE=libreoffice``, the Word report converted by LibreOffice
headless — the same document, page for page.

Each conversion runs with its own throwaway LibreOffice profile, so parallel conversions never share or lock
one; a missing LibreOffice or a failed conversion is a one-line error, and nothing is written."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..core.errors import PlanwatchError
from .content import Report
from .docx_writer import write_docx
from .pdf_direct import write_pdf_direct

TIMEOUT = 180


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_pdf(report: Report) -> bytes:
    if os.environ.get("PLANWATCH_PDF_ENGINE", "direct") != "libreoffice":
        return write_pdf_direct(report)
    return convert_docx(report)


def convert_docx(report: Report) -> bytes:
    """The .docx report converted to PDF by LibreOffice."""
    binary = soffice()
    if binary is None:
        raise PlanwatchError("无法生成 PDF：未安装 LibreOffice（apt-get install libreoffice-writer-nogui）")
    with tempfile.TemporaryDirectory(prefix="planwatch-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "report.docx"
        source.write_bytes(write_docx(report))
        try:
            result = subprocess.run(
                [binary, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                capture_output=True, text=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise PlanwatchError(f"生成 PDF 超时（{TIMEOUT} 秒）") from exc
        produced = folder / "report.pdf"
        if result.returncode != 0 or not produced.exists() or produced.stat().st_size == 0:
            raise PlanwatchError(f"LibreOffice 未能生成 PDF：{(result.stderr or result.stdout).strip()[-200:]}")
        return produced.read_bytes()
