"""导出Excel of a ledger: the rows the page shows under the same filters (all pages), opened with openpyxl;
numbers as numbers with the unit in the heading, places in the plan's words."""

from __future__ import annotations

import io

import openpyxl
from django.test import Client

from planwatch.core.ledger import LIGHT_LABELS
from planwatch.core.locations import location
from planwatch.web.plans.models import Plan


def _sheet(response: object) -> list[tuple[object, ...]]:
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active  # type: ignore[attr-defined]
    return list(ws.iter_rows(values_only=True))


def test_the_export_has_the_rows_of_the_filtered_page(leader: Client, demo: Plan) -> None:
    query = {"light": "red"}
    page = leader.get("/ledgers/tasks/", query)
    shown = [(item.pk, LIGHT_LABELS[light], str(item)) for item, light in page.context["rows"]]
    response = leader.get("/ledgers/tasks/export/", query)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    rows = _sheet(response)
    assert rows[0][:8] == ("编号", "灯号", "任务", "位置", "牵头单位", "时限", "进度（%）", "进展说明")
    assert len(rows) - 1 == page.context["total"]  # every page, not only the first 50
    assert [(r[0], r[1], r[2]) for r in rows[1:len(shown) + 1]] == shown
    assert all(r[1] == "红" for r in rows[1:])
    assert all(isinstance(r[6], int) for r in rows[1:])  # progress a number, its unit in the heading


def test_the_project_export_carries_the_project_office_columns(admin_client: Client, demo: Plan) -> None:
    rows = _sheet(admin_client.get("/ledgers/projects/export/"))
    assert {"总投资（亿元）", "年度计划投资（亿元）", "累计完成投资（亿元）", "计划开工", "实际竣工", "形象进度", "建设单位"} <= set(rows[0])
    assert len(rows) - 1 == demo.projects.count()
    first = demo.projects.order_by("id").first()
    assert rows[1][3] == location(first.node.node_id) and "/" not in rows[1][3]


def test_the_public_cannot_export(outsider: Client, demo: Plan) -> None:
    assert outsider.get("/ledgers/tasks/export/").status_code == 302
