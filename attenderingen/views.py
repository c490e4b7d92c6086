from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from contact.views import afzender_van
from werkateliers.models import Doelgroep

from . import links
from .forms import AanmeldForm, KeuzeForm, themas_met_adviezen
from .models import Abonnement
from .verzenden import beschrijving


def feedadres(**filters):
    adres = reverse("werkateliers:advies_feed")
    return f"{adres}?{urlencode(filters)}" if filters else adres


def volgen(request):
    """ "Houd me op de hoogte": by e-mail, or with a feed in a feed reader."""
    if request.method == "POST":
        form = AanmeldForm(request.POST)
        if form.is_valid():
            if form.is_bot():
                return redirect("attenderingen:aangemeld")
            if not form.save(
                afzender_van(request),
                settings.ATTENDERINGEN_MAX_PER_AFZENDER,
                settings.ATTENDERINGEN_MAX_PER_ADRES,
            ):
                return render(request, "attenderingen/te_veel.html", status=429)
            return redirect("attenderingen:aangemeld")
    else:
        # From a filtered list of adviezen, its doelgroep and thema's come ticked.
        form = AanmeldForm(
            initial={
                "doelgroepen": request.GET.getlist("doelgroep")[:10],
                "themas": request.GET.getlist("thema")[:50],
            }
        )
    feeds = {
        "doelgroepen": [(d, feedadres(doelgroep=d.slug)) for d in Doelgroep.objects.all()],
        "themas": [(t, feedadres(thema=t.slug)) for t in themas_met_adviezen()],
    }
    return render(request, "attenderingen/volgen.html", {"form": form, "feeds": feeds})


def aangemeld(request):
    return render(request, "attenderingen/aangemeld.html")


@never_cache
def bevestig(request, token):
    """The link in the confirmation mail: shown with a button, confirmed by the POST (a mail
    scanner that opens every link must not confirm for the address's owner)."""
    abonnement = links.te_bevestigen(token)
    if abonnement is None:
        return render(request, "attenderingen/link_ongeldig.html", status=404)
    if request.method == "POST":
        abonnement.bevestigd_op = timezone.now()
        abonnement.bevestigcode = ""
        abonnement.save(update_fields=["bevestigd_op", "bevestigcode"])
        adres = reverse("attenderingen:keuze", kwargs={"sleutel": abonnement.sleutel})
        return redirect(f"{adres}?bevestigd=1")
    return render(
        request,
        "attenderingen/bevestigen.html",
        {"abonnement": abonnement, "keuze": beschrijving(abonnement)},
    )


@never_cache
def keuze(request, sleutel):
    """See and change the choice (the link in every mail)."""
    abonnement = get_object_or_404(Abonnement.objects.bevestigd(), sleutel=sleutel)
    bewaard = False
    if request.method == "POST":
        form = KeuzeForm(request.POST)
        if form.is_valid():
            form.bewaar_keuze(abonnement)
            bewaard = True
    else:
        form = KeuzeForm(
            initial={
                "doelgroepen": list(abonnement.doelgroepen.values_list("slug", flat=True)),
                "themas": list(abonnement.themas.values_list("slug", flat=True)),
            }
        )
    return render(
        request,
        "attenderingen/keuze.html",
        {
            "form": form,
            "abonnement": abonnement,
            "keuze": beschrijving(abonnement),
            "bewaard": bewaard,
            "net_bevestigd": request.GET.get("bevestigd") == "1",
        },
    )


@never_cache
@csrf_exempt  # RFC 8058: a mail program unsubscribes with a POST that carries no token
def afmelden(request, sleutel):
    """GET asks to confirm (mail scanners open links); any POST unsubscribes at once, also
    the one-click POST of a mail program (List-Unsubscribe=One-Click). What is left of the
    subscription, its mails included, is deleted."""
    if request.method == "POST":
        Abonnement.objects.filter(sleutel=sleutel).delete()
        return render(request, "attenderingen/afgemeld.html")
    abonnement = Abonnement.objects.filter(sleutel=sleutel).first()
    if abonnement is None:
        return render(request, "attenderingen/afgemeld.html", {"al": True})
    return render(request, "attenderingen/afmelden.html", {"abonnement": abonnement})
