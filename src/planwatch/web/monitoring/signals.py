"""Every change to an observation or an indicator (its target, lead unit, aggregation, link) moves its
plan's ``data_version`` on, inside the same transaction, so that cached evaluations and pages (keyed by it)
are never stale in any worker. Bulk writers, which bypass model signals, call
:func:`planwatch.web.plans.models.touch_plans` themselves."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ..plans.models import Indicator, touch_plans
from .models import Observation


@receiver(post_save, sender=Observation, dispatch_uid="observation_saved")
@receiver(post_delete, sender=Observation, dispatch_uid="observation_deleted")
def _observation_changed(sender: type[Observation], instance: Observation, **kwargs: Any) -> None:
    touch_plans(Indicator.objects.filter(pk=instance.indicator_id).values_list("plan_id", flat=True))


@receiver(post_save, sender=Indicator, dispatch_uid="indicator_saved")
@receiver(post_delete, sender=Indicator, dispatch_uid="indicator_deleted")
def _indicator_changed(sender: type[Indicator], instance: Indicator, **kwargs: Any) -> None:
    touch_plans([instance.plan_id])
