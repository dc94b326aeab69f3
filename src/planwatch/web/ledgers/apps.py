from django.apps import AppConfig


class LedgersConfig(AppConfig):
    name = "planwatch.web.ledgers"
    label = "ledgers"
    verbose_name = "台账与督办"
