"""The rules' messages and locations, when a rule does not apply, and the cases a rule must leave alone."""

from __future__ import annotations

import pytest
from budgets import BUDGET, FORBUND, INSATS, PLAN_YAML, budget, found
from conftest import PLAN, SiteFactory

from finsam_site import urls
from finsam_site.build import check

EQUITY = "    utgående_eget_kapital: {rubrik: Utgående eget kapital, belopp: '%s'}\n"
TARGET = "budgetmål:\n  - typ: %s\n    procent: %s\n"


# --- When a rule does not apply (ej tillämplig), and when it applies and passes (godkänd) --------------------------


def _statuses(make_site: SiteFactory, files: dict[str, str | None]) -> dict[str, str]:
    result = check(make_site(files))
    return {o.rule.id: o.status for o in result.reports[PLAN].outcomes}


REVENUE_ONLY = """
tabeller:
  - rubrik: Medelstilldelning
    enhet: tkr
    kolumner:
      - {rubrik: Budget 2024, typ: budget, år: 2024}
    rader:
      - grupp: Intäkter
        kategori: intäkter
        rader:
          - {post: Total medelstilldelning, belopp: "5 022"}
"""


def test_a_budget_with_only_revenue(make_site: SiteFactory) -> None:
    # No costs, no member rows, no equity: the balance, shares and equity rules do not apply; nothing is a sum.
    statuses = _statuses(make_site, {BUDGET: REVENUE_ONLY})
    assert statuses["intäkter-kostnader"] == "ej tillämplig"
    assert statuses["finsam-fördelning"] == "ej tillämplig"
    assert statuses["eget-kapital-andel"] == "ej tillämplig"
    assert statuses["budget-resultat"] == "ej tillämplig"
    assert statuses["eget-kapital-summa"] == "ej tillämplig"
    assert statuses["tre-år"] == "godkänd"


def test_a_budget_with_only_costs(make_site: SiteFactory) -> None:
    costs_only = budget().split("      - grupp: Kostnader")[1]
    head = budget().split("      - grupp: Intäkter")[0]
    statuses = _statuses(make_site, {BUDGET: head + "      - grupp: Kostnader" + costs_only})
    assert statuses["intäkter-kostnader"] == "ej tillämplig"
    assert statuses["finsam-fördelning"] == "ej tillämplig"


def test_the_fixture_passes_where_each_rule_applies(make_site: SiteFactory) -> None:
    statuses = _statuses(make_site, {BUDGET: budget(extra=EQUITY % "1000")})
    assert statuses == {
        "budget-summa": "godkänd",
        "budget-resultat": "ej tillämplig",
        "eget-kapital-summa": "ej tillämplig",
        "insats-belopp": "godkänd",
        "finsam-fördelning": "godkänd",
        "intäkter-kostnader": "godkänd",
        "eget-kapital-andel": "godkänd",
        "beslut-senast": "godkänd",
        "tre-år": "godkänd",
        "insats-parter": "godkänd",
        "budgetmål": "ej tillämplig",
        "fördelningsnyckel": "ej tillämplig",  # the fixture states no key
        "budget-varav": "ej tillämplig",  # nor any varav line
        "utfall-andel": "ej tillämplig",
        "utfall-status": "ej tillämplig",
    }


def test_without_a_decision_date_or_insatser(make_site: SiteFactory) -> None:
    plan = (make_site() / PLAN_YAML).read_text("utf-8").replace("beslutad: 2023-11-30\n", "")
    no_link = budget().replace(", insats: vidare-vy", "")
    statuses = _statuses(make_site, {PLAN_YAML: plan, INSATS: None, BUDGET: no_link})
    assert statuses["beslut-senast"] == "kan inte prövas"  # a decided plan that does not say when
    assert statuses["insats-parter"] == "ej tillämplig"
    assert statuses["insats-belopp"] == "ej tillämplig"
    proposal = _statuses(make_site, {PLAN_YAML: plan + "status: förslag\n"})
    assert proposal["beslut-senast"] == "ej tillämplig"  # a proposal is not decided yet


# --- Messages, locations and the cases a rule must leave alone ------------------------------------------------------


