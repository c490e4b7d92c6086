from django.urls import path

from praktijkadviezen.paginacache import cache_voor_bezoekers

from . import views
from .feeds import FEEDPARAMETERS, NieuweAdviezen

app_name = "werkateliers"
urlpatterns = [
    path("", views.home, name="home"),
    path("deelkaart.png", views.deelkaart, name="deelkaart"),
    path("adviezen/", views.advies_list, name="advies_list"),
    path("adviezen/afdrukken/", views.advies_print, name="advies_print"),
    path(
        "adviezen/feed/",
        cache_voor_bezoekers(NieuweAdviezen(), parameters=FEEDPARAMETERS),
        name="advies_feed",
    ),
    path("adviezen/<int:pk>/", views.advies_zonder_slug, name="advies_zonder_slug"),
    path("adviezen/<int:pk>/<slug:slug>/", views.advies_detail, name="advies_detail"),
    path("werkateliers/", views.werkatelier_list, name="werkatelier_list"),
    path("werkateliers/<slug:slug>/", views.werkatelier_detail, name="werkatelier_detail"),
    path(
        "werkateliers/<slug:slug>/deelkaart.png",
        views.werkatelier_deelkaart,
        name="werkatelier_deelkaart",
    ),
    path(
        "werkateliers/<slug:slug>/voorbeeld/",
        views.werkatelier_voorbeeld,
        name="werkatelier_voorbeeld",
    ),
]
