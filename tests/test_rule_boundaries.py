"""Every substance rule at its boundary (exactly at the limit, one unit inside, one outside), and with inputs that
tell apart the quantities a rule could confuse: revenue from outside the members, contributions that are 50/25/25
by party but not by member, equity on the right base, costs against all revenue, tkr against kronor.

The expected results are worked out by hand in each test's comments, never taken from the tool.
"""

from __future__ import annotations

import pytest
from budgets import (
    BUDGET,
    FORBUND,
    INSATS,
    PLAN_YAML,
    SECOND_KOMMUN,
    _d,
    _f,
    budget,
    forbund_with,
    found,
    subjects,
)
from conftest import SiteFactory

from finsam_site.diagnostics import Diagnostic

# --- finsam-fördelning: 50/25/25 within 0,5 percentage points ---


@pytest.mark.parametrize(
    ("region", "kommun", "expected"),
    [
        # Out of 1 000 tkr: the state gives 500 (50 %); region and kommun share the other 500.
        ("250", "250", []),  # exactly 25/25
        ("255", "245", []),  # 25,5 % and 24,5 %: exactly at the tolerance of 0,5 pp
        ("254", "246", []),  # 0,4 pp off: inside
        ("256", "244", ["kommunerna / Budget 2024", "regionen / Budget 2024"]),  # 0,6 pp off: outside
        # 0,51 pp off (25,51 %): just outside; a rule that rounded the share to one decimal first would pass it.
        ("255,1", "244,9", ["kommunerna / Budget 2024", "regionen / Budget 2024"]),
    ],
)
def test_shares_at_the_tolerance(make_site: SiteFactory, region: str, kommun: str, expected: list[str]) -> None:
    members = {"region-exempel": region, "exempel-kommun": kommun, "staten": "500"}
    assert subjects(found(make_site, {BUDGET: budget(members)}, "finsam-fördelning")) == expected


def test_state_share_at_the_tolerance(make_site: SiteFactory) -> None:
    # 505 of 1 000 is 50,5 %: at the tolerance. 506 of 1 000 is 50,6 %: outside (region 24,7 %, kommun 24,7 %).
    at = {"region-exempel": "247,5", "exempel-kommun": "247,5", "staten": "505"}
    assert found(make_site, {BUDGET: budget(at)}, "finsam-fördelning") == []
    out = {"region-exempel": "247", "exempel-kommun": "247", "staten": "506"}
    [diag] = found(make_site, {BUDGET: budget(out)}, "finsam-fördelning")
    assert diag.message == (
        "Statens andel av medlemsbidragen (Budget 2024) är 50,6\u00a0% (506\u00a0tkr av 1\u00a0000\u00a0tkr); "
        "lagen anger 50\u00a0%."
    )
    assert diag.severity == "fel" and diag.path == BUDGET


def test_share_tolerance_is_configurable(make_site: SiteFactory) -> None:
    # 26 % and 24 %: 1 pp off. Outside the default 0,5; exactly at a configured 1; outside a configured 0,9.
    members = {"region-exempel": "260", "exempel-kommun": "240", "staten": "500"}
    assert len(found(make_site, {BUDGET: budget(members)}, "finsam-fördelning")) == 2
    wide = forbund_with(make_site, rules="  tolerans_fördelning: 1\n")
    assert found(make_site, {BUDGET: budget(members), FORBUND: wide}, "finsam-fördelning") == []
    narrow = forbund_with(make_site, rules="  tolerans_fördelning: 0.9\n")
    assert len(found(make_site, {BUDGET: budget(members), FORBUND: narrow}, "finsam-fördelning")) == 2


def test_revenue_from_outside_the_members_is_not_a_contribution(make_site: SiteFactory) -> None:
    # 2 000 tkr of other revenue: the members still give 50/25/25 of their 1 000. A rule on all revenue would see
    # the state at 500 of 3 000 (16,7 %).
    members = {"region-exempel": "250", "exempel-kommun": "250", "staten": "500"}
    files = {BUDGET: budget(members, other_revenue="2000", reserve="-2215")}
    assert found(make_site, files, "finsam-fördelning") == []


