"""A plan's pages: which URL gets which template and which data, its open-data files and its PDF.

Every URL ends in ``index.html`` (or a file name) so that the output works
opened from disk and copied into any folder of another site; templates link
with the ``rel`` function, which makes every internal link relative.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .. import urls
from ..check import sums
from ..check.rules import PlanReport
from ..compute import budget as compute
from ..compute import followup
from ..compute.charts import plan_charts
from ..load.content import DocumentContent, Entry
from ..load.documents import PLAN_KIND
from ..load.forbund import Member
from ..load.model import Goal, Insats
from ..load.outcomes import DEFAULT_SCALE, scale_for
from .page import Crumb, Format, Page

if TYPE_CHECKING:
    from ..compute.cards import ForbundCard, PlanCard
    from ..urls import Download


@dataclass(frozen=True)
class PlanLinks:
    """What a plan's pages need to link to each other."""

    plan: DocumentContent
    forbund: ForbundCard  # its id and forbund.yaml only (no plans): a plan's pages show nothing of the others
    members: dict[str, Member]
    goals: dict[str, Entry[Goal]]
    insatser: dict[str, Entry[Insats]]
    insatser_by_goal: dict[str, list[Entry[Insats]]]
    children: dict[str, list[Entry[Goal]]]
    figures: compute.KeyFigures
    downloads: tuple[Download, ...]
    insats_shares: dict[str, sums.Value]
    report: PlanReport
    threshold: int
    year_documents: tuple[tuple[str, str], ...] = ()  # the förbund's other documents of the year: (label, URL)
    followed: DocumentContent | None = None  # whose goals the follow-up is of, when not the document's own
    followed_in: tuple[tuple[str, str], ...] = ()  # the reports that follow this plan up: (label, follow-up URL)

    @property
    def followed_up(self) -> DocumentContent:
        """The document whose goals and insatser this document's follow-up refers to (a report: its year's plan)."""
        return self.followed or self.plan

    @property
    def url(self) -> str:
        return urls.plan(self.plan)

    @property
    def nav(self) -> list[tuple[str, str]]:
        """The document's own navigation (label, URL): a plan has every part, a report the parts it has."""
        plan, doc = self.plan, self.plan.type
        parts = urls.Parts(
            doc.noun.capitalize(),
            doc.money,
            goals=plan.lists_goals,
            insatser=plan.lists_insatser,
            accounts=plan.kind == PLAN_KIND or plan.budget is not None,  # a plan says when it has no budget
            followup=plan.followup is not None,
        )
        return urls.plan_nav(plan, parts)

    def area_name(self, kind: str, ident: str) -> str:
        meta = self.plan.meta.model
        areas = {"strategic": meta.strategic_areas, "focus": meta.focus_areas, "groups": meta.target_groups}[kind]
        return next((a.name for a in areas if a.id == ident), ident)

    def member_name(self, ident: str) -> str:
        if ident == "staten":
            return "Staten (Försäkringskassan och Arbetsförmedlingen)"
        if ident == "kommunerna":
            return "Kommunerna tillsammans"
        member = self.members.get(ident)
        return member.name if member else ident


def plan_links(
    forbund: ForbundCard,
    plan: DocumentContent,
    report: PlanReport,
    threshold: int,
    card: PlanCard,
    year_documents: tuple[tuple[str, str], ...] = (),
    followed: DocumentContent | None = None,
    followed_in: tuple[tuple[str, str], ...] = (),
) -> PlanLinks:
    """``card``: the plan's card (compute/cards.py), which has its key figures and data files; ``year_documents``:
    the förbund's other documents of the same year, (label, URL), which the document links to."""
    by_goal: dict[str, list[Entry[Insats]]] = {g.id: [] for g in plan.goals}
    for insats in plan.insatser:
        for goal_id in insats.model.goals:
            by_goal.setdefault(goal_id, []).append(insats)
    children: dict[str, list[Entry[Goal]]] = {g.id: [] for g in plan.goals}
    for goal in plan.goals:
        if goal.model.parent:
            children.setdefault(goal.model.parent, []).append(goal)
    return PlanLinks(
        plan,
        forbund,
        {m.id: m for m in forbund.info.members},
        {g.id: g for g in plan.goals},
        {i.id: i for i in plan.insatser},
        by_goal,
        children,
        card.figures,
        card.downloads,
        compute.insats_shares(plan, card.figures),
        report,
        threshold,
        year_documents,
        followed if followed is not plan else None,
        followed_in,
    )


