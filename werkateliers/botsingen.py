"""No lost work: a save over someone else's newer save is refused, never silent.

A change form carries a signed token of the version it was made from (versies.Stand, hidden
field `stand`). When the form comes back and what is stored now differs from that version,
nobody's work is overwritten: the save is refused, and the form comes back with the editor's own
changes laid over the newer version (a three-way merge, versies.voeg_samen), and with what each
of them changed, so the editor can check and save again.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect, QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from .versies import NIEUW, Stand, Vergelijking, vergelijk_standen, voeg_samen

VELDNAAM = "stand"


@dataclass
class Botsing:
    """Someone else saved in the meantime: what they changed, what I changed, and where we
    both changed the same thing."""

    hunne: Vergelijking
    mijne: Vergelijking
    botsingen: list
    wie: str


def stand_van_formulieren(form, formset, basis):
    """What the editor wants to store: the form's fields (the rest as in `basis`) and the
    adviezen the formset keeps, in page order. Keys: the row's own id, or "nieuw-…"."""
    velden = dict(basis.werkatelier)
    for naam in velden:
        if naam in form.cleaned_data:
            velden[naam] = form.cleaned_data[naam]
    rijen = []
    for form_ in formset.bewaarde_forms():
        gegevens = form_.cleaned_data
        sleutel = str(form_.instance.pk) if form_.instance.pk else f"{NIEUW}{form_.prefix}"
        rijen.append(
            (
                sleutel,
                {
                    "titel": gegevens.get("titel", ""),
                    "tekst": gegevens.get("tekst", ""),
                    "doelgroep_id": gegevens["doelgroep"].pk if gegevens.get("doelgroep") else None,
                    "thema_id": gegevens["thema"].pk if gegevens.get("thema") else None,
                    "positie": gegevens.get("positie") or 0,
                },
            )
        )
    return Stand.maak(velden, rijen)


def stand_uit_post(post, form, prefix, basis):
    """What the editor wants to store, read from the form as it was sent: the main form's
    cleaned fields, and the advies rows as typed. Read leniently on purpose: a row may point
    to an advies someone else removed meanwhile, which a formset would refuse before the
    conflict could even be seen."""
    velden = dict(basis.werkatelier)
    for naam in velden:
        if naam in form.cleaned_data:
            velden[naam] = form.cleaned_data[naam]
    rijen = []
    for i in range(min(_getal(post.get(f"{prefix}-TOTAL_FORMS")) or 0, 1000)):
        waarde = lambda naam: post.get(f"{prefix}-{i}-{naam}", "")  # noqa: B023, E731
        sleutel = waarde("id").strip()
        if waarde("DELETE") or not (sleutel or waarde("titel").strip() or waarde("tekst").strip()):
            continue  # removed, or an empty new row
        rij = {
            "titel": waarde("titel").strip(),
            "tekst": waarde("tekst"),
            "doelgroep_id": _getal(waarde("doelgroep")),
            "thema_id": _getal(waarde("thema")),
            "positie": _getal(waarde("positie")) or 10**9,
        }
        # As the formset orders them: by position; a moved one before an unmoved one.
        oud = basis.adviezen.get(sleutel)
        onverplaatst = oud is not None and oud["positie"] == rij["positie"]
        rijen.append(((rij["positie"], onverplaatst, i), sleutel or f"{NIEUW}{prefix}-{i}", rij))
    rijen.sort(key=lambda rij: rij[0])
    return Stand.maak(velden, [(sleutel, rij) for _, sleutel, rij in rijen])


def _getal(tekst):
    try:
        return int(tekst)
    except (TypeError, ValueError):
        return None


def zoek(post, huidig, form, rijen, wie):
    """The Botsing and the form data to show again, or None when the form was made from what is
    stored now (or carries no token). `form` is the main form, bound to `post` and valid;
    `rijen` is (prefix, parent field, parent id) of the advies rows."""
    basis = Stand.van_token(post.get(VELDNAAM))
    if basis is None or basis == huidig:
        return None
    mijne = stand_uit_post(post, form, rijen[0], basis)
    if mijne == huidig:
        return None  # we both made the same change: nothing is lost by saving
    samen, botsingen = voeg_samen(basis, huidig, mijne)
    botsing = Botsing(
        hunne=vergelijk_standen(basis, huidig),
        mijne=vergelijk_standen(basis, mijne),
        botsingen=botsingen,
        wie=wie,
    )
    return botsing, als_formulier(samen, huidig, post, rijen)


