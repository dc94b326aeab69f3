"""Chinese full-text search on SQLite (FTS5) and PostgreSQL (GIN over a 'simple' tsvector), both over
jieba-segmented tokens, with 200 plans in the index.

Run: .venv/bin/python bench/search.py     (needs PostgreSQL on 127.0.0.1:5432; about a minute and a half)

Data: the Jinpu plan imported once, its search documents copied for 199 more plans (模拟副本: the same texts
under other plan ids), about 140,000 documents in all; a search looks in one plan. Baseline in the same run: the
search a platform without an index would do — `LIKE '%词%'` over the same plan's texts — whose hits the script
compares with the index's (every index hit must contain the words; the LIKE scan also finds substrings inside
longer words, which the segmented index deliberately does not).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from common import machine, median_seconds, write_section

PG = os.environ.get("PLANWATCH_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PLANS = 200
QUERIES = ["氢能", "能耗", "数字经济", "营商环境 改革", "新型研发机构"]


def child() -> None:
    """Runs in a process whose DATABASE_URL is the database to measure; prints one line per query."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.models import Q

    from planwatch.core.extract import extract_plan
    from planwatch.core.textsearch import query_tokens
    from planwatch.web.accounts.models import Region
    from planwatch.web.plans.models import Plan, SearchDoc
    from planwatch.web.plans.search import _matching_ids, search
    from planwatch.web.plans.services import import_plan

    call_command("migrate", verbosity=0)
    region = Region.objects.create(name="金普新区", level="新区")
    first = import_plan(extract_plan(ROOT / "src" / "planwatch" / "data" / "plans" / "jinpu-14th-fyp.txt"), region)
    with transaction.atomic():
        copies = Plan.objects.bulk_create([Plan(title=f"模拟副本{i}", region=region, base_year=2020, end_year=2025)
                                           for i in range(1, PLANS)])
        table = SearchDoc._meta.db_table
        with connection.cursor() as cursor:
            for plan in copies:  # the SQLite trigger indexes each inserted row in FTS5
                cursor.execute(f"INSERT INTO {table} (plan_id, kind, node_id, ref, item_pk, title, text, tokens) "
                               f"SELECT %s, kind, node_id, ref, item_pk, title, text, tokens FROM {table} WHERE plan_id = %s",
                               [plan.pk, first.pk])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {table}")
    target = copies[len(copies) // 2]
    total = SearchDoc.objects.count()
    for query in QUERIES:
        words = query.split()

        def scan(words: list[str] = words) -> list[int]:
            qs = SearchDoc.objects.filter(plan=target)
            for w in words:
                qs = qs.filter(Q(text__contains=w) | Q(title__contains=w))
            return list(qs.values_list("id", flat=True))

        hits = search(target, query)
        scanned = scan()
        tokens = query_tokens(query)
        # a token is a whole word, so the index finds a subset of what a substring scan finds — unless the query
        # names a synonym group (core.textsearch.SYNONYMS: 能耗 also finds 能源消耗), which the scan does not know
        assert hits and (len(hits) <= len(scanned) or any(t.startswith("syn") for t in tokens)), (
            query, len(hits), len(scanned))
        indexed = median_seconds(lambda t=tokens: _matching_ids(target, t, 50), 30)  # ids, like the scan
        whole = median_seconds(lambda q=query: search(target, q), 30)  # with snippets and highlighting
        baseline = median_seconds(scan, 30)
        print(f"RESULT\t{connection.vendor}\t{query}\t{indexed}\t{baseline}\t{len(hits)}\t{len(scanned)}\t"
              f"{whole}\t{total}")


def main() -> None:
    import psycopg

    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="planwatch-search-"))
    name = f"planwatch_bench_search_{os.getpid()}"
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update({"DJANGO_SETTINGS_MODULE": "planwatch.web.settings", "PLANWATCH_HTTPS": "0",
                "PLANWATCH_DATA": str(tmp)})
    try:
        for url in (None, PG.rsplit("/", 1)[0] + "/" + name):
            run_env = {**env, **({"DATABASE_URL": url} if url else {})}
            out = subprocess.run([sys.executable, __file__, "--child"], env=run_env, check=True, capture_output=True,
                                 text=True).stdout
            rows += [line.split("\t")[1:] for line in out.splitlines() if line.startswith("RESULT")]
    finally:
        with psycopg.connect(PG, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    total = int(rows[0][-1])
    lines = [f"Machine: {machine()}  ",
             (f"{total:,} search documents ({PLANS} plans: the Jinpu plan and {PLANS - 1} copies, 模拟副本); a search "
              "looks in one plan; medians of 30 runs after a warm-up, in process (the page adds its template)."), "",
             ("| database | query | index lookup (ids) | hits | baseline: LIKE scan (ids) | scan hits | ratio | "
              "whole search with snippets |"), "|---|---|---:|---:|---:|---:|---:|---:|"]
    for vendor, query, indexed, baseline, hits, scanned, whole, _total in rows:
        i, b = float(indexed), float(baseline)
        lines.append(f"| {vendor} | {query} | {i * 1000:.1f} ms | {hits} | {b * 1000:.1f} ms | {scanned} | "
                     f"{b / i:.1f}× | {float(whole) * 1000:.1f} ms |")
    write_section("search", lines)


if __name__ == "__main__":
    if "--child" in sys.argv:
        child()
    else:
        main()
