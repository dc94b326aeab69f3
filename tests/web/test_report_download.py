"""Report downloads from the platform: built from the database, published data only for the public."""

from __future__ import annotations

import io

import docx
from django.test import Client

from planwatch.web.monitoring.models import Observation, Status
from planwatch.web.plans.models import Plan


def test_staff_download_the_final_evaluation_in_word(leader: Client, demo: Plan) -> None:
    response = leader.get("/reports/download/?kind=final&format=docx&as_of=2025")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text.endswith("总结评估报告")
    results = leader.get("/overview/?as_of=2025").context["results"]
    done = sum(1 for e in results if e.status == "met")
    assert f"23项主要指标中，{done}项已完成" in text
    assert "模拟数据" in text  # the demo's simulated values are declared


def test_the_public_report_leaves_out_unpublished_values(outsider: Client, demo: Plan) -> None:
    gdp = demo.indicators.get(no=1)
    Observation.objects.filter(indicator=gdp, year=2025).delete()
    Observation.objects.create(indicator=gdp, region=demo.region, year=2025, value=88.8, source="未发布",
                               status=Status.SUBMITTED)
    body = outsider.get("/reports/download/?kind=final&format=html&as_of=2025").content.decode()
    assert "88.8" not in body and "总结评估报告" in body


def test_unknown_kinds_are_a_404(outsider: Client, demo: Plan) -> None:
    assert outsider.get("/reports/download/?kind=secret&format=docx").status_code == 404
    assert outsider.get("/reports/download/?kind=final&format=exe").status_code == 404


def test_the_pdf_download(leader: Client, demo: Plan) -> None:
    import shutil

    import pytest

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is needed (test.sh installs it)")
    response = leader.get("/reports/download/?kind=midterm&format=pdf&as_of=2023")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"


def test_the_report_shows_ledger_progress_by_chapter(leader: Client, demo: Plan) -> None:
    task = demo.tasks.filter(node__node_id__startswith="ch2/").order_by("id").first()
    assert task is not None
    task.progress = 100
    task.save()
    document = docx.Document(io.BytesIO(leader.get("/reports/download/?kind=final&format=docx&as_of=2025").content))
    chapters = next(t for t in document.tables if t.rows[0].cells[0].text == "章")
    assert [c.text for c in chapters.rows[0].cells] == ["章", "重点任务（项）", "重大项目（个）", "进展"]
    row = next(r for r in chapters.rows if r.cells[0].text.startswith("第二章"))
    assert row.cells[3].text.startswith("平均进度") and "灯" in row.cells[3].text
