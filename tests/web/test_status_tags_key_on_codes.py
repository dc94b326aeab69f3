"""Status tags on the pages carry the status code as their class, styled from the status vocabulary."""

from __future__ import annotations

import re

from django.test import Client

from planwatch.core.statuses import STATUSES
from planwatch.web.plans.models import Plan


def test_the_overview_styles_and_tags_statuses_by_code(leader: Client, demo: Plan) -> None:
    body = leader.get(f"/overview/?plan={demo.pk}&as_of=2023").content.decode()
    for status in STATUSES.values():  # every colour comes from the vocabulary
        assert f".s-{status.code}{{background:#{status.colour.lower()}}}" in body
    tags = set(re.findall(r'class="tag s-([^"]+)"', body))
    assert tags and tags <= set(STATUSES), tags  # codes, never 滞后 or 提前实现
