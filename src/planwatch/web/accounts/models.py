"""Regions, departments and people: who may see and change what."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone


class Region(models.Model):
    """A region in the tree 新区 → 功能区 → 街道 (or province → city → county)."""

    name = models.CharField("名称", max_length=100, unique=True)
    level = models.CharField("层级", max_length=20, blank=True)
    parent = models.ForeignKey("self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    population = models.FloatField("常住人口（万人）", null=True, blank=True,
                                   help_text="用于占比类指标的加权汇总")
    subregions_complete = models.BooleanField(
        "下辖地区已全部录入", default=True,
        help_text="取消勾选：平台中录入的下级地区不是本地区的全部（如全国之下只录入了一个区），本地区缺少的数据"
                  "不再由下级地区汇总，只用本地区自己的数据")

    class Meta:
        verbose_name = verbose_name_plural = "地区"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def chain(region_id: int) -> list[Region]:
        """The region and the regions above it, nearest first, in one recursive query (id, name, parent only);
        empty when there is no such region. The bound of 20 levels guards against a cycle."""
        from django.db import connection

        table = connection.ops.quote_name(Region._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"WITH RECURSIVE up(id, name, parent_id, depth) AS ("
                           f"SELECT id, name, parent_id, 0 FROM {table} WHERE id = %s UNION ALL "
                           f"SELECT r.id, r.name, r.parent_id, up.depth + 1 FROM {table} r JOIN up ON r.id = up.parent_id "
                           f"WHERE up.depth < 20) SELECT id, name, parent_id FROM up ORDER BY depth", [region_id])
            return [Region(id=pk, name=name, parent_id=parent) for pk, name, parent in cursor.fetchall()]

    def is_within(self, root_id: int) -> bool:
        """Is this region the region ``root_id`` or one below it?"""
        return self.pk == root_id or any(r.pk == root_id for r in Region.chain(self.pk))


class Department(models.Model):
    """A 牵头/配合 unit: a bureau of the 管委会 or a functional zone."""

    name = models.CharField("名称", max_length=100, unique=True)
    kind = models.CharField("类型", max_length=20, default="部门", choices=[("部门", "部门"), ("功能区", "功能区")])

    class Meta:
        verbose_name = verbose_name_plural = "部门"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", "管理员"  # 发改局 planning staff
    REPORTER = "reporter", "填报员"  # reports for one department
    LEADER = "leader", "领导"  # reads everything


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.REPORTER)
    department = models.ForeignKey(Department, verbose_name="部门", null=True, blank=True, on_delete=models.PROTECT)
    # the interface language this person chose with the switch; empty: Chinese (planwatch.web.language)
    language = models.CharField("界面语言", max_length=10, blank=True, choices=settings.LANGUAGES,
                                help_text="用页面上的语言切换按钮设定；留空为中文")

    class Meta:
        verbose_name = verbose_name_plural = "用户角色"

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


TOKEN_DAYS = 90  # an API token's life unless `issue_token --days N` says otherwise …
TOKEN_MAX_DAYS = 365  # … and the longest it may be given


def _token_expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=TOKEN_DAYS)


class ApiToken(models.Model):
    """A bearer token for the REST API. Only a hash is stored; the token is shown once when created.

    A token is refused from its expiry on (``expires``, TOKEN_DAYS after issue by default), and every token of
    a user is deleted when that user's password changes, by any path (see ``_revoke_tokens_on_new_password``).
    Its owner lists and revokes their tokens on the account page (/account/)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("用途", max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField("创建", auto_now_add=True)
    last_used = models.DateTimeField("最近使用", null=True, blank=True)
    expires = models.DateTimeField("到期", default=_token_expiry)

    class Meta:
        verbose_name = verbose_name_plural = "接口令牌"

    def is_expired(self, now: datetime.datetime | None = None) -> bool:
        return self.expires <= (now or timezone.now())

    @staticmethod
    def hash(key: str) -> str:
        import hashlib

        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: object, name: str, days: int = TOKEN_DAYS) -> tuple[ApiToken, str]:
        """A new token valid for ``days`` (1 to TOKEN_MAX_DAYS) and its key, which is not stored."""
        import secrets

        if not 1 <= days <= TOKEN_MAX_DAYS:
            raise ValueError(f"有效期须为1至{TOKEN_MAX_DAYS}天")
        key = "pw_" + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, key_hash=cls.hash(key),
                                  expires=timezone.now() + datetime.timedelta(days=days)), key


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def _note_new_password(sender: Any, instance: Any, update_fields: Any = None, raw: bool = False,
                       **kwargs: Any) -> None:
    """Before a user is saved: is the stored password hash about to change? (set_password and save, the admin's
    password form, the 修改密码 page, set_unusable_password … all come through here.) Saves that name their
    fields without the password, as the update of last_login at each login, cost no query; rows loaded as
    they are (a restore from backup, fixtures) are not changes."""
    if raw or instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = sender._default_manager.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance._planwatch_new_password = stored is not None and stored != instance.password


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _revoke_tokens_on_new_password(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A new password revokes every API token of the user: a token must not outlive the password it was
    issued under (a leaked password, once changed, must leave no way in)."""
    if getattr(instance, "_planwatch_new_password", False):
        ApiToken.objects.filter(user=instance).delete()
        instance._planwatch_new_password = False
