from django.db import migrations

DOELGROEPEN = [
    ("uitvoerders", "Uitvoerders", 1),
    ("leidinggevenden-en-bestuurders", "Leidinggevenden en bestuurders", 2),
]


def maak_doelgroepen(apps, schema_editor):
    Doelgroep = apps.get_model("werkateliers", "Doelgroep")
    for slug, naam, volgorde in DOELGROEPEN:
        Doelgroep.objects.update_or_create(slug=slug, defaults={"naam": naam, "volgorde": volgorde})


class Migration(migrations.Migration):
    dependencies = [("werkateliers", "0001_begin")]

    operations = [migrations.RunPython(maak_doelgroepen, migrations.RunPython.noop)]
