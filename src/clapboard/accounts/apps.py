from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "clapboard.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import registry

        registry.register()
