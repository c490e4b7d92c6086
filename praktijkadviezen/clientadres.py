from django.conf import settings


def client_adres(request):
    """The visitor's address. Behind our own proxy (DJANGO_CLIENT_IP_HEADER, set by
    `make serve` for nginx) the last address in that header, which the proxy wrote itself:
    but only when the request really comes from that proxy (DJANGO_TRUSTED_PROXIES), so a
    client that reaches the server directly cannot choose its own address."""
    adres = request.META.get("REMOTE_ADDR", "")
    if settings.CLIENT_IP_HEADER and adres in settings.TRUSTED_PROXIES:
        doorgestuurd = request.META.get(settings.CLIENT_IP_HEADER, "")
        adres = doorgestuurd.split(",")[-1].strip() or adres
    return adres
