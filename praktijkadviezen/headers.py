from django.conf import settings


class BeveiligingsheadersMiddleware:
    """The security headers Django does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
