from django import forms
from django.core.exceptions import ValidationError

from .importer import ImportFout, lees_bestand

MAX_BESTAND = 5 * 1024 * 1024


class ImportForm(forms.Form):
    titel = forms.CharField(
        label="Titel van het werkatelier",
        max_length=200,
        help_text="Bijvoorbeeld: Werken met jongeren.",
    )
    bestand = forms.FileField(
        label="Verslag als bestand",
        required=False,
        help_text="Een .txt- of .docx-bestand. Je kunt de tekst ook hieronder plakken.",
    )
    tekst = forms.CharField(
        label="Tekst van het verslag",
        required=False,
        widget=forms.Textarea(attrs={"rows": 24, "cols": 100}),
        help_text=(
            "Eerst de inleiding; dan per doelgroep een kop als ‘Vier adviezen voor uitvoerders’, "
            "eventueel thema-koppen, en genummerde adviezen (‘1. Titel’) met hun tekst."
        ),
    )

    def clean(self):
        gegevens = super().clean()
        bestand = gegevens.get("bestand")
        if bestand:
            if bestand.size > MAX_BESTAND:
                raise ValidationError("Het bestand is groter dan 5 MB.")
            if not bestand.name.lower().endswith((".txt", ".docx")):
                raise ValidationError("Kies een .txt- of .docx-bestand.")
            try:
                gegevens["tekst"] = lees_bestand(bestand.name, bestand.read())
            except ImportFout as fout:
                raise ValidationError([str(m) for m in fout.meldingen]) from None
        if not gegevens.get("tekst", "").strip():
            raise ValidationError("Plak de tekst van het verslag of kies een bestand.")
        return gegevens
