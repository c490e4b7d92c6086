from django.db import migrations, models

# The in-process search index is gone, and with it the forms of each stem it marked from
# (woordvormen): the trigger keeps only the search vector again, as before migration 0012.
# The trigger changes before the column goes, so no insert in between meets a trigger that
# writes a column that is not there.
TRIGGER = """
CREATE OR REPLACE FUNCTION werkateliers_advies_zoekvector() RETURNS trigger AS $$
BEGIN
    NEW.zoekvector :=
        setweight(to_tsvector('dutch'::regconfig, COALESCE(NEW.titel, '')), 'A')
        || setweight(to_tsvector('dutch'::regconfig, COALESCE(NEW.tekst_plat, '')), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""
TRIGGER_MET_WOORDVORMEN = """
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


def zonder_woordvormen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER)


def met_woordvormen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_MET_WOORDVORMEN)


class Migration(migrations.Migration):
    dependencies = [
        ("werkateliers", "0012_woordvormen"),
        # The content version moved to an app of its own; its row starts afresh there.
        ("inhoudsversie", "0001_begin"),
    ]

    operations = [
        # Backwards, the column comes back first and the trigger fills it after.
        migrations.RunPython(zonder_woordvormen, met_woordvormen),
        migrations.RemoveField(model_name="advies", name="woordvormen"),
        migrations.DeleteModel(name="Inhoudsversie"),
    ]
