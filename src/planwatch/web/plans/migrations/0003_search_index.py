"""The full-text index over SearchDoc.tokens, in the form each database supports."""

from typing import Any

from django.db import migrations


def create(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("CREATE VIRTUAL TABLE plans_search_fts USING fts5(tokens, content='plans_searchdoc', "
                              "content_rowid='id', tokenize='unicode61')")
        schema_editor.execute("CREATE TRIGGER plans_searchdoc_ai AFTER INSERT ON plans_searchdoc BEGIN "
                              "INSERT INTO plans_search_fts(rowid, tokens) VALUES (new.id, new.tokens); END")
        schema_editor.execute("CREATE TRIGGER plans_searchdoc_ad AFTER DELETE ON plans_searchdoc BEGIN "
                              "INSERT INTO plans_search_fts(plans_search_fts, rowid, tokens) "
                              "VALUES ('delete', old.id, old.tokens); END")
    elif vendor == "postgresql":
        schema_editor.execute("CREATE INDEX plans_searchdoc_tsv ON plans_searchdoc "
                              "USING GIN (to_tsvector('simple', tokens))")


def drop(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for stmt in ("DROP TRIGGER IF EXISTS plans_searchdoc_ai", "DROP TRIGGER IF EXISTS plans_searchdoc_ad",
                     "DROP TABLE IF EXISTS plans_search_fts"):
            schema_editor.execute(stmt)
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS plans_searchdoc_tsv")


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_searchdoc")]
    operations = [migrations.RunPython(create, drop)]
