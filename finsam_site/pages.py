"""The site's pages: which URL gets which template and which data.

Every URL ends in ``index.html`` (or a file name) so that the output works
opened from disk and copied into any folder of another site; templates link
with the ``rel`` function, which makes every internal link relative.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import across, compute, followup
from .charts import plan_charts
from .content import Entry, ForbundContent, PlanContent, SiteContent
from .model import Goal, Insats, Member
from .rules import PlanReport


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str


@dataclass(frozen=True)
class Page:
    url: str
    template: str
    title: str
    description: str
    crumbs: list[Crumb] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)


def forbund_url(forbund: ForbundContent) -> str:
    return f"{forbund.id}/index.html"


def plan_dir(plan: PlanContent) -> str:
    return f"{plan.forbund_id}/{plan.year}"


def goal_url(plan: PlanContent, goal: Entry[Goal]) -> str:
    return f"{plan_dir(plan)}/mal/{goal.id}/index.html"


def insats_url(plan: PlanContent, insats: Entry[Insats]) -> str:
    return f"{plan_dir(plan)}/insatser/{insats.id}/index.html"


@dataclass(frozen=True)
class PlanLinks:
    """What a plan's pages need to link to each other."""

    plan: PlanContent
    forbund: ForbundContent
    members: dict[str, Member]
    goals: dict[str, Entry[Goal]]
    insatser: dict[str, Entry[Insats]]
    insatser_by_goal: dict[str, list[Entry[Insats]]]
    children: dict[str, list[Entry[Goal]]]
    figures: compute.KeyFigures
    insats_shares: dict[str, compute.Value]
    report: PlanReport
    threshold: int

    @property
    def url(self) -> str:
        return f"{plan_dir(self.plan)}/index.html"

    def area_name(self, kind: str, ident: str) -> str:
        meta = self.plan.plan.model
        areas = {"strategic": meta.strategic_areas, "focus": meta.focus_areas, "groups": meta.target_groups}[kind]
        return next((a.name for a in areas if a.id == ident), ident)

    def member_name(self, ident: str) -> str:
        if ident == "staten":
            return "Staten (Försäkringskassan och Arbetsförmedlingen)"
        member = self.members.get(ident)
        return member.name if member else ident


def plan_links(forbund: ForbundContent, plan: PlanContent, report: PlanReport, threshold: int) -> PlanLinks:
    by_goal: dict[str, list[Entry[Insats]]] = {g.id: [] for g in plan.goals}
    for insats in plan.insatser:
        for goal_id in insats.model.goals:
            by_goal.setdefault(goal_id, []).append(insats)
    children: dict[str, list[Entry[Goal]]] = {g.id: [] for g in plan.goals}
    for goal in plan.goals:
        if goal.model.parent:
            children.setdefault(goal.model.parent, []).append(goal)
    figures = compute.key_figures(plan)
    return PlanLinks(
        plan,
        forbund,
        {m.id: m for m in forbund.info.model.members},
        {g.id: g for g in plan.goals},
        {i.id: i for i in plan.insatser},
        by_goal,
        children,
        figures,
        compute.insats_shares(plan, figures.insatser_granted),
        report,
        threshold,
    )


def build_pages(site: SiteContent, reports: dict[str, PlanReport]) -> list[Page]:
    config = site.config.model
    home = Crumb("Start", "index.html")
    overview = [(f, p, compute.key_figures(p)) for f in site.forbund for p in f.plans]
    pages = [
        Page("index.html", "index.html", config.title, config.description or config.title, [], {"overview": overview}),
        Page(
            "tillganglighet/index.html",
            "accessibility.html",
            "Tillgänglighetsredogörelse",
            f"Tillgänglighetsredogörelse för {config.title}",
            [home],
        ),
    ]
    pages.extend(across_pages(site, home))
    for forbund in site.forbund:
        pages.extend(forbund_pages(forbund, home, reports, config.small_numbers))
    return pages


def across_pages(site: SiteContent, home: Crumb) -> list[Page]:
    """The pages that compare and gather across förbund."""
    parties = across.parties(site)
    party_crumb = Crumb("Parter", "parter/index.html")
    pages = [
        Page(
            "jamfor/index.html",
            "compare.html",
            "Jämför förbunden",
            "Förbundens medlemsbidrag, administration, eget kapital och insatser sida vid sida.",
            [home],
            {"years": across.comparison(site)},
        ),
        Page(
            "omraden/index.html",
            "areas.html",
            "Strategiska områden",
            "Förbundens strategiska områden och målen inom dem.",
            [home],
            {"groups": across.areas(site, "strategic"), "kind": "strategic"},
        ),
        Page(
            "malgrupper/index.html",
            "areas.html",
            "Målgrupper",
            "Förbundens målgrupper och målen för dem.",
            [home],
            {"groups": across.areas(site, "groups"), "kind": "groups"},
        ),
        Page(
            "parter/index.html",
            "parties.html",
            "Parter",
            "Medlemmarna i förbunden och de insatser de deltar i.",
            [home],
            {"parties": parties},
        ),
    ]
    pages += [
        Page(
            f"parter/{p.slug}/index.html",
            "party.html",
            p.name,
            f"Alla insatser som {p.name} deltar i, i alla förbund.",
            [home, party_crumb],
            {"party": p},
        )
        for p in parties
    ]
    return pages


