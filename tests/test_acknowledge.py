"""Acknowledgements (kvitteringar.yaml): which findings an acknowledgement covers, what stays an error or a warning,
what the review shows, and stale acknowledgements."""

from __future__ import annotations

from conftest import PLAN, SiteFactory

from finsam_site import urls
from finsam_site.build import check

ACKS = f"{PLAN}/kvitteringar.yaml"
PLAN_YAML = f"{PLAN}/plan.yaml"


def _two_year_findings(make_site: SiteFactory) -> dict[str, str | None]:
    """A plan with two tre-år findings (no plan years, and no budget column for the plan year) and a late decision."""
    plan = (make_site() / PLAN_YAML).read_text("utf-8")
    plan = plan.replace("planår: [2025, 2026]", "planår: [2025]").replace("2023-11-30", "2023-12-01")
    return {PLAN_YAML: plan}


def _ack(*items: tuple[str, str | None]) -> str:
    lines = ["kvitteringar:"]
    for rule, subject in items:
        lines.append(f"  - regel: {rule}")
        if subject is not None:
            lines.append(f"    gäller: {subject}")
        lines.append(f"    förklaring: Förklaring av {rule}.")
    return "\n".join(lines) + "\n"


def test_without_acknowledgements_the_findings_are_reported(make_site: SiteFactory) -> None:
    result = check(make_site(_two_year_findings(make_site)))
    assert sorted((d.rule, d.severity) for d in result.diagnostics) == [("beslut-senast", "fel"), ("tre-år", "varning")]
    outcomes = {o.rule.id: o.status for o in result.reports[PLAN].outcomes}
    assert outcomes["tre-år"] == "avvikelse" and outcomes["beslut-senast"] == "avvikelse"


def test_an_acknowledgement_covers_its_rule_and_subject_only(make_site: SiteFactory) -> None:
    files = {**_two_year_findings(make_site), ACKS: _ack(("tre-år", "planår"))}
    result = check(make_site(files))
    assert [(d.rule, d.severity) for d in result.diagnostics] == [("beslut-senast", "fel")]
    [outcome] = [o for o in result.reports[PLAN].outcomes if o.rule.id == "tre-år"]
    assert outcome.status == "avvikelse med förklaring"
    assert [f.explanation for f in outcome.findings] == ["Förklaring av tre-år."]


def test_an_acknowledgement_of_another_subject_covers_nothing_and_is_stale(make_site: SiteFactory) -> None:
    files = {**_two_year_findings(make_site), ACKS: _ack(("tre-år", "budgetår"))}
    result = check(make_site(files))
    assert sorted((d.rule, d.severity, d.line) for d in result.diagnostics) == [
        ("beslut-senast", "fel", 4),
        ("kvittering-oanvänd", "varning", 2),
        ("tre-år", "varning", 3),
    ]
    [stale] = [d for d in result.diagnostics if d.rule == "kvittering-oanvänd"]
    assert stale.message == "Kvitteringen av `tre-år` som gäller `budgetår` motsvarar ingen avvikelse."
    assert stale.path == ACKS and stale.column == 5


def test_an_acknowledgement_of_another_rule_covers_nothing(make_site: SiteFactory) -> None:
    files = {**_two_year_findings(make_site), ACKS: _ack(("budget-summa", "planår"))}
    result = check(make_site(files))
    assert sorted(d.rule for d in result.diagnostics) == ["beslut-senast", "kvittering-oanvänd", "tre-år"]


def test_without_a_subject_it_covers_every_finding_of_the_rule(make_site: SiteFactory) -> None:
    files = {**_two_year_findings(make_site), ACKS: _ack(("beslut-senast", None), ("tre-år", None))}
    result = check(make_site(files))
    assert result.diagnostics == []
    statuses = {o.rule.id: o.status for o in result.reports[PLAN].outcomes}
    assert statuses["beslut-senast"] == statuses["tre-år"] == "avvikelse med förklaring"


def test_a_stale_acknowledgement_without_subject(make_site: SiteFactory) -> None:
    [stale] = check(make_site({ACKS: _ack(("insats-parter", None))})).diagnostics
    assert stale.message == "Kvitteringen av `insats-parter` motsvarar ingen avvikelse."
    assert (stale.rule, stale.severity, stale.line) == ("kvittering-oanvänd", "varning", 2)
    assert stale.hint.startswith("Ta bort den om avvikelsen är rättad")


