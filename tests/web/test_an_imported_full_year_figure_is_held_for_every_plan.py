"""一数一报 with imported data: a full year's value of a confirmed 指标库 entry imported under the master plan's
indicator with the period written as in its source (``全年``), or with no period and flagged 预计数, is the entry's
full-year figure as ``same_period`` reads it — the special plan's form shows it (本期数值已在《…》填报) and refuses
a second full-year value of the entry (400, nothing saved), as the master plan's own form does. A part-year value of the same year (1-9月, flagged
部分年度) is not the full year and leaves the form open."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from planwatch.web.monitoring.models import Flag, Observation, Status

from .shared_entries import Family, family


def _import_for_master(shared: Family, period: str, flag: str) -> Observation:
    return Observation.objects.create(indicator=shared.urban[0], region=shared.plans[0].region, year=2025,
                                      value=58.5, period=period, flag=flag, status=Status.APPROVED)


def _post_for_special(client: Client, shared: Family) -> int:
    return client.post("/report/save/", {"indicator": shared.urban[1].pk, "year": "2025", "value": "59",
                                         "comment": "示例"}).status_code


def _count(shared: Family) -> int:
    return Observation.objects.filter(indicator__in=shared.urban, simulated=False).count()


@pytest.mark.parametrize(("period", "flag"), [("全年", Flag.FINAL), ("", Flag.EXPECTED)])
def test_it_refuses_a_second_full_year_value(reporter: Client, tmp_path: Path, period: str, flag: str) -> None:
    shared = family(tmp_path)
    shared.confirm()
    _import_for_master(shared, period, flag)
    b = shared.urban[1]
    page = reporter.get(f"/report/?plan={b.plan_id}&indicator={b.pk}&year=2025").content.decode()
    assert f"本期数值已在《{shared.plans[0].title}》填报：58.50%（已审核）" in page
    response = reporter.post("/report/save/", {"indicator": b.pk, "year": "2025", "value": "59", "comment": "示例"})
    assert response.status_code == 400
    assert f"该数据已在《{shared.plans[0].title}》第1项“常住人口城镇化率”中填报" in response.content.decode()
    assert _count(shared) == 1


def test_a_part_year_value_is_not_the_full_year(reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    shared.confirm()
    _import_for_master(shared, "1-9月", Flag.PARTIAL)
    b = shared.urban[1]
    page = reporter.get(f"/report/?plan={b.plan_id}&indicator={b.pk}&year=2025").content.decode()
    assert "本期数值已在" not in page
    assert _post_for_special(reporter, shared) == 302
    assert _count(shared) == 2


def test_its_own_plan_does_not_add_a_second_full_year_value(reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    shared.confirm()
    _import_for_master(shared, "全年", Flag.FINAL)
    a = shared.urban[0]
    response = reporter.post("/report/save/", {"indicator": a.pk, "year": "2025", "value": "59", "comment": "示例"})
    assert response.status_code == 400
    assert f"该数据已在《{shared.plans[0].title}》第1项“常住人口城镇化率”中填报" in response.content.decode()
    assert _count(shared) == 1
