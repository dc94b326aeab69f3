"""Regions, departments and people: who may see and change what."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Region(models.Model):
    """A region in the tree 新区 → 功能区 → 街道 (or province → city → county)."""

    name = models.CharField("名称", max_length=100, unique=True)
    level = models.CharField("层级", max_length=20, blank=True)
    parent = models.ForeignKey("self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    population = models.FloatField("常住人口（万人）", null=True, blank=True,
                                   help_text="用于占比类指标的加权汇总")

    class Meta:
        verbose_name = verbose_name_plural = "地区"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


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

    class Meta:
        verbose_name = verbose_name_plural = "用户角色"

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class ApiToken(models.Model):
    """A bearer token for the REST API. Only a hash is stored; the token is shown once when created."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("用途", max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "接口令牌"

    @staticmethod
    def hash(key: str) -> str:
        import hashlib

        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: object, name: str) -> tuple[ApiToken, str]:
        import secrets

        key = "pw_" + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, key_hash=cls.hash(key)), key
