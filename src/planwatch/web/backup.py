"""Backup and restore of the platform's data, verified by a digest of every row.

A backup is gzip-compressed JSON: a header (format, time, database vendor, digest) and the objects as Django
serialises them. Restoring replaces all data in one transaction and checks that the restored database has
the digest the backup recorded; if not, nothing is changed.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from ..core.errors import InputError

FORMAT = "planwatch-backup-1"


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts datetimes to milliseconds; a backup keeps every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            return o.isoformat()
        return super().default(o)
APPS = ("auth", "accounts", "plans", "monitoring", "ledgers")
SKIP = {"auth.permission", "auth.group_permissions"}


def _models() -> list[Any]:
    out = []
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label_lower not in SKIP:
                out.append(model)
    return out


def digest() -> str:
    """sha256 over every row of every backed-up model, in a canonical order."""
    h = hashlib.sha256()
    for model in sorted(_models(), key=lambda m: m._meta.label_lower):
        h.update(model._meta.label_lower.encode())
        for row in model.objects.order_by("pk").values():
            row.pop("data_version", None)  # a cache key moved on by every write and restore, not data
            h.update(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False).encode())
    return h.hexdigest()


def backup(path: Path) -> str:
    objects = []
    for model in _models():
        objects.extend(model.objects.order_by("pk"))
    payload = serializers.serialize("json", objects, cls=_ExactEncoder)
    header = {"format": FORMAT, "created": dt.datetime.now(dt.UTC).isoformat(), "vendor": connection.vendor,
              "digest": digest(), "objects": len(objects)}
    tmp = path.with_name(path.name + ".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(header, ensure_ascii=False) + "\n" + payload)
    tmp.replace(path)
    return str(header["digest"])


def restore(path: Path) -> str:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            header = json.loads(fh.readline())
            payload = fh.read()
    except (OSError, EOFError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path.name}: 不是有效的 Planwatch 备份文件") from exc
    if header.get("format") != FORMAT:
        raise InputError(f"{path.name}: 备份格式不是 {FORMAT}")
    with transaction.atomic():
        _flush()
        try:
            for obj in serializers.deserialize("json", io.StringIO(payload)):
                obj.save()
        except Exception as exc:  # a damaged payload: roll back, keep the current data
            raise InputError(f"{path.name}: 备份内容已损坏，未做任何修改（{type(exc).__name__}）") from exc
        _reset_sequences()
        restored = digest()
        # a restored version number may equal one cached before the restore, for other data: move every plan on
        from .plans.models import Plan, touch_plans

        touch_plans(Plan.objects.values_list("pk", flat=True))
        if restored != header["digest"]:
            raise InputError(f"{path.name}: 恢复后的数据与备份不一致（校验值不符），已撤销恢复")
    return restored


def _flush() -> None:
    """Empty the backed-up tables with the database's own statements (DELETE on SQLite, so the search index
    triggers run; TRUNCATE … CASCADE on PostgreSQL). Foreign keys are deferred until commit."""
    from django.core.management.color import no_style

    tables = sorted({m._meta.db_table for label in APPS
                     for m in apps.get_app_config(label).get_models(include_auto_created=True)
                     if m._meta.label_lower not in SKIP and not m._meta.db_table.endswith("_permissions")})
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # settle checks still pending in this transaction: TRUNCATE needs it
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for sql in connection.ops.sql_flush(no_style(), tables, allow_cascade=True):
            cursor.execute(sql)


def _reset_sequences() -> None:
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), _models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
