"""指标库 decisions in the Django admin (issue 17, item 1): merging two entries, confirming one, renaming one and
splitting an indicator off each write an IndicatorEntryEvent row (who, when, what, old name → new name); the
merged entry is kept with its history, never deleted; the rows cannot be changed."""

from __future__ import annotations

import pytest
from django.test import Client

from planwatch.web.history import HistoryIsAppendOnly
from planwatch.web.plans.library import entry_key
from planwatch.web.plans.models import Indicator, IndicatorEntry, IndicatorEntryEvent, Plan

URL = "/admin/plans/indicatorentry/"


def _entry(name: str, unit: str = "%") -> IndicatorEntry:
    return IndicatorEntry.objects.create(name=name, unit=unit, key=entry_key(name, unit))


def test_the_admin_merge_writes_the_decision(admin_client: Client, demo: Plan) -> None:
    water, good = _entry("地表水达到或好于Ⅲ类水体比例"), _entry("优良水体比例")
    ind = demo.indicators.order_by("no").first()
    assert ind is not None
    Indicator.objects.filter(pk=ind.pk).update(entry=good)
    response = admin_client.post(URL, {"action": "merge_entries", "_selected_action": [water.pk, good.pk]})
    assert response.status_code == 302
    good.refresh_from_db()
    assert good.merged_into_id == water.pk  # kept, with its history
    assert Indicator.objects.get(pk=ind.pk).entry_id == water.pk
    merge = IndicatorEntryEvent.objects.get(entry=water, action="merge")
    assert (merge.other_id, merge.old_name, merge.new_name, merge.actor.username) == (  # type: ignore[union-attr]
        good.pk, "优良水体比例", "地表水达到或好于Ⅲ类水体比例", "fgj_admin")
    with pytest.raises(HistoryIsAppendOnly):
        merge.delete()


def test_confirm_rename_and_split_are_recorded(admin_client: Client, demo: Plan) -> None:
    entry = _entry("优良水体比例")
    rows = list(demo.indicators.order_by("no")[:2])
    Indicator.objects.filter(pk__in=[r.pk for r in rows]).update(entry=entry)
    admin_client.post(URL, {"action": "confirm_entries", "_selected_action": [entry.pk]})
    entry.refresh_from_db()
    assert entry.confirmed and entry.confirmed_by is not None and entry.events.filter(action="confirm").exists()

    page = admin_client.get(f"{URL}{entry.pk}/change/")
    assert page.status_code == 200
    form = {"name": "地表水水质优良（达到或好于Ⅲ类）比例", "unit": "%", "definition": "", "department": "",
            "frequency": "annual"}
    for prefix in ("indicators", "events"):
        form.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = admin_client.post(f"{URL}{entry.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    renamed = entry.events.get(action="rename")
    assert (renamed.old_name, renamed.new_name) == ("优良水体比例", "地表水水质优良（达到或好于Ⅲ类）比例")
    entry.refresh_from_db()
    assert entry.key == entry_key("地表水水质优良（达到或好于Ⅲ类）比例", "%")

    admin_client.post("/admin/plans/indicator/", {"action": "split_entry", "_selected_action": [rows[1].pk]})
    new = Indicator.objects.get(pk=rows[1].pk).entry
    assert new is not None and new.pk != entry.pk and not new.confirmed
    assert Indicator.objects.get(pk=rows[0].pk).entry_id == entry.pk
    assert entry.events.filter(action="split", other=new).exists() and new.events.filter(action="split").exists()
