"""Cards: what the pages outside a plan show of it, as plain values.

The front page, the förbund pages, the pages across förbund, the search and
open-data pages and ``data/index.json`` read a plan only through its
:class:`PlanCard` (and a förbund through its :class:`ForbundCard`), never
through its content. A card holds no Markdown body, so a template of those
pages cannot show more of a plan than the card does, and two cards compare by
value: a preview rebuild (preview/session.py) that finds a changed plan's card
equal to the last one knows that no page outside the plan changed.

A card's key figures are computed here once per plan and build; the plan's own
pages take them from the card too. A förbund's card also holds its predecessors
and successors, from what either förbund of a merger states (:func:`successions`),
and says for which years the förbund counts across förbund (``counts_for``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .. import urls
from ..load.content import DocumentContent, ForbundContent, SiteContent
from ..load.documents import PLAN_KIND, Named
from ..load.forbund import Forbund as ForbundInfo
from ..load.forbund import Succession as SuccessionInfo
from ..load.model import Financing
from . import budget as compute


@dataclass(frozen=True)
class GoalCard:
    id: str
    url: str
    title: str
    strategic_areas: tuple[str, ...]
    target_groups: tuple[str, ...]


@dataclass(frozen=True)
class InsatsCard:
    id: str
    url: str
    name: str
    parties: tuple[str, ...]
    granted: Decimal | None  # in the plan year
    financed_by: str = ""  # who pays for it instead of the förbund (then never counted as the förbund's cost)


@dataclass(frozen=True)
class PlanCard:
    """A document's card (a plan's or a report's: ``kind``)."""

    forbund_id: str
    forbund_name: str
    forbund_short: str
    folder: str
    year: int
    kind: str  # the document's kind (load/documents.py)
    label: str  # its short name: Plan, Delårsrapport, Årsredovisning, Rapport
    title: str
    decided: date | None
    draft: str  # ``Utkast – ej beslutad`` for a plan that is not decided, else empty
    figures: compute.KeyFigures
    strategic_areas: tuple[Named, ...]
    target_groups: tuple[Named, ...]
    goals: tuple[GoalCard, ...]
    insatser: tuple[InsatsCard, ...]
    downloads: tuple[urls.Download, ...]

    @property
    def url(self) -> str:
        return urls.plan(self)


@dataclass(frozen=True)
class Succession:
    """A predecessor or successor of a förbund, as stated by either of the two (they are linked both ways)."""

    name: str
    forbund_id: str | None  # the förbund's id where it is on the site
    effective: date | None  # the day the merger takes effect (a year alone: 1 January), where stated
    stated: date | int | None  # the date or year as written
    equity: Decimal | None  # the equity transferred, where stated
    note: str = ""

    @property
    def url(self) -> str | None:
        return urls.forbund(self.forbund_id) if self.forbund_id else None


@dataclass(frozen=True)
class ForbundCard:
    id: str
    info: ForbundInfo
    plans: tuple[PlanCard, ...]  # its verksamhetsplaner by year, oldest first
    reports: tuple[PlanCard, ...] = ()  # its other documents, by year (oldest first) and kind
    predecessors: tuple[Succession, ...] = ()
    successors: tuple[Succession, ...] = ()

    @property
    def url(self) -> str:
        return urls.forbund(self.id)

    def counts_for(self, year: int) -> bool:
        """Whether the förbund's documents of ``year`` count in the comparison and the totals across förbund: the
        förbund that exists on 1 January of the year counts, so a merger on 1 January 2025 (or in "2025") makes the
        new förbund count from 2025 and its predecessors until 2024, and one in mid-2025 from 2026."""
        first = date(year, 1, 1)
        started = all(p.effective is None or p.effective <= first for p in self.predecessors)
        return started and all(s.effective is None or s.effective > first for s in self.successors)

    @property
    def newest_first(self) -> tuple[PlanCard, ...]:
        return tuple(reversed(self.plans))


