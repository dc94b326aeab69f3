"""The interface is Chinese by default and switches to English."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.test import Client

from planwatch.web.plans.models import Plan

from .items import led_by

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
    source = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(CATALOGUE / "django.po"))}
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(CATALOGUE / "django.mo")) if e.msgid}
    assert compiled == source, "run scripts/compile_messages.py after editing django.po"


@pytest.mark.parametrize(("page", "english", "chinese"), [
    ("/supervision/", "Supervision notices", "承办单位"),
    ("/ledgers/tasks/", "Progress note", "进展说明"),
    ("/ledgers/projects/", "Major project ledger", "重大项目台账"),
    ("/ledgers/commitments/", "Commitment ledger", "量化承诺台账"),
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


def _english(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})


@pytest.mark.parametrize(("persona", "page", "english", "chinese"), [
    ("admin_client", "/plans/{plan}/assignments/", "Download the assignment template", "下载分工模板"),
    ("admin_client", "/plans/{plan}/indicators/1/", "Base year (2020)", "基期（2020年）"),
    ("admin_client", "/plans/{plan}/indicators/1/", "Annual target path", "'年度目标路径'"),  # the chart legend
    ("admin_client", "/plans/{plan}/", "quantified commitments:", "量化承诺"),
    ("outsider", "/plans/{plan}/", "Box 3-1", "专栏3-1"),
    ("admin_client", "/plans/", "Parent/master plan", "上位/总体规划"),
    ("outsider", "/search/?q=氢能", "Major project", "重大项目</span>"),
    ("outsider", "/search/?q=氢能", "Matches in", "中找到"),
    ("outsider", "/login/", "User name", "用户名"),
    ("reporter", "/review/", "Access denied", "没有权限"),
    ("reporter", "/review/", "Only administrators of the Development and Reform Bureau may review", "只有发改局管理员"),
    ("admin_client", "/review/", "Review & publish</h2>", "审核发布"),
    ("reporter", "/report/", "Reporting rounds and deadlines", "填报轮次与截止日期"),
    ("admin_client", "/plans/{plan}/linkage/", "Plan alignment</h2>", "规划衔接"),
    ("admin_client", "/plans/{plan}/linkage/", "Upper-level indicator", "上位指标"),
    ("admin_client", "/ledgers/tasks/{task}/", "Supporting evidence", "佐证材料"),
    ("admin_client", "/ledgers/tasks/{task}/", "Add milestone", "新增里程碑"),
    ("reporter", "/account/", "API tokens", "接口令牌"),
    ("reporter", "/account/password/", "New password again", "再次输入新密码"),
])
def test_the_plan_indicator_search_login_review_report_linkage_and_ledger_item_pages_speak_english(
        request: pytest.FixtureRequest, demo: Plan, persona: str, page: str, english: str, chinese: str) -> None:
    client: Client = request.getfixturevalue(persona)
    url = page.format(plan=demo.pk, task=demo.tasks.order_by("pk").values_list("pk", flat=True).first())
    body = client.get(url).content.decode()
    assert chinese in body and english not in body and "%%" not in body
    _english(client)
    body = client.get(url).content.decode()
    assert english in body and chinese not in body and "%%" not in body


def _notice(demo: Plan) -> int:
    """A 督办单 to 统计局 (the reporter persona's unit), issued by the admin: the notice pages have something to show."""
    import datetime as dt

    from django.contrib.auth.models import User

    from planwatch.web.ledgers.services import issue_notice

    task = led_by(demo.tasks.order_by("id").first(), "统计局")
    notice = issue_notice(User.objects.get(username="fgj_admin"), task, "进度滞后，请说明原因", dt.date(2030, 1, 1))
    return int(notice.pk)


@pytest.mark.parametrize(("persona", "page", "english", "chinese"), [
    ("admin_client", "/departments/", "Assessment ranking</h2>", "考核排名"),
    ("admin_client", "/departments/", "Assessment score = indicator score × 60% + task", "考核得分 = 指标得分"),
    ("admin_client", "/departments/{lead}/", "Main indicators led (", "牵头的主要指标"),
    ("reporter", "/supervision/{notice}/", "Reply to the supervision notice</h3>", "答复督办单"),
    ("reporter", "/supervision/{notice}/", "<th>Reference number</th>", "<th>文号</th>"),
    ("admin_client", "/supervision/print/{notice}/", "Notice on supervising the handling of items",
     "关于督促办理有关事项的通知"),
    ("admin_client", "/supervision/print/{notice}/", "reply in writing by January 1, 2030", "2030年1月1日"),
    ("reporter", "/report/", "My reporting</h2>", "我的填报"),
    ("reporter", "/report/", "Save draft</button>", "保存草稿"),
    ("admin_client", "/plans/{successor}/lineage/", "Continued indicators</h3>", "延续的指标"),
    ("admin_client", "/plans/{successor}/lineage/", "Indicators new in this plan</h3>", "本期新增的指标"),
    ("admin_client", "/plans/{successor}/", "Indicator continuity (compared with the previous plan", "指标承接（"),
    ("admin_client", "/plans/{plan}/annual/", "Entries on record</h3>", "录入记录"),
    ("admin_client", "/plans/{plan}/annual/", "Annual target in force</th>", "现行年度目标"),
    ("admin_client", "/ledgers/projects/", "Total investment", "总投资"),
])
def test_the_ranking_notice_reporter_lineage_annual_target_and_project_pages_speak_english(
        request: pytest.FixtureRequest, demo: Plan, persona: str, page: str, english: str, chinese: str) -> None:
    client: Client = request.getfixturevalue(persona)
    successor = Plan.objects.filter(succeeds__isnull=False).order_by("pk").first()  # the demo's national 十五五
    assert successor is not None
    url = page.format(plan=demo.pk, successor=successor.pk,
                      lead=demo.indicators.exclude(lead=None).values_list("lead", flat=True).first(),
                      notice=_notice(demo) if "{notice}" in page else "")
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200 and chinese in body and english not in body and "%%" not in body
    _english(client)
    body = client.get(url).content.decode()
    assert english in body and chinese not in body and "%%" not in body


def test_workflow_statuses_and_the_operation_log_speak_english(admin_client: Client, reporter: Client,
                                                               demo: Plan) -> None:
    from django.contrib.auth.models import User

    from planwatch.web.monitoring.services import save_value, transition

    user = User.objects.get(username="tjj_tianbao")
    obs = save_value(user, demo.indicators.get(no=1), demo.region, 2025, 6.6, source="log")
    transition(user, obs.pk, "submitted")
    chinese_log = admin_client.get(f"/plans/{demo.pk}/indicators/1/").content.decode()
    assert "<td>提交</td><td>草稿 → 已提交</td>" in chinese_log
    _english(admin_client)
    log = admin_client.get(f"/plans/{demo.pk}/indicators/1/").content.decode()
    assert "<td>Submitted</td><td>Draft → Submitted</td>" in log and "草稿" not in log and "已提交" not in log
    review = admin_client.get("/review/").content.decode()
    assert f'data-observation="{obs.pk}"' in review and "<td>Submitted</td>" in review and "已提交" not in review
    assert "Reason for return" in review and "退回理由" not in review
    moved = admin_client.post(f"/observations/{obs.pk}/move/", {"to": "approved", "next": "/review/"}, follow=True)
    assert "地区生产总值增长, 2025: Approved" in moved.content.decode()
    _english(reporter)
    entries = reporter.get("/report/").content.decode()
    assert "<td>Approved</td>" in entries and "已审核" not in entries


def test_assignment_errors_speak_english(admin_client: Client, demo: Plan) -> None:
    import io

    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    _english(admin_client)
    wb = openpyxl.load_workbook(io.BytesIO(admin_client.get(f"/plans/{demo.pk}/assignments/?download=1").content))
    wb["主要指标"]["D3"] = "不存在的局"
    wb["主要指标"]["F4"] = "明年年底"
    out = io.BytesIO()
    wb.save(out)
    response = admin_client.post(f"/plans/{demo.pk}/assignments/",
                                 {"file": SimpleUploadedFile("分工.xlsx", out.getvalue())})
    body = response.content.decode()
    assert response.status_code == 400 and "Rows to correct" in body
    assert "Sheet “主要指标”, row 3: the lead unit “不存在的局” is not in the list of departments" in body
    assert "Sheet “主要指标”, row 4: the deadline “明年年底” is not a date" in body
    assert "Problems found in the spreadsheet: 2." in body and "不在部门名单中" not in body


def test_a_throttled_login_speaks_english(outsider: Client, demo: Plan) -> None:
    _english(outsider)
    for _ in range(20):
        response = outsider.post("/login/", {"username": "english-tester", "password": "wrong"})
        if response.status_code == 429:
            break
    assert response.status_code == 429
    body = response.content.decode()
    assert "Too many failed log-in attempts" in body and "登录失败" not in body


def test_a_ledger_refusal_speaks_english(other_reporter: Client, demo: Plan) -> None:
    url = f"/ledgers/tasks/{led_by(demo.tasks.order_by('id').first()).pk}/progress/"
    chinese = other_reporter.post(url, {"progress": "40"})
    assert chinese.status_code == 403 and "只有牵头单位（统计局）可以更新进展" in chinese.content.decode()
    _english(other_reporter)
    response = other_reporter.post(url, {"progress": "40"})
    body = response.content.decode()
    assert response.status_code == 403 and "Access denied" in body
    assert "Only the lead unit (统计局) may update the progress" in body  # the department's name is data
    assert "只有牵头单位" not in body


def test_milestone_messages_speak_english(reporter: Client, demo: Plan) -> None:
    url = f"/ledgers/tasks/{led_by(demo.tasks.order_by('id').first()).pk}"
    _english(reporter)
    refused = reporter.post(f"{url}/milestones/", {"name": " ", "planned": "2025-06-30"})
    assert refused.status_code == 400
    assert "Please enter the name of the milestone" in refused.content.decode()
    added = reporter.post(f"{url}/milestones/", {"name": "完成可研", "planned": "2025-06-30"}, follow=True)
    body = added.content.decode()
    assert "Milestone “完成可研” added" in body and "已新增里程碑" not in body


@pytest.mark.parametrize(("year", "period", "english", "chinese"), [
    (2024, "", ("Reporting of 2024 data closed on 2025-03-31; to report late, ask the Development and Reform "
                "Bureau to reopen the round"), "已于2025-03-31截止"),
    (2023, "", "Reporting of 2023 data is not open yet; please contact the Development and Reform Bureau",
     "尚未开放填报"),
    (2025, "2025Q3", "Reporting of Q3 2025 data is not open yet", "2025年第三季度数据尚未开放填报"),
])
def test_a_closed_or_unopened_round_speaks_english(reporter: Client, demo: Plan, year: int, period: str,
                                                   english: str, chinese: str) -> None:
    form = {"indicator": demo.indicators.get(no=1).pk, "year": year, "period": period, "value": "7"}
    assert chinese in reporter.post("/report/save/", form, follow=True).content.decode()
    _english(reporter)
    body = reporter.post("/report/save/", form, follow=True).content.decode()
    assert english in body and chinese not in body


def test_workflow_refusals_speak_english(admin_client: Client, demo: Plan) -> None:
    from planwatch.web.monitoring.models import Observation, Status

    draft, submitted = (Observation.objects.create(indicator=demo.indicators.get(no=1), region=demo.region,
                                                   year=2025, value=6.1, source=f"english-{status}", status=status)
                        for status in (Status.DRAFT, Status.SUBMITTED))
    _english(admin_client)
    body = admin_client.post(f"/observations/{draft.pk}/move/", {"to": "published", "next": "/review/"},
                             follow=True).content.decode()
    assert "A value cannot move from “Draft” to “Published”" in body and "不能从" not in body
    body = admin_client.post(f"/observations/{submitted.pk}/move/", {"to": "returned", "next": "/review/"},
                             follow=True).content.decode()
    assert "A reason must be given when returning a value" in body and "退回时必须写明理由" not in body


@pytest.mark.parametrize(("form", "english"), [
    ({"frequency": "quarterly", "year": "2025", "period": "5", "deadline": "2026-01-15"},
     "The quarter must be between 1 and 4, not 5"),
    ({"frequency": "quarterly", "year": "2025", "period": "1", "deadline": "2025-03-15"},
     "The deadline 2025-03-15 is not later than the last day of Q1 2025 (2025-03-31)"),
    ({"frequency": "annual", "year": "2024", "deadline": "2025-03-31"},
     "A reporting round for 2024 of “"),
])
def test_round_creation_errors_speak_english(admin_client: Client, demo: Plan, form: dict[str, str],
                                             english: str) -> None:
    _english(admin_client)
    response = admin_client.post("/rounds/", {"action": "create", "plan": demo.pk, **form})
    body = response.content.decode()
    assert response.status_code == 400 and english in body and "不能是" not in body and "填报轮次已经存在" not in body


def _api_token(username: str) -> dict[str, str]:
    from django.contrib.auth.models import User

    from planwatch.web.accounts.models import ApiToken

    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(User.objects.get(username=username), 'english')[1]}"}


