from django.conf import settings


def secretariaat(request):
    """The secretariaat's address and phone number, shown in every page's footer."""
    return {
        "secretariaat_email": settings.SECRETARIAAT_EMAIL,
        "secretariaat_telefoon": settings.SECRETARIAAT_TELEFOON,
        "secretariaat_telefoon_link": settings.SECRETARIAAT_TELEFOON_LINK,
    }
