"""What the PDF reader undoes: page furniture, wrapped lines, spaces between Chinese and digits."""

from __future__ import annotations

import pytest

from planwatch.core.blocks import Box, Paragraph, Table
from planwatch.core.readers import read_document
from planwatch.testing.render import RUNNING_HEADER, render_pdf

LONG = "加快建设具有辐射带动作用的独立综合性节点城市，" * 12 + "实现在国家级新区中争先晋位。"


@pytest.fixture(scope="module")
def pdf_blocks(tmp_path_factory: pytest.TempPathFactory) -> list[object]:
    path = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    blocks = [Paragraph("第一章 总则")] + [Paragraph(f"第{i}段。{LONG}") for i in range(1, 16)] + [
        Paragraph("到2025年，全区新增企业 100 家以上，增长 6.5 %。"),
        Box(("专栏1 重大项目", "汽车产业。推进新能源汽车项目等建设。", "电子产业。推进芯片项目等建设。")),
        Table((("指标", "单位", "2020年"), ("地区生产总值", "亿元", "2470"))),
    ]
    render_pdf(blocks, path)
    return list(read_document(path).blocks)


def test_it_drops_page_numbers_and_running_headers(pdf_blocks: list[object]) -> None:
    texts = [b.text for b in pdf_blocks if isinstance(b, Paragraph)]
    assert not [t for t in texts if t.startswith("- ") or t == RUNNING_HEADER]


def test_it_joins_lines_wrapped_mid_sentence_even_across_pages(pdf_blocks: list[object]) -> None:
    texts = [b.text for b in pdf_blocks if isinstance(b, Paragraph)]
    assert [t for t in texts if t.startswith("第") and "段" in t[:4]] == [f"第{i}段。{LONG}" for i in range(1, 16)]


def test_it_removes_spaces_between_chinese_and_digits(pdf_blocks: list[object]) -> None:
    texts = [b.text for b in pdf_blocks if isinstance(b, Paragraph)]
    assert "到2025年，全区新增企业100家以上，增长6.5%。" in texts


def test_it_reads_ruled_boxes_and_grid_tables(pdf_blocks: list[object]) -> None:
    # (the space after 专栏1 goes with the other spaces between digits and Chinese; the grammar needs none)
    assert Box(("专栏1重大项目", "汽车产业。推进新能源汽车项目等建设。", "电子产业。推进芯片项目等建设。")) in pdf_blocks
    assert Table((("指标", "单位", "2020年"), ("地区生产总值", "亿元", "2470"))) in pdf_blocks
