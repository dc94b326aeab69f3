"""History rows (操作记录 of values, 进展记录 and 台账操作记录 of ledger items) are written once and never changed or
deleted by code: saving an existing row, deleting it, and a queryset's update, bulk_update or delete all
refuse, in one message, and leave the row as it was. New rows are written as before, and backup/restore
(tests/web/test_backup.py) still rebuilds them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import transaction

from planwatch.web.history import HistoryIsAppendOnly
from planwatch.web.ledgers.models import LedgerEvent, ProgressUpdate
from planwatch.web.ledgers.services import add_milestone, update_progress
from planwatch.web.monitoring.models import ObservationEvent
from planwatch.web.monitoring.services import save_value
from planwatch.web.plans.models import Plan


@pytest.fixture
def rows(demo: Plan) -> list[Any]:
    """One row of each history table, written the ordinary way."""
    admin = User.objects.get(username="fgj_admin")
    obs = save_value(User.objects.get(username="tjj_tianbao"), demo.indicators.get(no=1), demo.region, 2025, 5.1,
                     source="统计局")
    task = demo.tasks.order_by("id").first()
    update_progress(admin, task, 40, "开工")
    add_milestone(admin, task, "完成立项", dt.date(2026, 6, 30))
    return [ObservationEvent.objects.get(observation=obs), ProgressUpdate.objects.get(task=task),
            LedgerEvent.objects.get(task=task)]


def _state(row: Any) -> dict[str, Any]:
    return type(row).objects.filter(pk=row.pk).values().get()


def test_a_history_row_cannot_be_saved_again(rows: list[Any]) -> None:
    for row in rows:
        before = _state(row)
        row.actor = None
        with pytest.raises(HistoryIsAppendOnly, match="只能追加"), transaction.atomic():
            row.save()
        assert _state(row) == before


def test_a_history_row_cannot_be_deleted(rows: list[Any]) -> None:
    for row in rows:
        with pytest.raises(HistoryIsAppendOnly), transaction.atomic():
            row.delete()
        assert type(row).objects.filter(pk=row.pk).exists()


def test_history_querysets_refuse_update_and_delete(rows: list[Any]) -> None:
    for row in rows:
        before = _state(row)
        model = type(row)
        with pytest.raises(HistoryIsAppendOnly), transaction.atomic():
            model.objects.filter(pk=row.pk).update(actor=None)
        with pytest.raises(HistoryIsAppendOnly), transaction.atomic():
            model.objects.filter(pk=row.pk).delete()
        with pytest.raises(HistoryIsAppendOnly), transaction.atomic():
            model.objects.all().delete()
        row.actor = None
        with pytest.raises(HistoryIsAppendOnly), transaction.atomic():
            model.objects.bulk_update([row], ["actor"])
        assert _state(row) == before


def test_new_history_rows_are_still_written(rows: list[Any]) -> None:
    assert all(row.pk for row in rows)
    assert [type(r).objects.filter(pk=r.pk).count() for r in rows] == [1, 1, 1]
