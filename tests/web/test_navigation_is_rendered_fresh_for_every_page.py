"""The navigation is rendered once per process for each combination of its inputs (web.cache.rendered), yet every
page shows what is true now: a plan confirmed, renamed or withdrawn by another worker — here a bare UPDATE, which
no signal of this process sees — is offered, renamed or gone on the next page; and one person's links, language
and plan never reach another's page."""

from __future__ import annotations

import re

from django.test import Client

from planwatch.web.plans.models import Plan


def _switcher(page: str) -> str:
    switcher = re.search(r'<select[^>]*id="plan-switch".*?</select>', page, re.DOTALL)
    assert switcher is not None
    return switcher.group(0)


def _offered(client: Client, path: str = "/overview/") -> dict[int, str]:
    options = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', _switcher(client.get(path).content.decode()))
    return {int(pk): text for pk, text in options}


def _selected(page: str) -> list[str]:
    return re.findall(r'<option value="(\d+)" selected>', _switcher(page))


def _links(page: str) -> list[str]:
    nav = re.search(r'<ul class="navbar-nav.*?</ul>', page, re.DOTALL)
    assert nav is not None
    return re.findall(r'<a class="nav-link[^"]*"(?: aria-current="page")? href="([^"]+)"', nav.group(0))


def test_a_plan_confirmed_elsewhere_is_offered_on_the_next_page(admin_client: Client, demo: Plan) -> None:
    draft = Plan.objects.filter(status="draft", indicators__isnull=False).distinct().get()
    before = _offered(admin_client)
    assert draft.pk not in before
    Plan.objects.filter(pk=draft.pk).update(status="confirmed")  # as another worker's transaction would: no signal
    assert set(_offered(admin_client)) == set(before) | {draft.pk}
    Plan.objects.filter(pk=draft.pk).update(title="金普新区十五五规划纲要（改名）")
    assert "金普新区十五五规划纲要（改名）" in _offered(admin_client)[draft.pk]
    Plan.objects.filter(pk=draft.pk).update(status="draft")
    assert _offered(admin_client) == before


def test_the_selected_plan_is_the_pages_own(admin_client: Client, demo: Plan) -> None:
    other = next(pk for pk in _offered(admin_client) if pk != demo.pk)
    assert _selected(admin_client.get(f"/overview/?plan={other}").content.decode()) == [str(other)]
    assert _selected(admin_client.get("/ledgers/tasks/").content.decode()) == [str(other)]  # the session's plan
    assert _selected(admin_client.get(f"/overview/?plan={demo.pk}").content.decode()) == [str(demo.pk)]


def test_each_person_sees_their_own_links_and_language(admin_client: Client, leader: Client,
                                                        outsider: Client) -> None:
    admin_links = _links(admin_client.get("/overview/").content.decode())
    assert "/review/" in admin_links
    leader_page = leader.get("/overview/").content.decode()
    assert "/review/" not in _links(leader_page) and "/overview/" in _links(leader_page)
    assert _links(outsider.get("/public/").content.decode()) == ["/public/"]
    leader.cookies["django_language"] = "en"
    english = leader.get("/overview/").content.decode()
    assert ">Overview</a>" in english and ">总览</a>" not in english
    chinese = admin_client.get("/overview/").content.decode()
    assert ">总览</a>" in chinese and ">Overview</a>" not in chinese


def test_the_page_shown_is_marked_active(admin_client: Client, demo: Plan) -> None:
    for path in ("/overview/", "/ledgers/tasks/", "/ledgers/projects/", "/public/"):
        page = admin_client.get(path).content.decode()
        active = re.findall(r'<a class="nav-link active" aria-current="page" href="([^"]+)"', page)
        assert active == [path], (path, active)


def test_the_error_pages_django_renders_without_a_request_still_render(demo: Plan) -> None:
    from django.template import loader

    page = loader.get_template("400.html").render()  # as django.views.defaults.bad_request does: no request
    assert 'id="plan-switch"' not in page and '<ul class="navbar-nav' in page and 'href="/public/"' in page
    refused = Client(HTTP_HOST="evil.example").get("/overview/")  # DisallowedHost: the 400 page, no request either
    assert refused.status_code == 400 and "请求有误" in refused.content.decode()
