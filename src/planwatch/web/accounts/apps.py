from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "planwatch.web.accounts"
    label = "accounts"
    verbose_name = "组织与账户"
