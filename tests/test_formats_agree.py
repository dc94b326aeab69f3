"""The same plan as .txt, .docx, .html or .pdf gives the same structured plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from planwatch.core.extract import extract_plan
from planwatch.core.serialize import plan_dict

from .conftest import JINPU_TXT


def _without_source(path: Path) -> dict[str, Any]:
    data = plan_dict(extract_plan(path))
    data.pop("source")
    return data


@pytest.fixture(scope="module")
def from_txt() -> dict[str, Any]:
    return _without_source(JINPU_TXT)


@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_every_format_yields_the_plan_the_text_yields(fmt: str, jinpu_renderings: dict[str, Path],
                                                      from_txt: dict[str, Any]) -> None:
    got = _without_source(jinpu_renderings[fmt])
    for key, expected in from_txt.items():  # key by key, so that a failure names the part that differs
        assert got[key] == expected, key


def test_the_renderings_are_real_documents(jinpu_renderings: dict[str, Path]) -> None:
    assert jinpu_renderings["docx"].read_bytes()[:2] == b"PK"
    assert jinpu_renderings["pdf"].read_bytes()[:5] == b"%PDF-"
    assert extract_plan(jinpu_renderings["pdf"]).source.format == "pdf"
