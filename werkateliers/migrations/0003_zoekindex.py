from django.db import migrations

# The same expression as werkateliers.models.zoekvector(), so PostgreSQL uses this index for
# the search on /adviezen/. SQLite has no full-text search of this kind and gets no index.
MAAK_INDEX = """
CREATE INDEX IF NOT EXISTS advies_zoekvector ON werkateliers_advies USING gin ((
    setweight(to_tsvector('dutch'::regconfig, COALESCE(titel, '')), 'A')
    || setweight(to_tsvector('dutch'::regconfig, COALESCE(tekst, '')), 'B')
))
"""


def maak_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(MAAK_INDEX)


def verwijder_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS advies_zoekvector")


class Migration(migrations.Migration):
    dependencies = [("werkateliers", "0002_doelgroepen")]

    operations = [migrations.RunPython(maak_index, verwijder_index)]
