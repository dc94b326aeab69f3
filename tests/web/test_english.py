"""The interface is Chinese by default and switches to English."""

from __future__ import annotations

from pathlib import Path

import polib
from django.test import Client

from planwatch.web.plans.models import Plan

CATALOGUE = Path(__file__).resolve().parents[2] / "src" / "planwatch" / "web" / "locale" / "en" / "LC_MESSAGES"


def test_chinese_is_the_default(outsider: Client, demo: Plan) -> None:
    body = outsider.get("/public/").content.decode()
    assert "公众门户" in body and "规划实施监测评估平台" in body and 'lang="zh-CN"' in body


def test_english_can_be_chosen_and_stays_chosen(outsider: Client, demo: Plan) -> None:
    response = outsider.post("/i18n/setlang/", {"language": "en", "next": "/public/"})
    assert response.status_code == 302
    body = outsider.get("/public/").content.decode()
    assert "Public portal" in body and "Plan Implementation Monitoring" in body and 'lang="en"' in body
    assert "Not met" in body or "Met" in body  # statuses from the core are translated too
    outsider.post("/i18n/setlang/", {"language": "zh-hans", "next": "/public/"})
    assert "公众门户" in outsider.get("/public/").content.decode()


def test_the_compiled_catalogue_matches_its_source() -> None:
    source = {e.msgid: e.msgstr for e in polib.pofile(str(CATALOGUE / "django.po"))}
    compiled = {e.msgid: e.msgstr for e in polib.mofile(str(CATALOGUE / "django.mo")) if e.msgid}
    assert compiled == source, "run scripts/compile_messages.py after editing django.po"
