from django.conf import settings


def secretariaat(request):
    """The secretariaat's address, phone number and answer time, shown on many pages."""
    return {
        "secretariaat_email": settings.SECRETARIAAT_EMAIL,
        "secretariaat_telefoon": settings.SECRETARIAAT_TELEFOON,
        "secretariaat_telefoon_link": settings.SECRETARIAAT_TELEFOON_LINK,
        "antwoordtermijn": settings.CONTACT_ANTWOORDTERMIJN,
    }


def site(request):
    """The site's own address, for canonical links, the feed and print headers: the
    configured DJANGO_SITE_URL, so a request's Host header never decides what others see."""
    return {"site_url": site_url(request)}


def site_url(request):
    return settings.SITE_URL or f"{request.scheme}://{request.get_host()}"