def test_shares_leave_a_column_with_an_unknown_or_no_contribution_alone(make_site: SiteFactory) -> None:
    # An unreadable region amount: the shares cannot be computed, whatever the others are.
    unknown = {"region-exempel": "okänt", "exempel-kommun": "100", "staten": "900"}
    text = budget(unknown).replace('belopp: "okänt"}', 'belopp: "okänt", anm: Oläsligt.}')
    assert found(make_site, {BUDGET: text}, "finsam-fördelning") == []
    # Nothing contributed at all: no share to compute (and no division by zero).
    zero = {"region-exempel": "0", "exempel-kommun": "0", "staten": "0"}
    assert found(make_site, {BUDGET: budget(zero, other_revenue="5022")}, "finsam-fördelning") == []


def test_a_share_finding_points_at_the_first_member_row(make_site: SiteFactory) -> None:
    members = {"region-exempel": "247", "exempel-kommun": "247", "staten": "506"}
    [diag] = found(make_site, {BUDGET: budget(members)}, "finsam-fördelning")
    assert (diag.line, diag.path) == (10, BUDGET)


def test_exceptional_reasons_let_costs_exceed_revenue(make_site: SiteFactory) -> None:
    plan = (make_site() / PLAN_YAML).read_text("utf-8") + "synnerliga_skäl: Eget kapital förbrukas.\n"
    assert found(make_site, {BUDGET: budget(reserve="-4000"), PLAN_YAML: plan}, "intäkter-kostnader") == []
    [diag] = found(make_site, {BUDGET: budget(reserve="-4000")}, "intäkter-kostnader")
    assert diag.message == (
        "Kostnaderna (Budget 2024, 5\u00a0380\u00a0tkr) är större än intäkterna (5\u00a0022\u00a0tkr); budgeten ska "
        "upprättas så att intäkterna överstiger kostnaderna."
    )
    assert (diag.line, diag.severity) == (2, "fel")


def test_equity_without_a_base_is_left_alone(make_site: SiteFactory) -> None:
    # The members' amounts are unreadable: no base to compare the equity with.
    members = {"region-exempel": "okänt", "exempel-kommun": "okänt", "staten": "okänt"}
    text = budget(members, other_revenue="5022", extra=EQUITY % "4000").replace(
        'belopp: "okänt"}', 'belopp: "okänt", anm: Oläsligt.}'
    )
    assert found(make_site, {BUDGET: text}, "eget-kapital-andel") == []


def test_late_decision_message(make_site: SiteFactory) -> None:
    plan = (make_site() / PLAN_YAML).read_text("utf-8").replace("2023-11-30", "2023-12-01")
    [diag] = found(make_site, {PLAN_YAML: plan}, "beslut-senast")
    assert diag.message == (
        "Budgeten för 2024 beslutades 1 december 2023, efter den 30 november 2023; styrelsen ska fastställa "
        "budgeten senast den 30 november året före."
    )
    assert (diag.path, diag.line, diag.severity) == (PLAN_YAML, 4, "fel")


@pytest.mark.parametrize(
    ("years", "message"),
    [
        ("[2025]", "Planen ska omfatta tre år, 2024–2026, men anger planåren 2025."),
        ("[]", "Planen ska omfatta tre år, 2024–2026, men anger inga planår."),
        ("[2025, 2027]", "Planen ska omfatta tre år, 2024–2026, men anger planåren 2025, 2027."),
    ],
)
def test_three_years_message(make_site: SiteFactory, years: str, message: str) -> None:
    plan = (make_site() / PLAN_YAML).read_text("utf-8").replace("planår: [2025, 2026]", f"planår: {years}")
    [diag] = found(make_site, {PLAN_YAML: plan}, "tre-år")
    assert (diag.message, diag.severity, diag.line) == (message, "varning", 3)


@pytest.mark.parametrize(
    ("parties", "message"),
    [
        ("[forsakringskassan, arbetsformedlingen]", "involverar 1 av medlemsparterna (staten);"),
        ("[exempel-kommun]", "involverar 1 av medlemsparterna (kommunerna);"),
        ("[region-exempel]", "involverar 1 av medlemsparterna (regionen);"),
        ("[]", "involverar 0 av medlemsparterna (ingen);"),
    ],
)
def test_insats_parties_message(make_site: SiteFactory, parties: str, message: str) -> None:
    insats = (make_site() / INSATS).read_text("utf-8")
    insats = insats.replace("[forsakringskassan, exempel-kommun, region-exempel]", parties)
    [diag] = found(make_site, {INSATS: insats}, "insats-parter")
    assert diag.message == f"Insatsen Vidare Vy {message} en insats ska involvera minst två (staten och kommunerna " + (
        "räknas som en part var)."
    )
    assert (diag.path, diag.line, diag.severity) == (INSATS, 4, "fel")


