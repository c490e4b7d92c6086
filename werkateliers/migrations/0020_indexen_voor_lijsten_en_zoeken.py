from django.db import migrations, models

# Indexes that make a list or a search cheaper to answer, whatever the amount of content.
# - advies_facetten: the filters' counts (filters.tel_keuzes) read from the index alone.
# - werkatelier_nieuwste_eerst: a page of adviezen or werkateliers, newest first, read in
#   that order (21 ms → 0.3 ms for /adviezen/ at 20,000 adviezen: no sort of them all).
# - zoekwoord_met_accenten (PostgreSQL): a word typed without accents finds the words of the
#   vocabulary written with them (werkateliers/zoeken/postgres.py). The index of 0018 held
#   every word, so the planner read the whole vocabulary and computed translate() for each
#   (3 ms at 2,000 adviezen); this one holds only the few words with accents, and is used.
ZONDER_ACCENTEN = "translate(woord, 'áàâäãåéèêëíìîïóòôöõúùûüýÿçñ', 'aaaaaaeeeeiiiiooooouuuuyycn')"
MET_ACCENTEN = f"""
DROP INDEX IF EXISTS zoekwoord_zonder_accenten;
CREATE INDEX zoekwoord_met_accenten ON werkateliers_zoekwoord ({ZONDER_ACCENTEN})
    WHERE {ZONDER_ACCENTEN} <> woord;
"""
ALLE_WOORDEN = f"""
DROP INDEX IF EXISTS zoekwoord_met_accenten;
CREATE INDEX zoekwoord_zonder_accenten ON werkateliers_zoekwoord ({ZONDER_ACCENTEN});
"""


def met_accenten(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(MET_ACCENTEN)


def alle_woorden(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ALLE_WOORDEN)


class Migration(migrations.Migration):
    dependencies = [("werkateliers", "0019_zoek_ook_over")]

    operations = [
        migrations.AddIndex(
            model_name="advies",
            index=models.Index(
                fields=["werkatelier", "doelgroep", "thema", "id"], name="advies_facetten"
            ),
        ),
        migrations.AddIndex(
            model_name="werkatelier",
            index=models.Index(fields=["-gepubliceerd_op", "titel"], name="werkatelier_nieuwste_eerst"),
        ),
        migrations.RunPython(met_accenten, alle_woorden),
    ]
