from django.apps import AppConfig


class FinancingConfig(AppConfig):
    name = "clapboard.financing"
    label = "financing"

    def ready(self) -> None:
        from . import registry

        registry.register()
