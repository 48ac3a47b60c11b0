from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "clapboard.budgets"
    label = "budgets"

    def ready(self) -> None:
        from . import registry

        registry.register()
