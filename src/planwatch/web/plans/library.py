"""指标库 (the indicator library): the entries plans' indicators point to, and the admin's decisions on them.

- On import each new indicator is proposed an entry by its key (:func:`entry_key`: core.indicator_names.name_key
  of the name, and the unit): the existing entry of that key (followed to the entry it was merged into), or a new,
  unconfirmed one. ``每千人口拥有3岁以下婴幼儿托位数`` and ``3岁以下婴幼儿入托率`` have different keys and so different
  entries; ``地表水达到或好于Ⅲ类水体比例`` and ``优良水体比例`` become one only when the admin merges them.
- Only a confirmed entry shares values (一数多用, monitoring.services.visible_observations); each decision writes an
  IndicatorEntryEvent row (who, when, what) and moves the data version of every plan carrying the entry.
- Observations never move: they stay with the indicator they were entered for and are read through the entry.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from ...core.indicator_names import name_key
from .models import Indicator, IndicatorEntry, IndicatorEntryEvent, touch_plans


def entry_key(name: str, unit: str) -> str:
    """What makes two indicators one measure for a proposal: the name's key and the unit, as written."""
    return f"{name_key(name)}|{unicodedata.normalize('NFKC', unit).strip()}"[:240]


def _actor(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


def _live(entry: IndicatorEntry) -> IndicatorEntry:
    while entry.merged_into_id is not None:
        entry = IndicatorEntry.objects.get(pk=entry.merged_into_id)
    return entry


def propose_entries(rows: Sequence[Indicator], plan_title: str = "", user: Any = None) -> None:
    """Give each unsaved indicator row (``entry`` not set) the entry its key proposes, creating unconfirmed
    entries for keys not in the library yet; one 导入建议 event per row. Call before the rows are inserted."""
    todo = [r for r in rows if r.entry_id is None]
    keys = {id(r): entry_key(r.name, r.unit) for r in todo}
    found: dict[str, IndicatorEntry] = {}
    for entry in IndicatorEntry.objects.filter(key__in=set(keys.values())).order_by("id"):
        found.setdefault(entry.key, _live(entry))
    events = []
    for row in todo:
        key = keys[id(row)]
        entry = found.get(key)
        if entry is None:
            entry = found[key] = IndicatorEntry.objects.create(name=row.name, unit=row.unit, key=key,
                                                               created_by=_actor(user))
        row.entry = entry
        events.append(IndicatorEntryEvent(entry=entry, action="propose", new_name=row.name, actor=_actor(user),
                                          detail=f"《{plan_title}》第{row.no}项“{row.name}”按名称和单位建议归入"[:500]))
    IndicatorEntryEvent.objects.bulk_create(events)


def _touch(entries: Iterable[IndicatorEntry]) -> None:
    touch_plans(Indicator.objects.filter(entry__in=list(entries)).values_list("plan_id", flat=True).distinct())


@transaction.atomic
def confirm(user: Any, entry: IndicatorEntry, detail: str = "") -> None:
    """The admin confirms the entry: from now on its plans share its values. ``detail`` says on what grounds (the
    history row keeps it)."""
    if entry.confirmed:
        return
    entry.confirmed, entry.confirmed_by, entry.confirmed_at = True, _actor(user), timezone.now()
    entry.save(update_fields=["confirmed", "confirmed_by", "confirmed_at"])
    IndicatorEntryEvent.objects.create(entry=entry, action="confirm", actor=_actor(user), new_name=entry.name,
                                       detail=detail[:500])
    _touch([entry])


@transaction.atomic
def merge(user: Any, target: IndicatorEntry, others: Iterable[IndicatorEntry]) -> None:
    """The admin decides ``others`` measure the same as ``target``: their indicators move to ``target``; the merged
    entries are kept (``merged_into``), so their names and history stay, and later imports under their key find
    ``target``."""
    moved = [o for o in others if o.pk != target.pk]
    affected = [target, *moved]
    _touch(affected)  # before and after: plans that shared a merged entry's values stop or start reading them
    for other in moved:
        Indicator.objects.filter(entry=other).update(entry=target)
        other.merged_into = target
        other.save(update_fields=["merged_into"])
        IndicatorEntryEvent.objects.create(entry=target, action="merge", other=other, actor=_actor(user),
                                           old_name=other.name, new_name=target.name,
                                           detail=f"“{other.name}”（{other.unit}）并入“{target.name}”（{target.unit}）")
        IndicatorEntryEvent.objects.create(entry=other, action="merge", other=target, actor=_actor(user),
                                           old_name=other.name, new_name=target.name, detail="并入其他条目")
    _touch(affected)


@transaction.atomic
def split(user: Any, indicators: Sequence[Indicator]) -> IndicatorEntry:
    """The admin decides these indicators measure something else than their entry: they get a new, unconfirmed
    entry of their own (named after the first)."""
    first = indicators[0]
    old = first.entry
    touched = [e for e in {i.entry for i in indicators} if e is not None]
    _touch(touched)
    new = IndicatorEntry.objects.create(name=first.name, unit=first.unit, key=entry_key(first.name, first.unit),
                                        created_by=_actor(user))
    Indicator.objects.filter(pk__in=[i.pk for i in indicators]).update(entry=new)
    for entry in touched:
        IndicatorEntryEvent.objects.create(entry=entry, action="split", other=new, actor=_actor(user),
                                           old_name=entry.name, new_name=new.name,
                                           detail=f"拆分出{len(indicators)}项指标为新条目")
    IndicatorEntryEvent.objects.create(entry=new, action="split", other=old, actor=_actor(user),
                                       old_name=old.name if old else "", new_name=new.name,
                                       detail="由" + "、".join(f"《{i.plan}》第{i.no}项" for i in indicators)[:400])
    _touch([new])
    return new


@transaction.atomic
def rename(user: Any, entry: IndicatorEntry, old_name: str) -> None:
    """Record a changed name (the admin edited it): the key follows the new name; the old one stays in history."""
    if old_name == entry.name:
        return
    entry.key = entry_key(entry.name, entry.unit)
    entry.save(update_fields=["key"])
    IndicatorEntryEvent.objects.create(entry=entry, action="rename", actor=_actor(user), old_name=old_name,
                                       new_name=entry.name)
    _touch([entry])


def link_existing(indicator_model: Any, entry_model: Any, event_model: Any) -> int:
    """The data step of migration 0012: an entry for every key among the indicators that have none (indicators of
    the same key share it), all unconfirmed, so that no plan reads another's values until the admin confirms.
    Takes the models (the migration's historical ones, or the live ones); returns the entries created. No
    observation is touched."""
    groups: dict[str, list[Any]] = {}
    for ind in indicator_model.objects.filter(entry__isnull=True).order_by("id"):
        groups.setdefault(entry_key(ind.name, ind.unit), []).append(ind)
    existing = {e.key: e for e in entry_model.objects.filter(key__in=list(groups)).order_by("-id")}
    created = 0
    for key, inds in groups.items():
        entry = existing.get(key)
        if entry is None:
            entry = entry_model.objects.create(name=inds[0].name, unit=inds[0].unit, key=key)
            created += 1
        for ind in inds:
            ind.entry_id = entry.pk
        event_model.objects.bulk_create([event_model(entry_id=entry.pk, action="propose", new_name=i.name,
                                                     detail=f"迁移：由现有指标（规划{i.plan_id}第{i.no}项）生成")
                                         for i in inds])
    indicator_model.objects.bulk_update([i for inds in groups.values() for i in inds], ["entry"],
                                        batch_size=500)
    return created
