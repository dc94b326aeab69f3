"""佐证材料 on ledger items: real files in, content-sniffed types, size limits, safe storage, who may download
and delete, and a history row for every upload and deletion."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planwatch.web.accounts.models import Department, Profile, Role
from planwatch.web.ledgers.models import EventAction, Evidence, LedgerEvent
from planwatch.web.plans.models import Plan, Task

from .items import led_by, pdf_file


def png_file() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (30, 20), (183, 28, 28)).save(out, "PNG")
    return out.getvalue()


def jpeg_file() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (30, 20), (46, 125, 50)).save(out, "JPEG")
    return out.getvalue()


def docx_file() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("项目开工报告：主体工程已于三月开工。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_file() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["月份", "完成投资（亿元）"])
    wb.active.append(["2024-03", 1.2])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


FILES = {"pdf": ("进展报告.pdf", pdf_file), "docx": ("开工报告.docx", docx_file), "xlsx": ("投资台账.xlsx", xlsx_file),
         "jpeg": ("现场照片.jpg", jpeg_file), "png": ("现场照片.png", png_file)}
# persona → may upload to an item led by 统计局
UPLOAD = {"admin_client": True, "reporter": True, "other_reporter": False, "leader": False, "stranger": False,
          "outsider": False}


def _task_of(demo: Plan, department: str = "统计局") -> Task:
    return led_by(demo.tasks.order_by("id")[0], department)


def _stored() -> set[str]:
    folder = Path(settings.MEDIA_ROOT) / "evidence"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def _upload(client: Client, task: Task, name: str, data: bytes) -> Any:
    return client.post(f"/ledgers/tasks/{task.pk}/evidence/", {"file": SimpleUploadedFile(name, data)})


PDF = pdf_file()  # made once: a PDF written by Pillow carries its creation time


def _uploaded(client: Client, task: Task) -> Evidence:
    assert _upload(client, task, "进展报告.pdf", PDF).status_code == 302
    return Evidence.objects.filter(task=task).latest("id")


def _nothing_written(task: Task, files_before: set[str]) -> bool:
    return (not Evidence.objects.filter(task=task).exists() and not LedgerEvent.objects.filter(task=task).exists()
            and _stored() == files_before)


@pytest.mark.parametrize("persona", list(UPLOAD))
def test_only_the_lead_unit_and_the_admin_upload(request: pytest.FixtureRequest, demo: Plan, persona: str) -> None:
    client: Client = request.getfixturevalue(persona)
    task = _task_of(demo)
    before = _stored()
    response = _upload(client, task, "进展报告.pdf", pdf_file())
    if UPLOAD[persona]:
        assert response.status_code == 302
        assert Evidence.objects.filter(task=task).count() == 1 and len(_stored() - before) == 1
    else:
        assert _nothing_written(task, before)
        assert response.status_code == 403 or response["Location"].startswith("/login/")


def test_another_departments_item_is_refused_in_chinese(other_reporter: Client, demo: Plan) -> None:
    task = _task_of(demo)
    response = _upload(other_reporter, task, "进展报告.pdf", pdf_file())
    assert response.status_code == 403 and "只有牵头单位（统计局）" in response.content.decode()


@pytest.mark.parametrize("kind", list(FILES))
def test_each_allowed_type_is_kept_byte_for_byte_under_a_generated_name(reporter: Client, demo: Plan,
                                                                          kind: str) -> None:
    task = _task_of(demo)
    name, make = FILES[kind]
    data = make()
    assert _upload(reporter, task, name, data).status_code == 302
    evidence = Evidence.objects.get(task=task)
    assert (evidence.name, evidence.kind, evidence.size) == (name, kind, len(data))
    assert re.fullmatch(r"evidence/[0-9a-f]{32}\.(pdf|docx|xlsx|jpg|png)", evidence.stored)
    assert (Path(settings.MEDIA_ROOT) / evidence.stored).read_bytes() == data


def test_a_path_in_the_file_name_is_dropped(reporter: Client, demo: Plan) -> None:
    task = _task_of(demo)
    _upload(reporter, task, "..\\..\\windows\\报告 终稿.pdf", pdf_file())
    evidence = Evidence.objects.get(task=task)
    assert evidence.name == "报告 终稿.pdf" and ".." not in evidence.stored


def test_a_program_renamed_pdf_is_refused(reporter: Client, demo: Plan) -> None:
    task = _task_of(demo)
    before = _stored()
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program cannot be run"
    response = _upload(reporter, task, "进展报告.pdf", exe)
    assert response.status_code == 400
    assert "文件类型不允许" in response.content.decode()
    assert _nothing_written(task, before)


def test_a_file_whose_name_disagrees_with_its_content_is_refused(reporter: Client, demo: Plan) -> None:
    task = _task_of(demo)
    before = _stored()
    response = _upload(reporter, task, "现场照片.pdf", png_file())
    assert response.status_code == 400 and "扩展名应为 .png" in response.content.decode()
    assert _nothing_written(task, before)


def test_a_zip_that_is_not_an_office_file_is_refused(reporter: Client, demo: Plan) -> None:
    task = _task_of(demo)
    before = _stored()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("readme.txt", "不是 Word 文件")
    response = _upload(reporter, task, "开工报告.docx", out.getvalue())
    assert response.status_code == 400 and "不是 Word (.docx) 或 Excel (.xlsx) 文件" in response.content.decode()
    assert _nothing_written(task, before)


def test_a_zip_bomb_dressed_as_a_word_file_is_refused(reporter: Client, demo: Plan) -> None:
    task = _task_of(demo)
    before = _stored()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr("word/media/padding.bin", b"\x00" * (30 * 1024 * 1024))
    assert len(out.getvalue()) < 100 * 1024  # small upload, huge once inflated
    response = _upload(reporter, task, "开工报告.docx", out.getvalue())
    assert response.status_code == 400 and "压缩炸弹" in response.content.decode()
    assert _nothing_written(task, before)


def test_an_empty_file_is_refused(reporter: Client, demo: Plan) -> None:
    task = _task_of(demo)
    before = _stored()
    response = _upload(reporter, task, "进展报告.pdf", b"")
    assert response.status_code == 400 and "文件为空" in response.content.decode()
    assert _nothing_written(task, before)


def test_no_file_at_all_is_refused(reporter: Client, demo: Plan) -> None:
    task = _task_of(demo)
    response = reporter.post(f"/ledgers/tasks/{task.pk}/evidence/", {})
    assert response.status_code == 400 and "请选择要上传的文件" in response.content.decode()


def test_a_file_over_the_size_limit_is_refused(reporter: Client, demo: Plan, settings: Any) -> None:
    task = _task_of(demo)
    before = _stored()
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    data = pdf_file() + b"%" + b"0" * (1024 * 1024)  # a real PDF with a long trailing comment
    response = _upload(reporter, task, "扫描件.pdf", data)
    assert response.status_code == 400 and "超过上限 1 MB" in response.content.decode()
    assert _nothing_written(task, before)


def test_the_default_size_limit_is_10_mb() -> None:
    assert settings.EVIDENCE_MAX_BYTES == 10 * 1024 * 1024


@pytest.mark.parametrize("persona", ["admin_client", "reporter", "other_reporter", "leader", "stranger"])
def test_signed_in_staff_download_under_the_original_name(request: pytest.FixtureRequest, reporter: Client,
                                                          demo: Plan, persona: str) -> None:
    task = _task_of(demo)
    evidence = _uploaded(reporter, task)
    response = request.getfixturevalue(persona).get(f"/ledgers/tasks/{task.pk}/evidence/{evidence.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"] and "%E8%BF%9B%E5%B1%95" in response["Content-Disposition"]


def test_the_public_cannot_download(outsider: Client, reporter: Client, demo: Plan) -> None:
    task = _task_of(demo)
    evidence = _uploaded(reporter, task)
    response = outsider.get(f"/ledgers/tasks/{task.pk}/evidence/{evidence.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_signed_in_account_without_a_role_cannot_download(reporter: Client, demo: Plan) -> None:
    task = _task_of(demo)
    evidence = _uploaded(reporter, task)
    client = Client()
    client.force_login(User.objects.create_user("norole", password="No-role-2025-x"))
    assert client.get(f"/ledgers/tasks/{task.pk}/evidence/{evidence.pk}/").status_code == 403


def test_evidence_is_found_only_under_its_own_item(admin_client: Client, reporter: Client, demo: Plan) -> None:
    task = _task_of(demo)
    evidence = _uploaded(reporter, task)
    other = demo.tasks.exclude(pk=task.pk).order_by("id").first()
    assert other is not None
    assert admin_client.get(f"/ledgers/tasks/{other.pk}/evidence/{evidence.pk}/").status_code == 404
    assert admin_client.post(f"/ledgers/tasks/{other.pk}/evidence/{evidence.pk}/delete/").status_code == 404
    assert Evidence.objects.filter(pk=evidence.pk).exists()


# persona → may delete a file the 统计局 reporter uploaded
DELETE = {"admin_client": True, "reporter": True, "other_reporter": False, "leader": False, "stranger": False,
          "outsider": False}


@pytest.mark.parametrize("persona", list(DELETE))
def test_only_the_uploader_and_the_admin_delete(request: pytest.FixtureRequest, reporter: Client, demo: Plan,
                                                persona: str, django_capture_on_commit_callbacks: Any) -> None:
    task = _task_of(demo)
    evidence = _uploaded(reporter, task)
    path = Path(settings.MEDIA_ROOT) / evidence.stored
    client: Client = request.getfixturevalue(persona)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/ledgers/tasks/{task.pk}/evidence/{evidence.pk}/delete/")
    deleted = not Evidence.objects.filter(pk=evidence.pk).exists()
    assert deleted is DELETE[persona] and path.exists() is not DELETE[persona]
    if not DELETE[persona]:
        assert response.status_code == 403 or response["Location"].startswith("/login/")


def test_a_colleague_of_the_uploader_may_not_delete(reporter: Client, demo: Plan) -> None:
    task = _task_of(demo)
    evidence = _uploaded(reporter, task)
    colleague = User.objects.create_user("tjj_colleague", password="Colleague-2025-x")
    Profile.objects.create(user=colleague, role=Role.REPORTER, department=Department.objects.get(name="统计局"))
    client = Client()
    client.force_login(colleague)
    response = client.post(f"/ledgers/tasks/{task.pk}/evidence/{evidence.pk}/delete/")
    assert response.status_code == 403 and Evidence.objects.filter(pk=evidence.pk).exists()


def test_every_upload_and_deletion_writes_who_when_what(reporter: Client, admin_client: Client, demo: Plan) -> None:
    task = _task_of(demo)
    evidence = _uploaded(reporter, task)
    admin_client.post(f"/ledgers/tasks/{task.pk}/evidence/{evidence.pk}/delete/")
    events = list(LedgerEvent.objects.filter(task=task).order_by("id"))
    assert [(e.action, e.actor.username) for e in events if e.actor] == [
        (EventAction.EVIDENCE_UPLOADED, "tjj_tianbao"), (EventAction.EVIDENCE_DELETED, "fgj_admin")]
    assert all("进展报告.pdf" in e.detail and e.at is not None for e in events)
    body = admin_client.get(f"/ledgers/tasks/{task.pk}/").content.decode()
    assert "上传佐证材料" in body and "删除佐证材料" in body and "tjj_tianbao" in body


def test_projects_take_evidence_too(admin_client: Client, demo: Plan) -> None:
    project = demo.projects.order_by("id").first()
    assert project is not None
    response = admin_client.post(f"/ledgers/projects/{project.pk}/evidence/",
                                 {"file": SimpleUploadedFile("投资台账.xlsx", xlsx_file())})
    assert response.status_code == 302
    assert Evidence.objects.get(project=project).kind == "xlsx"
    body = admin_client.get(f"/ledgers/projects/{project.pk}/").content.decode()
    assert "投资台账.xlsx" in body


def test_the_item_page_offers_upload_only_to_those_who_may(reporter: Client, other_reporter: Client,
                                                           demo: Plan) -> None:
    task = _task_of(demo)
    assert 'name="file"' in reporter.get(f"/ledgers/tasks/{task.pk}/").content.decode()
    assert 'name="file"' not in other_reporter.get(f"/ledgers/tasks/{task.pk}/").content.decode()


def test_a_failure_while_recording_the_upload_leaves_no_file_behind(reporter: Client, demo: Plan,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db import IntegrityError

    def fail(*args: Any, **kwargs: Any) -> None:
        raise IntegrityError("simulated failure")

    task = _task_of(demo)
    before = _stored()
    monkeypatch.setattr(LedgerEvent.objects, "create", fail)
    with pytest.raises(IntegrityError):
        _upload(reporter, task, "进展报告.pdf", PDF)
    assert not Evidence.objects.filter(task=task).exists() and _stored() == before
