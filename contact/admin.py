import copy
from urllib.parse import quote

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from praktijkadviezen.beheer import BeheerModelAdmin

from .emails import onderwerp
from .models import Contactbericht


class WerkatelierFilter(admin.RelatedFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = "zonder werkatelier"


def mailto(bericht):
    """A mailto: address with the answer ready: to the visitor, about the werkatelier, the
    question quoted. A link, not a redirect: the Content-Security-Policy's form-action allows
    no form to lead to another scheme, a link may."""
    geciteerd = "\n".join(f"> {regel}" for regel in bericht.vraag.splitlines())
    begroeting = f"Beste {bericht.naam}," if bericht.naam else "Beste,"
    datum = timezone.localtime(bericht.ontvangen).strftime("%d-%m-%Y")
    tekst = f"{begroeting}\n\n\n\nOp je vraag van {datum}:\n{geciteerd}\n"
    return (
        f"mailto:{quote(bericht.email, safe='@')}?subject={quote('Re: ' + onderwerp(bericht))}"
        f"&body={quote(tekst)}"
    )


@admin.register(Contactbericht)
class ContactberichtAdmin(BeheerModelAdmin):
    """The secretariaat's inbox: read a question, answer it from your own mail program, note
    what you did. The question itself is never edited."""

    # One line per question where it can, so that eight or more fit a laptop screen with the
    # status columns in view (no sidebar of apps here: the secretariaat has one list).
    list_display = ["ontvangen_kort", "van", "vraag_begin", "behandeling_nu", "bezorgd", "over"]
    list_display_links = ["ontvangen_kort", "van"]
    list_filter = ["behandeling", "bezorging", ("werkatelier", WerkatelierFilter)]
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["email", "naam", "vraag", "notitie"]
    list_select_related = ["werkatelier", "behandeld_door"]
    fieldsets = [
        (None, {"fields": ["ontvangen", "afzender_nu", "over", "vraag"]}),
        ("Behandeling", {"fields": ["behandeling", "behandeld", "notitie"]}),
        ("Bezorging bij het secretariaat", {"fields": ["bezorgd", "pogingen", "verzonden_op"]}),
    ]
    readonly_fields = [
        "ontvangen", "afzender_nu", "over", "vraag", "behandeld", "bezorgd",
        "pogingen", "verzonden_op",
    ]  # fmt: skip
    actions = ["markeer_in_behandeling", "markeer_beantwoord", "opnieuw_versturen"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_urls(self):
        return [
            path(
                "<int:object_id>/beantwoorden/",
                self.admin_site.admin_view(require_POST(self.beantwoorden_view)),
                name="contact_contactbericht_beantwoorden",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(
            request, {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["mailto"] = mailto(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, bericht):
        """Back to the list as it was, saying where the question is when that list no longer
        shows it (a question answered leaves the list of new ones)."""
        antwoord = super().response_change(request, bericht)
        filters = QueryDict(request.GET.get("_changelist_filters", ""))
        if "_continue" in request.POST or not filters or self._in_lijst(request, filters, bericht):
            return antwoord
        lijst = reverse("admin:contact_contactbericht_changelist")
        hier = f"{lijst}?behandeling__exact={bericht.behandeling}"
        self.message_user(
            request,
            format_html(
                "{} staat nu op ‘{}’, en valt daarom buiten deze lijst: "
                '<a href="{}">bekijk de vragen die {} zijn</a> of <a href="{}">alle vragen</a>.',
                bericht,
                bericht.get_behandeling_display(),
                hier,
                bericht.get_behandeling_display(),
                lijst,
            ),
            messages.INFO,
        )
        return antwoord

    def _in_lijst(self, request, filters, bericht):
        """Whether the list with these filters shows this question."""
        lijst_verzoek = copy.copy(request)
        lijst_verzoek.GET = filters
        lijst = self.get_changelist_instance(lijst_verzoek)
        return lijst.get_queryset(lijst_verzoek).filter(pk=bericht.pk).exists()

    def save_model(self, request, bericht, form, change):
        if "behandeling" in form.changed_data:
            bericht.behandeld_door = request.user
            bericht.behandeld_op = timezone.now()
        super().save_model(request, bericht, form, change)

    @admin.display(description="ontvangen", ordering="ontvangen")
    def ontvangen_kort(self, bericht):
        moment = timezone.localtime(bericht.ontvangen)
        if moment.year == timezone.localtime().year:
            return date_format(moment, "j b, H:i")
        return date_format(moment, "j b Y, H:i")

    @admin.display(description="van")
    def van(self, bericht):
        return bericht.naam or bericht.email

    @admin.display(description="van")
    def afzender_nu(self, bericht):
        if bericht.naam:
            return f"{bericht.naam} <{bericht.email}>"
        return bericht.email

    @admin.display(description="vraag")
    def vraag_begin(self, bericht):
        return Truncator(" ".join(bericht.vraag.split())).chars(70)

    @admin.display(description="over werkatelier")
    def over(self, bericht):
        if not bericht.werkatelier:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', bericht.werkatelier.get_absolute_url(), bericht.werkatelier
        )

    @admin.display(description="behandeling", ordering="behandeling")
    def behandeling_nu(self, bericht):
        return format_html(
            '<span class="status status-{}">{}</span>',
            bericht.behandeling,
            bericht.get_behandeling_display(),
        )

    @admin.display(description="bezorging", ordering="bezorging")
    def bezorgd(self, bericht):
        return bericht.bezorgstatus

    @admin.display(description="laatst gewijzigd")
    def behandeld(self, bericht):
        if not bericht.behandeld_op:
            return "—"
        wie = bericht.behandeld_door.get_username() if bericht.behandeld_door else "onbekend"
        return f"door {wie} op {timezone.localtime(bericht.behandeld_op):%d-%m-%Y %H:%M}"

    def beantwoorden_view(self, request, object_id):
        """Record that someone is answering: "in behandeling", with who and when. The mail
        program opens from a link (mailto, see the change form), not from here."""
        bericht = get_object_or_404(Contactbericht, pk=object_id)
        if not self.has_change_permission(request, bericht):
            raise PermissionDenied
        if bericht.behandeling == Contactbericht.Behandeling.NIEUW:
            bericht.zet_behandeling(Contactbericht.Behandeling.IN_BEHANDELING, request.user)
        if request.headers.get("X-Requested-With") == "fetch":
            return HttpResponse(bericht.get_behandeling_display(), content_type="text/plain")
        self.message_user(
            request, f"{bericht} staat op ‘{bericht.get_behandeling_display()}’.", messages.SUCCESS
        )
        terug = reverse("admin:contact_contactbericht_change", args=[bericht.pk])
        # Back to the question, keeping the list's filters for the way back to the list.
        return redirect(f"{terug}?{request.GET.urlencode()}" if request.GET else terug)

    @admin.action(description="Markeer als ‘in behandeling’", permissions=["change"])
    def markeer_in_behandeling(self, request, queryset):
        self._markeer(request, queryset, Contactbericht.Behandeling.IN_BEHANDELING)

    @admin.action(description="Markeer als ‘beantwoord’", permissions=["change"])
    def markeer_beantwoord(self, request, queryset):
        self._markeer(request, queryset, Contactbericht.Behandeling.BEANTWOORD)

    def _markeer(self, request, queryset, behandeling):
        aantal = 0
        for bericht in queryset.exclude(behandeling=behandeling):
            bericht.zet_behandeling(behandeling, request.user)
            aantal += 1
        label = Contactbericht.Behandeling(behandeling).label
        self.message_user(
            request,
            f"{aantal} bericht{'en' if aantal != 1 else ''} op ‘{label}’ gezet.",
            messages.SUCCESS,
        )

    @admin.action(description="Nu opnieuw proberen te bezorgen", permissions=["change"])
    def opnieuw_versturen(self, request, queryset):
        aantal = queryset.filter(bezorging=Contactbericht.Bezorging.WACHT).update(
            volgende_poging=timezone.now()
        )
        if aantal:
            self.message_user(
                request,
                f"{aantal} bericht{'en' if aantal != 1 else ''} worden binnen een minuut opnieuw "
                "verstuurd.",
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "Deze berichten zijn al bezorgd.", messages.INFO)
