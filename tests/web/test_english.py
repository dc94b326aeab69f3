"""The interface is Chinese by default and switches to English."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
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


@pytest.mark.parametrize(("page", "english", "chinese"), [
    ("/supervision/", "Supervision notices", "承办单位"),
    ("/ledgers/tasks/", "Progress note", "进展说明"),
    ("/ledgers/projects/", "Major project ledger", "重大项目台账"),
    ("/plans/import/", "Import a plan", "上位/总体规划"),
    ("/departments/{lead}/", "Assessment score", "计分方法"),
])
def test_the_ledger_supervision_import_and_department_pages_speak_english(admin_client: Client, demo: Plan, page: str,
                                                                   english: str, chinese: str) -> None:
    lead = demo.indicators.exclude(lead=None).values_list("lead", flat=True).first()
    url = page.format(lead=lead)
    body = admin_client.get(url).content.decode()
    assert chinese in body and "%%" not in body  # {% translate %} doubles % for the lookup; none may leak
    admin_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = admin_client.get(url).content.decode()
    assert english in body and chinese not in body and "%%" not in body
