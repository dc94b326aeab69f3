"""Small files built to exhaust memory or CPU are refused quickly: one line, exit code 2, nothing written.

Each file is a few KB (the PDF a few hundred): a spreadsheet declaring every cell of the sheet, a Word cell
spanning fifty million columns, a PDF whose streams inflate far beyond any real plan. A legitimate table with
3,000 vertically merged rows is read (iteratively, in well under a second), not refused.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

# runs the CLI in a fresh interpreter and prints its own peak memory (KB) on the last line of stderr. VmHWM, not
# getrusage's ru_maxrss: Linux carries ru_maxrss over a fork and exec, so a child of a large pytest process would
# report the parent's peak.
_MEASURED = (
    "import re, sys\n"
    "from planwatch.cli import main\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    "peak = re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1)\n"
    "sys.stderr.write(f'\\n@maxrss {peak}\\n')\n"
    "sys.exit(code)\n"
)


def _run_measured(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float, int]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _MEASURED, *args], capture_output=True, text=True, cwd=cwd,
                            check=False, timeout=120)
    elapsed = time.perf_counter() - start
    err, _, rss = result.stderr.rpartition("@maxrss ")
    result.stderr = err.strip()
    return result, elapsed, int(rss or 0)


INDICATORS = [["类别", "序号", "指标名称", "单位", "2020年", "2025年", "年均增长", "属性"],
              ["经济发展", "1", "地区生产总值", "亿元", "1000", "1500", "8%", "预期性"],
              ["绿色生态", "2", "单位GDP能耗降低", "%", "", "[13.5]", "", "约束性"]]


def _xlsx_declaring_every_cell(path: Path) -> None:
    """A real indicator table whose sheet claims A1:XFD1048576 (17 billion cells) and ends in an empty last row."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for row in INDICATORS:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:H3"/>', b'<dimension ref="A1:XFD1048576"/>')
                data = data.replace(b"</sheetData>", b'<row r="1048576"/></sheetData>')
                assert b"XFD1048576" in data
            dst.writestr(info.filename, data)


def _xlsx_with_rows_reaching_column_xfd(path: Path) -> None:
    """3,000 rows with one cell each, in the sheet's last column: 49 million cell positions."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for row in range(1, 3001):
        ws.cell(row=row, column=16384, value=row)
    wb.save(path)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_with_body(path: Path, body: str) -> None:
    """A real .docx (made by python-docx) whose body is replaced by the given WordprocessingML."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                        f'<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>').encode()
            dst.writestr(info.filename, data)


