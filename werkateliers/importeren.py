"""The admin's import: paste or upload a report, see how the site reads it block by block,
correct what was misread without going back to Word, then create the concept.

Every block has a role control beside it. Its name carries the block (line number and a
fingerprint of its text) and the role the reader gave it, so a submitted form says which
roles the editor changed, also without JavaScript; with it (static/beheer/importeren.js), a
change is sent at once and the preview is replaced in place. A new thema can be created or
mapped to an existing one.
"""

import reversion
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .forms import ImportForm
from .importer import ROLLEN, ImportFout, gelijkende_themas, lees_verslag, sla_op
from .importer.opbouw import deel_van, samen
from .models import Thema
from .rijketekst import schoon


def rol_keuzes(post):
    """{block key: role} for every role control whose value is not the reader's own role.

    >>> rol_keuzes({"rol-12-ab12cd34-tekst": "slot",
    ...             "rol-13-ef56ab78-advies-titel": "advies-titel"})
    {'12-ab12cd34': 'slot'}
    """
    keuzes = {}
    for naam, waarde in post.items():
        delen = naam.split("-", 3)
        if len(delen) == 4 and delen[0] == "rol" and waarde in ROLLEN and waarde != delen[3]:
            keuzes[f"{delen[1]}-{delen[2]}"] = waarde
    return keuzes


def thema_keuzes(post, verslag, themas):
    """{new thema's name: "nieuw" or an existing Thema}, as the editor chose."""
    per_pk = {str(thema.pk): thema for thema in themas}
    keuzes = {naam: "nieuw" for naam in post.getlist("nieuw_thema")}
    for index in range(len(verslag.nieuwe_themas) + 50):
        naam, keuze = post.get(f"themanaam-{index}"), post.get(f"thema-{index}", "")
        if naam is None:
            continue
        if keuze == "nieuw":
            keuzes[naam] = "nieuw"
        elif keuze in per_pk:
            keuzes[naam] = per_pk[keuze]
    return {naam: keuze for naam, keuze in keuzes.items() if naam in verslag.nieuwe_themas}


def blokrijen(verslag):
    """What the template shows per block: its place, text, role, why, and its messages."""
    adviezen = {a.regel: (d, a) for d in verslag.doelgroepen for a in d.adviezen}
    doelgroepen = {d.regel: d for d in verslag.doelgroepen}
    meldingen = {}
    for melding in verslag.meldingen:
        meldingen.setdefault(melding.plek, []).append(melding)
    rijen = []
    for blok in verslag.blokken:
        rij = {"blok": blok, "plek": f"{verslag.eenheid} {blok.nr}", "id": f"blok-{blok.nr}"}
        if blok.is_notitie:
            rijen.append(rij)
            continue
        rij["naam"] = f"rol-{blok.sleutel}-{blok.eigen_rol}"
        notities = tuple(b.tekst for b in verslag.blokken if b.is_notitie and b.nr == blok.nr)
        rij["meldingen"] = [
            m for m in meldingen.get(blok.nr, []) if not (notities and m.tekst.startswith(notities))
        ]
        if blok.rol == "advies-titel" and blok.nr in adviezen:
            deel, advies = adviezen[blok.nr]
            rij["advies"] = advies
            rij["html"] = (
                schoon(blok.rest)
                if blok.soort == "tabelrij"
                else schoon(samen([deel_van(blok, html=blok.rest)]) if blok.rest else "")
            )
        elif blok.rol == "doelgroep" and blok.nr in doelgroepen:
            rij["doelgroep"] = doelgroepen[blok.nr]
        else:
            rij["html"] = schoon(samen([deel_van(blok)]))
        rijen.append(rij)
    return rijen


def themarijen(verslag, themas, gekozen):
    """Per new thema: its name, the existing thema's most like it, the others, the choice."""
    rijen = []
    for index, naam in enumerate(verslag.nieuwe_themas):
        lijkt = gelijkende_themas(naam, themas)
        keuze = gekozen.get(naam, "")
        rijen.append({
            "index": index,
            "naam": naam,
            "lijkt": lijkt,
            "andere": [t for t in themas if t not in lijkt],
            "keuze": keuze if keuze in ("", "nieuw") else str(keuze.pk),
        })  # fmt: skip
    return rijen


def importeren(model_admin, request):
    """The import page (WerkatelierAdmin's URL "importeren/")."""
    if not model_admin.has_add_permission(request):
        return redirect("admin:index")
    verslag = None
    fouten_bij_aanmaken, rijen, themas_te_kiezen = [], [], []
    bestandsnaam = ""
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        themas = list(Thema.objects.order_by("naam"))
        verslag = lees_verslag(
            form.blokken, keuzes=rol_keuzes(request.POST), titel=form.cleaned_data["titel"]
        )
        gekozen = thema_keuzes(request.POST, verslag, themas)
        if "aanmaken" in request.POST and not verslag.fouten:
            try:
                with reversion.create_revision():
                    werkatelier = sla_op(
                        verslag,
                        titel=form.cleaned_data["titel"],
                        nieuwe_themas=[n for n, k in gekozen.items() if k == "nieuw"],
                        thema_keuzes={n: k for n, k in gekozen.items() if k != "nieuw"},
                    )
                    reversion.set_user(request.user)
                    reversion.set_comment("Geïmporteerd uit een verslag.")
            except ImportFout as fout:
                fouten_bij_aanmaken = [str(m) for m in fout.meldingen]
            else:
                model_admin.log_addition(request, werkatelier, "Geïmporteerd uit een verslag.")
                model_admin.message_user(
                    request,
                    f"‘{werkatelier}’ is aangemaakt als concept. Controleer het en publiceer het.",
                    messages.SUCCESS,
                )
                return redirect("admin:werkateliers_werkatelier_change", werkatelier.pk)
        bestandsnaam = form.bestandsnaam
        rijen = blokrijen(verslag)
        themas_te_kiezen = themarijen(verslag, themas, gekozen)
        form = form.volgende()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": "Werkatelier importeren uit een verslag",
        "form": form,
        "verslag": verslag,
        "rijen": rijen,
        "rollen": list(ROLLEN),
        "themas_te_kiezen": themas_te_kiezen,
        "bestandsnaam": bestandsnaam,
        "fouten_bij_aanmaken": fouten_bij_aanmaken,
    }
    return TemplateResponse(request, "admin/werkateliers/werkatelier/importeren.html", context)
