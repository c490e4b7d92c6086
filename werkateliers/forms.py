from django import forms
from django.core import signing
from django.core.exceptions import ValidationError

from .importer import (
    MAX_BESTAND,
    ImportFout,
    blokken_naar_json,
    blokken_uit_json,
    blokken_uit_tekst,
    lees_bestand,
)

GELEZEN_ZOUT = "werkateliers.import.gelezen"


class ImportForm(forms.Form):
    """A report to import: pasted text, or a file. A Word file is read once; what was read
    travels signed in `gelezen` from the check to the confirmation, so the file need not be
    chosen again."""

    titel = forms.CharField(
        label="Titel van het werkatelier",
        max_length=200,
        help_text="Bijvoorbeeld: Werken met jongeren.",
    )
    bestand = forms.FileField(
        label="Verslag als bestand",
        required=False,
        help_text="Een Word-bestand (.docx) of een tekstbestand (.txt), hoogstens 20 MB. "
        "Je kunt de tekst ook hieronder plakken.",
    )
    tekst = forms.CharField(
        label="Tekst van het verslag",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100}),
        help_text=(
            "Eerst de inleiding; dan per doelgroep een kop als ‘Vier adviezen voor uitvoerders’, "
            "eventueel thema-koppen, en genummerde adviezen (‘1. Titel’) met hun tekst."
        ),
    )
    gelezen = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        gegevens = super().clean()
        bestand = gegevens.get("bestand")
        if bestand:
            if bestand.size > MAX_BESTAND:
                raise ValidationError(
                    f"Het bestand is groter dan {MAX_BESTAND // (1024 * 1024)} MB."
                )
            if not bestand.name.lower().endswith((".txt", ".docx")):
                raise ValidationError("Kies een .txt- of .docx-bestand.")
            try:
                self.blokken = lees_bestand(bestand.name, bestand.read())
            except ImportFout as fout:
                raise ValidationError([str(m) for m in fout.meldingen]) from None
            self.bestandsnaam = bestand.name
            gegevens["tekst"] = ""
        elif gegevens.get("tekst", "").strip():
            self.blokken = blokken_uit_tekst(gegevens["tekst"])
            self.bestandsnaam = ""
        elif gegevens.get("gelezen"):
            try:
                gelezen = signing.loads(gegevens["gelezen"], salt=GELEZEN_ZOUT, max_age=86400)
            except signing.BadSignature:
                raise ValidationError(
                    "Het eerder gekozen bestand is verlopen; kies het opnieuw."
                ) from None
            self.blokken = blokken_uit_json(gelezen["blokken"])
            self.bestandsnaam = gelezen["naam"]
        else:
            raise ValidationError("Plak de tekst van het verslag of kies een bestand.")
        return gegevens

    def volgende(self):
        """The form for the next round: the text stays editable; a file stays read."""
        gelezen = ""
        if self.bestandsnaam:
            gelezen = signing.dumps(
                {"naam": self.bestandsnaam, "blokken": blokken_naar_json(self.blokken)},
                salt=GELEZEN_ZOUT,
                compress=True,
            )
        return ImportForm(
            initial={
                "titel": self.cleaned_data["titel"],
                "tekst": self.cleaned_data.get("tekst", ""),
                "gelezen": gelezen,
            }
        )
