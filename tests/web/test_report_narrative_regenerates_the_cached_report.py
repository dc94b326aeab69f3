"""A report already generated and cached is generated again after a text is saved (the save moves the plan's data
stamp on), so the download never serves the text before the edit; without an edit the cached copy is served."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from planwatch.reports.writers import WRITERS
from planwatch.web.plans.models import Plan


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The formats the report writers were called for (the cache starts empty)."""
    calls: list[str] = []
    writer = WRITERS["html"]

    def counting(report: Any, _write: Any = writer.write) -> bytes:
        calls.append("html")
        return _write(report)  # type: ignore[no-any-return]
    monkeypatch.setitem(WRITERS, "html", dataclasses.replace(writer, write=counting))
    cache.clear()
    yield calls
    cache.clear()


def test_it_regenerates_the_report_after_an_edit(admin_client: Client, demo: Plan, written: list[str]) -> None:
    url = f"/reports/download/?plan={demo.pk}&kind=final&format=html&as_of=2025"
    first = admin_client.get(url).content.decode()
    assert admin_client.get(url).content.decode() == first and written == ["html"]  # cached
    admin_client.post(f"/reports/narrative/?plan={demo.pk}&kind=final&year=2025",
                      {"text-next_plan": "建议把未完成的指标纳入“十五五”规划。"})
    again = admin_client.get(url).content.decode()
    assert written == ["html", "html"]
    assert "建议把未完成的指标纳入“十五五”规划。" in again and "建议把未完成的指标" not in first
    admin_client.post(f"/reports/narrative/?plan={demo.pk}&kind=final&year=2025",
                      {"text-next_plan": "第二稿建议。"})
    latest = admin_client.get(url).content.decode()
    assert "第二稿建议。" in latest and "建议把未完成的指标纳入" not in latest and written == ["html"] * 3


def test_the_public_report_keeps_the_generated_text(admin_client: Client, outsider: Client, demo: Plan) -> None:
    admin_client.post(f"/reports/narrative/?plan={demo.pk}&kind=final&year=2025",
                      {"text-next_plan": "内部起草的建议。"})
    public = outsider.get(f"/reports/download/?plan={demo.pk}&kind=final&format=html&as_of=2025")
    assert public.status_code == 200 and "内部起草的建议" not in public.content.decode()
