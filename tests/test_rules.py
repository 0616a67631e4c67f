"""Every substance rule: a plan that passes and one that fails, with the message and its location."""

from __future__ import annotations

from budgets import found as findings
from conftest import PLAN, SiteFactory

from finsam_site.build import check


def budget_yaml(
    region: str = "1 255,5",
    kommun: str = "1 255,5",
    staten: str = "2511",
    admin: str = "-785",
    insats: str = "-595",
    reserve: str = "-3642",
    total_costs: str | None = None,
    revenues: str | None = None,
    extra: str = "",
) -> str:
    """A one-column budget (tkr) whose printed sums are right unless given."""
    from decimal import Decimal

    def d(text: str) -> Decimal:
        return Decimal(text.replace(" ", "").replace(",", "."))

    def f(value: Decimal) -> str:
        return str(value).replace(".", ",")

    rev = revenues or f(d(region) + d(kommun) + d(staten))
    costs = total_costs or f(d(admin) + d(insats) + d(reserve))
    return f"""
tabeller:
  - rubrik: Budget
    enhet: tkr
    kolumner:
      - {{rubrik: Budget 2024, typ: budget, år: 2024}}
    rader:
      - grupp: Intäkter
        kategori: intäkter
        rader:
          - {{post: Region, medlem: region-exempel, belopp: "{region}"}}
          - {{post: Kommun, medlem: exempel-kommun, belopp: "{kommun}"}}
          - {{post: Staten, medlem: staten, belopp: "{staten}"}}
        summa: {{rubrik: Summa intäkter, belopp: "{rev}"}}
      - grupp: Kostnader
        kategori: kostnader
        rader:
          - grupp: Administration
            kategori: administration
            rader:
              - {{post: Förbundschef, belopp: "{admin}"}}
          - grupp: Insatser
            kategori: insatser
            rader:
              - {{post: Vidare Vy, insats: vidare-vy, belopp: "{insats}"}}
              - {{post: Reserverat, belopp: "{reserve}"}}
        summa: {{rubrik: Summa kostnader, belopp: "{costs}"}}
{extra}"""


def test_fixture_passes_every_rule(make_site: SiteFactory) -> None:
    result = check(make_site({f"{PLAN}/budget.yaml": budget_yaml()}))
    assert result.diagnostics == []
    outcomes = {o.rule.id: o.status for o in result.reports[PLAN].outcomes}
    assert outcomes["budget-summa"] == "godkänd"
    assert outcomes["finsam-fördelning"] == "godkänd"
    assert outcomes["beslut-senast"] == "godkänd"
    assert outcomes["budgetmål"] == "ej tillämplig"


def test_budget_sum(make_site: SiteFactory) -> None:
    [diag] = findings(make_site, {f"{PLAN}/budget.yaml": budget_yaml(total_costs="-5000")}, "budget-summa")
    assert (diag.path, diag.line, diag.severity) == (f"{PLAN}/budget.yaml", 26, "fel")
    assert (
        diag.message
        == "Summa kostnader (Budget 2024) är \u22125\u00a0000\u00a0tkr men raderna ger \u22125\u00a0022\u00a0tkr."
    )
    assert 'gäller: "Summa kostnader / Budget 2024"' in diag.hint


def test_result(make_site: SiteFactory) -> None:
    ok = budget_yaml(extra="    resultat: {rubrik: Resultat, belopp: '0'}\n")
    assert findings(make_site, {f"{PLAN}/budget.yaml": ok}, "budget-resultat") == []
    bad = budget_yaml(extra="    resultat: {rubrik: Resultat, belopp: '12'}\n")
    [diag] = findings(make_site, {f"{PLAN}/budget.yaml": bad}, "budget-resultat")
    assert diag.message == "Resultat (Budget 2024) är 12\u00a0tkr men intäkter och kostnader ger 0\u00a0tkr."


def test_closing_equity(make_site: SiteFactory) -> None:
    extra = (
        "    resultat: {rubrik: Resultat, belopp: '0'}\n"
        "    ingående_eget_kapital: {rubrik: Ingående, belopp: '800'}\n"
        "    utgående_eget_kapital: {rubrik: Utgående, belopp: '%s'}\n"
    )
    assert findings(make_site, {f"{PLAN}/budget.yaml": budget_yaml(extra=extra % "800")}, "eget-kapital-summa") == []
    [diag] = findings(make_site, {f"{PLAN}/budget.yaml": budget_yaml(extra=extra % "900")}, "eget-kapital-summa")
    assert diag.line == 29 and "ingående eget kapital plus resultatet ger 800" in diag.message