def plan_pages(links: PlanLinks, crumbs: list[Crumb], pdf: bool) -> list[Page]:
    """The plan's pages, its PDF when PDFs are made (``pdf``) and its open-data files (:func:`data_pages`)."""
    plan, name = links.plan, links.forbund.info.short_name
    meta, doc = plan.meta.model, plan.type
    its = f"{name}s {doc.short.lower()} för {plan.year}"  # Ånges plan för 2024, Ånges årsredovisning för 2024
    p_crumb = Crumb(f"{doc.short} {plan.year}", links.url)
    inner = [*crumbs, p_crumb]
    ctx = {"links": links, "plan": plan, "meta": meta, "forbund": links.forbund, "doc": doc}
    shown = {url for _, url in links.nav}
    tables = {t.id: t for t in plan.tables}
    names = {m.id: m.name for m in links.forbund.info.members}
    money_tables = plan.budget.model.tables if plan.budget else []
    budget = [compute.table_view(t, plan.year, names, plan.kind) for t in money_tables]
    charts = plan_charts(plan.budget.model.tables[0], plan.year, plan.kind) if plan.budget else []
    pages = [
        Page(
            links.url,
            "plan.html",
            f"{meta.title} – {name}",
            meta.summary or f"{meta.title}, {links.forbund.info.name}.",
            crumbs,
            {**ctx, "tables": tables, "budget": budget},
        ),
        Page(
            urls.goals(plan),
            "goals.html",
            f"Mål {plan.year} – {name}",
            f"Alla mål i {its}.",
            inner,
            ctx,
        ),
        Page(
            urls.insatser(plan),
            "insatser.html",
            f"Insatser {plan.year} – {name}",
            f"Alla insatser som {name} finansierar {plan.year}.",
            inner,
            ctx,
        ),
        Page(
            urls.budget(plan),
            "budget.html",
            f"{doc.money} {plan.year} – {name}",
            f"Budget och plan för {name} {plan.year}." if plan.kind == PLAN_KIND else f"Ekonomin i {its}.",
            inner,
            {**ctx, "budget": budget, "charts": charts},
        ),
        Page(
            urls.review(plan),
            "review.html",
            f"Granskning av {doc.noun} {plan.year} – {name}",
            f"Vad finsam-site har kontrollerat i {its}, och vad kontrollen fann.",
            inner,
            ctx,
        ),
    ]
    pages = [page for page in pages if page.url == links.url or page.url in shown]
    follow_up = plan.followup.model if plan.followup else None
    scale = scale_for(follow_up, links.forbund.info.status_scale)
    measures = followup.plan_measures(follow_up, links.followed_up.goals, links.threshold, scale)
    pdf_context = {**ctx, "tables": tables, "budget": budget, "charts": charts, "measures": measures}
    pages += [
        Page(
            urls.pdf(plan),
            "pdf/plan.html",
            f"{meta.title} – {name}",
            f"{meta.title}, {links.forbund.info.name}.",
            [],
            pdf_context,
            format="pdf",
        )
    ] if pdf else []
    if follow_up is not None:
        pages.append(
            Page(
                urls.followup(plan),
                "followup.html",
                f"Uppföljning {plan.year} – {name}",
                f"Utfall mot målen i {its}.",
                inner,
                {
                    **ctx,
                    "measures": measures,
                    "occasions": follow_up.occasions,
                    "scale_text": followup.scale_text(scale),
                    "own_scale": scale is not DEFAULT_SCALE,
                },
            )
        )
    goals_crumb = Crumb("Mål", urls.goals(plan))
    for goal in plan.goals:
        pages.append(
            Page(
                urls.goal(plan, goal.id),
                "goal.html",
                f"{_short(goal.model.title)} – {name}",
                _short(goal.model.title, 150),
                [*inner, goals_crumb],
                {
                    **ctx,
                    "goal": goal,
                    "measures": followup.measure_views(
                        follow_up, goal.id, goal.model.measures, links.threshold, scale
                    ),
                },
            )
        )
    insats_crumb = Crumb("Insatser", urls.insatser(plan))
    for insats in plan.insatser:
        co = insats.model.co_financing
        co_budget = compute.table_view(co.budget, plan.year, names) if co and co.budget else None
        pages.append(
            Page(
                urls.insats(plan, insats.id),
                "insats.html",
                f"{insats.model.name} – {name}",
                f"Insatsen {insats.model.name} i {its}.",
                [*inner, insats_crumb],
                {
                    **ctx,
                    "insats": insats,
                    "co_budget": co_budget,
                    "outcomes": followup.insats_outcomes(follow_up, insats.id, links.threshold),
                },
            )
        )
    report = links.report.shown_within({p.url for p in pages}, urls.review(plan))
    if report is not links.report:  # a finding for a page the plan does not have: the review page shows it
        return plan_pages(replace(links, report=report), crumbs, pdf)
    return pages + data_pages(links)


_DATA_FORMATS: dict[str, Format] = {"CSV": "csv", "JSON": "json"}


def data_pages(links: PlanLinks) -> list[Page]:
    """The plan's open-data files (``urls.plan_downloads``): each file's key names its shape (output/opendata.py)."""
    return document_data_pages(links.forbund, links.plan, links.downloads)


def document_data_pages(forbund: ForbundCard, plan: DocumentContent, downloads: tuple[Download, ...]) -> list[Page]:
    """A document's data files, as its own pages and its catalogues (pages/catalogue.py) see them."""
    context = {"forbund": forbund, "plan": plan}
    return [Page(d.url, d.key, d.label, d.description, context=context, format=_DATA_FORMATS[d.format])
            for d in downloads]


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
