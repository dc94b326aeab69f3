"""Ledger pages: 50 items a page, search in name and content, filters (牵头单位, 灯号, 搜索, page) kept in the
links and through an action: the redirect after a progress update returns to the same filtered page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django.test import Client

from planwatch.web.plans.models import Plan

from .items import led_by


def test_it_pages_the_186_projects_by_50(admin_client: Client, demo: Plan) -> None:
    first = admin_client.get("/ledgers/projects/")
    assert len(first.context["rows"]) == 50 and first.context["page"].paginator.num_pages == 4
    last = admin_client.get("/ledgers/projects/?page=4")
    assert len(last.context["rows"]) == demo.projects.count() - 150
    seen = {item.pk for p in range(1, 5) for item, _ in admin_client.get(f"/ledgers/projects/?page={p}").context["rows"]}
    assert seen == set(demo.projects.values_list("pk", flat=True))  # every project once
    assert admin_client.get("/ledgers/projects/?page=999").context["page"].number == 4  # past the end: the last page


def test_search_finds_by_name_and_by_content(admin_client: Client, demo: Plan) -> None:
    task = demo.tasks.exclude(body="").order_by("id").first()
    word = task.body[10:14]
    rows = admin_client.get("/ledgers/tasks/", {"q": word}).context["rows"]
    assert task.pk in {item.pk for item, _ in rows}
    assert all(word in item.title or word in item.body for item, _ in rows)
    project = demo.projects.order_by("id").first()
    found = admin_client.get("/ledgers/projects/", {"q": project.name}).context["rows"]
    assert [item.pk for item, _ in found][:1] == [project.pk]
    assert admin_client.get("/ledgers/projects/", {"q": "没有这个词的项目"}).context["total"] == 0


def test_the_filters_survive_a_progress_update(reporter: Client, demo: Plan) -> None:
    task = led_by(demo.tasks.order_by("id").first(), "统计局")
    page = reporter.get("/ledgers/tasks/", {"department": task.lead_id, "q": task.title[:4], "light": "", "page": "1"})
    body = page.content.decode()
    assert 'name="next" value="/ledgers/tasks/?' in body  # the action forms carry the page's address
    here = page.wsgi_request.get_full_path()
    response = reporter.post(f"/ledgers/tasks/{task.pk}/progress/", {"progress": "70", "note": "进展", "next": here})
    assert response.status_code == 302
    kept = parse_qs(urlsplit(response["Location"]).query)
    assert kept["department"] == [str(task.lead_id)] and kept["q"] == [task.title[:4]]
    task.refresh_from_db()
    assert task.progress == 70


def test_a_redirect_elsewhere_is_not_followed(reporter: Client, demo: Plan) -> None:
    task = led_by(demo.tasks.order_by("id").first(), "统计局")
    response = reporter.post(f"/ledgers/tasks/{task.pk}/progress/",
                             {"progress": "71", "next": "https://evil.example/ledgers/"})
    assert response["Location"] == "/ledgers/tasks/"
