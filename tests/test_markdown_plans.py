"""A plan published as Markdown (front matter, ``#`` headings, a ``<details>`` contents, pictures) reads as its text."""

from __future__ import annotations

from pathlib import Path

from planwatch.core.extract import extract_plan

PLAN_MD = """---
source: https://www.gov.cn/xinwen/2026-03/13/content_1.htm
title: 某市国民经济和社会发展第十五个五年规划纲要
---

<!-- 2026-03-13 来源： 新华社 -->

> 新华社北京3月13日电

**某市国民经济和社会发展第十五个五年规划纲要**

<details>
<summary>目录</summary>

- 第一篇　开启新征程
  - 第一章　发展环境
  - 第二章　主要目标
- 第二篇　建设现代产业体系
  - 第三章　做强先进制造业

</details>

---

本规划根据市委建议编制，是全市未来五年的行动纲领。

## 第一篇　开启新征程

### 第一章　发展环境

“十四五”时期全市经济实力跃上新台阶。

![](images/W0001.jpg)

### 第二章　主要目标

到2030年，全市地区生产总值年均增长5%左右。

## 第二篇　建设现代产业体系

**第三章　做强先进制造业**

#### 第一节　发展新能源汽车

打造新能源汽车产业集群。推进整车和零部件项目建设。
"""


def test_it_reads_a_markdown_plan_by_its_headings(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(PLAN_MD, encoding="utf-8")
    plan = extract_plan(path)
    assert plan.title == "某市国民经济和社会发展第十五个五年规划纲要"
    assert plan.plan_years == (2025, 2030)
    assert [(n.id, n.title) for n in plan.root.walk() if n.kind not in ("root",)] == [
        ("preface", ""), ("pt1", "开启新征程"), ("pt1/ch1", "发展环境"), ("pt1/ch2", "主要目标"),
        ("pt2", "建设现代产业体系"), ("pt2/ch3", "做强先进制造业"),  # a **bold** line as the chapter heading
        ("pt2/ch3/s1", "发展新能源汽车")]
    assert plan.root.children[0].paragraphs == ("本规划根据市委建议编制，是全市未来五年的行动纲领。",)
    # the picture line leaves nothing behind; the contents in <details> is no structure
    assert plan.root.find("pt1/ch1").paragraphs == ("“十四五”时期全市经济实力跃上新台阶。",)  # type: ignore[union-attr]
    assert [t.title for t in plan.tasks] == ["打造新能源汽车产业集群"]


def test_a_text_file_with_markdown_headings_is_read_as_markdown(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN_MD.split("---\n\n", 2)[-1], encoding="utf-8")  # no front matter, a .txt name
    plan = extract_plan(path)
    assert plan.counts()["parts"] == 2 and plan.counts()["chapters"] == 3 and plan.counts()["sections"] == 1
