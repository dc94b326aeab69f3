"""Which reported value counts (planwatch.core.series): one priority, the first rule on which two candidates differ
deciding, and the rule named with the chosen value."""

from __future__ import annotations

from planwatch.core.extract import extract_plan
from planwatch.core.observations import EXPECTED, FINAL, PARTIAL, build_table
from planwatch.core.series import ONLY, Candidate, choose

from .conftest import JINPU_TXT

GOV, NEWS = "https://www.dljp.gov.cn/tjj", "http://news.example.com/a"


def _c(year: int, value: float, flag: int = FINAL, months: int = 0, source: str = NEWS,
       simulated: bool = False) -> Candidate:
    return Candidate(1, "金普新区", year, value, flag, months=months, source=source, simulated=simulated)


def test_it_chooses_by_the_first_rule_on_which_the_candidates_differ() -> None:
    picked = choose([
        _c(2021, 9.0),                                                        # alone
        _c(2022, 4.0, PARTIAL, 9), _c(2022, 4.2, EXPECTED), _c(2022, 4.5),    # full year > estimate > part-year
        _c(2023, 1.0, PARTIAL, 3), _c(2023, 2.0, PARTIAL, 6),                 # the latest part of the year
        _c(2024, 7.0, simulated=True, source=GOV), _c(2024, 7.5),             # reported > simulated, any source
        _c(2025, 8.0), _c(2025, 8.2, source=GOV),                             # gov.cn > other sources
        _c(2026, 6.0), _c(2026, 6.1),                                         # then the earlier one
    ])
    assert [(year, c.value, c.candidates, c.reason) for (_, _, year), c in sorted(picked.items())] == [
        (2021, 9.0, 1, ONLY),
        (2022, 4.5, 3, "全年数优先于预计数，预计数优先于部分年度数"),
        (2023, 2.0, 2, "部分年度数中取最新的期间"),
        (2024, 7.5, 2, "实际数优先于模拟数据"),
        (2025, 8.2, 2, "政府网站（gov.cn）来源优先"),
        (2026, 6.0, 2, "同等情况下取先出现的一行"),
    ]


def test_the_files_choice_is_the_same_priority() -> None:
    """A file's rows go through the vectorised form of the same rule (a source saying 模拟 is simulated)."""
    table = build_table([
        {"indicator": "3", "year": "2022", "value": "2336", "source": "模拟数据 https://www.dljp.gov.cn/x"},
        {"indicator": "3", "year": "2022", "value": "2335", "source": "http://news.example.com/b"},
        {"indicator": "3", "year": "2022", "value": "2300", "source": "https://www.dljp.gov.cn/y", "flag": "预计"},
    ], extract_plan(JINPU_TXT).indicators, "金普新区")
    assert table.chosen().value.tolist() == [2335.0]