def test_kommuner_count_together(make_site: SiteFactory) -> None:
    # Two kommuner give 125 each: 12,5 % apiece but 25 % together, as the law counts them.
    forbund = forbund_with(make_site, SECOND_KOMMUN)
    members = {"region-exempel": "250", "exempel-kommun": "125", "andra-kommun": "125", "staten": "500"}
    assert found(make_site, {BUDGET: budget(members), FORBUND: forbund}, "finsam-fördelning") == []
    # Not 50/25/25 by amount per member, but by party: the state's share is FK and AF together (300 + 200).
    members = {
        "region-exempel": "250",
        "exempel-kommun": "250",
        "forsakringskassan": "300",
        "arbetsformedlingen": "200",
    }
    assert found(make_site, {BUDGET: budget(members)}, "finsam-fördelning") == []
    # FK alone at 300 of 800 is 37,5 %: a rule that forgot AF's row would call this a pass only by accident.
    members = {"region-exempel": "250", "exempel-kommun": "250", "forsakringskassan": "300"}
    assert subjects(found(make_site, {BUDGET: budget(members)}, "finsam-fördelning")) == [
        "kommunerna / Budget 2024",
        "regionen / Budget 2024",
        "staten / Budget 2024",
    ]


def test_every_deviating_party_is_reported_once(make_site: SiteFactory) -> None:
    # Region 1 000 of 4 766,5 (21,0 %), kommun 1 255,5 (26,3 %), state 2 511 (52,7 %): all three are off.
    members = {"region-exempel": "1 000", "exempel-kommun": "1 255,5", "staten": "2511"}
    messages = sorted(d.message for d in found(make_site, {BUDGET: budget(members)}, "finsam-fördelning"))
    assert messages == [
        "Kommunernas andel av medlemsbidragen (Budget 2024) är 26,3\u00a0% (1\u00a0255,5\u00a0tkr av "
        "4\u00a0766,5\u00a0tkr); lagen anger 25\u00a0%.",
        "Regionens andel av medlemsbidragen (Budget 2024) är 21,0\u00a0% (1\u00a0000\u00a0tkr av "
        "4\u00a0766,5\u00a0tkr); lagen anger 25\u00a0%.",
        "Statens andel av medlemsbidragen (Budget 2024) är 52,7\u00a0% (2\u00a0511\u00a0tkr av "
        "4\u00a0766,5\u00a0tkr); lagen anger 50\u00a0%.",
    ]


# --- intäkter-kostnader: costs no larger than all revenue ---


@pytest.mark.parametrize(
    ("reserve", "expected"),
    [
        ("-3642", []),  # costs 5 022 = revenue 5 022: at the limit, passes
        ("-3641", []),  # costs 5 021: inside
        ("-3643", ["Budget 2024"]),  # costs 5 023: one tkr over
        ("-3642,1", ["Budget 2024"]),  # costs 5 022,1: a tenth over
    ],
)
def test_balance_at_the_limit(make_site: SiteFactory, reserve: str, expected: list[str]) -> None:
    assert subjects(found(make_site, {BUDGET: budget(reserve=reserve)}, "intäkter-kostnader")) == expected


def test_balance_counts_revenue_from_outside_the_members(make_site: SiteFactory) -> None:
    # Members give 5 022, other revenue 100: costs of 5 122 are covered (not by the members' 5 022 alone).
    assert found(make_site, {BUDGET: budget(other_revenue="100", reserve="-3742")}, "intäkter-kostnader") == []
    [diag] = found(make_site, {BUDGET: budget(other_revenue="100", reserve="-3743")}, "intäkter-kostnader")
    assert diag.message.startswith("Kostnaderna (Budget 2024, 5\u00a0123\u00a0tkr) är större än intäkterna (5\u00a0122")


def test_balance_ignores_outcome_columns(make_site: SiteFactory) -> None:
    column = "{rubrik: Utfall 2023, typ: utfall, år: 2023}"
    assert found(make_site, {BUDGET: budget(reserve="-4000", column=column)}, "intäkter-kostnader") == []


# --- eget-kapital-andel: closing equity at most 20 % of the year's member contributions ---

