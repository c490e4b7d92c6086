from django.db import migrations

# The helpers are the site's one definition of rich text; they only ever grow more careful,
# so this migration may use them as they are (as 0007 does).
from werkateliers.rijketekst import schoon


def schoon_opnieuw(apps, schema_editor):
    """Stored texts through today's rules: "www.…" links get https://, an e-mail address
    mailto:, a link without an address becomes its words, and no title or lang is left."""
    for model, veld in [("Werkatelier", "intro"), ("Advies", "tekst")]:
        Model = apps.get_model("werkateliers", model)
        for pk, html in Model.objects.values_list("pk", veld).iterator():
            nieuw = schoon(html)
            if nieuw != html:
                Model.objects.filter(pk=pk).update(**{veld: nieuw})


class Migration(migrations.Migration):
    dependencies = [("werkateliers", "0013_zonder_zoekindex_en_inhoudsversie")]

    operations = [migrations.RunPython(schoon_opnieuw, migrations.RunPython.noop)]
