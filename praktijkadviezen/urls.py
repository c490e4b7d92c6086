from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Praktijkadviezen – beheer"
admin.site.site_title = "Praktijkadviezen beheer"
admin.site.index_title = "Werkateliers en adviezen beheren"

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("", include("werkateliers.urls")),
]
