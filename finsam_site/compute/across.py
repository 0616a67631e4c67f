"""Across förbund: the comparison table with its totals, and what the pages by area, target group and party gather.

They read the plans through their cards only (compute/cards.py). A förbund that merged into another counts for the
years before the merger, the new förbund from it (``ForbundCard.counts_for``): no year counts one förbund twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from ..load import values
from ..load.documents import Named
from .cards import ForbundCard, GoalCard, InsatsCard, PlanCard


@dataclass(frozen=True)
class Total:
    """A figure summed over the compared plans of a year: the sum of those that state it, and how many do."""

    value: Decimal | None
    stated: int
    of: int

    @property
    def complete(self) -> bool:
        return self.stated == self.of


@dataclass(frozen=True)
class YearComparison:
    """The compared plans of one year, their totals, and the plans left out because their förbund does not count
    for the year (it merged into another, or was formed by a merger later)."""

    year: int
    rows: list[PlanCard]
    totals: dict[str, Total]
    left_out: list[PlanCard] = field(default_factory=list)


TOTALLED = ("revenues", "contributions", "insatser_count", "insatser_budget")  # KeyFigures summed across förbund


def _total(rows: list[PlanCard], name: str) -> Total:
    values = [getattr(row.figures, name) for row in rows]
    known = [Decimal(v) for v in values if v is not None]
    return Total(sum(known, Decimal(0)) if known else None, len(known), len(rows))


def comparison(forbund: list[ForbundCard]) -> dict[int, YearComparison]:
    """Decided plans grouped by plan year, newest year first, förbund by name (a draft is not compared), each
    year's plans only of the förbund that count for it."""
    by_year: dict[int, list[PlanCard]] = {}
    left_out: dict[int, list[PlanCard]] = {}
    for card in forbund:
        for plan in card.plans:
            if not plan.draft:
                (by_year if card.counts_for(plan.year) else left_out).setdefault(plan.year, []).append(plan)
    result = {}
    for year in sorted(by_year.keys() | left_out.keys(), reverse=True):
        rows = sorted(by_year.get(year, []), key=lambda r: r.forbund_name)
        totals = {name: _total(rows, name) for name in TOTALLED}
        result[year] = YearComparison(year, rows, totals, sorted(left_out.get(year, []), key=lambda r: r.forbund_name))
    return result


@dataclass
class AreaGroup:
    """A strategic area or target group of one plan, with the goals that name it."""

    plan: PlanCard
    area: Named
    goals: list[GoalCard] = field(default_factory=list)


def areas(forbund: list[ForbundCard], kind: str) -> list[AreaGroup]:
    """Every plan's strategic areas (``kind="strategic"``) or target groups (``"groups"``) with their goals."""
    result = []
    for card in forbund:
        for plan in card.plans:
            for area in plan.strategic_areas if kind == "strategic" else plan.target_groups:
                goals = [
                    g for g in plan.goals if area.id in (g.strategic_areas if kind == "strategic" else g.target_groups)
                ]
                result.append(AreaGroup(plan, area, goals))
    return result


@dataclass
class Party:
    """A member organisation, possibly a member of several förbund, and the insatser it is part of.

    A party page reads only the cards of the förbund the party is a member of (``forbund``): groups.py makes it
    again only when one of those changes. Its insatser are gathered when first asked for.
    """

    slug: str
    name: str
    kind: str
    forbund: list[ForbundCard] = field(default_factory=list)
    member_ids: list[str] = field(default_factory=list)  # the party's id in each of those förbund
    periods: list[str] = field(default_factory=list)  # the party's membership in each of those förbund, if not always

    @cached_property
    def insatser(self) -> list[tuple[PlanCard, InsatsCard]]:
        return [
            (plan, insats)
            for card, member in zip(self.forbund, self.member_ids, strict=True)
            for plan in card.plans
            for insats in plan.insatser
            if member in insats.parties
        ]


def parties(forbund: list[ForbundCard]) -> list[Party]:
    """Members across förbund, matched by name."""
    found: dict[str, Party] = {}
    for card in forbund:
        for member in card.info.members:
            slug = values.party_slug(member.name)
            party = found.setdefault(slug, Party(slug, member.name, member.kind))
            party.forbund.append(card)
            party.member_ids.append(member.id)
            party.periods.append(f"medlem {member.period}" if member.period else "")
    return sorted(
        found.values(),
        key=lambda p: (p.kind not in ("försäkringskassan", "arbetsförmedlingen"), p.kind != "region", p.name),
    )
