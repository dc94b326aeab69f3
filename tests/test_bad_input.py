"""Bad input: one line naming the problem on stderr, exit code 2, no traceback, nothing written."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import JINPU_TXT


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planwatch.cli", *args], capture_output=True, text=True, cwd=cwd, check=False,
                          timeout=60)


def _encrypted_pdf(path: Path) -> None:
    from planwatch.core.blocks import Paragraph
    from planwatch.testing.render import render_pdf

    render_pdf([Paragraph("第一章 总则"), Paragraph("到2025年，新增企业100家。")], path, encrypt="secret")


def _image_only_pdf(path: Path) -> None:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    png = Path(__file__).parent / "fixtures" / "problem" / "scan.png"
    c.drawImage(ImageReader(str(png)), 72, 400, width=400, height=300)
    c.save()


def _zip_bomb_docx(path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr("word/padding.xml", b"\0" * (300 * 1024 * 1024))


CASES = {
    "empty": (lambda p: p.write_bytes(b""), "plan.txt", "文件为空"),
    "binary junk": (lambda p: p.write_bytes(bytes(range(256)) * 64), "plan.txt", "不是可识别的文本文件"),
    "a .docx that is not a Word file": (lambda p: p.write_text("我不是Word文件", encoding="utf-8"), "plan.docx",
                                        "内容不是该格式的文件"),
    "a broken .docx": (lambda p: p.write_bytes(b"PK\x03\x04" + b"\0" * 100), "plan.docx", "压缩包已损坏"),
    "a zip that is no Office file": (
        lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "x"), "plan.docx", "不是 Word (.docx) 或 Excel"),
    "a zip bomb": (_zip_bomb_docx, "bomb.docx", "疑似压缩炸弹"),
    "an old binary .doc": (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600), "plan.doc", "旧版 Office"),
    "an encrypted PDF": (_encrypted_pdf, "plan.pdf", "PDF 已加密"),
    "an image-only PDF": (_image_only_pdf, "scan.pdf", "没有文字层"),
    "a broken PDF": (lambda p: p.write_bytes(b"%PDF-1.7\n" + b"garbage" * 50), "plan.pdf", "PDF 文件已损坏"),
    "a text that is not a plan": (lambda p: p.write_text("今天天气很好。我们去公园散步。\n" * 20, encoding="utf-8"),
                                  "notes.txt", "不像一份规划文本"),
    "a missing file": (lambda p: None, "nothing.txt", "文件不存在"),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_it_refuses_bad_input_with_one_clear_line(tmp_path: Path, case: str) -> None:
    make, name, message = CASES[case]
    path = tmp_path / name
    make(path)
    out = tmp_path / "out.json"
    result = _run("extract", str(path), "--format", "json", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_it_refuses_a_file_over_the_size_limit(tmp_path: Path) -> None:
    result = _run("extract", str(JINPU_TXT), "--max-size-mb", "0.1", cwd=tmp_path)
    assert result.returncode == 2
    assert "超过上限" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_failed_run_keeps_the_previous_output_file(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    out.write_text("previous good output", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert _run("extract", str(empty), "-o", str(out), cwd=tmp_path).returncode == 2
    assert out.read_text(encoding="utf-8") == "previous good output"
