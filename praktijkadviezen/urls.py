from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from praktijkadviezen import views
from praktijkadviezen.paginacache import cache_voor_bezoekers
from werkateliers import sitemaps
from werkateliers.feeds import NieuweWerkateliers

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("contact/", include("contact.urls")),
    path("volgen/", include("attenderingen.urls")),
    path("sitemap.xml", cache_voor_bezoekers(sitemaps.sitemap), name="sitemap"),
    path(
        "sitemap-paginas.xml",
        cache_voor_bezoekers(sitemaps.paginas),
        name="sitemap_paginas",
    ),
    path(
        "sitemap-werkateliers-<int:deel>.xml",
        cache_voor_bezoekers(sitemaps.werkateliers),
        name="sitemap_werkateliers",
    ),
    path(
        "sitemap-adviezen-<int:deel>.xml",
        cache_voor_bezoekers(sitemaps.adviezen),
        name="sitemap_adviezen",
    ),
    path("feed/", cache_voor_bezoekers(NieuweWerkateliers()), name="feed"),
    path(
        "robots.txt",
        cache_voor_bezoekers(
            TemplateView.as_view(
                template_name="robots.txt", content_type="text/plain; charset=utf-8"
            )
        ),
    ),
    path(".well-known/security.txt", views.security_txt),
    path(
        "privacy/",
        cache_voor_bezoekers(
            TemplateView.as_view(
                template_name="privacy.html",
                extra_context={
                    "bewaartermijn": settings.CONTACT_BEWAARTERMIJN_DAGEN,
                    "backup_weken": settings.BACKUP_WEKEN,
                    # deploy/logrotate/ and journald keep the web server's logs this long;
                    # tests/test_privacy.py holds the two together.
                    "logdagen": 14,
                },
            )
        ),
        name="privacy",
    ),
    path(
        "toegankelijkheid/",
        cache_voor_bezoekers(TemplateView.as_view(template_name="toegankelijkheid.html")),
        name="toegankelijkheid",
    ),
    path("", include("werkateliers.urls")),
]

if settings.BENCH_KAAL:
    urlpatterns.append(path("kaal/", views.kaal))
