import hashlib

from django.conf import settings
from django.shortcuts import redirect, render

from praktijkadviezen.clientadres import client_adres
from praktijkadviezen.databasestoring import DATABASEFOUTEN, OPNIEUW_NA_SECONDEN

from .forms import MAX_VRAAG, ContactForm


def afzender_van(request):
    """A keyed hash of the client's address: enough to count, useless to anyone else."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{client_adres(request)}".encode()).hexdigest()


def contact(request):
    """The question is only stored here; a sender outside the request mails it
    (contact/emails.py), so no mail server can make a visitor wait."""
    if request.method == "POST":
        form = ContactForm(request.POST)
        try:
            if form.is_valid():
                if form.is_bot():
                    return redirect("contact:verzonden")
                if form.save(afzender_van(request), settings.CONTACT_MAX_PER_UUR) is None:
                    # Nothing is stored, but the visitor keeps the question to mail it instead.
                    vraag = request.POST.get("vraag", "")[:MAX_VRAAG]
                    return render(request, "contact/te_veel.html", {"vraag": vraag}, status=429)
                return redirect("contact:verzonden")
        except DATABASEFOUTEN:
            return niet_bewaard(request)
    else:
        form = ContactForm(initial={"werkatelier": request.GET.get("werkatelier", "")})
    return render(
        request,
        "contact/contact.html",
        {"form": form, "werkatelier": form.gekozen_werkatelier()},
    )


def niet_bewaard(request):
    """The database could not store the question: the visitor gets the form back as they
    filled it in, with what to do. A post is never run twice (it could be stored twice);
    Django drops the broken connection when the request ends."""
    form = ContactForm(request.POST, zonder_database=True)
    antwoord = render(
        request,
        "contact/contact.html",
        {"form": form, "werkatelier": None, "niet_bewaard": True},
        status=503,
    )
    antwoord["Retry-After"] = str(OPNIEUW_NA_SECONDEN)
    return antwoord


def verzonden(request):
    return render(request, "contact/verzonden.html")
