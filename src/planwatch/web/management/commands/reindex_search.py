"""Rebuild the full-text index of every plan (plans.search.rebuild_all), e.g. after a word was added to the
synonym list core.textsearch.SYNONYMS: texts indexed before do not carry the new group's token. One
transaction: a failure leaves the old index in place."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from ...plans.search import rebuild_all


class Command(BaseCommand):
    help = "重建全部规划的全文检索索引（修改同义词表 core/textsearch.py SYNONYMS 后运行）"

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            count = rebuild_all()
        self.stdout.write(f"已重建检索索引：{count} 条")