def test_own_target_finding_points_at_the_target(make_site: SiteFactory) -> None:
    plan = (make_site() / PLAN_YAML).read_text("utf-8")
    targets = TARGET % ("insatser_min", "10") + "  - typ: administration_max\n    procent: 10\n"
    [diag] = found(make_site, {BUDGET: budget(), PLAN_YAML: plan + targets}, "budgetmål")
    # Administration 785 of 5 022 is 15,6 %, over 10 %: the second target (line 16), not the first.
    assert diag.line == plan.count("\n") + 4
    assert diag.message.startswith("Administrationens andel av kostnaderna (Budget 2024) är 15,6\u00a0%")


def test_a_wrong_subtotal_inside_a_group_is_found(make_site: SiteFactory) -> None:
    text = (make_site() / BUDGET).read_text("utf-8").replace("belopp: -4237 | -4232", "belopp: -4237 | -4230")
    [diag] = found(make_site, {BUDGET: text}, "budget-summa")
    assert diag.message == (
        "Summa insatser (Plan 2025) är \u22124\u00a0230\u00a0tkr men raderna ger \u22124\u00a0232\u00a0tkr."
    )
    assert diag.line == 44


def test_an_unreadable_printed_sum_is_not_compared(make_site: SiteFactory) -> None:
    text = budget().replace('belopp: "-5022"}', 'belopp: "okänt", anm: Oläsligt.}')
    assert found(make_site, {BUDGET: text}, "budget-summa") == []
    result = check(make_site({BUDGET: text}))
    [outcome] = [o for o in result.reports[PLAN].outcomes if o.rule.id == "budget-summa"]
    assert outcome.status == "kan inte prövas"
    assert any("går inte att läsa i källan" in reason for reason in outcome.untested), outcome.untested


def test_a_sum_finding_is_shown_on_the_page_of_its_table(make_site: SiteFactory) -> None:
    # A wrong total in the budget goes on the budget page; one in an insats's co-financing budget on the insats's page.
    insats = (
        (make_site() / INSATS)
        .read_text("utf-8")
        .replace(
            "---\nInsatsen",
            "medfinansiering:\n  finansiärer: ESF\n  budget:\n    rubrik: Projektbudget\n    enhet: kr\n"
            "    kolumner: [{rubrik: Totalt, typ: budget}]\n    rader:\n      - grupp: Finansiering\n        rader:\n"
            "          - {post: ESF-stöd, belopp: 100}\n        summa: {rubrik: Totalt, belopp: 101}\n---\nInsatsen",
        )
    )
    wrong = budget().replace('belopp: "-5022"}', 'belopp: "-5000"}')
    result = check(make_site({INSATS: insats, BUDGET: wrong}))
    report, plan = result.reports[PLAN], result.site.forbund[0].plans[0]
    shown = report.findings_for(urls.budget(plan)) + report.findings_for(urls.insats(plan, "vidare-vy"))
    pages = [(f.shown_on, f.subject) for _, f in shown]
    assert pages == [
        ("exempel/2024/budget/index.html", "Summa kostnader / Budget 2024"),
        ("exempel/2024/insatser/vidare-vy/index.html", "Totalt / Totalt"),
    ]


