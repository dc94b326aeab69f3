"""Search hits link to what they found: every search document records the id of the task, project, commitment or
indicator it was taken from (``item_pk``), commitments get documents of their own, and texts are indexed with
the synonym groups of core.textsearch (能耗 ↔ 能源消耗 …). Existing plans' indexes are rebuilt here by the same
function an import uses (search.build_index), inside this migration's transaction.

The column is nullable without a default: SQLite then adds it with ALTER TABLE ADD COLUMN instead of rebuilding
the table, which would drop the FTS5 triggers of migration 0006."""

from typing import Any

from django.db import migrations, models


def rebuild(apps: Any, schema_editor: Any) -> None:
    from planwatch.web.plans.search import rebuild_all

    rebuild_all(apps.get_model("plans", "Plan"), apps.get_model("plans", "SearchDoc"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0012_indicator_library")]
    operations = [
        migrations.AddField(model_name="searchdoc", name="item_pk",
                            field=models.PositiveBigIntegerField(blank=True, null=True)),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
