from django.apps import AppConfig


class WerkateliersConfig(AppConfig):
    name = "werkateliers"
    verbose_name = "Werkateliers"
