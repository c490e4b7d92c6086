from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control

from praktijkadviezen.beheer import alleen_beheer
from praktijkadviezen.paginacache import cache_voor_bezoekers
from zoekhulp import zoekopdrachten

from . import deelkaart as deelkaarten
from .feeds import FEEDPARAMETERS
from .filters import AdviesFilter, meegenomen
from .models import Advies, Doelgroep, OudAdres, Werkatelier
from .themas import in_groepen, per_thema

# The query parameters of /adviezen/ (and what its pages carry along): how many values each.
FILTERPARAMETERS = {"doelgroep": 1, "thema": 10, "werkatelier": 1, "q": 1}
ZOEKPARAMETERS = {**FILTERPARAMETERS, "page": 1}
PER_PAGINA = 20
KAARTEN_OP_HOME = 6
KAARTEN_PER_PAGINA = 24
MAX_AFDRUK = 200


@cache_voor_bezoekers
def home(request):
    werkateliers = Werkatelier.objects.published()
    return render(
        request,
        "werkateliers/home.html",
        {
            "werkateliers": werkateliers.newest_first().for_cards()[:KAARTEN_OP_HOME].als_kaarten(),
            "aantal_werkateliers": werkateliers.count(),
            # "Vaak gebruikt" first: the thema's to follow across werkateliers (themas.py).
            "themagroepen": in_groepen(per_thema(Advies.objects.published())),
            "doelgroepen": [
                (d, d.aantal_adviezen) for d in Doelgroep.objects.with_published_count()
            ],
        },
    )


@cache_voor_bezoekers(parameters={"page": 1})
def werkatelier_list(request):
    werkateliers = Werkatelier.objects.published().newest_first().for_cards()
    pagina = Paginator(werkateliers, KAARTEN_PER_PAGINA).get_page(request.GET.get("page"))
    pagina.object_list = pagina.object_list.als_kaarten()
    return render(request, "werkateliers/werkatelier_list.html", {"pagina": pagina})


@cache_voor_bezoekers(parameters=ZOEKPARAMETERS)
def advies_list(request):
    filterset = AdviesFilter(request.GET)
    if filterset.verhuisd:
        return verhuisde_themas(request, filterset.verhuisd)
    filterset.bereken(request.GET.get("page"), PER_PAGINA)
    # The filterset gives each page of its results (AdviesFilter.__getitem__), counted already.
    paginator = Paginator(filterset, PER_PAGINA)
    paginator.count = filterset.aantal
    pagina = paginator.get_page(request.GET.get("page"))
    pagina.object_list = filterset.adviezen(pagina.object_list)
    notities = filterset.notities + _pagina_notitie(request.GET.get("page"), pagina)
    if filterset.zoekwoorden and request.GET.get("page", "1") == "1":
        # What visitors look for, for staff (the Zoekopdrachten screen); a later page of the
        # same search is no new search.
        zoekopdrachten.tel(filterset.zoekwoorden, paginator.count)
    antwoord = render(
        request,
        "werkateliers/advies_list.html",
        {
            "filterset": filterset,
            "facetten": filterset.facetten,
            "pagina": pagina,
            "beschrijving": filterset.beschrijving(paginator.count),
            "notities": notities,
            "zoekwoorden": filterset.zoekwoorden,
            "meenemen": meegenomen(request.GET),
            # The same doelgroep and thema's as a feed (feeds.NieuweAdviezen).
            "feedquery": urlencode(
                [(naam, slug) for naam in FEEDPARAMETERS for slug in filterset.gekozen[naam]]
            ),
        },
    )
    return _eenmalig(antwoord) if notities else antwoord


def verhuisde_themas(request, verhuisd):
    """The same address with each merged thema's old slug replaced by the thema it went into
    (themas.voeg_samen): a 301, as for a werkatelier's former address."""
    query = request.GET.copy()
    query.setlist(
        "thema", list(dict.fromkeys(verhuisd.get(s, s) for s in request.GET.getlist("thema")))
    )
    return HttpResponsePermanentRedirect(f"{request.path}?{query.urlencode()}")


def _eenmalig(antwoord):
    """A page about one odd request (an unknown thema, a page that does not exist) is not
    kept for others: the page cache stores only what many visitors ask for."""
    patch_cache_control(antwoord, private=True)
    return antwoord


