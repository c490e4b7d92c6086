from django.shortcuts import get_object_or_404, render

from .models import Werkatelier


def home(request):
    werkateliers = Werkatelier.objects.published().with_aantal_adviezen().newest_first()
    return render(request, "werkateliers/home.html", {"werkateliers": werkateliers})


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
