"""规划导入核对: an imported plan is a 草稿 that the 发改局 admin checks — the outline, the indicator grid with each
target in words, the warnings, the commitments — corrects and confirms; the corrections are recorded (who, when,
what) and applied again when the same document is imported again."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.accounts.models import Region
from planwatch.web.plans.models import Plan, PlanCorrection

REAL = Path(__file__).resolve().parents[3] / "shared" / "plans" / "real"
NATIONAL_14TH = REAL / "national-14th-fyp.txt"


def _import(client: Client, data: bytes | None = None, name: str = "national-14th-fyp.txt") -> Plan:
    region = Region.objects.get(name="金普新区").pk
    data = NATIONAL_14TH.read_bytes() if data is None else data
    response = client.post("/plans/import/", {"file": SimpleUploadedFile(name, data), "region": region})
    plan = Plan.objects.order_by("-id").first()
    assert plan is not None and response["Location"] == f"/plans/{plan.pk}/review/"  # type: ignore[index]
    return plan


def _row(plan: Plan, label: str) -> dict[str, str]:
    """The review form of one indicator row, as the page fills it in."""
    from planwatch.web.plans.review import cells

    row = next(i for i in plan.indicators.all() if i.display_no == label)
    return {"indicator": label, **cells(row)}


def test_an_imported_plan_is_a_draft_that_no_list_shows(admin_client: Client, outsider: Client) -> None:
    plan = _import(admin_client)
    assert plan.is_draft and plan.content_hash
    assert admin_client.get(f"/overview/?plan={plan.pk}").status_code == 404
    for client in (admin_client, outsider):
        assert client.get(f"/public/?plan={plan.pk}").status_code == 404
        assert client.get(f"/plans/{plan.pk}/indicators/3/").status_code == 404
        assert client.get(f"/api/plans/{plan.pk}").status_code == 404
        assert client.get(f"/api/plans/{plan.pk}/indicators").status_code == 404
        assert plan.pk not in [p["id"] for p in client.get("/api/plans").json()]
    assert outsider.get(f"/plans/{plan.pk}/").status_code == 404
    assert f'href="/plans/{plan.pk}/"' not in outsider.get("/plans/").content.decode()
    assert "草稿：待核对" in admin_client.get("/plans/").content.decode()

    response = admin_client.post(f"/plans/{plan.pk}/review/", {"action": "confirm"})
    assert response["Location"] == f"/plans/{plan.pk}/"  # type: ignore[index]
    plan.refresh_from_db()
    assert not plan.is_draft and plan.confirmed_by is not None and plan.confirmed_at is not None
    assert outsider.get(f"/api/plans/{plan.pk}").status_code == 200
    assert plan.title in outsider.get("/plans/").content.decode()


def test_the_review_page_shows_each_target_in_words(admin_client: Client) -> None:
    page = admin_client.get(f"/plans/{_import(admin_client).pk}/review/").content.decode()
    for words in ("2025年达到65%", "年均增长高于7%，力争投入强度高于“十三五”时期实际", "与GDP增长同步",
                  "五年累计降低18%", "2025年高于6.5亿吨", "第一篇 开启全面建设社会主义现代化国家新征程"):
        assert words in page, words


def test_the_warnings_of_a_cell_not_read_are_highlighted(admin_client: Client) -> None:
    text = NATIONAL_14TH.read_text(encoding="utf-8").replace("\t60.6*\n", "\t60.6?7\n")
    plan = _import(admin_client, text.encode())
    assert plan.warnings and plan.warnings[0]["place"] == "主要指标表第3行（常住人口城镇化率）“2020年”列"
    page = admin_client.get(f"/plans/{plan.pk}/review/").content.decode()
    assert 'id="warnings"' in page and "主要指标表第3行（常住人口城镇化率）“2020年”列" in page
    assert '<tr id="ind-3" class="msg error"' in page


def test_a_corrected_cell_is_parsed_again_and_recorded(admin_client: Client) -> None:
    plan = _import(admin_client)
    response = admin_client.post(f"/plans/{plan.pk}/review/", {**_row(plan, "3"), "target": "≥66"})
    assert response.status_code == 302
    row = plan.indicators.get(no=3)
    assert row.target_raw == "≥66"
    record = PlanCorrection.objects.get(plan=plan)
    assert (record.actor.username, record.item) == ("fgj_admin", {"indicator": "3", "field": "target",
                                                                   "value": "≥66"})
    assert record.detail == "指标3“目标值”改为：≥66"
    page = admin_client.get(f"/plans/{plan.pk}/review/").content.decode()
    assert "2025年不低于66%" in page and "指标3“目标值”改为：≥66" in page


def test_a_cell_that_does_not_parse_changes_nothing(admin_client: Client) -> None:
    plan = _import(admin_client)
    response = admin_client.post(f"/plans/{plan.pk}/review/", {**_row(plan, "3"), "target": "3,500", "unit": "亿"})
    assert response.status_code == 400
    assert "目标值无法识别：&#x27;3,500&#x27;" in response.content.decode()
    row = plan.indicators.get(no=3)
    assert (row.target_raw, row.unit) == ("65", "%") and not PlanCorrection.objects.exists()


def test_the_same_document_imported_again_keeps_its_corrections(admin_client: Client) -> None:
    first = _import(admin_client)
    admin_client.post(f"/plans/{first.pk}/review/", {**_row(first, "3"), "target": "≥66"})
    admin_client.post(f"/plans/{first.pk}/review/", {**_row(first, "8"), "kind": "level"})
    commitment = first.commitments.select_related("node").first()
    assert commitment is not None
    admin_client.post(f"/plans/{first.pk}/review/", {"commitment": commitment.quantity,
                                                     "node": commitment.node.node_id, "accepted": "0"})
    assert not first.commitments.filter(pk=commitment.pk).exists()

    again = _import(admin_client)
    assert again.pk != first.pk and again.is_draft
    assert again.indicators.get(no=3).target_raw == "≥66"
    assert again.indicators.get(no=8).kind == "level"
    assert again.commitments.count() == first.commitments.count()
    page = admin_client.get(f"/plans/{again.pk}/review/").content.decode()
    assert "同一文件此前导入时所作，已沿用" in page

    other = _import(admin_client, NATIONAL_14TH.read_bytes() + b"\n")  # another document: read afresh
    assert other.indicators.get(no=3).target_raw == "65"


def test_a_confirmed_plan_takes_no_more_corrections(admin_client: Client) -> None:
    plan = _import(admin_client)
    admin_client.post(f"/plans/{plan.pk}/review/", {"action": "confirm"})
    response = admin_client.post(f"/plans/{plan.pk}/review/", {**_row(plan, "3"), "target": "≥66"})
    assert response.status_code == 400 and "该规划已确认" in response.content.decode()
    assert plan.indicators.get(no=3).target_raw == "65"


@pytest.mark.parametrize(("persona", "status"), [("reporter", 403), ("leader", 403), ("outsider", 302)])
def test_only_the_planning_office_reviews(request: pytest.FixtureRequest, admin_client: Client, persona: str,
                                          status: int) -> None:
    plan = _import(admin_client)
    client: Client = request.getfixturevalue(persona)
    assert client.get(f"/plans/{plan.pk}/review/").status_code == status
    assert client.post(f"/plans/{plan.pk}/review/", {"action": "confirm"}).status_code == status
    plan.refresh_from_db()
    assert plan.is_draft