def _cell(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _docx_with_a_huge_span(path: Path) -> None:
    _docx_with_body(path, '<w:p><w:r><w:t>第一章 总则</w:t></w:r></w:p><w:tbl><w:tr>'
                    + _cell("类别", '<w:gridSpan w:val="50000000"/>') + "</w:tr></w:tbl>")


MERGED_ROWS = 3000


def _docx_with_merged_rows(path: Path) -> None:
    """A two-column table whose first cell is merged down 3,000 rows (one 类别 over many indicators)."""
    rows = ["<w:tr>" + _cell("经济发展", '<w:vMerge w:val="restart"/>') + _cell("指标1") + "</w:tr>"]
    rows += ["<w:tr>" + _cell("", "<w:vMerge/>") + _cell(f"指标{i}") + "</w:tr>" for i in range(2, MERGED_ROWS + 1)]
    _docx_with_body(path, "<w:tbl>" + "".join(rows) + "</w:tbl>")


def _pdf(path: Path, content: bytes, filters: str) -> None:
    """A one-page PDF whose content stream is the given (already encoded) bytes."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter %s >>\nstream\n" % (len(content), filters.encode()) + content
               + b"\nendstream"]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def _deflated(size: int, chunk: bytes = b"0 0 m " * 174_763) -> bytes:
    """``size`` bytes of content-stream operators (moveto), deflated about 700 : 1 in a fraction of a second:
    each 1 MB chunk is compressed once, after a full flush, and its bytes repeated; the checksum is the real one."""
    packer = zlib.compressobj(9)
    head = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    body = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = packer.flush()
    check = 1
    for _ in range(size // len(chunk)):
        check = zlib.adler32(chunk, check)
    return head + body * (size // len(chunk) - 1) + tail[:-4] + check.to_bytes(4, "big")


def _pdf_inflating_far(path: Path) -> None:
    """About 450 KB on disk, a 300 MB content stream once inflated."""
    _pdf(path, _deflated(300 * 1024 * 1024), "/FlateDecode")


def _pdf_inflating_twice(path: Path) -> None:
    """A few KB on disk: the stream is deflated twice (a filter chain), 300 MB after both."""
    _pdf(path, zlib.compress(_deflated(300 * 1024 * 1024), 9), "[/FlateDecode /FlateDecode]")


_RECTANGLES = b"0 0 1 1 re S " * 80_660  # 1 MB of stroked rectangles: each one a path object in PDFium's memory


def _pdf_drawing_millions_of_rectangles(path: Path) -> None:
    """About 100 KB on disk: 50 MB of content, four million path objects (3 GB and minutes, unbounded)."""
    _pdf(path, _deflated(50 * 1024 * 1024, _RECTANGLES), "/FlateDecode")


def _pdf_page_with_too_many_objects(path: Path) -> None:
    """A content stream of a plausible size (2 MB) that still draws 160,000 objects on one page."""
    _pdf(path, zlib.compress(_RECTANGLES * 2, 9), "/FlateDecode")


BOMBS = {
    "an .xlsx whose rows reach column XFD": (_xlsx_with_rows_reaching_column_xfd, "table.xlsx", "单元格"),
    "a .docx cell spanning 50,000,000 columns": (_docx_with_a_huge_span, "plan.docx", "跨"),
    "a PDF inflating to 300 MB": (_pdf_inflating_far, "plan.pdf", "解压后"),
    "a PDF whose streams are deflated twice": (_pdf_inflating_twice, "plan.pdf", "解压后"),
    "a PDF page drawing four million rectangles": (_pdf_drawing_millions_of_rectangles, "plan.pdf", "解压后"),
    "a PDF page with 160,000 objects": (_pdf_page_with_too_many_objects, "plan.pdf", "个对象"),
}


@pytest.mark.parametrize("case", list(BOMBS), ids=list(BOMBS))
def test_it_refuses_a_small_file_that_would_exhaust_memory_or_cpu(tmp_path: Path, case: str) -> None:
    make, name, message = BOMBS[case]
    path = tmp_path / name
    make(path)
    assert path.stat().st_size < 1024 * 1024
    out = tmp_path / "out.json"
    result, seconds, peak_kb = _run_measured("extract", str(path), "--format", "json", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.stderr, result.stderr
    assert not out.exists()
    assert seconds < 15, seconds
    assert peak_kb < 400 * 1024, f"peak memory {peak_kb / 1024:.0f} MB"


def test_it_reads_the_cells_a_sheet_holds_not_the_cells_it_declares(tmp_path: Path) -> None:
    path = tmp_path / "indicators.xlsx"
    _xlsx_declaring_every_cell(path)
    result, seconds, peak_kb = _run_measured("extract", str(path), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert [i["name"] for i in plan["indicators"]] == ["地区生产总值", "单位GDP能耗降低"]
    assert seconds < 15, seconds
    assert peak_kb < 400 * 1024, f"peak memory {peak_kb / 1024:.0f} MB"


def test_it_reads_a_table_merged_down_3000_rows_quickly_and_iteratively(tmp_path: Path) -> None:
    from planwatch.core.blocks import Table
    from planwatch.core.readers import read_document

    path = tmp_path / "merged.docx"
    _docx_with_merged_rows(path)
    import docx  # noqa: F401  (the library's import time is not the reader's)

    start = time.perf_counter()
    document = read_document(path)
    seconds = time.perf_counter() - start
    (table,) = [b for b in document.blocks if isinstance(b, Table)]
    assert len(table.rows) == MERGED_ROWS
    assert table.rows[0] == ("经济发展", "指标1")
    assert table.rows[1] == ("", "指标2") and table.rows[-1] == ("", f"指标{MERGED_ROWS}")
    assert seconds < 1.0, seconds


def test_the_cli_on_a_table_merged_down_3000_rows_answers_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "merged.docx"
    _docx_with_merged_rows(path)
    result, seconds, _ = _run_measured("extract", str(path), "--format", "json", cwd=tmp_path)
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr, result.stderr[-500:]
    assert result.returncode in (0, 2), result.stderr
    if result.returncode == 0:
        json.loads(result.stdout)
    assert seconds < 15, seconds
