from django.apps import AppConfig


class ProductionsConfig(AppConfig):
    name = "clapboard.productions"
    label = "productions"
