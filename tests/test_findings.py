"""Findings by URL: a finding is a diagnostic plus the page that shows it (``shown_on``, a URL from urls.py). Every
plan page shows its own findings; one for a page the build does not make is shown on the review page."""

from __future__ import annotations

from pathlib import Path

from conftest import PLAN, SiteFactory, run_cli, soup

from finsam_site import urls
from finsam_site.build import Result, check
from finsam_site.check.rules import Finding, Outcome, PlanReport, registry
from finsam_site.compute.cards import make_cards
from finsam_site.diagnostics import ERROR, Diagnostic
from finsam_site.pages.groups import site_groups
from finsam_site.pages.page import Page

PLAN_YAML = f"{PLAN}/plan.yaml"


def _findings_everywhere(make_site: SiteFactory) -> Path:
    """A plan with a late decision (the plan page), a sum error (the budget) and an insats with one party."""
    plan = (make_site() / PLAN_YAML).read_text("utf-8").replace("2023-11-30", "2023-12-01")
    budget = (make_site() / f"{PLAN}/budget.yaml").read_text("utf-8")
    budget = budget.replace("belopp: 5022 | 5022", "belopp: 5000 | 5022")
    insats = (make_site() / f"{PLAN}/insatser/01-vidare-vy.md").read_text("utf-8")
    insats = insats.replace("[forsakringskassan, exempel-kommun, region-exempel]", "[exempel-kommun]")
    acks = "kvitteringar:\n" + "".join(
        f"  - regel: {rule}\n    förklaring: Så står det i planen.\n"
        for rule in ("beslut-senast", "budget-summa", "insats-parter")
    )
    files = {PLAN_YAML: plan, f"{PLAN}/budget.yaml": budget, f"{PLAN}/insatser/01-vidare-vy.md": insats}
    return make_site({**files, f"{PLAN}/kvitteringar.yaml": acks})


def _pages(result: Result, reports: dict[str, PlanReport] | None = None) -> dict[str, Page]:
    groups = site_groups(result.site, result.reports if reports is None else reports, make_cards(result.site), True)
    return {page.url: page for group in groups for page in group.make()}


def test_every_plan_page_shows_the_findings_shown_on_it(make_site: SiteFactory, tmp_path: Path) -> None:
    root, out = _findings_everywhere(make_site), tmp_path / "o"
    assert run_cli("build", "--site", root, "--out", out).returncode == 0
    plan = check(root).site.forbund[0].plans[0]

    def shown(url: str) -> list[str]:
        section = soup(out / url).find("section", class_="findings")
        return [] if section is None else [li.p.get_text(" ", strip=True) for li in section.find_all("li")]

    [on_plan] = shown(urls.plan(plan))  # the plan page shows its own findings since findings are routed by URL
    assert on_plan.startswith("Beslut i tid (avvikelse med förklaring): Budgeten för 2024 beslutades 1 december")
    [on_budget] = shown(urls.budget(plan))
    assert on_budget.startswith("Summor (avvikelse med förklaring):")
    [on_insats] = shown(urls.insats(plan, "vidare-vy"))
    assert on_insats.startswith("Minst två parter (avvikelse med förklaring):")
    for url in (urls.goals(plan), urls.goal(plan, "fler-i-arbete"), urls.insatser(plan), urls.review(plan)):
        assert shown(url) == [], url


def test_every_finding_is_shown_on_a_page_the_build_makes(make_site: SiteFactory) -> None:
    result = check(_findings_everywhere(make_site))
    pages = _pages(result)
    report = pages[urls.review(result.site.forbund[0].plans[0])].context["links"].report
    found = [f for o in report.outcomes for f in o.findings]
    assert len(found) == 3
    assert all(f.shown_on in pages and pages[f.shown_on].template != "review.html" for f in found)
    assert [f.diagnostic.severity for f in found] == [ERROR] * 3


def test_a_finding_for_a_page_the_plan_lacks_is_shown_on_the_review_page(make_site: SiteFactory) -> None:
    result = check(make_site())
    plan = result.site.forbund[0].plans[0]
    rule = next(r for r in registry() if r.id == "utfall-andel")
    diagnostic = Diagnostic(f"{PLAN}/uppfoljning.yaml", 3, 5, ERROR, rule.id, "Utfallet anges som 19 %.")
    stray = Finding(diagnostic, "mål / helår", urls.followup(plan))  # the plan has no uppfoljning page
    pages = _pages(result, {PLAN: PlanReport([Outcome(rule, ERROR, True, [stray])])})
    assert urls.followup(plan) not in pages
    for page in pages.values():
        if "links" in page.context:
            report = page.context["links"].report
            assert report.findings_for(urls.followup(plan)) == []
            [(_, shown)] = report.findings_for(urls.review(plan))
            assert shown.diagnostic == diagnostic and shown.subject == "mål / helår"
