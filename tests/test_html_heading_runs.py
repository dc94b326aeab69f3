"""HTML whose text is broken over source lines or split into <font>/<span> runs, as LibreOffice writes it, reads as
the lines a browser shows: one heading stays one heading."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from planwatch.core.blocks import Box, Paragraph
from planwatch.core.extract import extract_plan
from planwatch.core.readers import read_document
from planwatch.testing.render import render_docx

# The shape of LibreOffice 7 "save as HTML" output (soffice --convert-to html of a Word file): long lines wrapped at
# a space inside a heading, a run per font change, a table cell holding <p> elements with runs split mid-label.
LIBREOFFICE_HTML = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">
<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"/><title></title></head>
<body lang="en-US" link="#000080" vlink="#800000" dir="ltr"><p style="text-indent: 0.33in; margin-bottom: 0.14in">
<font face="ＭＳ 明朝">某市国民经济和社会发展第十五个五年规划纲要</font></p>
<p style="margin-bottom: 0.14in"><font face="ＭＳ 明朝">目录</font></p>
<p style="margin-bottom: 0in"><a href="#__RefHeading___Toc1_1"><font face="ＭＳ 明朝">第一篇 坚持创新驱动发展
全面塑造发展新优势</font></a>\t1</p>
<p style="margin-bottom: 0in"><a href="#__RefHeading___Toc2_1"><font face="ＭＳ 明朝">第一章 发展环境 2021 年以来 的变化</font></a>\t1</p>
<h1 class="western"><a name="__RefHeading___Toc1_1"></a>
<font face="ＭＳ ゴシック">第一篇 <b>坚持创新驱动发展
全面塑造发展新优势</b></font></h1>
<h2 class="western"><font face="ＭＳ ゴシック">第一章 发展环境
</font>2021 <font face="ＭＳ ゴシック">年以来
的变化</font></h2>
<p style="text-indent: 0.33in; margin-bottom: 0.14in">“<font face="ＭＳ 明朝">十四五”以来，全市地区生产总值年均增长</font>5.8%<font face="ＭＳ 明朝">，城镇新增就业</font>12<font face="ＭＳ 明朝">万人。</font></p>
<h3 class="western"><span lang="zh-CN">第一</span><span lang="zh-CN">节</span> <span>做强</span><span>汽车产业</span></h3>
<table width="576" cellpadding="7" cellspacing="0"><col width="560"/>
\t<tr>
\t\t<td width="560" valign="top"><p align="left" style="margin-bottom: 0in">
\t\t\t<font face="ＭＳ 明朝"><font size="2" style="font-size: 11pt">专栏</font></font><font face="Cambria, serif"><font size="2" style="font-size: 11pt">1-1
\t\t\t</font></font><font face="ＭＳ 明朝"><font size="2" style="font-size: 11pt">重大项目</font></font></p>
\t\t\t<p align="left"><font face="ＭＳ 明朝">氢能产业园项目。建设氢能。</font></p>
\t\t</td>
\t</tr>
</table>
<p>地址：某市<br/>某区某路1号</p>
</body></html>
"""


def test_it_joins_the_runs_and_source_lines_of_a_libreoffice_heading(tmp_path: Path) -> None:
    path = tmp_path / "plan.html"
    path.write_text(LIBREOFFICE_HTML, encoding="utf-8")
    blocks = read_document(path).blocks
    assert Paragraph("第一篇 坚持创新驱动发展 全面塑造发展新优势") in blocks
    assert Paragraph("第一章 发展环境 2021 年以来 的变化") in blocks
    assert Paragraph("第一节 做强汽车产业") in blocks
    assert Paragraph("“十四五”以来，全市地区生产总值年均增长5.8%，城镇新增就业12万人。") in blocks
    assert Box(("专栏1-1 重大项目", "氢能产业园项目。建设氢能。")) in blocks
    assert Paragraph("地址：某市") in blocks and Paragraph("某区某路1号") in blocks  # <br> still breaks a line
    plan = extract_plan(path)
    assert [(n.id, n.title) for n in plan.root.walk() if n.kind in ("part", "chapter", "section", "column")] == [
        ("pt1", "坚持创新驱动发展 全面塑造发展新优势"), ("pt1/ch1", "发展环境 2021 年以来 的变化"),
        ("pt1/ch1/s1", "做强汽车产业"), ("pt1/ch1/s1/col1-1", "重大项目")]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_word_plan_saved_as_html_by_libreoffice_reads_as_the_word_file(tmp_path: Path) -> None:
    blocks = [Paragraph("某市国民经济和社会发展第十五个五年规划纲要"),
              Paragraph("第一篇 坚持创新驱动发展 全面塑造发展新优势 加快发展现代产业体系 巩固壮大实体经济根基"),
              Paragraph("第一章 发展环境 面临的机遇 和 挑战 以及 应对 2021 年以来 的 变化"),
              Paragraph("“十四五”以来，全市地区生产总值年均增长5.8%，城镇新增就业12万人。"),
              Paragraph("第一节 做强汽车产业"), Paragraph("打造新能源汽车产业集群。推进整车项目建设。"),
              Box(("专栏1-1 重大项目", "氢能产业园项目。建设氢能。"))]
    render_docx(blocks, tmp_path / "plan.docx")
    out = tmp_path / "html"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "html", "--outdir", str(out), str(tmp_path / "plan.docx")],
                   check=True, capture_output=True, timeout=120)
    from_html = extract_plan(out / "plan.html")
    from_docx = extract_plan(tmp_path / "plan.docx")
    outline = [(n.id, n.title) for n in from_html.root.walk() if n.kind != "root"]
    assert outline == [(n.id, n.title) for n in from_docx.root.walk() if n.kind != "root"]
    assert ("pt1", "坚持创新驱动发展 全面塑造发展新优势 加快发展现代产业体系 巩固壮大实体经济根基") in outline
    assert ("pt1/ch1/s1/col1-1", "重大项目") in outline
    assert [t.title for t in from_html.tasks] == ["打造新能源汽车产业集群"]
