from django.apps import AppConfig


class AttenderingenConfig(AppConfig):
    name = "attenderingen"
    verbose_name = "Op de hoogte blijven"
