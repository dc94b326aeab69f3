"""An index written before the synonym groups and the links (or before a word was added to core.textsearch.SYNONYMS)
is rebuilt by `planwatch manage reindex_search` — the function migration 0013 runs — and then finds and links."""

from __future__ import annotations

import io

from django.core.management import call_command

from planwatch.core.textsearch import index_tokens
from planwatch.web.plans.models import Plan, SearchDoc
from planwatch.web.plans.search import search


def test_reindex_search_rebuilds_a_stale_index(demo: Plan) -> None:
    old = list(SearchDoc.objects.filter(plan=demo, kind="indicator"))
    SearchDoc.objects.filter(plan=demo, kind="indicator").delete()
    SearchDoc.objects.bulk_create([SearchDoc(  # as written before: no synonym token, no item
        plan=demo, kind="indicator", ref=d.ref, title=d.title, text=d.text,
        tokens=" ".join(t for t in index_tokens(d.title).split() if not t.startswith("syn"))) for d in old])
    assert not [h for h in search(demo, "能耗") if h.kind == "indicator"]

    out = io.StringIO()
    call_command("reindex_search", stdout=out)
    assert "已重建检索索引" in out.getvalue()
    found = [h for h in search(demo, "能耗") if h.kind == "indicator"]
    assert [h.title for h in found] == ["单位地区生产总值能源消耗降低"]
    assert found[0].item_pk == demo.indicators.get(name="单位地区生产总值能源消耗降低").pk
    assert SearchDoc.objects.filter(plan=demo, kind__in=["task", "project", "commitment", "indicator"],
                                    item_pk__isnull=True).count() == 0
