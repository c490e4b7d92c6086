from django.apps import AppConfig


class AanmeldenConfig(AppConfig):
    """Signing in to /beheer/: the second factor, enrolment links, recovery codes, the
    throttle on codes, staff sessions, password rules and the mails about changes."""

    name = "aanmelden"
    verbose_name = "Aanmelden"
    default_auto_field = "django.db.models.BigAutoField"
