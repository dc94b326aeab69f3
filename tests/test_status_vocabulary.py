"""One status vocabulary: every status says everything about itself once, and pages key on codes, not labels."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from planwatch.core.evaluation import CODES, LABELS, LAGGING
from planwatch.core.ledger import INDICATOR_POINTS, assessment_score
from planwatch.core.statuses import STATUSES, Status
from planwatch.reports.content import STATUS_COLOURS, STATUS_ORDER

WEB = Path(__file__).resolve().parents[1] / "src" / "planwatch" / "web"
CATALOGUE = WEB / "locale" / "en" / "LC_MESSAGES" / "django.po"
CJK = re.compile(r"[\u3400-\u9fff]")


def test_every_status_has_every_field() -> None:
    assert set(STATUSES) == {"achieved_early", "ahead", "on_track", "behind", "reversing", "met", "not_met",
                             "projected_met", "projected_not_met", "no_data", "no_target", "target_pending"}
    for code, status in STATUSES.items():
        assert status.code == code
        for f in fields(Status):
            assert getattr(status, f.name) is not None or f.name == "points", (code, f.name)
        assert CJK.search(status.zh) and not CJK.search(status.en) and re.fullmatch(r"[0-9A-F]{6}", status.colour)
    assert [s.order for s in STATUSES.values()] == sorted(s.order for s in STATUSES.values())
    assert STATUSES["no_target"].points is None and STATUSES["target_pending"].points is None  # not counted in 考核


def test_evaluation_reports_and_the_score_read_the_vocabulary() -> None:
    assert set(CODES) == set(STATUSES) and LABELS == {c: s.zh for c, s in STATUSES.items()}
    assert LAGGING == {"behind", "reversing", "not_met", "projected_not_met"}
    assert STATUS_ORDER == [s.zh for s in STATUSES.values()]
    assert STATUS_COLOURS["滞后"] == STATUSES["behind"].colour
    assert INDICATOR_POINTS == {"achieved_early": 1.0, "ahead": 1.0, "on_track": 1.0, "behind": 0.5,
                                "reversing": 0.0, "met": 1.0, "not_met": 0.0, "projected_met": 1.0,
                                "projected_not_met": 0.0, "no_data": 0.0}
    assert assessment_score(["behind", "met", "no_target"], [], 0).total == 75.0  # (0.5 + 1) / 2, 无量化目标 left out


def test_the_english_labels_are_the_ones_the_pages_show() -> None:
    catalogue = CATALOGUE.read_text(encoding="utf-8")
    for status in STATUSES.values():
        assert f'msgid "{status.zh}"\nmsgstr "{status.en}"' in catalogue, status.code


def test_templates_key_status_styles_on_codes_not_on_chinese_labels() -> None:
    labels = {s.zh for s in STATUSES.values()}
    for path in (WEB / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        classes = re.findall(r"\bs-([^\s\"'{}>,.]+)", text)
        assert not [c for c in classes if c in labels or CJK.search(c)], path
        assert "s-{{ e.label" not in text and "s-{{ result.label" not in text and "s-{{ label" not in text, path
