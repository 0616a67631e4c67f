"""What a source does not say: `ej angivet` for any field, absent facts shown plainly, rules that cannot be tested,
and acknowledgements that cover exactly one finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from budgets import budget
from conftest import PLAN, SiteFactory, run_cli, soup

from finsam_site.build import check
from finsam_site.load.accounts import Table
from finsam_site.load.model import Goal, Insats, Plan
from finsam_site.load.parse import parse_markdown_file, parse_yaml_file
from finsam_site.load.unstated import is_unstated, restore_unstated, strip_unstated

INSATS = f"{PLAN}/insatser/01-vidare-vy.md"
PLAN_YAML = f"{PLAN}/plan.yaml"
BUDGET = f"{PLAN}/budget.yaml"
ACKS = f"{PLAN}/kvitteringar.yaml"
TABLE = "rubrik: T\nenhet: kr\nkolumner: [{rubrik: A, typ: budget}, {rubrik: B, typ: plan}, {rubrik: C, typ: plan}]\n"


# --- the value, in the load stage (pure) ----------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["ej angivet", "Ej angivet", "EJ ANGIVET", "  ej  angivet ", "ej angivna",
                                     "ej angiven"])
def test_the_value_is_read_whatever_its_case_and_form(written: str) -> None:
    assert is_unstated(written)


@pytest.mark.parametrize("written", ["ej", "angivet", "ej angivet än", "okänt", "", "inte angivet"])
def test_other_words_are_not_the_value(written: str) -> None:
    assert not is_unstated(written)


def test_an_unstated_field_gets_its_default_and_its_path_is_kept() -> None:
    parsed, diags = parse_markdown_file(Insats, "---\nnamn: X\nparter: ej angivet\ntyp: Ej angivet\n---\n", "i.md")
    assert diags == [] and parsed is not None
    assert (parsed.model.parties, parsed.model.kind) == (None, None)
    assert parsed.unstated == (("parter",), ("typ",))


def test_leaving_a_fact_out_says_the_same() -> None:
    parsed, diags = parse_markdown_file(Insats, "---\nnamn: X\n---\n", "i.md")
    assert diags == [] and parsed is not None and parsed.model.parties is None and parsed.unstated == ()


def test_a_list_of_only_the_value_is_the_value() -> None:
    parsed, _ = parse_markdown_file(Insats, "---\nnamn: X\nparter: [ej angivet]\n---\n", "i.md")
    assert parsed is not None and parsed.model.parties is None and parsed.unstated == (("parter",),)


def test_typed_fields_take_the_value_too() -> None:
    parsed, diags = parse_yaml_file(Plan, "titel: P\når: 2024\nplanår: ej angivet\nbeslutad: ej angivet\n", "plan.yaml")
    assert diags == [] and parsed is not None
    assert (parsed.model.plan_years, parsed.model.decided) == (None, None)


def test_a_required_field_cannot_be_unstated() -> None:
    parsed, [diag] = parse_yaml_file(Plan, "år: 2024\ntitel: ej angivet\n", "plan.yaml")
    assert parsed is None
    assert (diag.rule, diag.line, diag.column) == ("schema-saknas", 2, 8)
    assert "`titel` kan inte vara `ej angivet`" in diag.message


def test_a_misspelt_field_written_unstated_is_still_unknown() -> None:
    parsed, [diag] = parse_markdown_file(Goal, "---\nrubrik: R\nmålvärd: ej angivet\n---\n", "mal/01-r.md")
    assert parsed is None
    assert (diag.rule, diag.line, diag.column) == ("schema-okänt-fält", 3, 1)


def test_an_unstated_item_among_stated_items_is_reported_where_it_stands() -> None:
    parsed, [diag] = parse_markdown_file(Goal, "---\nrubrik: R\nhur:\n  - Samverka\n  - ej angivet\n---\n", "m.md")
    assert parsed is None
    assert (diag.rule, diag.line, diag.column) == ("schema-värde", 5, 5)
    assert "inte för en punkt i en lista" in diag.message


def test_positions_of_the_rest_stay_right() -> None:
    text = "---\nnamn: X\nparter: ej angivet\nperiod:\n  start: 2024-1-1\n---\n"
    _, [diag] = parse_markdown_file(Insats, text, "i.md")
    assert (diag.line, diag.column) == (5, 10)


@pytest.mark.parametrize("cells", ["1 | ej angivet | 3", "[1, ej angivet, 3]"])
def test_in_a_budget_row_the_value_is_an_empty_cell(cells: str) -> None:
    parsed, diags = parse_yaml_file(Table, TABLE + f"rader:\n  - post: P\n    belopp: {cells}\n", "budget.yaml")
    assert diags == [] and parsed is not None
    amounts = parsed.model.rows[0].amounts
    assert amounts is not None and amounts[1] is None and len(amounts) == 3


# --- the rules: kan inte prövas instead of a failure ----------------------------------------------------------------


def _outcome(root: Path, rule: str) -> tuple[str, list[str], list[str]]:
    result = check(root)
    [outcome] = [o for o in result.reports[PLAN].outcomes if o.rule.id == rule]
    return outcome.status, [f.subject for f in outcome.findings], outcome.untested


def _insats(name: str, parties: str) -> str:
    return f"---\nnamn: {name}\ntyp: individinriktad\nparter: {parties}\n---\n"


def test_an_insats_whose_parties_are_not_stated_is_untested_and_the_others_still_tested(make_site: SiteFactory) -> None:
    root = make_site({INSATS: _insats("Vidare Vy", "ej angivet"),
                      f"{PLAN}/insatser/02-ensam.md": _insats("Ensam", "[exempel-kommun]"),
                      f"{PLAN}/insatser/03-utan.md": "---\nnamn: Utan parter\n---\n"})
    status, subjects, untested = _outcome(root, "insats-parter")
    assert (status, subjects) == ("avvikelse", ["Ensam"])
    assert untested == ["Vidare Vy: planen anger inte insatsens parter.",
                        "Utan parter: planen anger inte insatsens parter."]


def test_a_plan_without_its_plan_years_is_untested_not_a_deviation(make_site: SiteFactory) -> None:
    plan = (make_site() / PLAN_YAML).read_text("utf-8")
    for written in ("planår: ej angivet\n", ""):
        root = make_site({PLAN_YAML: plan.replace("planår: [2025, 2026]\n", written)})
        assert _outcome(root, "tre-år") == ("kan inte prövas", [],
                                             ["Planen anger inte vilka år den omfattar efter budgetåret."])


def test_an_empty_member_cell_is_no_contribution_of_nothing(make_site: SiteFactory) -> None:
    # Plan 2025 lacks the region's contribution: that column is untested, even though the others are off 50/25/25.
    text = (make_site() / BUDGET).read_text("utf-8")
    text = text.replace("belopp: 1 255,5 | 1 255,5\n          - post: Exempels", "belopp: 1 255,5 | ~\n"
                        "          - post: Exempels", 1)
    root = make_site({BUDGET: text})
    status, subjects, untested = _outcome(root, "finsam-fördelning")
    assert (status, subjects) == ("kan inte prövas", [])
    assert untested == ["Plan 2025: medlemsbidraget från Region Exempel anges inte eller går inte att läsa."]


def test_a_budget_that_prints_no_sum_has_nothing_summed(make_site: SiteFactory) -> None:
    budget = f"tabeller:\n  - {TABLE.replace(chr(10), chr(10) + '    ').rstrip()}\n    rader:\n" \
             "      - {post: Region, medlem: region-exempel, kategori: intäkter, belopp: 1 | 2 | 3}\n"
    root = make_site({BUDGET: budget, INSATS: _insats("Vidare Vy", "[forsakringskassan, region-exempel]")})
    assert _outcome(root, "budget-summa")[0] == "ej tillämplig"


# --- acknowledgements name exactly one finding ----------------------------------------------------------------------


def _two_lonely(make_site: SiteFactory, acks: str) -> Path:
    return make_site({INSATS: _insats("Vidare Vy", "[exempel-kommun]"),
                      f"{PLAN}/insatser/02-ensam.md": _insats("Ensam", "[region-exempel]"),
                      ACKS: "kvitteringar:\n" + acks})


def test_an_acknowledgement_without_subject_does_not_cover_two_findings(make_site: SiteFactory) -> None:
    root = _two_lonely(make_site, "  - regel: insats-parter\n    förklaring: Så står det.\n")
    result = check(root)
    rules = sorted(d.rule for d in result.diagnostics if d.severity == "fel")
    assert rules == ["insats-parter", "insats-parter", "kvittering-tvetydig"]
    [diag] = [d for d in result.diagnostics if d.rule == "kvittering-tvetydig"]
    assert (diag.path, diag.line) == (ACKS, 2)
    assert "passar på 2 avvikelser (`Ensam`, `Vidare Vy`)" in diag.message
    assert 'gäller: "Ensam"' in diag.hint


def test_a_second_deviation_is_reported_beside_the_acknowledged_one(make_site: SiteFactory) -> None:
    root = _two_lonely(make_site, "  - regel: insats-parter\n    gäller: Ensam\n    förklaring: Så står det.\n")
    result = check(root)
    assert [d.message.split(" involverar")[0] for d in result.diagnostics] == ["Insatsen Vidare Vy"]
    status, subjects, _ = _outcome(root, "insats-parter")
    assert (status, sorted(subjects)) == ("avvikelse", ["Ensam", "Vidare Vy"])


def test_an_acknowledgement_of_the_only_finding_needs_no_subject(make_site: SiteFactory) -> None:
    root = make_site({INSATS: _insats("Vidare Vy", "[exempel-kommun]"),
                      ACKS: "kvitteringar:\n  - regel: insats-parter\n    förklaring: Så står det.\n"})
    assert check(root).diagnostics == []
    assert _outcome(root, "insats-parter")[0] == "avvikelse med förklaring"


def test_one_finding_is_acknowledged_once(make_site: SiteFactory) -> None:
    ack = "  - regel: insats-parter\n    gäller: Vidare Vy\n    förklaring: Så står det.\n"
    root = make_site({INSATS: _insats("Vidare Vy", "[exempel-kommun]"), ACKS: "kvitteringar:\n" + ack * 2})
    [diag] = check(root).diagnostics
    assert (diag.rule, diag.line) == ("kvittering-oanvänd", 5)
    assert "redan kvitterad" in diag.message


# --- hints ----------------------------------------------------------------------------------------------------------


def test_a_proposal_is_never_called_the_decided_plan(make_site: SiteFactory) -> None:
    plan = (make_site() / PLAN_YAML).read_text("utf-8").replace("beslutad: 2023-11-30\n", "status: förslag\n")
    root = make_site({PLAN_YAML: plan, INSATS: _insats("Vidare Vy", "[exempel-kommun]")})
    [diag] = check(root).diagnostics
    assert "den beslutade planen" not in diag.hint and "förslaget till plan" in diag.hint
    assert "parter: ej angivet" in diag.hint  # the way out when the plan names no parties at all


# --- the site, and the command line ---------------------------------------------------------------------------------


def test_the_site_shows_an_absent_fact_plainly(make_site: SiteFactory, tmp_path: Path) -> None:
    plan = (make_site() / PLAN_YAML).read_text("utf-8").replace("planår: [2025, 2026]", "planår: ej angivet")
    root = make_site({PLAN_YAML: plan, INSATS: _insats("Vidare Vy", "ej angivet")})
    out = tmp_path / "out"
    result = run_cli("build", "--site", root, "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    insats = soup(out / "exempel/2024/insatser/vidare-vy/index.html")
    [parties] = [dt.find_next("dd") for dt in insats.find_all("dt") if dt.get_text() == "Parter"]
    assert parties.get_text(strip=True) == "Uppgift saknas i planen"
    listing = soup(out / "exempel/2024/insatser/index.html").find("tbody").get_text(" ", strip=True)
    assert "Uppgift saknas i planen" in listing
    years = soup(out / "exempel/2024/index.html").find("p", class_="years").get_text(" ", strip=True)
    assert years == "Budgetår 2024. Planår därefter: uppgift saknas i planen."
    review = soup(out / "exempel/2024/granskning/index.html").get_text(" ", strip=True)
    assert "Vidare Vy: planen anger inte insatsens parter." in review


def test_check_fails_on_an_ambiguous_acknowledgement(make_site: SiteFactory) -> None:
    root = _two_lonely(make_site, "  - regel: insats-parter\n    förklaring: Så står det.\n")
    result = run_cli("check", "--site", root)
    assert result.returncode == 1
    assert f"{ACKS}:2:5: fel [kvittering-tvetydig]" in result.stdout + result.stderr


def test_a_budget_column_without_its_year_leaves_the_budget_year_untested(make_site: SiteFactory) -> None:
    text = (make_site() / BUDGET).read_text("utf-8").replace("{rubrik: Budget 2024, typ: budget, år: 2024}",
                                                             "{rubrik: Budget, typ: budget, år: ej angivet}")
    status, subjects, untested = _outcome(make_site({BUDGET: text}), "tre-år")
    assert (status, subjects) == ("kan inte prövas", [])
    assert untested == ["Budgetens kolumner av typen budget anger inte vilket år de gäller."]


FOLLOWUP = f"{PLAN}/uppfoljning.yaml"
OCCASION = "tillfällen:\n  - {id: helar-2024, namn: Årsredovisning 2024, typ: helår}\nutfall:\n"
GOAL = f"{PLAN}/mal/01-fler-i-arbete.md"


def test_follow_up_rules_with_nothing_printed_to_compare_do_not_apply(make_site: SiteFactory) -> None:
    root = make_site({FOLLOWUP: OCCASION + "  - {tillfälle: helar-2024, mål: fler-i-arbete, mått: 1, deltagare: 70}\n"})
    assert _outcome(root, "utfall-andel")[0] == "ej tillämplig"
    assert _outcome(root, "utfall-status")[0] == "ej tillämplig"


def test_a_printed_status_without_a_target_is_untested_not_a_deviation(make_site: SiteFactory) -> None:
    goal = (make_site() / GOAL).read_text("utf-8").replace('målvärde: "≥ 60"', "målvärde: ej angivet")
    outcome = "  - {tillfälle: helar-2024, mål: fler-i-arbete, mått: 1, värde: 70, status_i_rapporten: uppfyllt}\n"
    root = make_site({GOAL: goal, FOLLOWUP: OCCASION + outcome})
    assert _outcome(root, "utfall-status") == (
        "kan inte prövas", [], ["fler-i-arbete / mått 1 / Årsredovisning 2024: Måttet har inget målvärde."])


def test_a_measure_whose_target_is_not_stated_says_so(make_site: SiteFactory, tmp_path: Path) -> None:
    goal = (make_site() / GOAL).read_text("utf-8").replace('målvärde: "≥ 60"', "målvärde: ej angivet")
    out = tmp_path / "out"
    assert run_cli("build", "--site", make_site({GOAL: goal}), "--out", out).returncode == 0
    measures = soup(out / "exempel/2024/mal/fler-i-arbete/index.html").find("ul", class_="measures")
    assert "Målvärde: uppgift saknas i planen" in measures.get_text(" ", strip=True)


def test_restore_puts_the_value_back_where_it_stood() -> None:
    data = {"namn": "X", "parter": "ej angivet", "period": {"start": "2024-01-01", "slut": "Ej angivet"}}
    stripped, removed, emptied = strip_unstated(data)
    assert stripped == {"namn": "X", "period": {"start": "2024-01-01"}}
    assert restore_unstated(stripped, (*removed, *emptied)) == {
        "namn": "X", "period": {"start": "2024-01-01", "slut": "ej angivet"}, "parter": "ej angivet"}


def test_next_years_plan_keeps_what_the_source_does_not_state(make_site: SiteFactory) -> None:
    root = make_site({INSATS: _insats("Vidare Vy", "ej angivet")})
    assert run_cli("new", "plan", "exempel", "2025", "--site", root).returncode == 0
    text = (root / "content/exempel/2025/insatser/01-vidare-vy.md").read_text("utf-8")
    assert "parter: ej angivet" in text


def test_two_wrong_sums_of_the_same_name_get_subjects_of_their_own(make_site: SiteFactory) -> None:
    # Both the budget and an insats's co-financing budget print a wrong "Summa kostnader": each is acknowledged apart.
    wrong = budget().replace('Summa kostnader, belopp: "-5022"', 'Summa kostnader, belopp: "-5000"')
    insats = (
        "---\nnamn: Vidare Vy\nparter: [forsakringskassan, region-exempel]\nmedfinansiering:\n  budget:\n"
        "    rubrik: Projektbudget\n    enhet: kr\n    kolumner: [{rubrik: Totalt, typ: budget}]\n    rader:\n"
        "      - grupp: Kostnader\n        rader:\n          - {post: Lön, belopp: 100}\n"
        "        summa: {rubrik: Summa kostnader, belopp: 101}\n---\n"
    )
    _, found_subjects, _ = _outcome(make_site({BUDGET: wrong, INSATS: insats}), "budget-summa")
    assert sorted(found_subjects) == [
        "Budget: Summa kostnader / Budget 2024", "Projektbudget: Summa kostnader / Totalt"]


def test_a_budget_row_cannot_leave_out_all_its_cells() -> None:
    parsed, [diag] = parse_yaml_file(Table, TABLE + "rader:\n  - post: P\n    belopp: ej angivet\n", "budget.yaml")
    assert parsed is None
    assert (diag.line, diag.column) == (6, 5)
    assert "saknar `belopp:`" in diag.message and "skrivs en tom cell `~`" in diag.hint


def test_an_insats_on_two_budget_rows_gets_a_subject_per_row(make_site: SiteFactory) -> None:
    two = budget().replace("{post: Reserverat, belopp:", "{post: Reserverat, insats: vidare-vy, belopp:")
    _, found_subjects, _ = _outcome(make_site({BUDGET: two}), "insats-belopp")
    assert found_subjects == ["Vidare Vy / Reserverat / 2024"]


def test_a_printed_sum_whose_lines_print_nothing_is_untested(make_site: SiteFactory) -> None:
    # The source prints "Summa administration" for Plan 2025 but no line of it: the lines are not 0 kr.
    text = (make_site() / BUDGET).read_text("utf-8").replace("belopp: -785 | -790", "belopp: -785 | ~", 1)
    status, subjects, untested = _outcome(make_site({BUDGET: text}), "budget-summa")
    assert status == "avvikelse"
    assert subjects == ["Summa totala kostnader / Plan 2025"]  # its other lines print figures: a real difference
    assert untested == ["Summa administration (Plan 2025): raderna anger inga belopp."]
