"""The target-expression grammar: every written form, its errors, and two properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.core.errors import PlanwatchError, TargetExpressionError
from planwatch.core.targets import format_number, parse_target

# written → value, value_max, comparator, cumulative, markers, relative_to, qualitative
CASES = [
    ("6.5", 6.5, None, "eq", False, (), None, False),
    ("25.92以上", 25.92, None, "ge", False, (), None, False),
    ("≥98", 98, None, "ge", False, (), None, False),
    ("不低于16.54", 16.54, None, "ge", False, (), None, False),
    ("＜4", 4, None, "lt", False, (), None, False),
    ("<4", 4, None, "lt", False, (), None, False),
    ("3以内", 3, None, "le", False, (), None, False),
    ("≤5.5", 5.5, None, "le", False, (), None, False),
    ("50左右", 50, None, "approx", False, (), None, False),
    ("约17", 17, None, "approx", False, (), None, False),
    ("5—10", 5, 10, "range", False, (), None, False),
    ("5-10", 5, 10, "range", False, (), None, False),
    ("1～2", 1, 2, "range", False, (), None, False),
    ("[13.5]", 13.5, None, "eq", True, (), None, False),
    ("［-5.6］", -5.6, None, "eq", True, (), None, False),
    ("[13.5] ②", 13.5, None, "eq", True, ("②",), None, False),
    ("4.2①", 4.2, None, "eq", False, ("①",), None, False),
    ("—⑤", None, None, None, False, ("⑤",), None, False),
    ("—", None, None, None, False, (), None, False),
    ("", None, None, None, False, (), None, False),
    ("-9", -9, None, "eq", False, (), None, False),
    ("－21", -21, None, "eq", False, (), None, False),
    ("２５.９２以上", 25.92, None, "ge", False, (), None, False),
    ("高于GDP增长", None, None, "gt", False, (), "GDP增长", False),
    ("与经济增长基本同步", None, None, "approx", False, (), "经济增长", False),
    ("保持在合理区间", None, None, None, False, (), None, True),
    ("〔13.5〕", 13.5, None, "eq", True, (), None, False),
    ("（6）", 6, None, "eq", True, (), None, False),
    ("60.6*", 60.6, None, "eq", False, ("*",), None, False),
    ("〔17.7〕②", 17.7, None, "eq", True, ("②",), None, False),
    ("与GDP增长基本同步", None, None, "approx", False, (), "GDP增长", False),
    ("保持在合理区间、各年度视情提出", None, None, None, False, (), None, True),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] or "empty" for c in CASES])
def test_it_parses_every_written_form(case: tuple[object, ...]) -> None:
    written, value, value_max, comparator, cumulative, markers, relative_to, qualitative = case
    t = parse_target(written)  # type: ignore[arg-type]
    assert (t.value, t.value_max, t.comparator, t.cumulative, t.markers, t.relative_to, t.qualitative) == (
        value, value_max, comparator, cumulative, markers, relative_to, qualitative)


@pytest.mark.parametrize("written", ["25.92以下以上", "10—5", "≥5左右", "12abc", "1.2.3", "[]", "5—", "约5以上"])
def test_it_refuses_figures_in_no_known_form(written: str) -> None:
    with pytest.raises(TargetExpressionError):
        parse_target(written)


def test_a_compound_cell_keeps_the_hard_target_and_the_aspiration_apart() -> None:
    t = parse_target("＞7、力争投入强度高于“十三五”时期实际")
    assert (t.comparator, t.value, t.aspiration) == ("gt", 7, "力争投入强度高于“十三五”时期实际")
    assert t.raw == "＞7、力争投入强度高于“十三五”时期实际" and parse_target(t.canonical()).meaning() == t.meaning()
    with pytest.raises(TargetExpressionError):  # a thousands separator is no compound: never 3 and words "500"
        parse_target("3,500")


def test_a_bracketed_word_is_no_total_and_a_message_names_its_column() -> None:
    assert parse_target("（人）").cumulative is False
    with pytest.raises(TargetExpressionError, match="^基期值无法识别：'60.6？'$"):
        parse_target("60.6？", "基期值")


def test_it_keeps_a_percent_sign_as_the_unit() -> None:
    assert parse_target("6.5%以上").unit == "%"


@given(st.text(max_size=30))
def test_it_never_crashes_on_any_string(text: str) -> None:
    try:
        parse_target(text)
    except TargetExpressionError:
        pass


_numbers = st.decimals(min_value=-1e6, max_value=1e6, places=3, allow_nan=False, allow_infinity=False)
_forms = st.sampled_from(["{a}", "{a}以上", "≥{a}", "＜{a}", "{a}以内", "{a}左右", "[{a}]", "{a}—{b}", "{a}%以上",
                          "不低于{a}", "约{a}", "[{a}]②", "{a}①", "〔{a}〕", "（{a}）", "{a}*", "＞{a}、力争更高"])


@given(_forms, _numbers, _numbers)
def test_every_accepted_expression_round_trips(form: str, a: object, b: object) -> None:
    low, high = sorted([a, b])  # type: ignore[type-var]
    written = form.format(a=low, b=high)
    first = parse_target(written)
    again = parse_target(first.canonical())
    assert again.meaning() == first.meaning()


@given(st.text(max_size=20))
def test_any_accepted_string_round_trips(text: str) -> None:
    try:
        first = parse_target(text)
    except PlanwatchError:
        return
    assert parse_target(first.canonical()).meaning() == first.meaning()


def test_numbers_print_without_exponent_or_trailing_zeros() -> None:
    assert [format_number(v) for v in (25.92, 5.0, -9.0, 1e16, 0.005, -0.0)] == [
        "25.92", "5", "-9", "10000000000000000", "0.005", "0"]


def test_a_range_ending_at_zero_keeps_its_upper_bound() -> None:
    t = parse_target("-0.5—0")
    assert (t.value, t.value_max) == (-0.5, 0.0)
    assert t.canonical() == "-0.5—0"
