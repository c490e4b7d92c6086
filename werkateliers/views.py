from django.core.paginator import Paginator
from django.db import connection
from django.shortcuts import get_object_or_404, render

from .filters import AdviesFilter
from .models import Advies, Doelgroep, Thema, Werkatelier

PER_PAGINA = 20


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


def werkatelier_detail(request, slug):
    werkatelier = get_object_or_404(Werkatelier.objects.published().with_adviezen(), slug=slug)
    return render(
        request,
        "werkateliers/werkatelier_detail.html",
        {
            "werkatelier": werkatelier,
            "doelgroepdelen": werkatelier.adviezen_per_doelgroep(),
            "verwante": werkatelier.verwante(),
        },
    )
