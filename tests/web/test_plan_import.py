"""Importing plans through the web: any supported format, several plans side by side, clear refusals."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.accounts.models import Region
from planwatch.web.plans.models import Plan

from ..conftest import FIXTURES, JINPU_TXT


def _upload(client: Client, name: str, data: bytes, **extra: object) -> object:
    fields = {"file": SimpleUploadedFile(name, data), "region": Region.objects.get(name="金普新区").pk, **extra}
    return client.post("/plans/import/", fields)


def test_a_special_plan_is_registered_under_the_master_plan(admin_client: Client, demo: Plan) -> None:
    data = (FIXTURES / "layouts" / "parts-and-toc.txt").read_bytes()
    response = _upload(admin_client, "专项规划.txt", data, parent=demo.pk, title="某专项规划（示例）")
    special = Plan.objects.get(title="某专项规划（示例）")
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert response["Location"] == f"/plans/{special.pk}/review/"  # type: ignore[index]  # checked before use
    assert special.parent == demo and special.indicators.count() == 3 and special.nodes.filter(kind="part").count() == 2
    page = admin_client.get("/plans/").content.decode()
    assert "某专项规划（示例）" in page and "　└ " in page


def test_an_indicator_table_can_be_imported(admin_client: Client, demo: Plan) -> None:
    response = _upload(admin_client, "指标.csv", (FIXTURES / "eval-plan.csv").read_bytes(), title="指标表（示例）")
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert Plan.objects.get(title="指标表（示例）").indicators.count() == 11


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.txt", b"", "文件为空"),
    ("fake.docx", "不是Word".encode(), "内容不是该格式的文件"),
    ("notes.txt", "今天天气很好。\n".encode() * 10, "不像一份规划文本"),
])
def test_bad_files_are_refused_with_a_message(admin_client: Client, demo: Plan, name: str, data: bytes,
                                              message: str) -> None:
    before = Plan.objects.count()
    response = _upload(admin_client, name, data)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert message in response.content.decode()  # type: ignore[attr-defined]
    assert Plan.objects.count() == before


@pytest.mark.parametrize(("persona", "status"), [("reporter", 403), ("leader", 403), ("outsider", 302)])
def test_only_the_planning_office_imports(request: pytest.FixtureRequest, persona: str, status: int,
                                          demo: Plan) -> None:
    client: Client = request.getfixturevalue(persona)
    before = Plan.objects.count()
    response = _upload(client, "plan.txt", JINPU_TXT.read_bytes())
    assert response.status_code == status  # type: ignore[attr-defined]
    assert Plan.objects.count() == before


def test_the_22_special_plans_are_registered_under_the_master_plan(outsider: Client, demo: Plan) -> None:
    children = list(demo.children.order_by("id").values_list("title", flat=True))
    assert len(children) == 22
    assert children[0] == "大连金普新区推进社会治理现代化“十四五”规划"
    assert children[-1] == "大连金石滩国家旅游度假区产业发展“十四五”规划"
    assert "金普新区综合立体交通网规划" in children
