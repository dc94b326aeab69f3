from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "planwatch.web.monitoring"
    label = "monitoring"
    verbose_name = "监测数据"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