def plan_card(forbund: ForbundContent, plan: DocumentContent) -> PlanCard:
    info, meta = forbund.info.model, plan.meta.model
    goals = tuple(
        GoalCard(
            g.id, urls.goal(plan, g.id), g.model.title, tuple(g.model.strategic_areas), tuple(g.model.target_groups)
        )
        for g in plan.goals
    )
    insatser = tuple(
        InsatsCard(i.id, urls.insats(plan, i.id), i.model.name, tuple(i.model.parties or ()),
                   i.model.granted.get(plan.year), _funder(info, i.model.financed_by))
        for i in plan.insatser
    )
    return PlanCard(
        forbund.id,
        info.name,
        info.short_name,
        plan.folder,
        plan.year,
        plan.kind,
        plan.type.short,
        meta.title,
        meta.decided,
        meta.draft_label,
        compute.key_figures(plan),
        tuple(meta.strategic_areas),
        tuple(meta.target_groups),
        goals,
        insatser,
        tuple(urls.plan_downloads(plan, plan.budget is not None, plan.type.money, plan.type.genitive,
                                  plan.lists_goals or plan.lists_insatser)),
    )


def _funder(info: ForbundInfo, financing: Financing | None) -> str:
    """Who finances an insats instead of the förbund: the member's name, or the financier as written; empty for
    the förbund's own."""
    if financing is None:
        return ""
    if financing.member is not None:
        return next((m.name for m in info.members if m.id == financing.member), financing.member)
    return financing.by


def _start(value: date | int | None) -> date | None:
    return date(value, 1, 1) if isinstance(value, int) else value


def _after(value: date | int | None) -> date | None:
    """The day after a last day (a last year alone: 1 January of the next year)."""
    return date(value + 1, 1, 1) if isinstance(value, int) else None if value is None else value + timedelta(days=1)


def successions(site: SiteContent) -> dict[str, tuple[tuple[Succession, ...], tuple[Succession, ...]]]:
    """Per förbund id, its predecessors and successors, from what either side states (its own forbund.yaml, or the
    other's on the site): each merger once, with its date from the link, else from the new förbund's ``bildat`` or
    the old one's ``upphört``, and the transferred equity where either side states it."""
    infos = {f.id: f.info.model for f in site.forbund}
    links: dict[tuple[str, str], SuccessionInfo] = {}  # (old, new) → the link as stated, by either side
    outside: dict[str, tuple[list[Succession], list[Succession]]] = {f: ([], []) for f in infos}
    for ident, info in infos.items():
        for side, items in ((0, info.predecessors), (1, info.successors)):
            for link in items:
                if link.forbund is not None and link.forbund in infos:
                    pair = (link.forbund, ident) if side == 0 else (ident, link.forbund)
                    known = links.get(pair)
                    links[pair] = link if known is None else known.model_copy(update={
                        "effective": known.effective or link.effective, "equity": known.equity or link.equity,
                        "note": known.note or link.note})
                else:
                    effective = link.effective or (info.founded if side == 0 else info.ended)
                    at = _start(effective) if side == 0 or link.effective else _after(effective)
                    outside[ident][side].append(Succession(link.name or link.forbund or "", None, at, effective,
                                                           link.equity, link.note))
    result = {ident: (list(outside[ident][0]), list(outside[ident][1])) for ident in infos}
    for (old, new), link in links.items():
        stated = link.effective or infos[new].founded or infos[old].ended
        at = _start(stated) if link.effective or infos[new].founded else _after(stated)
        result[new][0].append(Succession(infos[old].name, old, at, stated, link.equity, link.note))
        result[old][1].append(Succession(infos[new].name, new, at, stated, link.equity, link.note))
    return {ident: (tuple(before), tuple(after)) for ident, (before, after) in result.items()}


def forbund_card(forbund: ForbundContent, cards: dict[str, PlanCard],
                 linked: tuple[tuple[Succession, ...], tuple[Succession, ...]] = ((), ())) -> ForbundCard:
    """``cards``: the cards of the förbund's documents by folder; ``linked``: its predecessors and successors."""
    ordered = [d for year in sorted({d.year for d in forbund.documents}) for d in forbund.of_year(year)]
    plans = tuple(cards[d.folder] for d in ordered if d.kind == PLAN_KIND)
    reports = tuple(cards[d.folder] for d in ordered if d.kind != PLAN_KIND)
    return ForbundCard(forbund.id, forbund.info.model, plans, reports, *linked)


@dataclass(frozen=True)
class Cards:
    plans: dict[str, PlanCard]  # every document's, by folder
    forbund: list[ForbundCard]  # in the site's order


def make_cards(site: SiteContent, card: Callable[..., PlanCard] = plan_card) -> Cards:
    """Every plan's and förbund's card; ``card`` may be a caching stand-in for :func:`cards.plan_card`."""
    plans = {p.folder: card(f, p) for f in site.forbund for p in f.documents}
    linked = successions(site)
    return Cards(plans, [forbund_card(f, plans, linked[f.id]) for f in site.forbund])
