import os
import subprocess
import sys

from django.conf import settings

CHECK = "import django; django.setup(); print('gestart')"


def _start(**env):
    schoon = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    schoon.update(DJANGO_SETTINGS_MODULE="praktijkadviezen.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=settings.BASE_DIR,
        env=schoon,
        capture_output=True,
        text=True,
    )


def test_settings_refuse_to_start_without_secret_key_outside_debug():
    result = _start()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY ontbreekt" in result.stderr


def test_settings_start_in_debug_without_secret_key():
    result = _start(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "gestart" in result.stdout


def test_settings_start_outside_debug_with_secret_key():
    result = _start(DJANGO_SECRET_KEY="x" * 60)
    assert result.returncode == 0, result.stderr


def test_language_and_time_zone_are_dutch():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.DEBUG is False
