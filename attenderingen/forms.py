import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from werkateliers.models import SLUG, Advies, Doelgroep, Thema

from .models import Aanmeldpoging, Abonnement, Verzending, versleuteld

TEKSTVAK = "utrecht-textbox utrecht-textbox--html-input"


class Vinkjes(forms.CheckboxSelectMultiple):
    def id_for_label(self, id_, index=None):
        # The error summary links to the group's first box (Django gives the group none).
        return super().id_for_label(id_, "0" if index is None else index)


class Slugkeuzes(forms.ModelMultipleChoiceField):
    """Choices by slug. What cannot be a slug is an unknown choice before it reaches the
    database (PostgreSQL refuses a NUL byte in a query with an error, not with no rows)."""

    widget = Vinkjes

    def _check_values(self, value):
        for waarde in value:
            if not isinstance(waarde, str) or not SLUG.fullmatch(waarde):
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super()._check_values(value)


def themas_met_adviezen():
    return Thema.objects.filter(Exists(Advies.objects.published().filter(thema=OuterRef("pk"))))


class KeuzeForm(forms.Form):
    """Which new adviezen: for these doelgroepen and/or about these thema's; nothing ticked
    is everything."""

    doelgroepen = Slugkeuzes(
        Doelgroep.objects.all(),
        label="Voor wie",
        required=False,
        to_field_name="slug",
        error_messages={"invalid_choice": "Deze doelgroep bestaat niet; kies een andere."},
    )
    themas = Slugkeuzes(
        Thema.objects.none(),
        label="Over welke thema’s",
        required=False,
        to_field_name="slug",
        error_messages={"invalid_choice": "Dit thema bestaat niet (meer); kies een ander."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["themas"].queryset = themas_met_adviezen()

    def bewaar_keuze(self, abonnement):
        doelgroepen, themas = self.cleaned_data["doelgroepen"], self.cleaned_data["themas"]
        abonnement.alles = not doelgroepen and not themas
        abonnement.save()
        abonnement.doelgroepen.set(doelgroepen)
        abonnement.themas.set(themas)


class AanmeldForm(KeuzeForm):
    email = forms.EmailField(
        label="Je e-mailadres",
        max_length=254,
        error_messages={
            "required": "Vul je e-mailadres in.",
            "invalid": "Vul een e-mailadres in zoals naam@gemeente.nl.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": TEKSTVAK}),
    )
    # A field people do not see; bots fill it in.
    website = forms.CharField(
        label="Laat dit veld leeg",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    field_order = ["doelgroepen", "themas", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam in ("email", "website"):
            self.fields[naam].template_name = "includes/_veld.html"

    def clean_email(self):
        # One subscription per mailbox, however the address is typed.
        return self.cleaned_data["email"].strip().lower()

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))

    def save(self, afzender, per_afzender, per_adres):
        """Store the request and the mail it needs; the sender sends it. False when this
        sender is over its limit. The visitor sees the same answer whether the address was
        new, waiting for confirmation or confirmed: only the mail differs."""
        email = self.cleaned_data["email"]
        with transaction.atomic():
            limiet = Aanmeldpoging.objects.binnen_limiet(
                afzender, versleuteld(email), per_afzender, per_adres
            )
            if limiet == "afzender":
                return False
            if limiet == "adres":
                return True  # no more mail to this address for now, and no other answer
            abonnement = Abonnement.objects.filter(email=email).first()
            if abonnement and abonnement.is_bevestigd:
                # Its choice stays: only the address's owner changes it, by the mail's link.
                Verzending.objects.create(
                    abonnement=abonnement, soort=Verzending.Soort.AL_AANGEMELD
                )
                return True
            abonnement = abonnement or Abonnement(email=email)
            # A new code: only the newest confirmation mail works, and the 7 days start again.
            abonnement.bevestigcode = secrets.token_urlsafe(16)
            abonnement.aangemeld_op = timezone.now()
            self.bewaar_keuze(abonnement)
            abonnement.verzendingen.filter(
                soort=Verzending.Soort.BEVESTIGEN, status=Verzending.Status.WACHT
            ).update(status=Verzending.Status.VERVALLEN)
            Verzending.objects.create(abonnement=abonnement, soort=Verzending.Soort.BEVESTIGEN)
        return True
