"""Each parsed target said in words, as the review page shows it beside the cell (规划导入核对)."""

from __future__ import annotations

import pytest

from planwatch.core.target_words import indicator_in_words, target_in_words
from planwatch.core.targets import parse_target

from .test_corpus_structure import REAL

#   written                       column    unit   indicator name                      in words
CASES = [
    ("≥22",                       "target", "件",  "每万人口高价值发明专利拥有量",     "2030年不低于22件"),
    ("22以上",                     "target", "件",  "每万人口高价值发明专利拥有量",     "2030年不低于22件"),
    ("65",                        "target", "%",   "常住人口城镇化率",                 "2030年达到65%"),
    ("＞6.5",                     "target", "亿吨", "粮食综合生产能力",                 "2030年高于6.5亿吨"),
    ("50左右",                     "target", "万人", "常住人口",                         "2030年50万人左右"),
    ("5—10",                      "target", "家",  "新型研发机构",                     "2030年5—10家"),
    ("〔17〕",                     "growth", "%",   "单位GDP能源消耗降低",              "五年累计降低17%"),
    ("〔1〕",                      "growth", "岁",  "人均预期寿命",                     "五年累计增加1岁"),
    ("与GDP增长基本同步",           "growth", "%",   "居民人均可支配收入增长",           "与GDP增长同步"),
    ("高于GDP增长",                "growth", "%",   "全员劳动生产率增长",               "高于GDP增长"),
    ("5",                         "growth", "%",   "地区生产总值增长",                 "年均增长5%"),
    ("＜5.5",                     "growth", "%",   "城镇调查失业率",                   "每年低于5.5%"),
    ("＞7、力争投入强度高于“十三五”时期实际", "growth", "%", "全社会研发经费投入增长",
     "年均增长高于7%，力争投入强度高于“十三五”时期实际"),
    ("保持在合理区间、各年度视情提出", "growth", "%",   "国内生产总值（GDP）增长",          "保持在合理区间、各年度视情提出"),
    ("—",                         "target", "%",   "国内生产总值（GDP）增长",          ""),
]


@pytest.mark.parametrize(("raw", "column", "unit", "name", "words"), CASES)
def test_a_target_reads_in_words(raw: str, column: str, unit: str, name: str, words: str) -> None:
    assert target_in_words(parse_target(raw), 2030, unit, name, column=column) == words  # type: ignore[arg-type]


def test_the_national_14th_table_reads_in_words() -> None:
    from planwatch.core.extract import extract_plan

    rows = {i.display_no: indicator_in_words(i) for i in extract_plan(REAL / "national-14th-fyp.txt").indicators}
    assert rows["1"] == "保持在合理区间、各年度视情提出"
    assert rows["3"] == "2025年达到65%"
    assert rows["4"] == "年均增长高于7%，力争投入强度高于“十三五”时期实际"
    assert rows["13"] == "五年累计增加1岁"
    assert rows["15"] == "五年累计降低18%"
    assert rows["19"] == "2025年高于6.5亿吨"
