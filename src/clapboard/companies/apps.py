from django.apps import AppConfig


class CompaniesConfig(AppConfig):
    name = "clapboard.companies"
    label = "companies"
