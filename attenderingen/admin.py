"""What the secretariaat sees of "Houd me op de hoogte": numbers, never addresses. There is
no list, no detail page and no export; one form unsubscribes an address on request (a mail
program's mailto-unsubscribe, or someone who asks by phone)."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from praktijkadviezen.beheer import AlleenLezenModelAdmin
from werkateliers.models import Doelgroep, Thema

from .models import Abonnement, Verzending


class AfmeldForm(forms.Form):
    email = forms.EmailField(label="E-mailadres", max_length=254)


def per_keuze(tussentabel, veld, model):
    """[(doelgroep or thema, number of confirmed subscriptions that chose it)], most first."""
    tellingen = dict(
        tussentabel.objects.filter(abonnement__bevestigd_op__isnull=False)
        .values_list(veld)
        .annotate(n=Count("pk"))
        .values_list(veld, "n")
    )
    gekozen = model.objects.filter(pk__in=tellingen)
    return sorted(((k, tellingen[k.pk]) for k in gekozen), key=lambda paar: -paar[1])


def aantallen():
    bevestigd = Abonnement.objects.bevestigd()
    return {
        "bevestigd": bevestigd.count(),
        "onbevestigd": Abonnement.objects.filter(bevestigd_op__isnull=True).count(),
        "alles": bevestigd.filter(alles=True).count(),
        "per_doelgroep": per_keuze(Abonnement.doelgroepen.through, "doelgroep", Doelgroep),
        "per_thema": per_keuze(Abonnement.themas.through, "thema", Thema),
        "verzonden": Verzending.objects.filter(
            status=Verzending.Status.VERZONDEN,
            verzonden_op__gte=timezone.now() - timedelta(days=30),
        ).count(),
        "wachtend": Verzending.objects.filter(status=Verzending.Status.WACHT).count(),
        "mislukt": Verzending.objects.filter(
            status=Verzending.Status.WACHT, pogingen__gt=0
        ).count(),
    }


@admin.register(Abonnement)
class AbonnementAdmin(AlleenLezenModelAdmin):
    def get_urls(self):
        # Only the overview: no page of one subscription exists.
        naam = f"{self.opts.app_label}_{self.opts.model_name}_changelist"
        return [path("", self.admin_site.admin_view(self.changelist_view), name=naam)]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = AfmeldForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            email = form.cleaned_data["email"].strip().lower()
            Abonnement.objects.filter(email=email).delete()
            # The same words whether or not it was there: this form is no way to look up.
            self.message_user(
                request, f"{email} krijgt geen e-mails over nieuwe adviezen meer.", messages.SUCCESS
            )
            return redirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "title": "Aanmeldingen voor nieuwe adviezen",
            "opts": self.opts,
            "aantallen": aantallen(),
            "form": form,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/attenderingen/overzicht.html", context)
