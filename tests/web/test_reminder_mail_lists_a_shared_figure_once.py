"""`manage.py send_reminders` with 一数一报: one mail per person, each missing figure listed once — a confirmed
指标库 entry asked by the master, special and successor plans' rounds is one line naming the three plans — and a
figure entered for one plan is listed for none."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from planwatch.web.monitoring.services import save_value

from .shared_entries import URBAN, family


def _mail_to_tjj() -> str:
    call_command("send_reminders", "--days", "5")
    mine = [m for m in mail.outbox if m.to == ["tjj@example.cn"]]
    assert len(mine) == 1  # one mail for the person, however many rounds ask
    return mine[0].body


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_a_shared_figure_is_listed_once_naming_its_plans(demo: object, tmp_path: Path) -> None:
    User.objects.filter(username="tjj_tianbao").update(email="tjj@example.cn")
    shared = family(tmp_path)
    shared.confirm()
    body = _mail_to_tjj()
    assert body.count(URBAN) == 1
    assert "用于：" + "".join(f"《{p.title}》" for p in shared.plans) in body
    assert "托位数" in body  # the master plan's own indicator
    for p in shared.plans:  # every round and its deadline is still named
        assert f"《{p.title}》2025年度数据填报将于" in body

    mail.outbox.clear()
    save_value(User.objects.get(username="tjj_tianbao"), shared.urban[0], shared.plans[0].region, 2025, 58.5, "示例")
    body = _mail_to_tjj()
    assert URBAN not in body and "托位数" in body
    assert f"《{shared.plans[1].title}》" not in body  # nothing missing in the special plan's round any more


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_unconfirmed_each_round_lists_its_own(demo: object, tmp_path: Path) -> None:
    User.objects.filter(username="tjj_tianbao").update(email="tjj@example.cn")
    family(tmp_path)
    assert _mail_to_tjj().count(URBAN) == 3
