from django import forms
from django.core.exceptions import ValidationError

from werkateliers.models import Werkatelier
from werkateliers.telwoorden import getal

from .models import Contactbericht

MAX_VRAAG = 5000
TEKSTVAK = "utrecht-textbox utrecht-textbox--html-input"


def geen_regeleinden(waarde):
    if any(teken in waarde for teken in "\r\n"):
        raise ValidationError("Gebruik één regel, zonder Enter.")


class ContactForm(forms.Form):
    naam = forms.CharField(
        label="Naam (niet verplicht)",
        max_length=100,
        required=False,
        validators=[geen_regeleinden],
        widget=forms.TextInput(attrs={"autocomplete": "name", "class": TEKSTVAK}),
    )
    email = forms.EmailField(
        label="E-mailadres (verplicht)",
        max_length=254,
        help_text="Hierop stuurt het secretariaat het antwoord.",
        validators=[geen_regeleinden],
        error_messages={
            "required": "Vul je e-mailadres in, zodat we je kunnen antwoorden.",
            "invalid": "Vul een e-mailadres in zoals naam@gemeente.nl.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": TEKSTVAK}),
    )
    vraag = forms.CharField(
        label="Je vraag (verplicht)",
        max_length=MAX_VRAAG,
        help_text=f"Hoogstens {getal(MAX_VRAAG)} tekens.",
        error_messages={"required": "Schrijf je vraag op."},
        widget=forms.Textarea(
            attrs={"rows": 8, "class": "utrecht-textarea utrecht-textarea--html-textarea"}
        ),
    )
    # A plain Field: a hidden value never shows an error; clean_werkatelier() drops what is wrong.
    werkatelier = forms.Field(required=False, widget=forms.HiddenInput)
    # A field people do not see; bots fill it in. See ContactForm.is_bot().
    website = forms.CharField(
        label="Laat dit veld leeg",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, zonder_database=False, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # To show a post back while the database cannot be reached: the werkatelier stays
        # in its hidden field, unchecked.
        self.zonder_database = zonder_database
        for veld in self.fields.values():
            veld.template_name = "includes/_veld.html"

    def clean_werkatelier(self):
        # An unknown or unpublished slug is simply not passed on; it is never an error.
        slug = self.cleaned_data["werkatelier"]
        if self.zonder_database:
            return None
        return Werkatelier.objects.published().by_slug(slug).first()

    def gekozen_werkatelier(self):
        """The werkatelier the visitor came from, for the form's heading."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["werkatelier"]
        slug = self.data.get("werkatelier") if self.is_bound else self.initial.get("werkatelier")
        return Werkatelier.objects.published().by_slug(slug).first()

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))

    def save(self, afzender, limiet):
        """The stored message, or None when this sender is over the limit."""
        return Contactbericht.objects.bewaar_binnen_limiet(
            afzender,
            limiet,
            naam=self.cleaned_data["naam"],
            email=self.cleaned_data["email"],
            vraag=self.cleaned_data["vraag"],
            werkatelier=self.cleaned_data["werkatelier"],
        )
