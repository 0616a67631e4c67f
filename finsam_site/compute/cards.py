"""Cards: what the pages outside a plan show of it, as plain values.

The front page, the förbund pages, the pages across förbund, the search and
open-data pages and ``data/index.json`` read a plan only through its
:class:`PlanCard` (and a förbund through its :class:`ForbundCard`), never
through its content. A card holds no Markdown body, so a template of those
pages cannot show more of a plan than the card does, and two cards compare by
value: a preview rebuild (preview/session.py) that finds a changed plan's card
equal to the last one knows that no page outside the plan changed.

A card's key figures are computed here once per plan and build; the plan's own
pages take them from the card too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .. import urls
from ..load.content import DocumentContent, ForbundContent, SiteContent
from ..load.documents import PLAN_KIND, Named
from ..load.forbund import Forbund as ForbundInfo
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
class ForbundCard:
    id: str
    info: ForbundInfo
    plans: tuple[PlanCard, ...]  # its verksamhetsplaner by year, oldest first
    reports: tuple[PlanCard, ...] = ()  # its other documents, by year (oldest first) and kind

    @property
    def url(self) -> str:
        return urls.forbund(self.id)

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
        InsatsCard(i.id, urls.insats(plan, i.id), i.model.name, tuple(i.model.parties), i.model.granted.get(plan.year))
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
                                  plan.kind == PLAN_KIND or bool(plan.goals or plan.insatser))),
    )


def forbund_card(forbund: ForbundContent, cards: dict[str, PlanCard]) -> ForbundCard:
    """``cards``: the cards of the förbund's documents by folder."""
    ordered = [d for year in sorted({d.year for d in forbund.documents}) for d in forbund.of_year(year)]
    plans = tuple(cards[d.folder] for d in ordered if d.kind == PLAN_KIND)
    reports = tuple(cards[d.folder] for d in ordered if d.kind != PLAN_KIND)
    return ForbundCard(forbund.id, forbund.info.model, plans, reports)


@dataclass(frozen=True)
class Cards:
    plans: dict[str, PlanCard]  # every document's, by folder
    forbund: list[ForbundCard]  # in the site's order


def make_cards(site: SiteContent, card: Callable[..., PlanCard] = plan_card) -> Cards:
    """Every plan's and förbund's card; ``card`` may be a caching stand-in for :func:`cards.plan_card`."""
    plans = {p.folder: card(f, p) for f in site.forbund for p in f.documents}
    return Cards(plans, [forbund_card(f, plans) for f in site.forbund])
