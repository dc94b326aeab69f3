"""Bulk import of observations: validated first, written in one transaction, never doubled."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.core.errors import PlanwatchError
from planwatch.core.observations import ObservationError
from planwatch.synthetic import write_csv
from planwatch.web.monitoring.bulk import import_observations
from planwatch.web.monitoring.models import Observation
from planwatch.web.plans.models import Plan


def test_a_file_is_imported_whole(demo: Plan, tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    write_csv(path, 2300)
    before = Observation.objects.count()
    assert import_observations(demo, path, simulated=True) == 2300
    assert Observation.objects.count() == before + 2300
    assert Observation.objects.filter(source="模拟数据（批次0）", simulated=True).count() == 115


def test_running_a_finished_import_again_doubles_nothing(demo: Plan, tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    write_csv(path, 460)
    import_observations(demo, path)
    count = Observation.objects.count()
    with pytest.raises(PlanwatchError, match="重复.*未导入任何数据"):
        import_observations(demo, path)
    assert Observation.objects.count() == count


def test_one_bad_row_means_nothing_is_written(demo: Plan, tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    write_csv(path, 460)
    path.write_text(path.read_text(encoding="utf-8") + "1,2023,不是数字,金普新区,x\n", encoding="utf-8")
    count = Observation.objects.count()
    with pytest.raises(ObservationError, match="数值不是数字：第462行"):
        import_observations(demo, path)
    assert Observation.objects.count() == count


def test_an_unknown_region_is_refused(demo: Plan, tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text("indicator,year,value,region\n1,2023,5,不存在的区\n", encoding="utf-8")
    with pytest.raises(PlanwatchError, match="地区不存在：不存在的区"):
        import_observations(demo, path)


def test_awkward_text_survives_the_copy(demo: Plan, tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    source = 'tab\there\\back "quoted" 换行\nline'
    path.write_text('indicator,year,value,region,source\n1,2023,5.5,金普新区,"' + source.replace('"', '""') + '"\n',
                    encoding="utf-8")
    assert import_observations(demo, path) == 1
    assert Observation.objects.get(source=source).value == 5.5
