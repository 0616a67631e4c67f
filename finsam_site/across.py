"""Pages across förbund: the comparison table and the pages that gather by area, target group and party."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from . import compute
from .content import Entry, ForbundContent, PlanContent, SiteContent
from .model import Goal, Insats, Named


def slugify(text: str) -> str:
    """``Region Värmland`` → ``region-varmland``."""
    folded = unicodedata.normalize("NFKD", text.lower())
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


@dataclass(frozen=True)
class PlanRow:
    """One plan in the comparison table."""

    forbund: ForbundContent
    plan: PlanContent
    figures: compute.KeyFigures


def comparison(site: SiteContent) -> dict[int, list[PlanRow]]:
    """Plans grouped by plan year, newest year first, förbund by name."""
    by_year: dict[int, list[PlanRow]] = {}
    for forbund in site.forbund:
        for plan in forbund.plans:
            by_year.setdefault(plan.year, []).append(PlanRow(forbund, plan, compute.key_figures(plan)))
    return {
        year: sorted(rows, key=lambda r: r.forbund.info.model.name)
        for year, rows in sorted(by_year.items(), reverse=True)
    }


@dataclass
class AreaGroup:
    """A strategic area or target group of one plan, with the goals that name it."""

    forbund: ForbundContent
    plan: PlanContent
    area: Named
    goals: list[Entry[Goal]] = field(default_factory=list)


def areas(site: SiteContent, kind: str) -> list[AreaGroup]:
    """Every plan's strategic areas (``kind="strategic"``) or target groups (``"groups"``) with their goals."""
    result = []
    for forbund in site.forbund:
        for plan in forbund.plans:
            meta = plan.plan.model
            for area in meta.strategic_areas if kind == "strategic" else meta.target_groups:
                goals = [
                    g
                    for g in plan.goals
                    if area.id in (g.model.strategic_areas if kind == "strategic" else g.model.target_groups)
                ]
                result.append(AreaGroup(forbund, plan, area, goals))
    return result


@dataclass
class Party:
    """A member organisation, possibly a member of several förbund, and the insatser it is part of."""

    slug: str
    name: str
    kind: str
    insatser: list[tuple[ForbundContent, PlanContent, Entry[Insats]]] = field(default_factory=list)
    forbund: list[ForbundContent] = field(default_factory=list)

    @property
    def granted(self) -> Decimal:
        return sum((i.model.granted.get(p.year) or Decimal(0) for _, p, i in self.insatser), Decimal(0))


def parties(site: SiteContent) -> list[Party]:
    """Members across förbund, matched by name, each with the insatser it takes part in."""
    found: dict[str, Party] = {}
    for forbund in site.forbund:
        for member in forbund.info.model.members:
            party = found.setdefault(slugify(member.name), Party(slugify(member.name), member.name, member.kind))
            party.forbund.append(forbund)
            for plan in forbund.plans:
                party.insatser.extend((forbund, plan, i) for i in plan.insatser if member.id in i.model.parties)
    return sorted(
        found.values(),
        key=lambda p: (p.kind not in ("försäkringskassan", "arbetsförmedlingen"), p.kind != "region", p.name),
    )
