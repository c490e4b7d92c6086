from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from praktijkadviezen.paginacache import cache_voor_bezoekers

from .filters import AdviesFilter
from .models import Advies, Doelgroep, OudAdres, Thema, Werkatelier

PER_PAGINA = 20


@cache_voor_bezoekers
def home(request):
    return render(
        request,
        "werkateliers/home.html",
        {
            "werkateliers": Werkatelier.objects.published().with_aantal_adviezen().newest_first(),
            "themas": Thema.objects.with_published_count().filter(aantal_adviezen__gt=0),
            "doelgroepen": Doelgroep.objects.all(),
        },
    )


@cache_voor_bezoekers
def advies_list(request):
    filterset = AdviesFilter(request.GET, queryset=Advies.objects.published())
    zoekwoorden = filterset.zoekwoorden
    resultaten = filterset.qs.for_list()
    if zoekwoorden:
        resultaten = resultaten.ranked(zoekwoorden)
    pagina = Paginator(resultaten, PER_PAGINA).get_page(request.GET.get("page"))
    return render(
        request,
        "werkateliers/advies_list.html",
        {
            "filterset": filterset,
            "facetten": filterset.facetten(),
            "pagina": pagina,
            "beschrijving": filterset.beschrijving(pagina.paginator.count),
            "notities": filterset.notities + _pagina_notitie(request.GET.get("page"), pagina),
            "zoekwoorden": zoekwoorden,
            # PostgreSQL marks its own (stemmed) matches; on SQLite the words are marked as typed.
            "markeer_woorden": "" if connection.vendor == "postgresql" else zoekwoorden,
        },
    )


def _pagina_notitie(gevraagd, pagina):
    if not gevraagd or gevraagd == str(pagina.number):
        return []
    return [
        f"Die pagina bestaat niet; je ziet pagina {pagina.number} van {pagina.paginator.num_pages}."
    ]


@cache_voor_bezoekers
def werkatelier_detail(request, slug):
    werkatelier = Werkatelier.objects.published().with_adviezen().filter(slug=slug).first()
    if werkatelier is None:
        # A former address of a published werkatelier keeps working.
        oud = get_object_or_404(
            OudAdres.objects.filter(werkatelier__in=Werkatelier.objects.published()), slug=slug
        )
        return redirect(oud.werkatelier, permanent=True)
    return _toon_werkatelier(request, werkatelier)


def werkatelier_voorbeeld(request, slug):
    """Staff see a concept or scheduled werkatelier exactly as the public will; for anyone
    else it does not exist."""
    gebruiker = request.user
    if not (
        gebruiker.is_active
        and gebruiker.is_staff
        and gebruiker.has_perm("werkateliers.view_werkatelier")
    ):
        raise Http404
    werkatelier = get_object_or_404(Werkatelier.objects.with_adviezen(), slug=slug)
    return _toon_werkatelier(request, werkatelier, voorbeeld=True)


def _toon_werkatelier(request, werkatelier, voorbeeld=False):
    return render(
        request,
        "werkateliers/werkatelier_detail.html",
        {
            "werkatelier": werkatelier,
            "doelgroepdelen": werkatelier.adviezen_per_doelgroep(),
            "verwante": werkatelier.verwante(),
            "voorbeeld": voorbeeld,
        },
    )
