"""A newly imported plan's commitments are linked to the indicators whose targets they restate
(services.link_commitments) once the import's transaction has committed: the plan row is created first and its
commitments are bulk-created after it, in the same transaction, so the link waits for the commit. Reading a
ledger never writes."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from ..plans.models import Plan


@receiver(post_save, sender=Plan, dispatch_uid="plan_created_link_commitments")
def _plan_created(sender: type[Plan], instance: Plan, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if created and not raw:  # a restore from backup brings its own links
        from .services import link_commitments

        transaction.on_commit(lambda: link_commitments(instance))
