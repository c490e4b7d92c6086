from django.contrib.admin.apps import AdminConfig


class BeheerConfig(AdminConfig):
    """Django's admin, with our own site: sign-in with two factors (praktijkadviezen/beheer.py)."""

    default_site = "praktijkadviezen.beheer.BeheerSite"
