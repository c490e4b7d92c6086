from django.db import migrations

# The thema's staff give an advies for the filters (Advies.ook_over, migration 0017) are part
# of what a visitor sees of it: their names join its own thema's name in the search vector (B).
# The two functions are 0018's with only the thema part changed (FUNCTIES, filled in below
# for going forwards and back); an advies is computed again when a thema is given to it or
# taken from it, and when such a thema is renamed.
FUNCTIES = """
CREATE OR REPLACE FUNCTION werkateliers_advies_zoekvector() RETURNS trigger AS $$
DECLARE
    werkatelier record;
    thema text;
    woorden text[];
BEGIN
    SELECT titel, beschrijving, intro INTO werkatelier
        FROM werkateliers_werkatelier WHERE id = NEW.werkatelier_id;
    SELECT string_agg(naam, ' ') INTO thema FROM werkateliers_thema WHERE {themas};
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

CREATE OR REPLACE FUNCTION werkateliers_adviezen_opnieuw() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'werkateliers_thema' THEN
        UPDATE werkateliers_advies SET titel = titel WHERE {met_thema};
    ELSE
        UPDATE werkateliers_advies SET titel = titel WHERE werkatelier_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""
OOK_OVER = """
CREATE OR REPLACE FUNCTION werkateliers_ook_over_erbij() RETURNS trigger AS $$
BEGIN
    UPDATE werkateliers_advies SET titel = titel WHERE id IN (SELECT advies_id FROM veranderd);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER ook_over_erbij AFTER INSERT ON werkateliers_advies_ook_over
    REFERENCING NEW TABLE AS veranderd FOR EACH STATEMENT
    EXECUTE FUNCTION werkateliers_ook_over_erbij();
CREATE TRIGGER ook_over_eraf AFTER DELETE ON werkateliers_advies_ook_over
    REFERENCING OLD TABLE AS veranderd FOR EACH STATEMENT
    EXECUTE FUNCTION werkateliers_ook_over_erbij();
UPDATE werkateliers_advies SET titel = titel
    WHERE id IN (SELECT advies_id FROM werkateliers_advies_ook_over);
"""
VOORUIT = (
    FUNCTIES.format(
        themas="id = NEW.thema_id OR id IN ("
        "SELECT thema_id FROM werkateliers_advies_ook_over WHERE advies_id = NEW.id)",
        met_thema="thema_id = NEW.id OR id IN ("
        "SELECT advies_id FROM werkateliers_advies_ook_over WHERE thema_id = NEW.id)",
    )
    + OOK_OVER
)
TERUG = """
DROP TRIGGER IF EXISTS ook_over_erbij ON werkateliers_advies_ook_over;
DROP TRIGGER IF EXISTS ook_over_eraf ON werkateliers_advies_ook_over;
DROP FUNCTION IF EXISTS werkateliers_ook_over_erbij();
""" + FUNCTIES.format(themas="id = NEW.thema_id", met_thema="thema_id = NEW.id")


def vooruit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VOORUIT)


def terug(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TERUG)


class Migration(migrations.Migration):
    dependencies = [("werkateliers", "0018_zoek_vector")]
    operations = [migrations.RunPython(vooruit, terug)]
