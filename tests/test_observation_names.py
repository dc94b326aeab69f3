"""An observations file names indicators as a person would (issue 12, item 11): by the number as printed, by
the name without its number or unit, by the abbreviation in its brackets — and a name that fits two indicators,
or none, is refused with the name said, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.core.errors import PlanwatchError
from planwatch.core.extract import extract_plan
from planwatch.core.indicator_names import NameIndex, name_key
from planwatch.core.model import Plan
from planwatch.core.observations import build_table

REAL = Path(__file__).resolve().parents[2] / "shared" / "plans" / "real"


@pytest.fixture(scope="module")
def national() -> Plan:
    return extract_plan(REAL / "national-14th-main-indicators.csv")


@pytest.mark.parametrize(("written", "no"), [
    ("1", 1),                                  # the printed number
    ("国内生产总值（GDP）增长", 1),              # the stored name
    ("1.国内生产总值（GDP）增长（%）", 1),       # the table's cell as printed
    ("国内生产总值增长", 1),                     # without what the brackets say
    ("GDP增长", 1),                              # the abbreviation in place of the words
    ("国内生产总值(GDP)增速", 1),                # half-width brackets, 增速 for 增长
    ("城镇调查失业率", 8),
    ("8、城镇调查失业率（%）", 8),
    ("3.常住人口城镇化率（%）", 3),
    ("常住人口城镇化率 ", 3),
    ("每千人口拥有执业(助理)医师数", 10),
    ("单位ＧＤＰ能源消耗降低", 14),               # full-width letters
])
def test_a_person_s_spelling_finds_the_indicator(national: Plan, written: str, no: int) -> None:
    table = build_table([{"indicator": written, "year": "2021", "value": "1", "region": "全国"}], national.indicators)
    assert list(table.indicator) == [no]


def test_an_unknown_name_is_said_and_nothing_is_read(national: Plan) -> None:
    records = [{"indicator": "城镇登记失业率", "year": "2021", "value": "4"},
               {"indicator": "GDP增长", "year": "2021", "value": "8.1"}]
    with pytest.raises(PlanwatchError, match="未知指标“城镇登记失业率”.*第2行"):
        build_table(records, national.indicators)


def test_a_name_that_fits_two_indicators_is_not_guessed() -> None:
    index = NameIndex([("单位GDP能源消耗降低（甲口径）", "a"), ("单位GDP能源消耗降低（乙口径）", "b")])
    assert index.find("单位GDP能源消耗降低") is None        # both drop to this key: neither is chosen
    assert index.find("单位GDP能源消耗降低（甲口径）") == "a"


@pytest.mark.parametrize(("printed", "key"), [
    ("3.常住人口城镇化率（%）", "常住人口城镇化率"),
    ("（3）森林覆盖率（%）", "森林覆盖率"),
    ("5G基站数（万个）", "5G基站数"),               # a leading digit that is part of the name stays
    ("PM2.5浓度下降（%）", "PM25浓度下降"),
    ("人均预期寿命（岁）①", "人均预期寿命"),
])
def test_the_key_drops_number_unit_and_marks(printed: str, key: str) -> None:
    assert name_key(printed) == key
