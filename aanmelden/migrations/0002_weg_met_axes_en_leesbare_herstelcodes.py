"""django-axes and django-otp's static devices are no longer installed. Their tables held
addresses of everyone who failed to sign in and recovery codes in plain text: they go, with
what Django knew of them. Accounts that had recovery codes make new ones (the start page of
/beheer/ asks them to)."""

from django.db import migrations

TABELLEN = [
    # In this order: a table that points to another goes first.
    "axes_accessattemptexpiration",
    "axes_accessattempt",
    "axes_accessfailurelog",
    "axes_accesslog",
    "otp_static_statictoken",
    "otp_static_staticdevice",
]
APPS = ["axes", "otp_static"]


def weg(apps, schema_editor):
    verbinding = schema_editor.connection
    bestaand = set(verbinding.introspection.table_names())
    for tabel in TABELLEN:
        if tabel in bestaand:
            schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(tabel)}")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(verbinding.alias).filter(app_label__in=APPS).delete()
    with verbinding.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app IN (%s, %s)", APPS
        )


class Migration(migrations.Migration):
    dependencies = [
        ("aanmelden", "0001_eerste"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(weg, migrations.RunPython.noop)]
