from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "clapboard.accounts"
    label = "accounts"
