from django.urls import path

from . import views

app_name = "attenderingen"
urlpatterns = [
    path("", views.volgen, name="volgen"),
    path("aangemeld/", views.aangemeld, name="aangemeld"),
    path("bevestig/<str:token>/", views.bevestig, name="bevestig"),
    path("keuze/<slug:sleutel>/", views.keuze, name="keuze"),
    path("afmelden/<slug:sleutel>/", views.afmelden, name="afmelden"),
]
