from django.db import migrations

# The search vector of an advies is a few kB: PostgreSQL would keep it out of line (TOAST),
# and a search that ranks a thousand matches would fetch each from there. Kept compressed in
# the row itself, ranking them costs half. The rows are rewritten so that it applies to all.
IN_DE_RIJ = """
ALTER TABLE werkateliers_advies ALTER COLUMN zoekvector SET STORAGE MAIN;
UPDATE werkateliers_advies SET titel = titel;
"""
TERUG = "ALTER TABLE werkateliers_advies ALTER COLUMN zoekvector SET STORAGE EXTENDED;"


def in_de_rij(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(IN_DE_RIJ)


def terug(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TERUG)


class Migration(migrations.Migration):
    dependencies = [("werkateliers", "0010_inhoudsversie")]

    operations = [migrations.RunPython(in_de_rij, terug)]
