"""Across förbund: the comparison table and what the pages by area, target group and party gather.

They read the plans through their cards only (compute/cards.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..load import values
from ..load.documents import Named
from .cards import ForbundCard, GoalCard, InsatsCard, PlanCard


def comparison(forbund: list[ForbundCard]) -> dict[int, list[PlanCard]]:
    """Decided plans grouped by plan year, newest year first, förbund by name (a draft is not compared)."""
    by_year: dict[int, list[PlanCard]] = {}
    for card in forbund:
        for plan in card.plans:
            if not plan.draft:
                by_year.setdefault(plan.year, []).append(plan)
    return {year: sorted(rows, key=lambda r: r.forbund_name) for year, rows in sorted(by_year.items(), reverse=True)}


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
    return sorted(
        found.values(),
        key=lambda p: (p.kind not in ("försäkringskassan", "arbetsförmedlingen"), p.kind != "region", p.name),
    )