EQUITY = "    utgående_eget_kapital: {rubrik: Utgående eget kapital, belopp: '%s'}\n"


@pytest.mark.parametrize(
    ("equity", "warned"),
    [
        ("1004,4", False),  # exactly 20 % of 5 022
        ("1004,3", False),  # inside
        ("1004,5", True),  # just over 20 %
    ],
)
def test_equity_share_at_the_limit(make_site: SiteFactory, equity: str, warned: bool) -> None:
    diags = found(make_site, {BUDGET: budget(extra=EQUITY % equity)}, "eget-kapital-andel")
    assert [d.severity for d in diags] == (["varning"] if warned else [])


def test_equity_share_is_of_the_member_contributions_not_of_all_revenue(make_site: SiteFactory) -> None:
    # 1 100 of the members' 5 022 is 21,9 %: over. Of all revenue (5 022 + 2 000 = 7 022) it would be 15,7 %.
    files = {BUDGET: budget(other_revenue="2000", reserve="-5642", extra=EQUITY % "1100")}
    [diag] = found(make_site, files, "eget-kapital-andel")
    assert diag.message == (
        "Eget kapital vid årets slut (Budget 2024) är 1\u00a0100\u00a0tkr, 22\u00a0% av årets medlemsbidrag; "
        "rekommendationen är högst 20\u00a0%."
    )
    assert diag.line == 28  # the utgående_eget_kapital row


def test_equity_share_on_revenue_when_configured(make_site: SiteFactory) -> None:
    # With `eget_kapital_bas: intäkter` the base is all revenue, 7 022: 20 % is 1 404,4.
    forbund = forbund_with(make_site, rules="  eget_kapital_bas: intäkter\n")

    def warned(equity: str) -> list[Diagnostic]:
        files = {BUDGET: budget(other_revenue="2000", reserve="-5642", extra=EQUITY % equity), FORBUND: forbund}
        return found(make_site, files, "eget-kapital-andel")

    assert warned("1100") == []
    assert warned("1404,4") == []
    [diag] = warned("1404,5")
    assert "av årets intäkter" in diag.message


def test_equity_limit_from_the_plan_wins(make_site: SiteFactory) -> None:
    # The plan's own target of 25 %: 1 255,5 of 5 022 is exactly 25 %, 1 255,6 is over.
    plan = (make_site() / PLAN_YAML).read_text("utf-8") + "budgetmål:\n  - typ: eget_kapital_max\n    procent: 25\n"
    assert found(make_site, {BUDGET: budget(extra=EQUITY % "1255,5"), PLAN_YAML: plan}, "eget-kapital-andel") == []
    [diag] = found(make_site, {BUDGET: budget(extra=EQUITY % "1255,6"), PLAN_YAML: plan}, "eget-kapital-andel")
    assert "högst 25\u00a0%" in diag.message


def test_equity_share_uses_the_computed_equity_when_none_is_printed(make_site: SiteFactory) -> None:
    # Opening 1 100 plus a result of 0 gives 1 100 at the year's end: 21,9 % of 5 022. The printed closing row
    # is empty, so the rule has to compute it.
    extra = (
        "    resultat: {rubrik: Resultat, belopp: '0'}\n"
        "    ingående_eget_kapital: {rubrik: Ingående, belopp: '1100'}\n"
        "    utgående_eget_kapital: {rubrik: Utgående, belopp: ''}\n"
    )
    [diag] = found(make_site, {BUDGET: budget(extra=extra)}, "eget-kapital-andel")
    assert "1\u00a0100\u00a0tkr, 22\u00a0%" in diag.message


# --- beslut-senast: decided by 30 November of the year before ---


@pytest.mark.parametrize(
    ("decided", "late"), [("2023-11-30", False), ("2023-11-29", False), ("2023-12-01", True), ("2024-11-30", True)]
)
def test_decision_date_at_the_deadline(make_site: SiteFactory, decided: str, late: bool) -> None:
    plan = (make_site() / PLAN_YAML).read_text("utf-8").replace("2023-11-30", decided)
    assert len(found(make_site, {PLAN_YAML: plan}, "beslut-senast")) == int(late)


