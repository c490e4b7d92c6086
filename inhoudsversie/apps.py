from django.apps import AppConfig


class InhoudsversieConfig(AppConfig):
    name = "inhoudsversie"
    verbose_name = "Inhoudsversie"
