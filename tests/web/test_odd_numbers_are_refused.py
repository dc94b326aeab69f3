"""Numbers typed into forms are read by one bounded parser: ASCII digits within range, or a clear 4xx.

``"²".isdigit()`` is True but ``int("²")`` fails, and a 23-digit id is beyond every database column; neither may
reach the database or end in a 500. A form that changes data checks permission before it reads any field.
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.monitoring.models import Observation
from planwatch.web.params import as_int
from planwatch.web.plans.models import Indicator, Plan


def _client(username: str) -> Client:
    client = Client(raise_request_exception=False)  # a 500 is answered as a server would, not raised here
    client.force_login(User.objects.get(username=username))
    return client


def _lower_plan(demo: Plan) -> tuple[Plan, Indicator]:
    """A special plan with one indicator that may link to the master plan's GDP indicator."""
    gdp = demo.indicators.get(no=1)
    child = Plan.objects.create(title="示例专项规划", region=demo.region, parent=demo, base_year=2020, end_year=2025)
    Indicator.objects.create(plan=child, no=1, name=gdp.name, unit=gdp.unit, target_raw=gdp.target_raw,
                             growth_raw=gdp.growth_raw)
    return child, gdp


@pytest.mark.parametrize("text", ["٣", "1_0", "+١"])
def test_the_bounded_parser_reads_only_ascii_digits(text: str) -> None:
    # int() reads these (3, 10, 1); a person typing them meant something else, or nothing
    assert as_int(text) is None
    assert (as_int("42"), as_int(" 7 "), as_int("-3")) == (42, 7, -3)


@pytest.mark.parametrize("username", ["tjj_tianbao", "lingdao"])
@pytest.mark.parametrize("field", [("upper-²", "1"), ("upper-1", "²"), ("upper-" + "1" * 23, "1")])
def test_a_linkage_post_from_someone_not_allowed_is_refused_before_it_is_read(demo: Plan, username: str,
                                                                             field: tuple[str, str]) -> None:
    child, _ = _lower_plan(demo)
    response = _client(username).post(f"/plans/{child.pk}/linkage/", dict([field]))
    assert response.status_code == 403
    assert "只有发改局管理员可以设置规划衔接" in response.content.decode()


@pytest.mark.parametrize("field", [("upper-²", "{gdp}"), ("upper-1", "²"), ("upper-1", "1" * 23),
                                   ("upper-" + "1" * 23, "{gdp}"), ("upper-1", "abc")])
def test_an_odd_number_in_a_linkage_post_is_a_400_and_nothing_changes(demo: Plan, field: tuple[str, str]) -> None:
    child, gdp = _lower_plan(demo)
    admin = _client("fgj_admin")
    assert admin.post(f"/plans/{child.pk}/linkage/", {"upper-1": str(gdp.pk)}).status_code == 302
    key, value = field
    response = admin.post(f"/plans/{child.pk}/linkage/", {key: value.format(gdp=gdp.pk)})
    assert response.status_code == 400
    assert "编号不是有效数字" in response.content.decode()
    assert child.indicators.get(no=1).upper_id == gdp.pk  # an odd number never unlinks
    assert admin.post(f"/plans/{child.pk}/linkage/", {"upper-1": ""}).status_code == 302  # an empty field does
    assert child.indicators.get(no=1).upper_id is None


@pytest.mark.parametrize(("field", "text"), [("version", "abc"), ("version", "²"), ("version", "1" * 23),
                                             ("year", "²"), ("year", "1" * 23), ("value", "nan"), ("value", "1e999")])
def test_an_odd_number_on_the_entry_form_is_a_400_and_nothing_is_written(demo: Plan, field: str, text: str) -> None:
    form = {"indicator": demo.indicators.get(no=1).pk, "year": "2025", "value": "5.5", "version": "0",
            "comment": "奇怪的输入", field: text}
    before = Observation.objects.count()
    response = _client("tjj_tianbao").post("/report/save/", form)
    assert response.status_code == 400
    assert Observation.objects.count() == before


@pytest.mark.parametrize("key", ["²", "٣"])
def test_an_odd_item_number_in_the_assignment_workbook_is_a_400_naming_the_row(demo: Plan, key: str) -> None:
    admin = _client("fgj_admin")
    wb = openpyxl.load_workbook(io.BytesIO(admin.get(f"/plans/{demo.pk}/assignments/?download=1").content))
    sheet = wb["主要指标"]
    sheet["A2"], sheet["D2"] = key, "发展和改革局"
    out = io.BytesIO()
    wb.save(out)
    response = admin.post(f"/plans/{demo.pk}/assignments/", {"file": SimpleUploadedFile("分工.xlsx", out.getvalue())})
    assert response.status_code == 400
    assert "“主要指标”第2行" in response.content.decode()
    assert demo.indicators.get(no=1).lead_name == "统计局"


@pytest.mark.parametrize("text", ["٣", "1" * 23, "1_0"])
def test_an_odd_progress_figure_is_refused_and_nothing_changes(demo: Plan, text: str) -> None:
    task = demo.tasks.order_by("id").first()
    assert task is not None
    before = task.progress
    response = _client("fgj_admin").post(f"/ledgers/tasks/{task.pk}/progress/", {"progress": text}, follow=True)
    assert response.status_code == 200 and "进度应为 0 到 100 的整数" in response.content.decode()
    task.refresh_from_db()
    assert task.progress == before

