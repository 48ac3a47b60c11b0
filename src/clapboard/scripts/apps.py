from django.apps import AppConfig


class ScriptsConfig(AppConfig):
    name = "clapboard.scripts"
    label = "scripts"

    def ready(self) -> None:
        from . import registry

        registry.register()
