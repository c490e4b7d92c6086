import hashlib
from functools import partial

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render

from praktijkadviezen.clientadres import client_adres

from .emails import verstuur
from .forms import MAX_VRAAG, ContactForm
from .models import Contactbericht


def afzender_van(request):
    """A keyed hash of the client's address: enough to count, useless to anyone else."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{client_adres(request)}".encode()).hexdigest()


def contact(request):
    if request.method == "POST":
        afzender = afzender_van(request)
        if Contactbericht.objects.recent_van(afzender).count() >= settings.CONTACT_MAX_PER_UUR:
            # Nothing is stored, but the visitor keeps the question to mail it instead.
            vraag = request.POST.get("vraag", "")[:MAX_VRAAG]
            return render(request, "contact/te_veel.html", {"vraag": vraag}, status=429)
        form = ContactForm(request.POST)
        if form.is_valid():
            if form.is_bot():
                return redirect("contact:verzonden")
            with transaction.atomic():
                bericht = form.save(afzender)
                transaction.on_commit(partial(verstuur, bericht.pk), robust=True)
            return redirect("contact:verzonden")
    else:
        form = ContactForm(initial={"werkatelier": request.GET.get("werkatelier", "")})
    return render(
        request,
        "contact/contact.html",
        {"form": form, "werkatelier": form.gekozen_werkatelier()},
    )


def verzonden(request):
    return render(request, "contact/verzonden.html")
