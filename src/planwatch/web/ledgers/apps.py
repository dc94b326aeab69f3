from django.apps import AppConfig


class LedgersConfig(AppConfig):
    name = "planwatch.web.ledgers"
    label = "ledgers"
    verbose_name = "台账与督办"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
