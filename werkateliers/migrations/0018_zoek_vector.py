from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

# The search vector now holds what a visitor sees of an advies: its title (A), its
# werkatelier's title and its thema's name (B), its text (C), the werkatelier's description
# and intro (D). Triggers keep it, in the same transaction as the change, also when a
# werkatelier or thema is renamed: they see every way a row changes (the admin, a queryset
# update(), a thema merged, the importer, a version put back), which code in save() would not.
#
# The same trigger adds the words it reads to the vocabulary (werkateliers_zoekwoord) that
# compounds are split on and suggestions come from. Two transactions adding the same new
# words in a different order could deadlock, so a transaction that has new words takes one
# lock first: edits are rare, and only those with new words wait for each other.
#
# The intro is rich text: PostgreSQL's parser skips tags and entities by itself.
TRIGGERS = """
CREATE OR REPLACE FUNCTION werkateliers_advies_zoekvector() RETURNS trigger AS $$
DECLARE
    werkatelier record;
    thema text;
    woorden text[];
BEGIN
    SELECT titel, beschrijving, intro INTO werkatelier
        FROM werkateliers_werkatelier WHERE id = NEW.werkatelier_id;
    SELECT naam INTO thema FROM werkateliers_thema WHERE id = NEW.thema_id;
    NEW.zoekvector :=
        setweight(to_tsvector('dutch'::regconfig, COALESCE(NEW.titel, '')), 'A')
        || setweight(to_tsvector('dutch'::regconfig,
            concat_ws(' ', werkatelier.titel, thema)), 'B')
        || setweight(to_tsvector('dutch'::regconfig, COALESCE(NEW.tekst_plat, '')), 'C')
        || setweight(to_tsvector('dutch'::regconfig,
            concat_ws(' ', werkatelier.beschrijving, werkatelier.intro)), 'D');
    woorden := ARRAY(
        SELECT DISTINCT lower(token) FROM ts_parse('default', concat_ws(' ',
            NEW.titel, werkatelier.titel, thema, NEW.tekst_plat, werkatelier.beschrijving,
            werkatelier.intro
        ))
        -- words, and hyphenated words whole (e-mail)
        WHERE tokid IN (1, 2, 16, 17) AND length(token) BETWEEN 2 AND 60
        ORDER BY 1
    );
    IF EXISTS (
        SELECT 1 FROM unnest(woorden) AS nieuw (woord)
        WHERE NOT EXISTS (SELECT 1 FROM werkateliers_zoekwoord AS z WHERE z.woord = nieuw.woord)
    ) THEN
        PERFORM pg_advisory_xact_lock(hashtext('werkateliers_zoekwoord'));
        INSERT INTO werkateliers_zoekwoord (woord) SELECT unnest(woorden)
            ON CONFLICT DO NOTHING;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS advies_zoekvector ON werkateliers_advies;
CREATE TRIGGER advies_zoekvector
    BEFORE INSERT OR UPDATE OF titel, tekst_plat, werkatelier_id, thema_id
    ON werkateliers_advies FOR EACH ROW EXECUTE FUNCTION werkateliers_advies_zoekvector();

-- A werkatelier or thema that changes what its adviezen are found by has them recomputed.
CREATE OR REPLACE FUNCTION werkateliers_adviezen_opnieuw() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'werkateliers_thema' THEN
        UPDATE werkateliers_advies SET titel = titel WHERE thema_id = NEW.id;
    ELSE
        UPDATE werkateliers_advies SET titel = titel WHERE werkatelier_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER werkatelier_zoekvector AFTER UPDATE OF titel, beschrijving, intro
    ON werkateliers_werkatelier FOR EACH ROW
    WHEN ((OLD.titel, OLD.beschrijving, OLD.intro) IS DISTINCT FROM
          (NEW.titel, NEW.beschrijving, NEW.intro))
    EXECUTE FUNCTION werkateliers_adviezen_opnieuw();
CREATE TRIGGER thema_zoekvector AFTER UPDATE OF naam
    ON werkateliers_thema FOR EACH ROW WHEN (OLD.naam IS DISTINCT FROM NEW.naam)
    EXECUTE FUNCTION werkateliers_adviezen_opnieuw();

CREATE INDEX zoekwoord_trigram ON werkateliers_zoekwoord USING gin (woord gin_trgm_ops)
    WITH (fastupdate = off);
-- A word typed without its accents ("client") finds the words written with them ("cliënt"):
-- the expression is the same as werkateliers/zoeken/postgres.py's ZONDER_ACCENTEN.
CREATE INDEX zoekwoord_zonder_accenten ON werkateliers_zoekwoord
    (translate(woord, 'áàâäãåéèêëíìîïóòôöõúùûüýÿçñ', 'aaaaaaeeeeiiiiooooouuuuyycn'));
-- New entries go straight into the index, not into a pending list that every search would
-- read until vacuum merges it: the first search after a publication is as quick as any.
ALTER INDEX advies_zoekvector SET (fastupdate = off);
UPDATE werkateliers_advies SET titel = titel;
"""
TERUG = """
ALTER INDEX advies_zoekvector RESET (fastupdate);
DROP TRIGGER IF EXISTS werkatelier_zoekvector ON werkateliers_werkatelier;
DROP TRIGGER IF EXISTS thema_zoekvector ON werkateliers_thema;
DROP FUNCTION IF EXISTS werkateliers_adviezen_opnieuw();
CREATE OR REPLACE FUNCTION werkateliers_advies_zoekvector() RETURNS trigger AS $$
BEGIN
    NEW.zoekvector :=
        setweight(to_tsvector('dutch'::regconfig, COALESCE(NEW.titel, '')), 'A')
        || setweight(to_tsvector('dutch'::regconfig, COALESCE(NEW.tekst_plat, '')), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS advies_zoekvector ON werkateliers_advies;
CREATE TRIGGER advies_zoekvector BEFORE INSERT OR UPDATE OF titel, tekst
    ON werkateliers_advies FOR EACH ROW EXECUTE FUNCTION werkateliers_advies_zoekvector();
UPDATE werkateliers_advies SET titel = titel;
"""


class Trigrammen(TrigramExtension):
    """pg_trgm, also undone only on PostgreSQL: Django's CreateExtension checks the database
    going forwards, not going back."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def maak_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGERS)


def vorige_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TERUG)


class Migration(migrations.Migration):
    dependencies = [("werkateliers", "0017_thema_ook_over_en_oude_adressen")]

    operations = [
        Trigrammen(),
        migrations.CreateModel(
            name="Zoekwoord",
            fields=[
                (
                    "woord",
                    models.CharField(
                        max_length=60, primary_key=True, serialize=False, verbose_name="woord"
                    ),
                ),
            ],
            options={
                "verbose_name": "zoekwoord",
                "verbose_name_plural": "zoekwoorden",
                "ordering": ["woord"],
            },
        ),
        migrations.RunPython(maak_triggers, vorige_triggers),
    ]
