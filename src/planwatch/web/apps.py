from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "planwatch.web"
    label = "planwatch_web"
    verbose_name = "规划实施监测评估平台"
