from django.db import migrations, models

# The trigger that keeps the search vector now also keeps, per word stem, the forms the advies
# uses: a search marks exactly the words PostgreSQL matched, without ts_headline parsing every
# text it shows again.
TRIGGER = """
CREATE OR REPLACE FUNCTION werkateliers_advies_zoekvector() RETURNS trigger AS $$
BEGIN
    NEW.zoekvector :=
        setweight(to_tsvector('dutch'::regconfig, COALESCE(NEW.titel, '')), 'A')
        || setweight(to_tsvector('dutch'::regconfig, COALESCE(NEW.tekst_plat, '')), 'B');
    NEW.woordvormen := (
        SELECT jsonb_object_agg(stam, vormen) FROM (
            SELECT stam, jsonb_agg(DISTINCT lower(woord.token)) AS vormen
            FROM ts_debug(
                'dutch'::regconfig,
                COALESCE(NEW.titel, '') || ' ' || COALESCE(NEW.tekst_plat, '')
            ) AS woord, unnest(woord.lexemes) AS stam
            GROUP BY stam
        ) AS per_stam
    );
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
UPDATE werkateliers_advies SET titel = titel;
"""
VORIGE_TRIGGER = """
CREATE OR REPLACE FUNCTION werkateliers_advies_zoekvector() RETURNS trigger AS $$
BEGIN
    NEW.zoekvector :=
        setweight(to_tsvector('dutch'::regconfig, COALESCE(NEW.titel, '')), 'A')
        || setweight(to_tsvector('dutch'::regconfig, COALESCE(NEW.tekst_plat, '')), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""


def nieuwe_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER)


def vorige_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VORIGE_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [("werkateliers", "0011_zoekvector_in_de_rij")]

    operations = [
        migrations.AddField(
            model_name="advies",
            name="woordvormen",
            field=models.JSONField(editable=False, null=True, verbose_name="woordvormen"),
        ),
        migrations.RunPython(nieuwe_trigger, vorige_trigger),
    ]