def test_equity_share_is_a_warning_with_configurable_limit(make_site: SiteFactory) -> None:
    extra = "    utgående_eget_kapital: {rubrik: Utgående eget kapital, belopp: '1100'}\n"
    files: dict[str, str | None] = {f"{PLAN}/budget.yaml": budget_yaml(extra=extra)}
    [diag] = findings(make_site, files, "eget-kapital-andel")
    assert diag.severity == "varning"
    assert "22\u00a0%" in diag.message and "högst 20\u00a0%" in diag.message
    site = (make_site() / "site.yaml").read_text("utf-8") + "regler:\n  eget_kapital_max: 25\n"
    assert findings(make_site, {**files, "site.yaml": site}, "eget-kapital-andel") == []


def test_contribution_shares(make_site: SiteFactory) -> None:
    files: dict[str, str | None] = {f"{PLAN}/budget.yaml": budget_yaml(region="1 000")}
    found = findings(make_site, files, "finsam-fördelning")
    # 1 000 / 4 766,5 = 21,0 %; 1 255,5 / 4 766,5 = 26,3 %; 2 511 / 4 766,5 = 52,7 %: all three parties are off.
    assert sorted(d.message.split(" (")[0] + " " + d.message.split(" är ")[1].split(" (")[0] for d in found) == [
        "Kommunernas andel av medlemsbidragen 26,3\u00a0%",
        "Regionens andel av medlemsbidragen 21,0\u00a0%",
        "Statens andel av medlemsbidragen 52,7\u00a0%",
    ]
    assert {d.line for d in found} == {10}


def test_revenues_must_cover_costs_unless_exceptional_reasons(make_site: SiteFactory) -> None:
    budget = budget_yaml(reserve="-4000")
    [diag] = findings(make_site, {f"{PLAN}/budget.yaml": budget}, "intäkter-kostnader")
    assert (
        "Kostnaderna (Budget 2024, 5\u00a0380\u00a0tkr) är större än intäkterna (5\u00a0022\u00a0tkr)" in diag.message
    )
    plan = (make_site() / PLAN / "plan.yaml").read_text("utf-8") + "synnerliga_skäl: Eget kapital förbrukas.\n"
    root = make_site({f"{PLAN}/budget.yaml": budget, f"{PLAN}/plan.yaml": plan}, name="reasons")
    result = check(root)
    assert [d for d in result.diagnostics if d.rule == "intäkter-kostnader"] == []
    [outcome] = [o for o in result.reports[PLAN].outcomes if o.rule.id == "intäkter-kostnader"]
    assert outcome.note == "Eget kapital förbrukas."


def test_decision_date(make_site: SiteFactory) -> None:
    plan = (make_site() / PLAN / "plan.yaml").read_text("utf-8").replace("2023-11-30", "2023-12-14")
    [diag] = findings(make_site, {f"{PLAN}/plan.yaml": plan}, "beslut-senast")
    assert diag.line == 4
    assert diag.message.startswith("Budgeten för 2024 beslutades 14 december 2023, efter den 30 november 2023")


def test_three_years(make_site: SiteFactory) -> None:
    plan = (make_site() / PLAN / "plan.yaml").read_text("utf-8").replace("planår: [2025, 2026]", "planår: [2025]")
    [diag] = findings(make_site, {f"{PLAN}/plan.yaml": plan}, "tre-år")
    assert diag.severity == "varning" and diag.line == 3


def test_insats_parties(make_site: SiteFactory) -> None:
    insats = (make_site() / PLAN / "insatser/01-vidare-vy.md").read_text("utf-8")
    state_only = insats.replace(
        "[forsakringskassan, exempel-kommun, region-exempel]", "[forsakringskassan, arbetsformedlingen]"
    )
    [diag] = findings(make_site, {f"{PLAN}/insatser/01-vidare-vy.md": state_only}, "insats-parter")
    assert diag.line == 4 and "involverar 1 av medlemsparterna (staten)" in diag.message


