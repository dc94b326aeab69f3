"""Only the 发改局 admin writes report texts: a reporter, a leader and the public are refused (403) on the page
and on its form, and nothing is written — no text row, and the plan's data stamp does not move."""

from __future__ import annotations

import pytest
from django.test import Client

from planwatch.web.monitoring.models import ReportNarrative
from planwatch.web.plans.models import Plan


@pytest.mark.parametrize("persona", ["reporter", "leader", "outsider"])
def test_it_refuses_everyone_but_the_admin(request: pytest.FixtureRequest, demo: Plan, persona: str) -> None:
    client: Client = request.getfixturevalue(persona)
    page = f"/reports/narrative/?plan={demo.pk}&kind=final&year=2025"
    version = Plan.objects.get(pk=demo.pk).data_version
    assert client.get(page).status_code == 403
    response = client.post(page, {"text-problems": "不该写入的文本。"})
    assert response.status_code == 403
    assert "只有发改局管理员" in response.content.decode()
    assert not ReportNarrative.objects.exists()
    assert Plan.objects.get(pk=demo.pk).data_version == version


def test_the_admin_sees_the_page_and_the_overview_links_to_it(admin_client: Client, leader: Client,
                                                               demo: Plan) -> None:
    page = admin_client.get(f"/reports/narrative/?plan={demo.pk}&kind=final&year=2025")
    assert page.status_code == 200 and 'name="text-problems"' in page.content.decode()
    assert 'id="narrative-link"' in admin_client.get(f"/overview/?plan={demo.pk}").content.decode()
    assert 'id="narrative-link"' not in leader.get(f"/overview/?plan={demo.pk}").content.decode()
