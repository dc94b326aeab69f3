"""Search one plan without touching the others' documents (measured in bench/search.py: with 200 plans indexed a
search took 5–14 ms on SQLite and 140 ms on PostgreSQL, where a plain scan of the plan's rows took 1–3 ms).

- SQLite: the FTS5 table indexes the plan id beside the tokens, so that ``plan_id:7 AND tokens:"氢能"`` intersects
  two posting lists instead of matching every plan's documents and filtering afterwards.
- PostgreSQL: the tsvector is stored (a generated column) instead of being recomputed from the token text of every
  candidate row, which is what made the plan-filtered search slow; the GIN index moves onto it.
"""

from typing import Any

from django.db import migrations

_OLD_SQLITE = ("DROP TRIGGER IF EXISTS plans_searchdoc_ai", "DROP TRIGGER IF EXISTS plans_searchdoc_ad",
               "DROP TABLE IF EXISTS plans_search_fts")


def create(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for stmt in _OLD_SQLITE:
            schema_editor.execute(stmt)
        schema_editor.execute("CREATE VIRTUAL TABLE plans_search_fts USING fts5(plan_id, tokens, "
                              "content='plans_searchdoc', content_rowid='id', tokenize='unicode61')")
        schema_editor.execute("CREATE TRIGGER plans_searchdoc_ai AFTER INSERT ON plans_searchdoc BEGIN "
                              "INSERT INTO plans_search_fts(rowid, plan_id, tokens) "
                              "VALUES (new.id, new.plan_id, new.tokens); END")
        schema_editor.execute("CREATE TRIGGER plans_searchdoc_ad AFTER DELETE ON plans_searchdoc BEGIN "
                              "INSERT INTO plans_search_fts(plans_search_fts, rowid, plan_id, tokens) "
                              "VALUES ('delete', old.id, old.plan_id, old.tokens); END")
        schema_editor.execute("INSERT INTO plans_search_fts(plans_search_fts) VALUES ('rebuild')")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS plans_searchdoc_tsv")
        schema_editor.execute("ALTER TABLE plans_searchdoc ADD COLUMN tsv tsvector "
                              "GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED")
        schema_editor.execute("CREATE INDEX plans_searchdoc_tsv ON plans_searchdoc USING GIN (tsv)")


def drop(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for stmt in _OLD_SQLITE:
            schema_editor.execute(stmt)
        schema_editor.execute("CREATE VIRTUAL TABLE plans_search_fts USING fts5(tokens, content='plans_searchdoc', "
                              "content_rowid='id', tokenize='unicode61')")
        schema_editor.execute("CREATE TRIGGER plans_searchdoc_ai AFTER INSERT ON plans_searchdoc BEGIN "
                              "INSERT INTO plans_search_fts(rowid, tokens) VALUES (new.id, new.tokens); END")
        schema_editor.execute("CREATE TRIGGER plans_searchdoc_ad AFTER DELETE ON plans_searchdoc BEGIN "
                              "INSERT INTO plans_search_fts(plans_search_fts, rowid, tokens) "
                              "VALUES ('delete', old.id, old.tokens); END")
        schema_editor.execute("INSERT INTO plans_search_fts(plans_search_fts) VALUES ('rebuild')")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS plans_searchdoc_tsv")
        schema_editor.execute("ALTER TABLE plans_searchdoc DROP COLUMN IF EXISTS tsv")
        schema_editor.execute("CREATE INDEX plans_searchdoc_tsv ON plans_searchdoc "
                              "USING GIN (to_tsvector('simple', tokens))")


class Migration(migrations.Migration):
    dependencies = [("plans", "0005_plan_links")]
    operations = [migrations.RunPython(create, drop)]
