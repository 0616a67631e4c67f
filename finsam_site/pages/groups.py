"""Which pages a build makes, in groups: the site's, each förbund's and each plan's.

A :class:`Group` names the objects its pages (HTML, PDF and open-data files
alike: pages/page.py) are made from (its ``key``) and makes them only when
asked. ``build`` makes every group; a preview rebuild (preview/session.py)
makes only the groups whose key holds another object than last time and leaves
the files of the others as they are. So a key must name everything the group's
pages show:

- a plan's pages read the plan's content, its rule report, its förbund's
  ``forbund.yaml``, the site's settings and whether PDFs are made (plan
  templates see the förbund as a card without its plans);
- a förbund's page reads the förbund's card, and a party's page the cards of
  the förbund it is a member of;
- the site's pages (front page, comparisons, parties, areas, search, open
  data, 404) read the förbund cards only (compute/cards.py);
- a DCAT-AP-SE catalogue (only with ``base_url``: pages/catalogue.py) reads
  the settings, the forbund.yaml and the documents it describes, whose data
  files it measures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from .. import urls
from ..check.rules import PlanReport
from ..compute import across
from ..compute.cards import Cards, ForbundCard, PlanCard
from ..load.content import DocumentContent, ForbundContent, SiteContent
from ..load.settings import SiteConfig
from .catalogue import forbund_catalogue, site_catalogue
from .page import HOME, Crumb, Page
from .plan import plan_links, plan_pages
from .site import across_forbund, forbund_page, party_page, site_pages


@dataclass(frozen=True)
class Group:
    name: str
    key: tuple[object, ...]
    make: Callable[[], list[Page]]
    late: bool = False  # made after every other group, whose files it describes (a catalogue: their sizes)


def site_groups(site: SiteContent, reports: dict[str, PlanReport], cards: Cards, pdf: bool) -> list[Group]:
    """Every group of the site; ``pdf``: whether each plan has its PDF."""
    config = site.config.model
    parties = across.parties(cards.forbund) if across_forbund(site) else []
    groups = [Group("webbplats", (config, *cards.forbund), partial(site_pages, site, cards, parties))]
    groups += [Group(f"part {p.slug}", (config, *p.forbund), partial(_party_made, p)) for p in parties]
    documents = tuple(document for forbund in site.forbund for document in forbund.documents)
    if config.base_url:  # the catalogues name every file by its published address
        make = partial(site_catalogue, site, cards)
        groups.append(Group("katalog", (config, *cards.forbund, *documents), make, late=True))
    for forbund, fcard in zip(site.forbund, cards.forbund, strict=True):
        groups.append(Group(f"förbund {forbund.id}", (config, fcard), partial(_forbund_made, fcard)))
        if config.base_url:
            key = (config, fcard.info, *forbund.documents)
            make = partial(forbund_catalogue, forbund, fcard, cards)
            groups.append(Group(f"katalog {forbund.id}", key, make, late=True))
        for plan in forbund.documents:
            report = reports.get(plan.folder, PlanReport())
            head = ForbundCard(fcard.id, fcard.info, ())  # a plan's pages show nothing of its förbund's other plans
            year = _year_documents(forbund, plan, cards)
            followed, followed_in = forbund.followed_up(plan), _followed_in(forbund, plan)
            make = partial(_plan_made, config, head, plan, report, cards.plans[plan.folder], pdf, year, followed,
                           followed_in)
            key = (config, fcard.info, plan, report, pdf, year, followed, followed_in)
            groups.append(Group(f"plan {plan.folder}", key, make))
    return groups


def _followed_in(forbund: ForbundContent, plan: DocumentContent) -> tuple[tuple[str, str], ...]:
    """The reports whose follow-up is of ``plan``'s goals: (label, URL of the follow-up page)."""
    return tuple(
        (f"{d.type.label} {d.year}", urls.followup(d))
        for d in forbund.of_year(plan.year)
        if d is not plan and d.followup is not None and forbund.followed_up(d) is plan
    )


def _year_documents(
    forbund: ForbundContent, document: DocumentContent, cards: Cards
) -> tuple[tuple[str, str], ...]:
    """The förbund's other documents of the document's year, (label, URL): a plan links to its reports and back."""
    return tuple(
        (f"{d.type.label} {d.year}", cards.plans[d.folder].url)
        for d in forbund.of_year(document.year)
        if d is not document
    )


def _party_made(party: across.Party) -> list[Page]:
    return [party_page(party)]


def _plan_made(
    config: SiteConfig,
    fcard: ForbundCard,
    plan: DocumentContent,
    report: PlanReport,
    card: PlanCard,
    pdf: bool,
    year_documents: tuple[tuple[str, str], ...],
    followed: DocumentContent,
    followed_in: tuple[tuple[str, str], ...],
) -> list[Page]:
    links = plan_links(fcard, plan, report, config.small_numbers, card, year_documents, followed, followed_in)
    crumbs = [HOME, Crumb(fcard.info.short_name, fcard.url)]
    return plan_pages(links, crumbs, pdf)


def _forbund_made(card: ForbundCard) -> list[Page]:
    return [forbund_page(card)]
