"""Observation tables: bad rows are listed together and nothing is evaluated; several sources are kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.core.errors import UnitMismatchError
from planwatch.core.extract import extract_plan
from planwatch.core.observations import FINAL, ObservationError, build_table, read_observations
from planwatch.core.units import convert

from .conftest import JINPU_TXT

PLAN = Path(__file__).resolve().parent / "fixtures" / "eval-plan.csv"


def _table(rows: list[dict[str, str]]):  # type: ignore[no-untyped-def]
    return build_table(rows, extract_plan(PLAN).indicators, "示例区")


def test_bad_rows_are_listed_together_and_nothing_is_evaluated() -> None:
    rows = [
        {"indicator": "1", "year": "2021", "value": "9.0"},
        {"indicator": "1", "year": "2022", "value": "四点零"},  # line 3: not a number
        {"indicator": "99", "year": "2022", "value": "1"},  # line 4: unknown indicator
        {"indicator": "地区生产总值增长", "year": "2021", "value": "9.1"},  # line 5: same indicator, year, region, source
        {"indicator": "3", "year": "2022", "value": "5", "unit": "%"},  # line 6: % for an amount in 亿元
        {"indicator": "3", "year": "22", "value": "5"},  # line 7: year
        {"indicator": "3", "year": "2023", "value": ""},  # line 8: empty is not 0
    ]
    with pytest.raises(ObservationError) as err:
        _table(rows)
    message = str(err.value)
    assert "未做任何评估" in message
    for part in ("数值不是数字：第3行", "未知指标“99”（请写表中的序号或指标名称）：第4行", "重复数据（同一指标、年份、地区、来源出现多次）：第5行",
                 "单位与指标不符（指标3应为亿元）：第6行", "年份不是四位数字：第7行", "数值为空（未报送请不要写0"):
        assert part in message
    assert "\n" not in message


def test_long_lists_of_bad_rows_are_shortened() -> None:
    rows = [{"indicator": "1", "year": "2021", "value": "x"} for _ in range(30)]
    with pytest.raises(ObservationError, match="第2、3、.*、21等行（共30行）"):
        _table(rows)


def test_values_in_another_unit_of_the_same_dimension_are_converted() -> None:
    t = _table([{"indicator": "3", "year": "2022", "value": "23350000", "unit": "万元"}])
    assert t.value.tolist() == [2335.0]


def test_units_of_different_dimensions_never_compare() -> None:
    with pytest.raises(UnitMismatchError):
        convert(5.0, "%", "亿元")
    assert convert(1.5, "亿元", "万元") == 15000


def test_several_sources_are_kept_and_one_is_chosen_by_the_rule() -> None:
    t = _table([
        {"indicator": "3", "year": "2022", "value": "2300", "source": "http://news.example.com/a", "flag": "预计"},
        {"indicator": "3", "year": "2022", "value": "2335", "source": "http://news.example.com/b"},
        {"indicator": "3", "year": "2022", "value": "2336", "source": "https://www.dljp.gov.cn/x"},
        {"indicator": "1", "year": "2022", "value": "4.0", "source": "https://www.dljp.gov.cn/x", "flag": "1-9月"},
        {"indicator": "1", "year": "2022", "value": "4.2", "source": "http://news.example.com/c", "flag": "预计"},
    ])
    assert len(t) == 5  # every source is kept
    chosen = t.chosen()
    assert sorted(zip(chosen.indicator.tolist(), chosen.value.tolist())) == [(1, 4.2), (3, 2336.0)]
    assert chosen.flag.tolist().count(FINAL) == 1  # the estimate beats the nine-month figure


def test_the_published_figures_file_reads_as_it_is() -> None:
    plan = extract_plan(JINPU_TXT)
    path = Path(__file__).resolve().parents[1] / "src" / "planwatch" / "data" / "jinpu-published-figures.csv"
    t = read_observations(path, plan.indicators, "金普新区")
    assert len(t) == 9 and t.regions == ("金普新区",)
    assert sorted(t.periods) == sorted(["全年", "1-9月", "全年", "全年", "1-9月", "年末", "全年", "全年", "全年(预计)"])


def test_a_file_without_the_required_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text("指标名称,数\n地区生产总值增长,9\n", encoding="utf-8")
    with pytest.raises(ObservationError, match="缺少必需的列"):
        read_observations(path, extract_plan(PLAN).indicators)


def test_evaluation_uses_the_chosen_value_when_sources_disagree() -> None:
    from planwatch.core.evaluation import evaluate
    from planwatch.core.kinds import plan_specs

    plan = extract_plan(PLAN)
    t = _table([
        {"indicator": "3", "year": "2022", "value": "2600", "source": "http://news.example.com/b"},
        {"indicator": "3", "year": "2022", "value": "2335", "source": "https://www.dljp.gov.cn/x"},
        {"indicator": "1", "year": "2021", "value": "9.0"},
    ])
    result = {e.no: e for e in evaluate(plan_specs(plan.indicators, 2020, 2025), t, 2022)}
    assert result[3].actual == 2335.0 and result[3].status == "reversing"
    assert result[1].actual == 9.0
