from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "clapboard.core"
    label = "core"
    verbose_name = "Core"
