"""For the secretariaat: how long the alarm waits, and where a question is in the beheer."""

from django import template
from django.conf import settings
from django.urls import reverse

from werkateliers.telwoorden import duur

register = template.Library()


@register.simple_tag
def alarmduur():
    """ "een half uur": CONTACT_ALARM_MINUTEN in words, as the alarm speaks of it."""
    return duur(settings.CONTACT_ALARM_MINUTEN)


@register.simple_tag
def beheeradres(bericht):
    """The question's page in /beheer/, as a full address for a mail (DJANGO_SITE_URL)."""
    return settings.SITE_URL + reverse("admin:contact_contactbericht_change", args=[bericht.pk])