@cache_voor_bezoekers(parameters=FILTERPARAMETERS)
def advies_print(request):
    """All results of a search, with their full texts, as a document to print."""
    filterset = AdviesFilter(request.GET)
    if filterset.verhuisd:
        return verhuisde_themas(request, filterset.verhuisd)
    adviezen = filterset.adviezen(filterset.resultaten(volledig=True)[: MAX_AFDRUK + 1])
    antwoord = render(
        request,
        "werkateliers/advies_print.html",
        {
            "filterset": filterset,
            "adviezen": adviezen[:MAX_AFDRUK],
            "te_veel": len(adviezen) > MAX_AFDRUK,
            "max_afdruk": MAX_AFDRUK,
            "meenemen": meegenomen(request.GET),
            "beschrijving": filterset.beschrijving(min(len(adviezen), MAX_AFDRUK)),
        },
    )
    return _eenmalig(antwoord) if filterset.notities else antwoord


def _pagina_notitie(gevraagd, pagina):
    if not gevraagd or gevraagd == str(pagina.number):
        return []
    return [
        f"Die pagina bestaat niet; je ziet pagina {pagina.number} van {pagina.paginator.num_pages}."
    ]


@cache_voor_bezoekers(parameters=ZOEKPARAMETERS)
def advies_detail(request, pk, slug):
    advies = Advies.objects.published().for_detail().filter(pk=pk).first()
    if advies is None:
        raise Http404
    if slug != advies.slug:
        # An old title in the address: the number is what counts.
        return redirect(advies, permanent=True)
    plaats = advies.plaats()
    delen = plaats.per_doelgroep()
    return render(
        request,
        "werkateliers/advies_detail.html",
        {
            "advies": advies,
            "plaats": plaats,
            # The search the visitor came from, for the way back to the results.
            "terug": meegenomen(request.GET),
            "alle_uit_werkatelier": delen,
            "deelkaart": deelkaarten.op_pagina(
                advies.werkatelier, [(d.doelgroep.naam, len(d.adviezen)) for d in delen]
            ),
        },
    )


def advies_zonder_slug(request, pk):
    advies = get_object_or_404(Advies.objects.published().only("pk", "titel"), pk=pk)
    return redirect(advies, permanent=True)


@cache_voor_bezoekers
def werkatelier_detail(request, slug):
    werkatelier = Werkatelier.objects.published().with_adviezen().by_slug(slug).first()
    if werkatelier is None:
        # A former address of a published werkatelier keeps working.
        oud = get_object_or_404(
            OudAdres.objects.filter(werkatelier__in=Werkatelier.objects.published()), slug=slug
        )
        return redirect(oud.werkatelier, permanent=True)
    return _toon_werkatelier(request, werkatelier)


@alleen_beheer("werkateliers.view_werkatelier")
def werkatelier_voorbeeld(request, slug):
    """Staff see a concept or scheduled werkatelier exactly as the public will; for anyone
    else it does not exist."""
    werkatelier = get_object_or_404(Werkatelier.objects.with_adviezen().by_slug(slug))
    return _toon_werkatelier(request, werkatelier, voorbeeld=True)


def _toon_werkatelier(request, werkatelier, voorbeeld=False, adviezen=None, verwante=None):
    """The werkatelier page; a conceptversie's preview (concepten.voorbeeld) brings its own
    adviezen, in memory, in page order, and its own related werkateliers."""
    delen = werkatelier.adviezen_per_doelgroep(adviezen)
    return render(
        request,
        "werkateliers/werkatelier_detail.html",
        {
            "werkatelier": werkatelier,
            "doelgroepdelen": delen,
            "samenvatting": werkatelier.samenvatting(delen),
            "verwante": werkatelier.verwante() if verwante is None else verwante,
            "voorbeeld": voorbeeld,
            "deelkaart": deelkaarten.op_pagina(
                werkatelier, [(d.doelgroep.naam, d.aantal) for d in delen]
            ),
        },
    )


@cache_voor_bezoekers
def deelkaart(request):
    """The picture a shared link to the site shows (og:image, deelkaart.py)."""
    return HttpResponse(deelkaarten.teken(deelkaarten.voor_site()), content_type="image/png")


@cache_voor_bezoekers
def werkatelier_deelkaart(request, slug):
    """A werkatelier's picture for shared links: drawn once per content version, then served
    from the page cache like any page (with its ETag and 304s)."""
    werkatelier = get_object_or_404(Werkatelier.objects.published().by_slug(slug).only("titel"))
    kaart = deelkaarten.voor_werkatelier(werkatelier.titel, werkatelier.aantallen_per_doelgroep())
    return HttpResponse(deelkaarten.teken(kaart), content_type="image/png")