def forbund_pages(forbund: ForbundContent, home: Crumb, reports: dict[str, PlanReport], threshold: int) -> list[Page]:
    info = forbund.info.model
    f_crumb = Crumb(info.short_name, forbund_url(forbund))
    plans = sorted(forbund.plans, key=lambda p: p.year, reverse=True)
    pages = [
        Page(
            forbund_url(forbund),
            "forbund.html",
            info.name,
            f"{info.name}: verksamhetsplaner och budgetar.",
            [home],
            {"forbund": forbund, "plans": [(p, compute.key_figures(p)) for p in plans]},
        )
    ]
    for plan in plans:
        links = plan_links(forbund, plan, reports.get(plan.folder, PlanReport()), threshold)
        pages.extend(plan_pages(links, [home, f_crumb]))
    return pages


def plan_pages(links: PlanLinks, crumbs: list[Crumb]) -> list[Page]:
    plan, name = links.plan, links.forbund.info.model.short_name
    meta = plan.plan.model
    base = plan_dir(plan)
    p_crumb = Crumb(f"Plan {plan.year}", links.url)
    inner = [*crumbs, p_crumb]
    ctx = {"links": links, "plan": plan, "meta": meta, "forbund": links.forbund}
    tables = {t.id: t for t in plan.tables}
    budget = [compute.table_view(t, plan.year) for t in plan.budget.model.tables] if plan.budget else []
    charts = plan_charts(plan.budget.model.tables[0], plan.year) if plan.budget else []
    pages = [
        Page(
            links.url,
            "plan.html",
            f"{meta.title} – {name}",
            meta.summary or f"{meta.title}, {links.forbund.info.model.name}.",
            crumbs,
            {**ctx, "tables": tables},
        ),
        Page(
            f"{base}/mal/index.html",
            "goals.html",
            f"Mål {plan.year} – {name}",
            f"Alla mål i {name}s plan för {plan.year}.",
            inner,
            ctx,
        ),
        Page(
            f"{base}/insatser/index.html",
            "insatser.html",
            f"Insatser {plan.year} – {name}",
            f"Alla insatser som {name} finansierar {plan.year}.",
            inner,
            ctx,
        ),
        Page(
            f"{base}/budget/index.html",
            "budget.html",
            f"Budget {plan.year} – {name}",
            f"Budget och plan för {name} {plan.year}.",
            inner,
            {**ctx, "budget": budget, "charts": charts},
        ),
        Page(
            f"{base}/granskning/index.html",
            "review.html",
            f"Granskning av planen {plan.year} – {name}",
            f"Vad finsam-site har kontrollerat i {name}s plan för {plan.year}, och vad kontrollen fann.",
            inner,
            ctx,
        ),
    ]
    follow_up = plan.followup.model if plan.followup else None
    pdf_context = {
        **ctx,
        "tables": tables,
        "budget": budget,
        "charts": charts,
        "measures": followup.plan_measures(follow_up, plan.goals, links.threshold),
    }
    pages.append(
        Page(
            f"{base}/{plan.forbund_id}-{plan.year}.pdf",
            "pdf/plan.html",
            f"{meta.title} – {name}",
            f"{meta.title}, {links.forbund.info.model.name}.",
            [],
            pdf_context,
        )
    )
    if follow_up is not None:
        pages.append(
            Page(
                f"{base}/uppfoljning/index.html",
                "followup.html",
                f"Uppföljning {plan.year} – {name}",
                f"Utfall mot målen i {name}s plan för {plan.year}.",
                inner,
                {
                    **ctx,
                    "measures": followup.plan_measures(follow_up, plan.goals, links.threshold),
                    "occasions": follow_up.occasions,
                },
            )
        )
    goals_crumb = Crumb("Mål", f"{base}/mal/index.html")
    for goal in plan.goals:
        pages.append(
            Page(
                goal_url(plan, goal),
                "goal.html",
                f"{_short(goal.model.title)} – {name}",
                _short(goal.model.title, 150),
                [*inner, goals_crumb],
                {
                    **ctx,
                    "goal": goal,
                    "measures": followup.measure_views(follow_up, goal.id, goal.model.measures, links.threshold),
                },
            )
        )
    insats_crumb = Crumb("Insatser", f"{base}/insatser/index.html")
    for insats in plan.insatser:
        co = insats.model.co_financing
        co_budget = compute.table_view(co.budget, plan.year) if co and co.budget else None
        pages.append(
            Page(
                insats_url(plan, insats),
                "insats.html",
                f"{insats.model.name} – {name}",
                f"Insatsen {insats.model.name} i {name}s plan för {plan.year}.",
                [*inner, insats_crumb],
                {
                    **ctx,
                    "insats": insats,
                    "co_budget": co_budget,
                    "outcomes": followup.insats_outcomes(follow_up, insats.id, links.threshold),
                },
            )
        )
    return pages


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