# --- tre-år: the plan year and the next two ---


@pytest.mark.parametrize(
    ("years", "wrong"),
    [
        ("[2025, 2026]", False),
        ("[2025]", True),
        ("[2025, 2027]", True),
        ("[2024, 2025]", True),
        ("[2025, 2026, 2027]", True),
        ("[]", True),
    ],
)
def test_three_years(make_site: SiteFactory, years: str, wrong: bool) -> None:
    plan = (make_site() / PLAN_YAML).read_text("utf-8").replace("planår: [2025, 2026]", f"planår: {years}")
    assert subjects(found(make_site, {PLAN_YAML: plan}, "tre-år")) == (["planår"] if wrong else [])


def test_three_years_needs_a_budget_column_for_the_plan_year(make_site: SiteFactory) -> None:
    for column in ("{rubrik: Plan 2024, typ: plan, år: 2024}", "{rubrik: Budget 2025, typ: budget, år: 2025}"):
        [diag] = found(make_site, {BUDGET: budget(column=column)}, "tre-år")
        assert diag.message == "Budgeten har ingen kolumn av typen budget för 2024, planens första år."


# --- insats-parter: at least two of the three parties ---


@pytest.mark.parametrize(
    ("parties", "count"),
    [
        ("[forsakringskassan, exempel-kommun]", None),  # two parties: the state and the kommuner
        ("[arbetsformedlingen, region-exempel]", None),
        ("[forsakringskassan, arbetsformedlingen]", 1),  # one party: FK and AF are both the state
        ("[exempel-kommun, andra-kommun]", 1),  # one party: the kommuner together
        ("[exempel-kommun]", 1),
    ],
)
def test_insats_parties_at_two(make_site: SiteFactory, parties: str, count: int | None) -> None:
    insats = (make_site() / INSATS).read_text("utf-8")
    insats = insats.replace("[forsakringskassan, exempel-kommun, region-exempel]", parties)
    files = {INSATS: insats, FORBUND: forbund_with(make_site, SECOND_KOMMUN)}
    diags = found(make_site, files, "insats-parter")
    if count is None:
        assert diags == []
    else:
        [diag] = diags
        assert f"involverar {count} av medlemsparterna" in diag.message


# --- budgetmål: the plan's own targets ---

TARGET = "budgetmål:\n  - typ: %s\n    procent: %s\n"


@pytest.mark.parametrize(
    ("admin", "reserve", "warned"),
    [
        # Costs 5 000 in all; administration 750 of them is exactly 15 %.
        ("-750", "-3655", False),
        ("-745", "-3660", False),  # 14,9 %
        ("-755", "-3650", True),  # 15,1 %
    ],
)
def test_administration_target_at_the_limit(make_site: SiteFactory, admin: str, reserve: str, warned: bool) -> None:
    plan = (make_site() / PLAN_YAML).read_text("utf-8") + TARGET % ("administration_max", "15")
    diags = found(make_site, {BUDGET: budget(admin=admin, reserve=reserve), PLAN_YAML: plan}, "budgetmål")
    assert len(diags) == int(warned)
    if warned:
        assert diags[0].message == (
            "Administrationens andel av kostnaderna (Budget 2024) är 15,1\u00a0%; planens eget mål är högst 15\u00a0%."
        )


@pytest.mark.parametrize(
    ("reserve", "warned"),
    [
        # Revenue 5 022 + 978 from outside the members = 6 000; insatser 595 + reserve. 80 % of 6 000 is 4 800.
        ("-4205", False),  # exactly 80 %
        ("-4211", False),  # 80,1 %
        ("-4199", True),  # 79,9 %
    ],
)
def test_insatser_target_is_of_all_revenue(make_site: SiteFactory, reserve: str, warned: bool) -> None:
    plan = (make_site() / PLAN_YAML).read_text("utf-8") + TARGET % ("insatser_min", "80")
    files = {BUDGET: budget(other_revenue="978", admin="-600", reserve=reserve), PLAN_YAML: plan}
    diags = found(make_site, files, "budgetmål")
    assert len(diags) == int(warned)
    if warned:
        assert diags[0].message == (
            "Insatsernas andel av intäkterna (Budget 2024) är 79,9\u00a0%; planens eget mål är minst 80\u00a0%."
        )


