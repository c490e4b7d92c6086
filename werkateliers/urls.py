from django.urls import path

from . import views

app_name = "werkateliers"
urlpatterns = [
    path("", views.home, name="home"),
    path("werkateliers/<slug:slug>/", views.werkatelier_detail, name="werkatelier_detail"),
]
