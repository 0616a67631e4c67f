"""Which pages and files a build makes, in groups: the site's, each förbund's and each plan's.

A :class:`Group` names the objects its pages and files are made from (its
``key``) and makes them only when asked. ``build`` makes every group; a preview
rebuild (incremental.py) makes only the groups whose key holds another object
than last time and leaves the files of the others as they are. So a key must
name everything the group's pages show:

- a plan's pages read the plan's content, its rule report, its förbund's
  ``forbund.yaml`` and the site's settings (plan templates see the förbund as
  a card without its plans);
- a förbund's page reads the förbund's card, and a party's page the cards of
  the förbund it is a member of;
- the site's pages (front page, comparisons, parties, areas, search, open
  data, 404) read the förbund cards only (cards.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from . import across, opendata, search, seo
from .cards import ForbundCard, PlanCard, forbund_card, plan_card
from .content import PlanContent, SiteContent
from .pages import Crumb, Page, plan_links, plan_pages
from .rules import PlanReport
from .settings import SiteConfig

HOME = Crumb("Start", "index.html")


@dataclass
class Made:
    pages: list[Page] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Group:
    name: str
    key: tuple[object, ...]
    make: Callable[[], Made]


@dataclass(frozen=True)
class Cards:
    plans: dict[str, PlanCard]  # by plan folder
    forbund: list[ForbundCard]  # in the site's order


def make_cards(site: SiteContent, card: Callable[..., PlanCard] = plan_card) -> Cards:
    """Every plan's and förbund's card; ``card`` may be a caching stand-in for :func:`cards.plan_card`."""
    plans = {p.folder: card(f, p) for f in site.forbund for p in f.plans}
    return Cards(plans, [forbund_card(f, plans) for f in site.forbund])


def across_forbund(site: SiteContent) -> bool:
    """Whether the site has the pages across förbund (comparison, areas, target groups, parties): with two or more."""
    return len(site.forbund) > 1


def site_groups(site: SiteContent, reports: dict[str, PlanReport], cards: Cards) -> list[Group]:
    config = site.config.model
    parties = across.parties(cards.forbund) if across_forbund(site) else []
    groups = [Group("webbplats", (config, *cards.forbund), partial(_site_made, site, cards, parties))]
    groups += [Group(f"part {p.slug}", (config, *p.forbund), partial(_party_made, p)) for p in parties]
    for forbund, fcard in zip(site.forbund, cards.forbund, strict=True):
        groups.append(Group(f"förbund {forbund.id}", (config, fcard), partial(_forbund_made, fcard)))
        for plan in forbund.plans:
            report = reports.get(plan.folder, PlanReport())
            head = ForbundCard(fcard.id, fcard.info, ())  # a plan's pages show nothing of its förbund's other plans
            make = partial(_plan_made, config, head, plan, report, cards.plans[plan.folder])
            groups.append(Group(f"plan {plan.folder}", (config, fcard.info, plan, report), make))
    return groups


def _site_made(site: SiteContent, cards: Cards, parties: list[across.Party]) -> Made:
    return Made(*site_pages(site, cards, parties))


def _party_made(party: across.Party) -> Made:
    return Made([party_page(party)])


def _plan_made(config: SiteConfig, fcard: ForbundCard, plan: PlanContent, report: PlanReport, card: PlanCard) -> Made:
    links = plan_links(fcard, plan, report, config.small_numbers, card)
    crumbs = [HOME, Crumb(fcard.info.short_name, fcard.url)]
    return Made(plan_pages(links, crumbs), opendata.plan_files(fcard, plan, config.base_url, config.licence))


def _forbund_made(card: ForbundCard) -> Made:
    return Made([forbund_page(card)])


def forbund_page(card: ForbundCard) -> Page:
    return Page(
        card.url,
        "forbund.html",
        card.info.name,
        f"{card.info.name}: verksamhetsplaner och budgetar.",
        [HOME],
        {"forbund": card},
    )


def site_pages(site: SiteContent, cards: Cards, parties: list[across.Party]) -> tuple[list[Page], dict[str, bytes]]:
    """The front page, the accessibility statement, the pages across förbund, 404, search and open data."""
    config = site.config.model
    overview = [plan for fcard in cards.forbund for plan in fcard.plans]
    pages = [
        Page("index.html", "index.html", config.title, config.description or config.title, [], {"overview": overview}),
        Page(
            "tillganglighet/index.html",
            "accessibility.html",
            "Tillgänglighetsredogörelse",
            f"Tillgänglighetsredogörelse för {config.title}",
            [HOME],
        ),
        *(across_pages(cards.forbund, parties) if across_forbund(site) else []),
        seo.not_found_page(),
        search.search_page(cards.forbund),
        opendata.data_page(cards.forbund),
    ]
    return pages, {opendata.INDEX_URL: opendata.to_json(opendata.site_index(config, cards.forbund))}


def across_pages(forbund: list[ForbundCard], parties: list[across.Party]) -> list[Page]:
    """The pages that compare and gather across förbund (the party pages are groups of their own)."""
    return [
        Page(
            "jamfor/index.html",
            "compare.html",
            "Jämför förbunden",
            "Förbundens medlemsbidrag, administration, eget kapital och insatser sida vid sida.",
            [HOME],
            {"years": across.comparison(forbund)},
        ),
        Page(
            "omraden/index.html",
            "areas.html",
            "Strategiska områden",
            "Förbundens strategiska områden och målen inom dem.",
            [HOME],
            {"groups": across.areas(forbund, "strategic"), "kind": "strategic"},
        ),
        Page(
            "malgrupper/index.html",
            "areas.html",
            "Målgrupper",
            "Förbundens målgrupper och målen för dem.",
            [HOME],
            {"groups": across.areas(forbund, "groups"), "kind": "groups"},
        ),
        Page(
            "parter/index.html",
            "parties.html",
            "Parter",
            "Medlemmarna i förbunden och de insatser de deltar i.",
            [HOME],
            {"parties": parties},
        ),
    ]


def party_page(party: across.Party) -> Page:
    return Page(
        f"parter/{party.slug}/index.html",
        "party.html",
        party.name,
        f"Alla insatser som {party.name} deltar i, i alla förbund.",
        [HOME, Crumb("Parter", "parter/index.html")],
        {"party": party},
    )