# --- budget-summa, budget-resultat, eget-kapital-summa: printed sums, with a rounding allowance ---


@pytest.mark.parametrize("printed", ["-5022,1", "-5021,9", "-5023", "-5021"])
def test_a_printed_sum_off_by_a_tenth_either_way_is_found(make_site: SiteFactory, printed: str) -> None:
    text = budget().replace('belopp: "-5022"}', f'belopp: "{printed}"}}')
    [diag] = found(make_site, {BUDGET: text}, "budget-summa")
    assert "men raderna ger \u22125\u00a0022\u00a0tkr" in diag.message


@pytest.mark.parametrize(("printed", "found_it"), [("-5023", False), ("-5021", False), ("-5023,1", True)])
def test_rounding_allowance_at_its_limit(make_site: SiteFactory, printed: str, found_it: bool) -> None:
    # `avrundning: 1` allows a difference of exactly 1 tkr, either way; 1,1 is found.
    forbund = forbund_with(make_site, rules="  avrundning: 1\n")
    text = budget().replace('belopp: "-5022"}', f'belopp: "{printed}"}}')
    assert len(found(make_site, {BUDGET: text, FORBUND: forbund}, "budget-summa")) == int(found_it)


@pytest.mark.parametrize(("result", "wrong"), [("0", False), ("1", True), ("-1", True), ("0,1", True)])
def test_printed_result(make_site: SiteFactory, result: str, wrong: bool) -> None:
    # Revenue 5 022 + 100 from outside the members, costs 5 022: the result is 100, not 0.
    extra = f"    resultat: {{rubrik: Resultat, belopp: '{_f(_d(result) + 100)}'}}\n"
    diags = found(make_site, {BUDGET: budget(other_revenue="100", extra=extra)}, "budget-resultat")
    assert len(diags) == int(wrong)


@pytest.mark.parametrize(("closing", "wrong"), [("850", False), ("851", True), ("849", True), ("750", True)])
def test_closing_equity_is_opening_plus_result(make_site: SiteFactory, closing: str, wrong: bool) -> None:
    # Opening 800 plus a result of 50 (revenue 5 072, costs 5 022) is 850; 750 would be opening minus the result.
    extra = (
        "    resultat: {rubrik: Resultat, belopp: '50'}\n"
        "    ingående_eget_kapital: {rubrik: Ingående, belopp: '800'}\n"
        f"    utgående_eget_kapital: {{rubrik: Utgående, belopp: '{closing}'}}\n"
    )
    diags = found(make_site, {BUDGET: budget(other_revenue="50", extra=extra)}, "eget-kapital-summa")
    assert len(diags) == int(wrong)


# --- insats-belopp: granted kronor against the budget line in tkr ---


@pytest.mark.parametrize(
    ("granted", "wrong"),
    [("595 000", False), ("594 999", False), ("595 500", False), ("594 500", False), ("595 501", True),
     ("594 499", True), ("595", True)],
)
def test_granted_amount_against_the_budget_line(make_site: SiteFactory, granted: str, wrong: bool) -> None:
    # The line is −595 tkr, i.e. 595 000 kr granted: the sign is the budget's, the unit is converted, and a figure
    # printed in whole tkr stands for anything from 594 500 to 595 500 kr (it was rounded).
    insats = (make_site() / INSATS).read_text("utf-8").replace("595 000", granted)
    assert len(found(make_site, {INSATS: insats, BUDGET: budget()}, "insats-belopp")) == int(wrong)


def test_granted_amount_is_compared_in_budget_columns_only(make_site: SiteFactory) -> None:
    # The same line in a plan column for 2024 is not the year's budget: nothing to compare.
    insats = (make_site() / INSATS).read_text("utf-8").replace("595 000", "600 000")
    column = "{rubrik: Plan 2024, typ: plan, år: 2024}"
    assert found(make_site, {INSATS: insats, BUDGET: budget(column=column)}, "insats-belopp") == []
