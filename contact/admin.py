from urllib.parse import quote

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from praktijkadviezen.beheer import BeheerModelAdmin

from .emails import onderwerp
from .models import Contactbericht


class NaarMailprogramma(HttpResponseRedirect):
    allowed_schemes = ["mailto"]


@admin.register(Contactbericht)
class ContactberichtAdmin(BeheerModelAdmin):
    """The secretariaat's inbox: read a question, answer it from your own mail program, note
    what you did. The question itself is never edited."""

    list_display = ["ontvangen", "van", "vraag_begin", "over", "behandeling_nu", "bezorgd"]
    list_display_links = ["ontvangen", "van"]
    list_filter = ["behandeling", "bezorging", "werkatelier"]
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["email", "naam", "vraag", "notitie"]
    date_hierarchy = "ontvangen"
    list_select_related = ["werkatelier", "behandeld_door"]
    fieldsets = [
        (None, {"fields": ["ontvangen", "van", "over", "vraag"]}),
        ("Behandeling", {"fields": ["behandeling", "behandeld", "notitie"]}),
        ("Bezorging bij het secretariaat", {"fields": ["bezorgd", "pogingen", "verzonden_op"]}),
    ]
    readonly_fields = [
        "ontvangen", "van", "over", "vraag", "behandeld", "bezorgd",
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
                "<path:object_id>/beantwoorden/",
                self.admin_site.admin_view(require_POST(self.beantwoorden_view)),
                name="contact_contactbericht_beantwoorden",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, bericht, form, change):
        if "behandeling" in form.changed_data:
            bericht.behandeld_door = request.user
            bericht.behandeld_op = timezone.now()
        super().save_model(request, bericht, form, change)

    @admin.display(description="van")
    def van(self, bericht):
        if bericht.naam:
            return f"{bericht.naam} <{bericht.email}>"
        return bericht.email

    @admin.display(description="vraag")
    def vraag_begin(self, bericht):
        return Truncator(" ".join(bericht.vraag.split())).chars(90)

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
        """Set "in behandeling" and open the secretariaat's mail program with the answer ready:
        to the visitor, about the werkatelier, the question quoted."""
        bericht = get_object_or_404(Contactbericht, pk=object_id)
        if not self.has_change_permission(request, bericht):
            raise PermissionDenied
        if bericht.behandeling == Contactbericht.Behandeling.NIEUW:
            bericht.zet_behandeling(Contactbericht.Behandeling.IN_BEHANDELING, request.user)
        geciteerd = "\n".join(f"> {regel}" for regel in bericht.vraag.splitlines())
        begroeting = f"Beste {bericht.naam}," if bericht.naam else "Beste,"
        tekst = f"{begroeting}\n\n\n\nOp je vraag van {bericht.ontvangen:%d-%m-%Y}:\n{geciteerd}\n"
        return NaarMailprogramma(
            f"mailto:{quote(bericht.email, safe='@')}?subject={quote('Re: ' + onderwerp(bericht))}"
            f"&body={quote(tekst)}"
        )

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