def test_an_api_refusal_speaks_the_language_the_client_asks_for(demo: Plan) -> None:
    import json

    from django.conf import settings

    from planwatch.web.monitoring.models import Observation, Status

    body = json.dumps({"indicator": demo.indicators.get(no=1).pk, "year": 2025, "value": 5.5})
    auth = _api_token("swj_tianbao")
    chinese = Client().post("/api/observations", body, content_type="application/json", **auth)
    assert chinese.status_code == 403 and chinese.json()["detail"] == "只有牵头单位（统计局）的填报员可以填报该指标"
    english = Client().post("/api/observations", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en",
                            **auth)
    assert english.status_code == 403
    assert english.json()["detail"] == "Only reporters of the lead unit (统计局) may report this indicator"
    pending = Observation.objects.create(indicator=demo.indicators.get(no=1), region=demo.region, year=2025,
                                         value=5.6, source="english", status=Status.SUBMITTED)
    by_cookie = Client()  # the language cookie a browser session carries works too
    by_cookie.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = by_cookie.post(f"/api/observations/{pending.pk}/transition", json.dumps({"to": "approved"}),
                              content_type="application/json", **auth)
    assert response.status_code == 403 and response.json()["detail"] == "You are not permitted to perform this action"


def test_an_api_validation_error_speaks_english(outsider: Client, demo: Plan) -> None:
    url = f"/api/plans/{demo.pk}/evaluation?as_of=2015"
    assert "不在规划期" in outsider.get(url).json()["detail"]
    response = outsider.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    plan_period = f"{(demo.base_year or 0) + 1}–{demo.end_year}"
    assert response.json()["detail"] == f"The evaluation year 2015 is outside the plan period {plan_period}"


def test_the_overview_heading_and_chart_speak_english(leader: Client, demo: Plan) -> None:
    _english(leader)
    body = leader.get("/overview/?as_of=2025").content.decode()
    assert "Final evaluation 2025" in body and "总结评估" not in body.split("<h2>")[1].split("</h2>")[0]
    chart = body.split('id="status-data" type="application/json">')[1].split("</script>")[0]
    assert "已完成" not in chart and "未完成" not in chart and "Met" in chart
    assert "<title>Overview" in body


def test_status_explanations_follow_the_language(leader: Client, demo: Plan) -> None:
    chinese = leader.get(f"/plans/{demo.pk}/indicators/1/?as_of=2025").content.decode()
    assert "复合平均" in chinese  # 地区生产总值增长: a growth rate
    _english(leader)
    english = leader.get(f"/plans/{demo.pk}/indicators/1/?as_of=2025").content.decode()
    assert "compound average" in english and "复合平均" not in english
    overview = leader.get("/overview/?as_of=2025").content.decode()
    assert "复合平均" not in overview and "按年度目标路径" not in overview