def test_granted_amount_is_found_in_a_later_budget_column(make_site: SiteFactory) -> None:
    # The year's budget column comes after an outcome column: it is still the one compared (595 000 against 600 tkr).
    columns = "{rubrik: Utfall 2023, typ: utfall, år: 2023}\n      - {rubrik: Budget 2024, typ: budget, år: 2024}"
    two = budget(column=columns)
    for label in ("1 255,5", "2511", "-785", "-3642"):
        two = two.replace(f'belopp: "{label}"', f'belopp: "{label} | {label}"')
    two = two.replace('belopp: "-595"', 'belopp: "-595 | -600"')
    two = two.replace('belopp: "5022"', 'belopp: "5022 | 5022"').replace('belopp: "-5022"', 'belopp: "-5022 | -5027"')
    two = two.replace('belopp: "5022,0"', 'belopp: "5022,0 | 5022,0"')  # every row as wide as the table: rules run
    [diag] = found(make_site, {BUDGET: two}, "insats-belopp")
    assert diag.message == (
        "Vidare Vy har beviljats 595\u00a0000\u00a0kr för 2024 men budgetraden ”Vidare Vy” (Budget 2024) är "
        "600\u00a0000\u00a0kr."
    )


def test_a_budget_column_over_several_years_is_not_compared_with_a_years_grant(make_site: SiteFactory) -> None:
    # A "Totalt" column has no year: the insats's 2024 grant is compared with the 2024 column only.
    columns = "{rubrik: Budget 2024, typ: budget, år: 2024}\n      - {rubrik: Totalt, typ: budget}"
    two = budget(column=columns)
    for label in ("1 255,5", "2511", "-785", "-3642", "5022", "-5022"):
        two = two.replace(f'belopp: "{label}"', f'belopp: "{label} | {label}"')
    two = two.replace('belopp: "-595"', 'belopp: "-595 | -1190"')
    two = two.replace('belopp: "-5022 | -5022"', 'belopp: "-5022 | -5617"')
    assert found(make_site, {BUDGET: two}, "insats-belopp") == []
    assert found(make_site, {BUDGET: two}, "budget-summa") == []


def test_only_the_state_member_id_is_the_state(make_site: SiteFactory) -> None:
    # A kommun whose id sorts after "staten" is still a kommun: 125 + 125 of 1 000 is the kommuner's 25 %.
    vara = "  - id: vara-kommun\n    namn: Vara kommun\n    typ: kommun\n"
    forbund = (make_site() / FORBUND).read_text("utf-8") + vara
    members = {"region-exempel": "250", "exempel-kommun": "125", "vara-kommun": "125", "staten": "500"}
    assert found(make_site, {BUDGET: budget(members), FORBUND: forbund}, "finsam-fördelning") == []


def test_the_balance_finding_points_at_the_first_table(make_site: SiteFactory) -> None:
    second = "  - rubrik: Andra tabellen\n    enhet: tkr\n    kolumner:\n"
    second += "      - {rubrik: Budget 2024, typ: budget, år: 2024}\n    rader:\n      - {post: Något, belopp: '1'}\n"
    [diag] = found(make_site, {BUDGET: budget(reserve="-4000") + second}, "intäkter-kostnader")
    assert (diag.line, diag.column) == (2, 5)


def test_only_an_equity_target_sets_the_equity_limit(make_site: SiteFactory) -> None:
    # A target for the insatser (10 %) is not an equity limit: 600 of 5 022 (11,9 %) is under the default 20 %.
    plan = (make_site() / PLAN_YAML).read_text("utf-8") + "budgetmål:\n  - typ: insatser_min\n    procent: 10\n"
    equity = "    utgående_eget_kapital: {rubrik: Utgående eget kapital, belopp: '600'}\n"
    assert found(make_site, {BUDGET: budget(extra=equity), PLAN_YAML: plan}, "eget-kapital-andel") == []


def _two_columns(text: str, second: dict[str, str]) -> str:
    """A one-column budget() made two-column: the second column's amount per first-column amount (the printed
    revenue total is the same in both unless ``second`` says otherwise: every row two wide, so the rules run)."""
    second = {"5022,0": "5022,0", **second}
    text = text.replace(
        "{rubrik: Budget 2024, typ: budget, år: 2024}",
        "{rubrik: Budget 2024, typ: budget, år: 2024}\n      - {rubrik: Plan 2025, typ: plan, år: 2025}",
    )
    for first, then in second.items():
        text = text.replace(f'belopp: "{first}"', f'belopp: "{first} | {then}"')
    return text


