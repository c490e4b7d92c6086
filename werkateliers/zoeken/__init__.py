"""Finding adviezen by the words a visitor types, read as they mean them.

1. The question is read into terms (vraag.py): stop words out, OF/or, NIET/-, "phrases".
2. Each word gets the other forms that the site uses (woordvormen.py): its singular or
   plural, the parts of a compound the site does not know as a whole, the synonyms staff
   keep (zoekhulp), and, for the last word, every word it is the start of.
3. All terms first; when no advies has them all, any of them, best first (the page says so).
4. A word that finds nothing gets the most similar word of the site that does find something,
   as a suggestion ("Bedoelde je …?").

PostgreSQL does the matching, ranking and suggesting (postgres.py): a search vector kept
with each advies by triggers (migration 0018_zoek_vector), its GIN index, ts_rank, and
pg_trgm over the site's vocabulary. SQLite matches plain text (sqlite.py). A search costs
the same number of queries however much content there is.
"""

from django.db import connection
from django.db.models import Value

from zoekhulp.synoniemen import lees as lees_synoniemen
from zoekhulp.synoniemen import synoniemen_van
from zoekhulp.synoniemen import vraag as synoniemvraag

from . import postgres, sqlite
from .vraag import WOORD, lees
from .woordvormen import delen_om_op_te_zoeken, splits, vormen

# The last word is also read as the start of a word from this length on.
MIN_BEGIN = 3


