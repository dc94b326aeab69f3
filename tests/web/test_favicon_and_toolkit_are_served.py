"""The favicon, the vendored Bootstrap and the platform's stylesheet are served by the application itself
(WhiteNoise, no CDN) and ship inside the package."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from django.test import Client

from planwatch.web.plans.models import Plan

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "src" / "planwatch" / "web" / "static"


def _body(response: object) -> bytes:
    streamed = getattr(response, "streaming_content", None)
    return b"".join(streamed) if streamed is not None else getattr(response, "content", b"")


def test_every_page_links_the_favicon_and_the_favicon_is_served(outsider: Client, demo: Plan) -> None:
    page = outsider.get("/login/").content.decode()
    assert '<link rel="icon" href="/static/planwatch/favicon.svg" type="image/svg+xml">' in page
    icon = outsider.get("/static/planwatch/favicon.svg")
    assert icon.status_code == 200 and icon["Content-Type"].startswith("image/svg+xml")
    assert _body(icon).startswith(b"<svg ")
    old_browsers = outsider.get("/favicon.ico")  # asked for by browsers on pages that link no icon (the admin)
    assert old_browsers.status_code == 301 and old_browsers["Location"] == "/static/planwatch/favicon.svg"


@pytest.mark.parametrize(("path", "starts"), [
    ("/static/vendor/bootstrap/bootstrap.min.css", b"@charset \"UTF-8\";/*!\n * Bootstrap  v5.3.9"),
    ("/static/vendor/bootstrap/bootstrap.bundle.min.js", b"/*!\n  * Bootstrap v5.3.9"),
    ("/static/planwatch/planwatch.css", b"/* Planwatch"),
])
def test_the_toolkit_is_served_offline(outsider: Client, demo: Plan, path: str, starts: bytes) -> None:
    page = outsider.get("/public/").content.decode()
    assert f'"{path}"' in page and "cdn" not in page.lower()
    response = outsider.get(path)
    assert response.status_code == 200 and _body(response).startswith(starts)


def test_the_static_files_ship_in_the_package() -> None:
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "web/static/**/*" in package_data["planwatch"]
    for name in ("vendor/bootstrap/bootstrap.min.css", "vendor/bootstrap/bootstrap.bundle.min.js",
                 "vendor/bootstrap/LICENSE", "planwatch/planwatch.css", "planwatch/favicon.svg"):
        assert (STATIC / name).is_file(), name
