"""The public portal shows published data only, and says where data are simulated."""

from __future__ import annotations

from django.test import Client

from planwatch.web.monitoring.models import Observation, Status
from planwatch.web.plans.models import Plan


def test_unpublished_values_never_reach_the_public(outsider: Client, demo: Plan) -> None:
    gdp = demo.indicators.get(no=1)
    Observation.objects.filter(indicator=gdp, year=2025).delete()
    Observation.objects.create(indicator=gdp, region=demo.region, year=2025, value=77.77, source="未发布",
                               status=Status.APPROVED)
    for url in ("/public/", f"/plans/{demo.pk}/indicators/1/", f"/plans/{demo.pk}/indicators/1/?as_of=2025"):
        body = outsider.get(url).content.decode()
        assert "77.77" not in body, url


def test_staff_see_approved_values(admin_client: Client, demo: Plan) -> None:
    gdp = demo.indicators.get(no=1)
    Observation.objects.filter(indicator=gdp, year=2025).delete()
    Observation.objects.create(indicator=gdp, region=demo.region, year=2025, value=77.77, source="已审核",
                               status=Status.APPROVED)
    assert "77.77" in admin_client.get(f"/plans/{demo.pk}/indicators/1/").content.decode()


def test_simulated_data_is_labelled_on_every_page(outsider: Client, admin_client: Client, demo: Plan) -> None:
    for client, url in ((outsider, "/public/"), (admin_client, "/overview/"),
                        (outsider, f"/plans/{demo.pk}/indicators/2/")):
        body = client.get(url).content.decode()
        assert "模拟数据" in body, url


def test_without_simulated_data_there_is_no_label_and_gaps_stay_gaps(real_only: Plan) -> None:
    body = Client().get("/public/").content.decode()
    assert "模拟数据</strong>" not in body
    assert "无数据" in body
    assert "dljp.gov.cn" in Client().get(f"/plans/{real_only.pk}/indicators/1/").content.decode()  # real source
