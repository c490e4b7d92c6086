from django.urls import path

from . import views

app_name = "werkateliers"
urlpatterns = [
    path("", views.home, name="home"),
    path("adviezen/", views.advies_list, name="advies_list"),
    path("werkateliers/<slug:slug>/", views.werkatelier_detail, name="werkatelier_detail"),
    path(
        "werkateliers/<slug:slug>/voorbeeld/",
        views.werkatelier_voorbeeld,
        name="werkatelier_voorbeeld",
    ),
]
