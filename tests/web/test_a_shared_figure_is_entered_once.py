"""一数一报 in the entry form: a figure of a confirmed 指标库 entry already entered for the master plan is shown
beside the special plan's form (本期数值已在《…》填报), and entering it again there is refused (400, nothing saved),
naming where it is held — the entry's rule, like one indicator's: one value per region, period and source. While
the entry is unconfirmed, or for another source, a value of its own may be entered."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.monitoring.models import Observation
from planwatch.web.monitoring.services import save_value

from .shared_entries import Family, family


def _enter_for_master(shared: Family) -> None:
    save_value(User.objects.get(username="tjj_tianbao"), shared.urban[0], shared.plans[0].region, 2025, 58.5, "示例")


def _post_for_special(client: Client, shared: Family, source: str = "") -> int:
    b = shared.urban[1]
    return client.post("/report/save/", {"indicator": b.pk, "year": "2025", "value": "59", "comment": "示例",
                                         "source": source}).status_code


def _count(shared: Family) -> int:
    return Observation.objects.filter(indicator__in=shared.urban, simulated=False).count()


def test_the_form_shows_the_figure_and_refuses_a_second_one(reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    shared.confirm()
    _enter_for_master(shared)
    b = shared.urban[1]
    page = reporter.get(f"/report/?plan={b.plan_id}&indicator={b.pk}&year=2025").content.decode()
    assert f"本期数值已在《{shared.plans[0].title}》填报：58.50%（草稿）" in page
    response = reporter.post("/report/save/", {"indicator": b.pk, "year": "2025", "value": "59", "comment": "示例"})
    assert response.status_code == 400
    assert f"该数据已在《{shared.plans[0].title}》第1项“常住人口城镇化率”中填报" in response.content.decode()
    assert _count(shared) == 1
    assert _post_for_special(reporter, shared, source="统计快报") == 302  # another source: another candidate
    assert _count(shared) == 2


def test_unconfirmed_each_plan_keeps_its_own_value(reporter: Client, tmp_path: Path) -> None:
    shared = family(tmp_path)
    _enter_for_master(shared)
    b = shared.urban[1]
    page = reporter.get(f"/report/?plan={b.plan_id}&indicator={b.pk}&year=2025").content.decode()
    assert "本期数值已在" not in page
    assert _post_for_special(reporter, shared) == 302
    assert _count(shared) == 2