def test_two_findings_one_acknowledged_is_still_a_deviation(make_site: SiteFactory) -> None:
    # Both tre-år findings: "planår" (no plan years) and "budgetår" (the budget column is for another year).
    plan = (make_site() / PLAN_YAML).read_text("utf-8").replace("planår: [2025, 2026]", "planår: [2025]")
    budget = (make_site() / f"{PLAN}/budget.yaml").read_text("utf-8").replace(
        "{rubrik: Budget 2024, typ: budget, år: 2024}", "{rubrik: Budget 2024, typ: plan, år: 2024}"
    )
    files = {PLAN_YAML: plan, f"{PLAN}/budget.yaml": budget, ACKS: _ack(("tre-år", "planår"))}
    result = check(make_site(files))
    assert [(d.rule, d.message) for d in result.diagnostics] == [
        ("tre-år", "Budgeten har ingen kolumn av typen budget för 2024, planens första år.")
    ]
    [outcome] = [o for o in result.reports[PLAN].outcomes if o.rule.id == "tre-år"]
    assert outcome.status == "avvikelse"
    assert sorted(f.explanation for f in outcome.findings) == ["", "Förklaring av tre-år."]


def test_exceptional_reasons_are_the_note_of_the_balance_rule_only(make_site: SiteFactory) -> None:
    plan = (make_site() / PLAN_YAML).read_text("utf-8") + "synnerliga_skäl: Eget kapital förbrukas.\n"
    result = check(make_site({PLAN_YAML: plan}))
    notes = {o.rule.id: o.note for o in result.reports[PLAN].outcomes}
    assert notes["intäkter-kostnader"] == "Eget kapital förbrukas."
    assert {rule: note for rule, note in notes.items() if note} == {"intäkter-kostnader": "Eget kapital förbrukas."}


def test_an_acknowledgement_of_a_rule_that_sorts_after_covers_nothing(make_site: SiteFactory) -> None:
    plan = (make_site() / PLAN_YAML).read_text("utf-8").replace("2023-11-30", "2023-12-01")
    result = check(make_site({PLAN_YAML: plan, ACKS: _ack(("tre-år", None))}))
    assert sorted(d.rule for d in result.diagnostics) == ["beslut-senast", "kvittering-oanvänd"]


def test_a_configured_severity_decides_error_or_warning(make_site: SiteFactory) -> None:
    # The severity read from forbund.yaml (not the rule's own) makes the unexplained finding an error or a warning.
    forbund = (make_site() / "content/exempel/forbund.yaml").read_text("utf-8")
    for severity, expected in (("fel", "fel"), ("varning", "varning")):
        rules = forbund + f"regler:\n  allvarlighet:\n    tre-år: {severity}\n    beslut-senast: {severity}\n"
        files = {**_two_year_findings(make_site), "content/exempel/forbund.yaml": rules}
        result = check(make_site(files))
        assert sorted((d.rule, d.severity) for d in result.diagnostics) == [
            ("beslut-senast", expected),
            ("tre-år", expected),
        ]


def test_each_page_shows_only_its_own_findings(make_site: SiteFactory) -> None:
    # A sum error (the budget page), a late decision (the plan page) and an insats with one party (its own page).
    plan = (make_site() / PLAN_YAML).read_text("utf-8").replace("2023-11-30", "2023-12-01")
    budget = (make_site() / f"{PLAN}/budget.yaml").read_text("utf-8")
    budget = budget.replace("belopp: 5022 | 5022", "belopp: 5000 | 5022")
    insats = (make_site() / f"{PLAN}/insatser/01-vidare-vy.md").read_text("utf-8")
    insats = insats.replace("[forsakringskassan, exempel-kommun, region-exempel]", "[exempel-kommun]")
    files = {PLAN_YAML: plan, f"{PLAN}/budget.yaml": budget, f"{PLAN}/insatser/01-vidare-vy.md": insats}
    result = check(make_site(files))
    report, plan = result.reports[PLAN], result.site.forbund[0].plans[0]
    pages = (urls.budget(plan), urls.plan(plan), urls.insats(plan, "vidare-vy"))
    on = {page: sorted(f.diagnostic.rule for _, f in report.findings_for(page)) for page in pages}
    assert on == dict(zip(pages, [["budget-summa"], ["beslut-senast"], ["insats-parter"]], strict=True))
    assert report.findings_for(urls.insats(plan, "annan")) == []


def test_a_rule_turned_off_is_left_out_and_the_others_still_run(make_site: SiteFactory) -> None:
    forbund = (make_site() / "content/exempel/forbund.yaml").read_text("utf-8")
    off = forbund + "regler:\n  allvarlighet:\n    budget-summa: av\n"
    files = {**_two_year_findings(make_site), "content/exempel/forbund.yaml": off}
    result = check(make_site(files))
    ids = [o.rule.id for o in result.reports[PLAN].outcomes]
    assert "budget-summa" not in ids and len(ids) == 14 and ids[-1] == "utfall-status"
    assert sorted(d.rule for d in result.diagnostics) == ["beslut-senast", "tre-år"]
