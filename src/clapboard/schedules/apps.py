from django.apps import AppConfig


class SchedulesConfig(AppConfig):
    name = "clapboard.schedules"
    label = "schedules"

    def ready(self) -> None:
        from . import registry

        registry.register()
