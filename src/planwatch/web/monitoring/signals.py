"""Every change to an observation or an indicator (its target, lead unit, aggregation, link) moves its
plan's ``data_version`` on, inside the same transaction, so that cached evaluations and pages (keyed by it)
are never stale in any worker. Bulk writers, which bypass model signals, call :func:`touch_plans` themselves."""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ..plans.models import Indicator, Plan
from .models import Observation


def touch_plans(plan_ids: Iterable[int]) -> None:
    """Move the version on to the current time in microseconds (or one more, if the clock lags): a number
    never reused, even after a rolled-back transaction had used the next one."""
    now = int(time.time() * 1_000_000)
    Plan.objects.filter(pk__in=list(plan_ids)).update(data_version=Greatest(F("data_version") + 1, Value(now)))


@receiver(post_save, sender=Observation, dispatch_uid="observation_saved")
@receiver(post_delete, sender=Observation, dispatch_uid="observation_deleted")
def _observation_changed(sender: type[Observation], instance: Observation, **kwargs: Any) -> None:
    touch_plans(Indicator.objects.filter(pk=instance.indicator_id).values_list("plan_id", flat=True))


@receiver(post_save, sender=Indicator, dispatch_uid="indicator_saved")
@receiver(post_delete, sender=Indicator, dispatch_uid="indicator_deleted")
def _indicator_changed(sender: type[Indicator], instance: Indicator, **kwargs: Any) -> None:
    touch_plans([instance.plan_id])
