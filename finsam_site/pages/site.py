"""The site's own pages: the front page, the förbund pages, the pages across förbund, search, open data, 404.

They read the plans through their cards only (compute/cards.py), never through their content.
"""

from __future__ import annotations

from .. import urls
from ..compute import across
from ..compute.cards import Cards, ForbundCard, PlanCard
from ..load.content import SiteContent
from .page import HOME, Crumb, Page

CSV_COLUMNS = [  # name, and what it holds (shown on the site's page about open data)
    ("förbund", "förbundets id, till exempel fryksdalen"),
    ("plan", "planens budgetår"),
    ("tabell", "budgettabellens rubrik"),
    ("grupp", "grupperna som raden ligger i, yttersta först, åtskilda av ” > ”"),
    ("rad", "radens text som i planen"),
    ("radtyp", "post, summa (planens egen delsumma), resultat, ingående eget kapital eller utgående eget kapital"),
    ("kategori", "intäkter, kostnader, administration, insatser eller övrigt (från närmaste grupp)"),
    ("medlem", "medlemmens id för en intäktsrad (staten = Försäkringskassan och Arbetsförmedlingen)"),
    ("insats", "insatsens id för en kostnadsrad"),
    ("kolumn", "kolumnens rubrik, till exempel Budget 2024"),
    ("kolumntyp", "budget, plan, prognos, utfall eller förväntat utfall"),
    ("år", "kolumnens år (tomt för en kolumn över flera år)"),
    ("belopp", "beloppet som i planen, med decimalkomma; tomt om cellen är tom, okänt om det inte går att läsa"),
    ("enhet", "kr eller tkr (tusentals kronor)"),
    ("belopp_kr", "beloppet i kronor"),
    ("anmärkning", "planens anmärkning till raden"),
]

REPORTS = ", rapporter och årsredovisningar"


def forbund_page(card: ForbundCard) -> Page:
    return Page(
        card.url,
        "forbund.html",
        card.info.name,
        f"{card.info.name}: verksamhetsplaner och budgetar{REPORTS if card.reports else ''}.",
        [HOME],
        {"forbund": card},
    )


def across_forbund(site: SiteContent) -> bool:
    """Whether the site has the pages across förbund (comparison, areas, target groups, parties): with two or more."""
    return len(site.forbund) > 1


def _overview(card: ForbundCard) -> list[PlanCard]:
    """A förbund's cards on the front page: every plan, and the reports of a year without a plan (where only the
    årsredovisning survives, say), by year."""
    planned = {plan.year for plan in card.plans}
    return sorted([*card.plans, *(r for r in card.reports if r.year not in planned)], key=lambda c: c.year)


def site_pages(site: SiteContent, cards: Cards, parties: list[across.Party]) -> list[Page]:
    """The front page, the accessibility statement, the pages across förbund, 404, search and open data."""
    config = site.config.model
    overview = [card for fcard in cards.forbund for card in _overview(fcard)]
    pages = [
        Page(urls.HOME, "index.html", config.title, config.description or config.title, [], {"overview": overview}),
        Page(
            urls.ACCESSIBILITY,
            "accessibility.html",
            "Tillgänglighetsredogörelse",
            f"Tillgänglighetsredogörelse för {config.title}",
            [HOME],
        ),
        *(across_pages(cards.forbund, parties) if across_forbund(site) else []),
        not_found_page(),
        search_page(cards.forbund),
        data_page(cards.forbund),
        data_index(cards.forbund),
    ]
    return pages


def across_pages(forbund: list[ForbundCard], parties: list[across.Party]) -> list[Page]:
    """The pages that compare and gather across förbund (the party pages are groups of their own)."""
    return [
        Page(
            urls.COMPARE,
            "compare.html",
            "Jämför förbunden",
            "Förbundens medlemsbidrag, administration, eget kapital och insatser sida vid sida.",
            [HOME],
            {"years": across.comparison(forbund)},
        ),
        Page(
            urls.AREAS,
            "areas.html",
            "Strategiska områden",
            "Förbundens strategiska områden och målen inom dem.",
            [HOME],
            {"groups": across.areas(forbund, "strategic"), "kind": "strategic"},
        ),
        Page(
            urls.TARGET_GROUPS,
            "areas.html",
            "Målgrupper",
            "Förbundens målgrupper och målen för dem.",
            [HOME],
            {"groups": across.areas(forbund, "groups"), "kind": "groups"},
        ),
        Page(
            urls.PARTIES,
            "parties.html",
            "Parter",
            "Medlemmarna i förbunden och de insatser de deltar i.",
            [HOME],
            {"parties": parties},
        ),
    ]


def party_page(party: across.Party) -> Page:
    return Page(
        urls.party(party.slug),
        "party.html",
        party.name,
        f"Alla insatser som {party.name} deltar i, i alla förbund.",
        [HOME, Crumb("Parter", urls.PARTIES)],
        {"party": party},
    )


def not_found_page() -> Page:
    return Page(
        urls.NOT_FOUND,
        "404.html",
        "Sidan finns inte",
        "Sidan du sökte finns inte här. Börja om från startsidan eller sök.",
        [HOME],
    )


def search_page(forbund: list[ForbundCard]) -> Page:
    return Page(
        urls.SEARCH,
        "search.html",
        "Sök",
        "Sök bland förbundens mål, insatser och planer.",
        [HOME],
        {"plans": [plan for card in forbund for plan in card.newest_first]},
    )


def data_page(forbund: list[ForbundCard]) -> Page:
    plans = [document for card in forbund for document in (*card.plans, *card.reports)]
    return Page(
        urls.DATA_PAGE,
        "data.html",
        "Öppna data",
        "Planernas budgetar, mål och insatser som CSV och JSON att ladda ner och återanvända.",
        [HOME],
        {"plans": plans, "columns": CSV_COLUMNS, "index_url": urls.DATA_INDEX},
    )


def data_index(forbund: list[ForbundCard]) -> Page:
    """``data/index.json``: every förbund and plan with its files and key figures (output/opendata.py)."""
    return Page(
        urls.DATA_INDEX,
        "index_json",
        "Öppna data",
        "Alla förbund och planer med sina filer och nyckeltal.",
        context={"forbund": forbund},
        format="json",
    )