class Zoekopdracht:
    """A question, read and looked up among `basis` (the adviezen the other filters leave):
    what the search asks of the database, and what the page says about it."""

    def __init__(self, tekst, basis):
        self.vraag = lees(tekst)
        self.postgres = connection.vendor == "postgresql"
        self.ook_gezocht = []  # synonyms and the parts of a compound, also looked for
        self.suggestie = None  # the question with the words that found nothing replaced
        # No advies has every term: those with any, best first. None: not decided yet (`een_van`).
        self._een_van = False
        self._basis = basis
        if self.vraag.positief:
            self._lees_vormen(basis)
            self._tel(basis)

    @property
    def onbeslist(self):
        """Whether all terms or any of them is still to be decided: the caller may decide it
        from what it counts anyway (filters.AdviesFilter.bereken), one query less."""
        return self._een_van is None

    @property
    def een_van(self):
        if self._een_van is None:
            gevonden = heeft(self._basis, self._voorwaarden())
            self._een_van = gevonden["een"] and not gevonden["alle"]
        return self._een_van

    @een_van.setter
    def een_van(self, waarde):
        self._een_van = waarde

    @property
    def te_algemeen(self):
        """What the page says to a question of only stop words: ‘de’ is te algemeen …"""
        if not self.vraag.te_algemeen:
            return ""
        woorden = [f"‘{w}’" for w in self.vraag.stopwoorden[:4]]
        lijst = " en ".join([", ".join(woorden[:-1]), woorden[-1]] if len(woorden) > 1 else woorden)
        return f"{lijst} {'zijn' if len(woorden) > 1 else 'is'} te algemeen om op te zoeken"

    @property
    def uitleg(self):
        """Whether the page has something to say about the search."""
        return bool(self.suggestie or self.een_van or self.ook_gezocht or self.zonder_woorden)

    @property
    def zonder_woorden(self):
        """Only words to leave out: there is nothing to look for."""
        return bool(self.vraag.termen) and not self.vraag.positief

    def _lees_vormen(self, basis):
        """Each term's other forms, from the site's vocabulary and the synonyms staff keep."""
        termen, positief = self.vraag.termen, self.vraag.positief
        woorden = list(dict.fromkeys(t.woorden[0] for t in termen if not t.zin))
        laatste = positief[-1]
        begin = laatste.tekst if not laatste.exact and len(laatste.tekst) >= MIN_BEGIN else None
        geheel = self.vraag.als_geheel
        gevraagd = list(dict.fromkeys([t.tekst for t in termen] + ([geheel] if geheel else [])))
        bekend, accenten, is_begin, self.suggesties = set(), {}, False, {}
        if self.postgres:
            # The words and their forms, as they are or with accents, with the synonyms of
            # the words in the same round trip; for a word the site does not know, the
            # pieces it may be a compound of (for `splits`) and a suggestion: two queries at
            # most.
            met_vormen = set(woorden).union(*map(vormen, woorden))
            bekend, accenten, is_begin, rijen = postgres.woordenschat(
                met_vormen, begin, synoniemvraag(gevraagd)
            )
            synoniemen = lees_synoniemen(gevraagd, rijen)
            onbekend = [woord for woord in woorden if woord not in bekend]
            delen = set().union(*map(delen_om_op_te_zoeken, onbekend))
            gevonden, self.suggesties = postgres.onbekende_woorden(onbekend, delen, basis)
            bekend |= gevonden
            if is_begin:
                self.suggesties.pop(begin, None)  # half typed: it is the start of a word
        else:
            synoniemen = synoniemen_van(gevraagd)
        self.vraag.heel = sorted(synoniemen.get(geheel, ())) if geheel else []
        self.ook_gezocht += self.vraag.heel
        for term in termen:
            woord = term.woorden[0]
            term.vormen = [(term.tekst,)]
            if not term.zin:
                # Its singular or plural, and these written with accents (client: cliënt,
                # cliënten), as the site writes them.
                andere = {woord} | vormen(woord)
                andere = (andere & bekend) | {a for v in andere for a in accenten.get(v, ())}
                term.vormen += [(vorm,) for vorm in sorted(andere - {woord})]
            onbekend = self.postgres and len(term.vormen) == 1 and woord not in bekend
            if onbekend and not term.exact and not term.niet and not (term is laatste and is_begin):
                delen = splits(woord, bekend)
                if delen:
                    term.vormen.append(tuple(delen))
                    self.ook_gezocht += delen
            for synoniem in sorted(synoniemen.get(term.tekst, ())):
                term.vormen.append((synoniem,))
                if not term.niet:
                    self.ook_gezocht.append(synoniem)
        laatste.begin = begin is not None
        self.ook_gezocht = list(dict.fromkeys(self.ook_gezocht))

    def _tel(self, basis):
        """Whether any advies has every term (else: any of them), and which words with a
        suggestion find nothing: one query (`heeft`), left out when there is nothing to
        decide (one term, or terms joined by OR only, no compound split, no word to suggest
        for). Without a word to suggest for, the first is left undecided (`onbeslist`): the
        list of adviezen counts all terms first anyway."""
        positief = self.vraag.positief
        per_term = {}
        if self.postgres:
            self.alle = postgres.tsquery(self.vraag)
            self.een = postgres.tsquery(self.vraag, samen=False)
            per_term = {
                f"term{i}": postgres.term(term)
                for i, term in enumerate(positief)
                if term.woorden[0] in self.suggesties
            }
        groepen = [g for g in self.vraag.groepen if not all(t.niet for t in g)]
        delen = any(len(vorm) > 1 for term in positief for vorm in term.vormen)
        if len(groepen) == 1 and not delen and not per_term:
            return
        if not per_term:
            self._een_van = None
            return
        voorwaarden = self._voorwaarden()
        voorwaarden |= {naam: postgres.voorwaarde(tsq) for naam, tsq in per_term.items()}
        gevonden = heeft(basis, voorwaarden)
        self.een_van = gevonden["een"] and not gevonden["alle"]
        vervangen = {
            term.woorden[0]: self.suggesties[term.woorden[0]]
            for i, term in enumerate(positief)
            if f"term{i}" in per_term and not gevonden[f"term{i}"]
        }
        if vervangen:
            self.suggestie = WOORD.sub(
                lambda m: vervangen.get(m.group(0).lower().replace("’", "'"), m.group(0)),
                self.vraag.tekst,
            )

    def _voorwaarden(self):
        """Any of the terms ("een"), all of them ("alle"), as conditions (Q)."""
        if self.postgres:
            return {
                "een": postgres.voorwaarde(self.een),
                "alle": postgres.voorwaarde(self.alle),
            }
        return {
            "een": sqlite.voorwaarde(self.vraag, samen=False),
            "alle": sqlite.voorwaarde(self.vraag),
        }

    def toepassen(self, adviezen):
        """These adviezen that the question finds, each with its `rang` (higher is better)."""
        if not self.vraag.positief:
            return adviezen.none().annotate(rang=Value(0.0))
        if self.postgres:
            return postgres.zoek(adviezen, self.een if self.een_van else self.alle)
        return sqlite.zoek(adviezen, self.vraag, samen=not self.een_van)

    def met_een_van(self, vraag):
        """A query made with all the terms (`toepassen`) as (sql, params), now with any of
        them. On PostgreSQL only the tsquery, a parameter, differs: the same SQL, not built
        again. None on SQLite, whose conditions differ, and when there is no query."""
        if not (self.postgres and vraag):
            return None
        sql, params = vraag
        return sql, [self.een if param == self.alle else param for param in params]

    def te_markeren(self, adviezen):
        """The words to mark in these adviezen (their titles and texts), whole, as one string:
        on PostgreSQL the words the search matched (same stem, a synonym, a part, the start
        of a word), asked in one query; on SQLite the words that start with a word looked for.
        Never a word left out, never a single letter."""
        if not self.vraag.positief:
            return ""
        # Each word once (a set made by findall on all texts together, not word by word).
        tekst = " ".join(f"{advies.titel} {advies.tekst_plat}" for advies in adviezen)
        woorden = {woord for woord in set(WOORD.findall(tekst)) if len(woord) > 1}
        if self.postgres:
            return " ".join(postgres.gevonden_woorden(woorden, self.vraag))
        gezocht = tuple(
            woord for deel in sqlite.gezocht(self.vraag) for woord in deel.lower().split()
        )
        return " ".join(sorted(w for w in woorden if w.lower().startswith(gezocht)))


def heeft(adviezen, voorwaarden):
    """Per name, whether any of these adviezen meets its condition (a Q): one query, each
    answered as soon as one advies does (EXISTS), not by counting them all. A broad word
    at 20,000 adviezen: 18 ms counted, under 1 ms asked this way."""
    delen, waarden = [], []
    for voorwaarde in voorwaarden.values():
        sql, params = (
            adviezen.order_by().filter(voorwaarde).values("pk")[:1].query.sql_with_params()
        )
        delen.append(f"EXISTS ({sql})")
        waarden += params
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(delen), waarden)
        return dict(zip(voorwaarden, map(bool, cursor.fetchone()), strict=True))
