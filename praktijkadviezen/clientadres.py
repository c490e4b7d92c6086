from django.conf import settings


def client_adres(request):
    """The visitor's address; behind a load balancer (DJANGO_CLIENT_IP_HEADER) the last
    address in that header, which is the one our own proxy added and cannot be forged."""
    adres = request.META.get("REMOTE_ADDR", "")
    if settings.CLIENT_IP_HEADER:
        doorgestuurd = request.META.get(settings.CLIENT_IP_HEADER, "")
        adres = doorgestuurd.split(",")[-1].strip() or adres
    return adres
