"""A request body over the 20 MB limit (DATA_UPLOAD_MAX_MEMORY_SIZE) is refused by the API with 413 and a
JSON message, and nothing is written."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from planwatch.web.accounts.models import ApiToken
from planwatch.web.monitoring.models import Observation
from planwatch.web.plans.models import Plan


def test_a_body_over_20_mb_is_a_413_with_a_json_message(demo: Plan) -> None:
    token = ApiToken.issue(User.objects.get(username="tjj_tianbao"), "大请求")[1]
    gdp = demo.indicators.get(no=1)
    padding = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    body = f'{{"indicator": {gdp.pk}, "year": 2025, "value": 5.5, "comment": "{padding}"}}'
    before = Observation.objects.count()
    response = Client(raise_request_exception=False).post("/api/observations", body, content_type="application/json",
                                                          HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert "20 MB" in response.json()["detail"]
    assert Observation.objects.count() == before