def test_shares_go_on_to_the_next_column_after_one_they_cannot_compute(make_site: SiteFactory) -> None:
    # Budget 2024 has an unreadable region amount; Plan 2025 gives the region 300 of 1 000 (30 %).
    members = {"region-exempel": "okänt", "exempel-kommun": "250", "staten": "500"}
    text = budget(members, reserve="-3642").replace('belopp: "okänt"}', 'belopp: "okänt", anm: Oläsligt.}')
    text = _two_columns(
        text,
        {
            "okänt": "300",
            "250": "200",
            "500": "500",
            "750": "1000",
            "-785": "-785",
            "-595": "-595",
            "-3642": "-3642",
            "-5022": "-5022",
        },
    )
    assert sorted(
        d.hint.split('gäller: "')[1].split('"')[0] for d in found(make_site, {BUDGET: text}, "finsam-fördelning")
    ) == [
        "kommunerna / Plan 2025",
        "regionen / Plan 2025",
    ]


def test_equity_share_goes_on_to_the_next_column_after_one_that_passes(make_site: SiteFactory) -> None:
    # 1 000 of 5 022 (19,9 %) in 2024 passes; 1 100 (21,9 %) in 2025 does not.
    extra = "    utgående_eget_kapital: {rubrik: Utgående eget kapital, belopp: '1000 | 1100'}\n"
    same = {v: v for v in ("1 255,5", "2511", "5022", "-785", "-595", "-3642", "-5022")}
    [diag] = found(make_site, {BUDGET: _two_columns(budget(extra=extra), same)}, "eget-kapital-andel")
    assert diag.message.startswith("Eget kapital vid årets slut (Plan 2025) är 1\u00a0100\u00a0tkr, 22\u00a0%")


def test_a_budget_column_for_an_earlier_year_is_not_the_plan_years(make_site: SiteFactory) -> None:
    [diag] = found(make_site, {BUDGET: budget(column="{rubrik: Budget 2023, typ: budget, år: 2023}")}, "tre-år")
    assert diag.message == "Budgeten har ingen kolumn av typen budget för 2024, planens första år."


def test_balance_goes_on_to_the_next_column_after_one_that_passes(make_site: SiteFactory) -> None:
    same = {v: v for v in ("1 255,5", "2511", "5022", "-785", "-595")}
    text = _two_columns(budget(), {**same, "-3642": "-3700", "-5022": "-5080"})
    [diag] = found(make_site, {BUDGET: text}, "intäkter-kostnader")
    assert diag.message.startswith("Kostnaderna (Plan 2025, 5\u00a0080\u00a0tkr) är större än intäkterna")


def test_an_administration_target_is_no_equity_limit(make_site: SiteFactory) -> None:
    # An administration target of 20 %: 600 of 5 022 (11,9 %) equity is under the default 20 % all the same, and
    # the target itself (785 of 5 022, 15,6 %) passes; a 10 % administration target is not an equity limit either.
    plan = (make_site() / PLAN_YAML).read_text("utf-8") + "budgetmål:\n  - typ: administration_max\n    procent: 10\n"
    equity = "    utgående_eget_kapital: {rubrik: Utgående eget kapital, belopp: '600'}\n"
    assert found(make_site, {BUDGET: budget(extra=equity), PLAN_YAML: plan}, "eget-kapital-andel") == []


def test_own_targets_go_on_to_the_next_column_after_one_that_passes(make_site: SiteFactory) -> None:
    # Administration 785 of 5 022 (15,6 %) passes a 16 % target in 2024; 900 of 5 022 (17,9 %) in 2025 does not.
    plan = (make_site() / PLAN_YAML).read_text("utf-8") + "budgetmål:\n  - typ: administration_max\n    procent: 16\n"
    same = {v: v for v in ("1 255,5", "2511", "5022", "-595", "-5022")}
    text = _two_columns(budget(), {**same, "-785": "-900", "-3642": "-3527"})
    [diag] = found(make_site, {BUDGET: text, PLAN_YAML: plan}, "budgetmål")
    assert diag.message.startswith("Administrationens andel av kostnaderna (Plan 2025) är 17,9\u00a0%")


def test_a_missing_budget_column_points_at_the_columns(make_site: SiteFactory) -> None:
    [diag] = found(make_site, {BUDGET: budget(column="{rubrik: Plan 2024, typ: plan, år: 2024}")}, "tre-år")
    assert (diag.path, diag.line, diag.column) == (BUDGET, 5, 7)
