"""Every change to an observation or an indicator (its target, lead unit, aggregation, link) moves its
plan's ``data_version`` on, inside the same transaction, so that cached evaluations and pages (keyed by it,
see planwatch.web.cache) are never stale in any worker; a change to a region (name, population, place in the
tree) or a department (name) moves every plan's on, since any plan may show it. Bulk writers, which
bypass model signals, call :func:`planwatch.web.plans.models.touch_plans` themselves."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ..accounts.models import Department, Region
from ..plans.models import Indicator, Plan, touch_plans
from .models import Observation


@receiver(post_save, sender=Observation, dispatch_uid="observation_saved")
@receiver(post_delete, sender=Observation, dispatch_uid="observation_deleted")
def _observation_changed(sender: type[Observation], instance: Observation, **kwargs: Any) -> None:
    touch_plans(Indicator.objects.filter(pk=instance.indicator_id).values_list("plan_id", flat=True))


@receiver(post_save, sender=Indicator, dispatch_uid="indicator_saved")
@receiver(post_delete, sender=Indicator, dispatch_uid="indicator_deleted")
def _indicator_changed(sender: type[Indicator], instance: Indicator, **kwargs: Any) -> None:
    touch_plans([instance.plan_id])


@receiver(post_save, sender=Region, dispatch_uid="region_saved")
@receiver(post_delete, sender=Region, dispatch_uid="region_deleted")
@receiver(post_save, sender=Department, dispatch_uid="department_saved")
@receiver(post_delete, sender=Department, dispatch_uid="department_deleted")
def _shared_row_changed(sender: type[Region | Department], instance: Region | Department, raw: bool = False,
                        **kwargs: Any) -> None:
    if not raw:  # a restore from backup touches every plan itself
        touch_plans(Plan.objects.values_list("pk", flat=True))
