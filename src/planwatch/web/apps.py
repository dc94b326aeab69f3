from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "planwatch.web"
    label = "planwatch_web"
    verbose_name = "规划实施监测评估平台"

    def ready(self) -> None:
        from . import language  # noqa: F401  (connects the sign-in and sign-out receivers)
