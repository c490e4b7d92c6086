from django.db import migrations

# "Bedoelde je …?" looks for the words of the site most like a word it does not know (pg_trgm's
# %, werkateliers/zoeken/postgres.py). With a GIN index PostgreSQL never used it for a
# vocabulary of a few thousand words: it compared the word with every one of them (3.6 ms of
# a 4.9 ms query at 2,000 adviezen). It does use a GiST index: 0.6 ms, and the query 2.2 ms.
# SQLite has neither index nor suggestions.
GIST = """
DROP INDEX IF EXISTS zoekwoord_trigram;
CREATE INDEX zoekwoord_trigram ON werkateliers_zoekwoord USING gist (woord gist_trgm_ops);
"""
GIN = """
DROP INDEX IF EXISTS zoekwoord_trigram;
CREATE INDEX zoekwoord_trigram ON werkateliers_zoekwoord USING gin (woord gin_trgm_ops)
    WITH (fastupdate = off);
"""


def naar_gist(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GIST)


def naar_gin(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GIN)


class Migration(migrations.Migration):
    dependencies = [("werkateliers", "0021_index_voor_de_sitemap")]

    operations = [migrations.RunPython(naar_gist, naar_gin)]