def test_insats_amount_matches_budget_line(make_site: SiteFactory) -> None:
    insats = (make_site() / PLAN / "insatser/01-vidare-vy.md").read_text("utf-8").replace("595 000", "600 000")
    [diag] = findings(make_site, {f"{PLAN}/insatser/01-vidare-vy.md": insats}, "insats-belopp")
    assert diag.path.endswith("01-vidare-vy.md") and diag.line == 10
    assert diag.message == (
        "Vidare Vy har beviljats 600\u00a0000\u00a0kr för 2024 men budgetraden ”Vidare Vy” "
        "(Budget 2024) är 595\u00a0000\u00a0kr."
    )


def test_own_budget_targets(make_site: SiteFactory) -> None:
    plan = (make_site() / PLAN / "plan.yaml").read_text("utf-8")
    target = "budgetmål:\n  - typ: administration_max\n    procent: %s\n    källa: Finansiella mål\n"
    assert findings(make_site, {f"{PLAN}/plan.yaml": plan + target % "20"}, "budgetmål") == []
    found = findings(make_site, {f"{PLAN}/plan.yaml": plan + target % "15"}, "budgetmål")
    assert [d.message for d in found] == [
        "Administrationens andel av kostnaderna (Budget 2024) är 15,6\u00a0%; planens eget mål är högst 15\u00a0%.",
        "Administrationens andel av kostnaderna (Plan 2025) är 15,7\u00a0%; planens eget mål är högst 15\u00a0%.",
    ]
    assert {(d.line, d.severity) for d in found} == {(15, "varning")}


def test_co_financing_budget_sums(make_site: SiteFactory) -> None:
    insats = (
        (make_site() / PLAN / "insatser/01-vidare-vy.md")
        .read_text("utf-8")
        .replace(
            "---\nInsatsen",
            """\
medfinansiering:
  finansiärer: ESF
  budget:
    rubrik: Projektbudget
    enhet: kr
    kolumner: [{rubrik: Totalt, typ: budget}]
    rader:
      - grupp: Finansiering
        rader:
          - {post: ESF-stöd, belopp: 8 017 936}
          - {post: Kommunen, belopp: 5 330 093}
        summa: {rubrik: Totalt, belopp: 13 348 030}
---
Insatsen""",
        )
    )
    [diag] = findings(make_site, {f"{PLAN}/insatser/01-vidare-vy.md": insats}, "budget-summa")
    assert diag.path.endswith("01-vidare-vy.md") and diag.line == 25
    assert "men raderna ger 13\u00a0348\u00a0029\u00a0kr" in diag.message


def test_stale_acknowledgement_is_reported(make_site: SiteFactory) -> None:
    ack = "kvitteringar:\n  - regel: budget-summa\n    gäller: Något annat\n    förklaring: Gammal.\n"
    [diag] = findings(make_site, {f"{PLAN}/kvitteringar.yaml": ack}, "kvittering-oanvänd")
    assert (diag.line, diag.severity) == (2, "varning")


def test_severity_can_be_changed_or_turned_off(make_site: SiteFactory) -> None:
    plan = (make_site() / PLAN / "plan.yaml").read_text("utf-8").replace("planår: [2025, 2026]", "planår: [2025]")
    forbund = (make_site() / "content/exempel/forbund.yaml").read_text("utf-8")
    off = forbund + "regler:\n  allvarlighet:\n    tre-år: av\n"
    assert findings(make_site, {f"{PLAN}/plan.yaml": plan, "content/exempel/forbund.yaml": off}, "tre-år") == []
    hard = forbund + "regler:\n  allvarlighet:\n    tre-år: fel\n"
    [diag] = findings(make_site, {f"{PLAN}/plan.yaml": plan, "content/exempel/forbund.yaml": hard}, "tre-år")
    assert diag.severity == "fel"


def test_rules_doc_is_in_step_with_the_registry() -> None:
    from conftest import REPO

    from finsam_site.check.rules import registry, rules_markdown

    assert (REPO / "docs/rules.md").read_text("utf-8") == rules_markdown(), (
        "run: python -m finsam_site.check.rules > docs/rules.md"
    )
    ids = [r.id for r in registry()]
    assert len(ids) == len(set(ids))