def als_formulier(stand, huidig, post, rijen_van):
    """POST data for the change form that shows `stand`, on top of what is stored now
    (`huidig`): rows that exist keep their id (and are deleted where `stand` drops them), the
    others are new. Buttons and the CSRF token come from `post`; the token is that of `huidig`,
    so saving this form again goes through."""
    gegevens = QueryDict(mutable=True)
    for naam in ("csrfmiddlewaretoken", "_save", "_continue", "_concept"):
        if naam in post:
            gegevens[naam] = post[naam]
    velden = stand.werkatelier
    for naam in ("titel", "slug", "intro", "beschrijving", "status"):
        gegevens[naam] = velden[naam]
    datum = parse_date(velden["datum"] or "")
    gegevens["datum"] = datum.strftime("%d-%m-%Y") if datum else ""
    moment = parse_datetime(velden["gepubliceerd_op"] or "")
    moment = timezone.localtime(moment) if moment else None
    gegevens["gepubliceerd_op_0"] = moment.strftime("%d-%m-%Y") if moment else ""
    gegevens["gepubliceerd_op_1"] = moment.strftime("%H:%M:%S") if moment else ""
    gegevens.setlist("gerelateerd", [str(pk) for pk in velden["gerelateerd"]])
    gegevens[VELDNAAM] = huidig.als_token()

    prefix, ouder, ouder_id = rijen_van
    bestaand = list(huidig.adviezen)
    rijen = [(s, stand.adviezen[s], False) for s in bestaand if s in stand.adviezen]
    rijen += [(s, huidig.adviezen[s], True) for s in bestaand if s not in stand.adviezen]
    aantal_bestaand = len(rijen)
    rijen += [(s, rij, False) for s, rij in stand.in_volgorde() if s not in huidig.adviezen]
    for i, (sleutel, rij, weg) in enumerate(rijen):
        veld = f"{prefix}-{i}-"
        gegevens[veld + "id"] = sleutel if i < aantal_bestaand else ""
        gegevens[veld + ouder] = str(ouder_id)
        gegevens[veld + "doelgroep"] = str(rij["doelgroep_id"] or "")
        gegevens[veld + "thema"] = str(rij["thema_id"] or "")
        gegevens[veld + "positie"] = str(rij["positie"])
        gegevens[veld + "titel"] = rij["titel"]
        gegevens[veld + "tekst"] = rij["tekst"]
        if weg:
            gegevens[veld + "DELETE"] = "on"
    gegevens[f"{prefix}-TOTAL_FORMS"] = str(len(rijen))
    gegevens[f"{prefix}-INITIAL_FORMS"] = str(aantal_bestaand)
    gegevens[f"{prefix}-MIN_NUM_FORMS"] = "0"
    gegevens[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    gegevens._mutable = False
    return gegevens


class Standveld(forms.CharField):
    """The hidden field with the version a form was made from; never a change in itself."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data):
        return False


NIET_BEWAARD = (
    "Er is niets bewaard: iemand anders heeft dit intussen bewaard. Hieronder zie je wat er "
    "veranderde; je eigen wijzigingen staan al over de nieuwe versie heen. Kijk ze na en bewaar "
    "opnieuw."
)


class ZorgvuldigBewaren:
    """For a change form of a werkatelier or a conceptversie (a ModelAdmin mixin):

    - a save over a newer save is refused (see the module), the form coming back with both;
    - a save that changed nothing saves nothing: no revision, no history line, no new content
      version, and a message that says so.

    The ModelAdmin says what is stored now (`huidige_stand`) and who saved it last
    (`laatst_bewaard`)."""

    def huidige_stand(self, obj):
        raise NotImplementedError

    def laatst_bewaard(self, obj):
        raise NotImplementedError

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None and VELDNAAM in request.POST:
            self._zoek_botsing(request, unquote(object_id))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _zoek_botsing(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_change_permission(request, obj):
            return  # the admin itself says what is wrong
        huidig = self.huidige_stand(obj)
        if Stand.van_token(request.POST.get(VELDNAAM)) in (None, huidig):
            return
        # The editor's version: the main form as the save will read it, the rows as typed.
        form = self.get_form(request, obj, change=True)(request.POST, request.FILES, instance=obj)
        if not form.is_valid():
            return  # the errors come first; the next valid save is checked again
        inline = self.get_inline_instances(request, obj)[0]
        formset = inline.get_formset(request, obj)
        rijen = (formset.get_default_prefix(), formset.fk.name, obj.pk)
        uitkomst = zoek(request.POST, huidig, form, rijen, self.laatst_bewaard(obj))
        if uitkomst:
            request.botsing, request.POST = uitkomst

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        botsing = getattr(request, "botsing", None)

        def clean(self_):
            gegevens = super(form_, self_).clean()
            if botsing:
                raise ValidationError(NIET_BEWAARD, code="botsing")
            return gegevens

        form_ = type(form.__name__, (form,), {"stand": Standveld(), "clean": clean})
        return form_

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if obj is not None and obj.pk and not form.is_bound:
            form.initial[VELDNAAM] = self.huidige_stand(obj).als_token()
        context["botsing"] = getattr(request, "botsing", None)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        # A change is saved in save_related, once the formsets are known too.
        if not change:
            self.bewaar_model(request, obj, form, change)

    def bewaar_model(self, request, obj, form, change):
        """What ModelAdmin.save_model does, at the moment it is really done."""
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if change and not form.has_changed() and not any(f.has_changed() for f in formsets):
            request.niets_gewijzigd = True
            return
        if change:
            self.bewaar_model(request, form.instance, form, change)
        super().save_related(request, form, formsets, change)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "niets_gewijzigd", False):
            return []  # the formsets saved nothing, so they hold no lists of what they saved
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if getattr(request, "niets_gewijzigd", False):
            return None
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if getattr(request, "niets_gewijzigd", False):
            self.message_user(
                request, "Er was niets veranderd, dus er is niets bewaard.", messages.INFO
            )
            if "_continue" in request.POST:
                return HttpResponseRedirect(request.path)
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)
