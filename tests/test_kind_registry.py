"""A kind is one entry in the registry: a new one flows through detection, decomposition, evaluation, explanation,
roll-ups and exports without any other module knowing its name."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from planwatch.core.decompose import decompose
from planwatch.core.evaluation import evaluate
from planwatch.core.explain import Cell, Sentence, phrase
from planwatch.core.extract import extract_plan
from planwatch.core.kinds import KINDS, KindRule, Reading, Row, plan_specs
from planwatch.core.kinds.block import Block
from planwatch.core.observations import build_table
from planwatch.core.rollup import default_aggregation
from planwatch.exports import write_decomposition
from planwatch.synthetic import simulate

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _detect(row: Row) -> Reading | None:
    """翻一番: the end-year target is twice the baseline (real plans write 居民收入翻一番)."""
    b = row.indicator.baseline_value
    if row.indicator.target.raw != "翻一番" or b is None:
        return None
    return Reading("higher", 2 * b, "compound", "目标“翻一番”为基期值的两倍", "ge", None)


def _evaluate(block: Block) -> None:
    out, b, t = block.out, block.baseline, block.target
    due: npt.NDArray[np.float64] = block.path("compound", b, t, block.last)  # whole for a count, as the 分解表
    out.expected[:], out.baseline[:] = due, b
    out.ratio[:] = (block.a - b) / (due - b)
    block.grade(np.nan_to_num(out.ratio, nan=0.0), block.a < b, block.a >= t)


def _explain(cell: Cell) -> Sentence:
    return Sentence((phrase("level", year=cell.year, a=cell.a, note=cell.note, e=cell.e,
                            baseline=cell.number("baseline"), ratio=cell.ratio), phrase("end")))


DOUBLING = KindRule("doubling", "翻番", "翻番型：目标为基期值的倍数（如翻一番）", 5, _detect, _evaluate, _explain,
                    lambda spec: "基期值翻一番", target_family="期末水平", needs_baseline=True)


@pytest.fixture
def doubling(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setitem(KINDS, "doubling", DOUBLING)
    plan = tmp_path / "指标.csv"
    plan.write_text("类别,序号,指标名称,单位,2020年,2025年,年均增长,属性\n"
                    "经济,1,规模以上工业企业数,家,100,翻一番,—,预期性\n"
                    "经济,2,地区生产总值增长,%,0.5,—,6.5,预期性\n", encoding="utf-8")
    return plan


def test_it_is_recognised_from_the_row_it_describes(doubling: Path) -> None:
    specs = plan_specs(extract_plan(doubling).indicators, 2020, 2025)
    assert [(s.kind, s.target, s.path) for s in specs] == [("doubling", 200.0, "compound"),
                                                           ("growth_rate", 6.5, "constant")]


def test_its_yearly_path_and_note_reach_the_decomposition_table(doubling: Path, tmp_path: Path) -> None:
    specs = plan_specs(extract_plan(doubling).indicators, 2020, 2025)
    row = decompose(specs)[0]
    assert row.values[2025] == 200.0 and row.values[2021] == 115  # 100·2^0.2 = 114.87: a count is whole (家)
    write_decomposition([row], str(tmp_path / "分解表.csv"))
    text = (tmp_path / "分解表.csv").read_text(encoding="utf-8-sig")
    assert "翻番" in text and "基期值翻一番" in text


def test_it_is_evaluated_and_explained_in_both_languages(doubling: Path) -> None:
    plan = extract_plan(doubling)
    specs = plan_specs(plan.indicators, 2020, 2025)
    rows = [{"indicator": "1", "year": str(y), "value": str(v)} for y, v in ((2021, 115), (2022, 130), (2023, 160))]
    result = evaluate(specs, build_table(rows, plan.indicators, default_region="甲区"), 2023)[0]
    # path 100·2^(3/5) = 151.57 in 2023, whole for a count (家): 152; progress (160 − 100)/(152 − 100) = 1.1538
    assert (result.kind, result.status, result.expected, result.ratio) == ("doubling", "ahead", 152.0, 1.1538)
    assert result.explanation == "2023年实际160家，按年度目标路径此时应为152家，从基期100家起已完成应有进度的115.38%。"
    assert result.explained("en").startswith("Actual 160家 in 2023; on the annual target path it should be 152家")


def test_roll_ups_and_simulation_read_it_from_the_registry(doubling: Path) -> None:
    specs = plan_specs(extract_plan(doubling).indicators, 2020, 2025)
    assert default_aggregation(specs[0]) == "sum"  # 家 add up over regions
    table = simulate(specs, regions=3, seed=1)
    assert np.isfinite(table.value).all()


def test_every_kind_has_every_part_of_its_rule() -> None:
    for code, rule in KINDS.items():
        assert rule.code == code and rule.label and rule.description
        assert callable(rule.detect) and callable(rule.evaluate) and callable(rule.explain)
    assert len({rule.precedence for rule in KINDS.values()}) == len(KINDS)  # detection order is never a tie
