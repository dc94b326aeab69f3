"""A plan written 一、/（一）/1. without 篇/章/节 (乡村全面振兴规划) shows its outline on the plan page."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.accounts.models import Region
from planwatch.web.plans.models import Plan

RURAL = Path(__file__).resolve().parents[3] / "shared" / "plans" / "real" / "rural-revitalization-2024-2027.txt"


def test_the_numbered_outline_is_shown(admin_client: Client, outsider: Client) -> None:
    admin_client.post("/plans/import/", {"file": SimpleUploadedFile("rural.txt", RURAL.read_bytes()),
                                         "region": Region.objects.get(name="金普新区").pk})
    plan = Plan.objects.order_by("-id").first()
    assert plan is not None
    admin_client.post(f"/plans/{plan.pk}/review/", {"action": "confirm"})
    page = outsider.get(f"/plans/{plan.pk}/").content.decode()
    assert "<strong>一、总体要求</strong>" in page
    assert "<strong>二、优化城乡发展格局，分类有序推进乡村全面振兴</strong>" in page
    assert "（一）统筹优化城乡发展布局" in page
