"""Append-only history rows: the 操作记录 of values (``ObservationEvent``) and the 进展记录 / 台账操作记录 of
ledger items are written once, by the service that makes the change, and never changed or deleted by code.

The rules, and where they stop:

- ``save()`` of a row that already exists, ``delete()``, and the ``update``, ``bulk_update`` and ``delete`` of
  the model's querysets raise :class:`HistoryIsAppendOnly`. ``objects.create`` works as before.
- The admin shows these tables view-only (see each app's admin.py); because it checks every related row's
  delete permission, deleting a plan, indicator, value or ledger item that has history is refused there too.
- Deletion cascading from what a row belongs to, a deleted user's name set to NULL, and backup/restore
  (``planwatch.web.backup``: it saves deserialised rows with ``save_base`` and empties tables by SQL) go
  through Django's base manager and are not stopped: they remove or keep whole records, they do not rewrite
  one.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class HistoryIsAppendOnly(RuntimeError):
    """A change or deletion of a history row was attempted: a programming error, never a user's input."""

    def __init__(self, model: Any) -> None:
        super().__init__(f"{model._meta.verbose_name}只能追加，不能修改或删除（历史记录不可更改）")


class AppendOnlyQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def update(self, **kwargs: Any) -> int:
        raise HistoryIsAppendOnly(self.model)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise HistoryIsAppendOnly(self.model)

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        raise HistoryIsAppendOnly(self.model)


class AppendOnly(models.Model):
    """Base of every history table: rows are inserted, never updated or deleted."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise HistoryIsAppendOnly(type(self))
        kwargs["force_insert"] = True  # a new object given an existing row's id must not overwrite that row
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise HistoryIsAppendOnly(type(self))
