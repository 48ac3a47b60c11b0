from django.apps import AppConfig


class ProductionsConfig(AppConfig):
    name = "clapboard.productions"
    label = "productions"

    def ready(self) -> None:
        from . import jobs_web

        jobs_web.register()
