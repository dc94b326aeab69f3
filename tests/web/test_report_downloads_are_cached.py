"""A report download is generated once and then served from the cache until what it says changes: its plan's
data stamp (every change to a value), its ledger progress, the audience (public or staff), the language, the
kind, the year and the format are all part of the key. The public may make the platform generate one report
at a time per worker process: while one is being generated, another anonymous request for a report that is
not cached gets a 503 with Retry-After and a message, and nothing is generated twice at once."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from planwatch.reports.writers import WRITERS
from planwatch.web.ledgers.services import update_progress
from planwatch.web.monitoring.models import Observation, Status
from planwatch.web.monitoring.services import save_value, transition
from planwatch.web.plans.models import Plan

URL = "/reports/download/?kind=final&format={fmt}&as_of=2025"


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The formats the report writers were called for, in order (the cache starts empty)."""
    calls: list[str] = []
    for fmt, writer in list(WRITERS.items()):
        def counting(report: Any, _write: Any = writer.write, _fmt: str = fmt) -> bytes:
            calls.append(_fmt)
            return _write(report)  # type: ignore[no-any-return]
        monkeypatch.setitem(WRITERS, fmt, dataclasses.replace(writer, write=counting))
    cache.clear()
    yield calls
    cache.clear()


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_a_repeated_download_is_served_from_the_cache(outsider: Client, demo: Plan, written: list[str],
                                                      fmt: str) -> None:
    first = outsider.get(URL.format(fmt=fmt))
    again = outsider.get(URL.format(fmt=fmt))
    assert first.status_code == again.status_code == 200
    assert again.content == first.content and again["Content-Disposition"] == first["Content-Disposition"]
    assert written == [fmt]


def test_each_format_kind_and_year_is_a_report_of_its_own(outsider: Client, demo: Plan, written: list[str]) -> None:
    for url in (URL.format(fmt="html"), URL.format(fmt="docx"), "/reports/download/?kind=midterm&format=html&as_of=2023",
                "/reports/download/?kind=final&format=html&as_of=2024"):
        assert outsider.get(url).status_code == 200
    assert written == ["html", "docx", "html", "html"]


def test_a_published_value_makes_a_new_report(outsider: Client, demo: Plan, written: list[str]) -> None:
    assert outsider.get(URL.format(fmt="html")).status_code == 200
    admin, reporter = User.objects.get(username="fgj_admin"), User.objects.get(username="tjj_tianbao")
    obs = save_value(reporter, demo.indicators.get(no=1), demo.region, 2025, 77.7, comment="更正", source="年报")
    for to in (Status.SUBMITTED, Status.APPROVED, Status.PUBLISHED):
        transition(reporter if to == Status.SUBMITTED else admin, obs.pk, to)
    assert outsider.get(URL.format(fmt="html")).status_code == 200
    assert written == ["html", "html"]  # the published value moved the plan's data stamp on


def test_new_ledger_progress_makes_a_new_report(leader: Client, demo: Plan, written: list[str]) -> None:
    leader.get(URL.format(fmt="html"))
    task = demo.tasks.filter(node__node_id__startswith="ch2/").order_by("id").first()
    update_progress(User.objects.get(username="fgj_admin"), task, 100, "完成")
    leader.get(URL.format(fmt="html"))
    assert written == ["html", "html"]


def test_the_staff_report_is_never_served_to_the_public(leader: Client, outsider: Client, demo: Plan,
                                                       written: list[str]) -> None:
    gdp = demo.indicators.get(no=1)
    Observation.objects.filter(indicator=gdp, year=2025).delete()
    Observation.objects.create(indicator=gdp, region=demo.region, year=2025, value=88.8, source="未发布",
                               status=Status.SUBMITTED)
    assert leader.get(URL.format(fmt="html")).status_code == 200
    assert "88.8" not in outsider.get(URL.format(fmt="html")).content.decode()
    assert written == ["html", "html"]


def test_each_language_has_its_own_copy(outsider: Client, demo: Plan, written: list[str]) -> None:
    outsider.get(URL.format(fmt="html"))
    english = Client()
    english.post("/i18n/setlang/", {"language": "en", "next": "/public/"})  # English only by the switch
    assert english.get(URL.format(fmt="html")).status_code == 200
    assert written == ["html", "html"]


def test_the_public_waits_while_another_report_is_being_generated(outsider: Client, leader: Client, demo: Plan,
                                                                 written: list[str]) -> None:
    from planwatch.web.reports import PUBLIC_GENERATION

    outsider.get(URL.format(fmt="html"))  # cached before the platform is busy
    assert PUBLIC_GENERATION.acquire(blocking=False)  # another anonymous download is being generated
    try:
        busy = outsider.get(URL.format(fmt="docx"))
        assert busy.status_code == 503 and int(busy["Retry-After"]) > 0
        assert "正在生成" in busy.content.decode()
        assert outsider.get(URL.format(fmt="html")).status_code == 200  # a cached report is still served
        assert leader.get(URL.format(fmt="docx")).status_code == 200  # staff are not held back
    finally:
        PUBLIC_GENERATION.release()
    assert outsider.get(URL.format(fmt="docx")).status_code == 200
    assert written == ["html", "docx", "docx"]  # the staff's docx, then the public's own
