"""The report writers, one registry: each format with its content type and a function from the report to the
file's bytes. The command line writes the bytes to its output file, the web serves them (cached per data stamp,
``web.reports.report_file``); neither knows how a format is made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .content import Report
from .docx_writer import write_docx
from .html_writer import write_html
from .pdf_writer import write_pdf
from .xlsx_writer import write_xlsx


@dataclass(frozen=True)
class Writer:
    """One report format: its name for people, the HTTP content type, and Report → bytes."""

    label: str
    content_type: str
    write: Callable[[Report], bytes]


WRITERS: dict[str, Writer] = {  # keyed by the file extension
    "docx": Writer("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", write_docx),
    "html": Writer("HTML", "text/html; charset=utf-8", write_html),
    "pdf": Writer("PDF", "application/pdf", write_pdf),
    "xlsx": Writer("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", write_xlsx),
}


def preload() -> None:
    """Import what the writers import on first use (matplotlib with its CJK font, python-docx, ReportLab with
    its CID font; about 0.8 s of CPU): the web server calls this before it forks its workers, so that every
    worker's first report costs what a later one does. The command line never calls it: it imports only the
    writer it needs."""
    import docx  # noqa: F401
    import openpyxl  # noqa: F401
    import reportlab.platypus  # noqa: F401

    from .charts import _figure
    from .pdf_direct import _measure

    _figure()
    _measure()


def render(report: Report, fmt: str) -> bytes:
    """The report as a file of format ``fmt`` (a key of :data:`WRITERS`)."""
    return WRITERS[fmt].write(report)
