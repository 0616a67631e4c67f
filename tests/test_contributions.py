"""Money as förbund write it: a key of the members' contributions (checked, its amounts derived and marked so),
a line for the kommuner together, "varav" parts never added twice, the units kr, tkr and mnkr, a column without a
year; pure parser tests with inline YAML, and scratch sites built for real."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import PLAN, SiteFactory, run_cli, soup

from finsam_site.build import build, check
from finsam_site.check import sums
from finsam_site.formatting import money, unit_name
from finsam_site.load.accounts import Budget
from finsam_site.load.amounts import UNIT_FACTOR
from finsam_site.load.parse import parse_yaml_file

BUDGET = f"{PLAN}/budget.yaml"
KEYED = """
tabeller:
  - rubrik: Medelstilldelning 2024
    enhet: tkr
    kolumner:
      - {rubrik: Budget 2024, typ: budget, år: 2024}
    rader:
      - grupp: Intäkter
        kategori: intäkter
        rader:
          - post: Medlemmarnas bidrag
            fördelas: ja
            belopp: 5 000
    fördelningsnyckel:
      - {medlem: staten, procent: 50}
      - {medlem: region-exempel, procent: 25}
      - {medlem: exempel-kommun, procent: 15}
      - {medlem: andra-kommun, procent: 10}
"""
TWO_KOMMUNER = (Path(__file__).parent / "fixtures/minimal/content/exempel/forbund.yaml").read_text("utf-8") + """\
  - id: andra-kommun
    namn: Andra kommun
    typ: kommun
"""


def _budget(text: str) -> Budget:
    parsed, diags = parse_yaml_file(Budget, text, "budget.yaml")
    assert parsed is not None, [d.format() for d in diags]
    return parsed.model


def test_a_key_derives_each_members_amount_from_the_line_it_splits() -> None:
    table = _budget(KEYED).tables[0]
    derived = sums.derived_contributions(table)
    assert [(k.member, amounts) for k, amounts in derived] == [
        ("staten", [Decimal("2500.0")]), ("region-exempel", [Decimal("1250.0")]),
        ("exempel-kommun", [Decimal("750.0")]), ("andra-kommun", [Decimal("500.0")])]
    assert sums.category_sums(table, "intäkter") == [Decimal(5000)]  # the derived amounts are not added to it


def test_a_varav_line_is_shown_but_never_added_twice() -> None:
    text = """
    tabeller:
      - rubrik: Budget
        enhet: kr
        kolumner: [{rubrik: Budget 2024, typ: budget, år: 2024}, {rubrik: Totalt, typ: budget}]
        rader:
          - grupp: Intäkter
            kategori: intäkter
            rader:
              - {post: Medlemsbidrag, belopp: 1 000 | 3 000}
              - {post: varav staten, medlem: staten, varav: ja, belopp: 500 | 1 500}
              - {post: Kommunerna, medlem: kommunerna, varav: ja, belopp: 250 | 750}
              - {post: Ränta, belopp: 10 | 30}
            summa: {rubrik: Summa intäkter, belopp: 1 010 | 3 030}
          - grupp: Kostnader
            kategori: kostnader
            rader:
              - {post: Insatser, kategori: insatser, belopp: 800 | 2 400}
              - {post: varav Steget, kategori: insatser, varav: ja, belopp: 300 | 900}
    """
    table = _budget("\n".join(line[4:] for line in text.splitlines())).tables[0]
    assert table.columns[1].year is None  # an amount without its year
    assert sums.row_sums(table.rows[0], 2) == [Decimal(1010), Decimal(3030)]
    assert sums.category_sums(table, "insatser") == [Decimal(800), Decimal(2400)]  # not 1 100
    assert [r.label for r in sums.contribution_lines(table)] == ["varav staten", "Kommunerna"]


def test_units_convert_and_format_each_in_its_own_way() -> None:
    assert UNIT_FACTOR == {"kr": 1, "tkr": 1000, "mnkr": 1_000_000}
    assert sums.to_kronor(Decimal("5.8"), "mnkr") == Decimal(5_800_000)
    assert money(Decimal("5.8"), "mnkr") == "5,8\u00a0mnkr"
    assert money(Decimal("1255.5"), "tkr") == "1\u00a0255,5\u00a0tkr"
    assert money(Decimal("1255500.004")) == "1\u00a0255\u00a0500\u00a0kr"
    assert unit_name("mnkr") == "miljoner kronor (mnkr)"
    # what a figure printed in tkr or mnkr may differ from kronor by, because it was rounded
    assert sums.printed_precision(Decimal("-645"), "tkr") == Decimal(500)
    assert sums.printed_precision(Decimal("0.6"), "mnkr") == Decimal(50000)
    assert sums.printed_precision(Decimal("600000"), "kr") == 0


def test_a_keyed_budget_builds_with_derived_amounts_marked(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site({BUDGET: KEYED, "content/exempel/forbund.yaml": TWO_KOMMUNER})
    out = tmp_path / "out"
    result = build(root, out, strict=False)
    assert result.written, [d.format() for d in result.diagnostics]
    page = soup(out / "exempel/2024/budget/index.html")
    derived = [[c.get_text(" ", strip=True).replace("\u00a0", " ") for c in tr.find_all(["th", "td"])]
               for tr in page.select("tr.row-härledd")]
    assert derived[0] == ["Staten (Försäkringskassan och Arbetsförmedlingen), 50 % enligt fördelningsnyckeln",
                          "2 500 (beräknat)", "50,0 %"]
    assert derived[3][0] == "Andra kommun, 10 % enligt fördelningsnyckeln"
    assert "Belopp märkta ”(beräknat)” står inte i planen" in page.select_one("p.lead").get_text()
    data = json.loads((out / "exempel/2024/data/exempel-2024-budget.json").read_text("utf-8"))
    assert data["tabeller"][0]["härledda_belopp"][2] == {"medlem": "exempel-kommun", "procent": 15,
                                                         "belopp": [750], "härledd": True}
    csv = (out / "exempel/2024/data/exempel-2024-budget.csv").read_text("utf-8-sig")
    assert ";härledd;intäkter;andra-kommun;;Budget 2024;budget;2024;500;tkr;500000;Beräknat av finsam-site" in csv


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        ("{medlem: andra-kommun, procent: 10}", "{medlem: andra-kommun, procent: 15}",
         "Fördelningsnyckelns andelar i tabellen ”Medelstilldelning 2024” är sammanlagt 105,0 %"),
        ("{medlem: staten, procent: 50}", "{medlem: staten, procent: 45}",
         "Enligt fördelningsnyckeln i ”Medelstilldelning 2024” bidrar staten med 45,0 %"),
    ],
)
def test_a_wrong_key_is_a_located_error(make_site: SiteFactory, change: str, line: str, message: str) -> None:
    root = make_site({BUDGET: KEYED.replace(change, line), "content/exempel/forbund.yaml": TWO_KOMMUNER})
    found = [d for d in check(root).diagnostics if d.rule == "fördelningsnyckel"]
    assert found and found[0].path.endswith("budget.yaml") and found[0].line >= 14, [d.format() for d in found]
    assert any(d.message.replace("\u00a0", " ").startswith(message) for d in found), [d.message for d in found]


def test_a_key_against_printed_member_rows(make_site: SiteFactory) -> None:
    """The fixture's budget prints each member's contribution (2 511 | 1 255,5 | 1 255,5 tkr): a key that says
    otherwise is reported where it says so."""
    budget = (Path(__file__).parent / "fixtures/minimal" / BUDGET).read_text("utf-8")
    keyed = budget.replace("    resultat:", "    fördelningsnyckel:\n      - {medlem: staten, procent: 50}\n"
                           "      - {medlem: region-exempel, procent: 30}\n      - {medlem: kommunerna, procent: 20}\n"
                           "    resultat:")
    found = [d for d in check(make_site({BUDGET: keyed})).diagnostics if d.rule == "fördelningsnyckel"]
    messages = [d.message.replace("\u00a0", " ") for d in found]
    assert any(m.startswith("`region-exempel` bidrar med 1 255,5 tkr av 5 022 tkr (Budget 2024), 25,0 %; "
                            "fördelningsnyckeln anger 30,0 %") for m in messages), messages
    assert any(m.startswith("`kommunerna` bidrar med") for m in messages)  # the kommuner's rows together


def test_a_line_to_split_without_a_key_and_a_misplaced_varav_are_located_errors(make_site: SiteFactory) -> None:
    text = KEYED.split("    fördelningsnyckel:")[0].replace("          - post: Medlemmarnas bidrag\n",
                                                               "          - post: Medlemmarnas bidrag\n"
                                                               "            varav: ja\n")
    result = run_cli("check", "--site", make_site({BUDGET: text}))
    assert result.returncode == 1
    assert "budget.yaml:11:20: fel [varav-plats] En `varav:`-rad är en del av posten före den" in result.stderr
    assert "budget.yaml:12:23: fel [fördelas-nyckel] Raden ska fördelas enligt tabellens fördelningsnyckel" in (
        result.stderr)


def test_parts_larger_than_their_whole_are_reported(make_site: SiteFactory) -> None:
    budget = (Path(__file__).parent / "fixtures/minimal" / BUDGET).read_text("utf-8")
    text = budget.replace("              - post: Reserverade medel\n",
                          "              - post: varav Vidare Vy i Norr\n                varav: ja\n"
                          "                belopp: -600 | -500\n              - post: Reserverade medel\n")
    found = [d for d in check(make_site({BUDGET: text})).diagnostics if d.rule.startswith("budget-")]
    assert [(d.rule, d.message) for d in found] == [
        ("budget-varav", "Varav-raderna under ”Vidare Vy” (Budget 2024) är sammanlagt −600\u00a0tkr, mer än raden "
         "själv (−595\u00a0tkr).")]  # and no budget-summa: the part is not added to Summa insatser


def test_a_member_row_for_the_kommuner_together_counts_as_their_quarter(make_site: SiteFactory) -> None:
    budget = (Path(__file__).parent / "fixtures/minimal" / BUDGET).read_text("utf-8")
    text = budget.replace("medlem: exempel-kommun", "medlem: kommunerna")
    result = check(make_site({BUDGET: text, "content/exempel/forbund.yaml": TWO_KOMMUNER}))
    assert not result.failed(strict=True), [d.format() for d in result.diagnostics]


def test_a_budget_in_mnkr_builds_and_shows_its_unit(make_site: SiteFactory, tmp_path: Path) -> None:
    text = KEYED.replace("enhet: tkr", "enhet: mnkr").replace("belopp: 5 000", "belopp: 5,8")
    out = tmp_path / "out"
    result = build(make_site({BUDGET: text, "content/exempel/forbund.yaml": TWO_KOMMUNER}), out)
    assert result.written, [d.format() for d in result.diagnostics]
    page = soup(out / "exempel/2024/budget/index.html")
    assert "(belopp i miljoner kronor (mnkr))" in page.select_one("caption").get_text(" ", strip=True)
    cells = [td.get_text(" ", strip=True) for td in page.select("tr.row-härledd td.derived")]
    assert cells[0].startswith("2,9") and cells[2].startswith("0,87")  # 5,8 × 50 % and × 15 %
    index = json.loads((out / "data/index.json").read_text("utf-8"))
    assert index["förbund"][0]["planer"][0]["nyckeltal"]["medlemsbidrag_kr"] == 5_800_000


def _regions(forbund: str) -> str:
    return forbund.replace("""  - id: region-exempel
    namn: Region Exempel
    typ: region
""", """  - id: region-exempel
    namn: Region Exempel
    typ: region
  - id: region-grannby
    namn: Region Grannby
    typ: region
""")


def test_several_regions_share_the_regions_quarter(make_site: SiteFactory) -> None:
    forbund = _regions((Path(__file__).parent / "fixtures/minimal/content/exempel/forbund.yaml").read_text("utf-8"))
    budget = (Path(__file__).parent / "fixtures/minimal" / BUDGET).read_text("utf-8").replace(
        """          - post: Region Exempel
            medlem: region-exempel
            belopp: 1 255,5 | 1 255,5
""", """          - post: Region Exempel
            medlem: region-exempel
            belopp: 627,75 | 627,75
          - post: Region Grannby
            medlem: region-grannby
            belopp: 627,75 | 627,75
""")
    result = check(make_site({BUDGET: budget, "content/exempel/forbund.yaml": forbund}))
    assert not result.failed(strict=True), [d.format() for d in result.diagnostics]
    lopsided = budget.replace("627,75 | 627,75\n          - post: Region Grannby", "1 000 | 1 000\n"
                              "          - post: Region Grannby")
    found = check(make_site({BUDGET: lopsided, "content/exempel/forbund.yaml": forbund})).diagnostics
    assert "finsam-fördelning" in {d.rule for d in found}  # the regions together are more than a quarter


def test_no_region_named_is_not_a_share_of_zero(make_site: SiteFactory) -> None:
    forbund = (Path(__file__).parent / "fixtures/minimal/content/exempel/forbund.yaml").read_text("utf-8").replace(
        "  - id: region-exempel\n    namn: Region Exempel\n    typ: region\n", "")
    budget = (Path(__file__).parent / "fixtures/minimal" / BUDGET).read_text("utf-8").replace(
        "          - post: Region Exempel\n            medlem: region-exempel\n", "          - post: Regionen\n")
    insats = (Path(__file__).parent / "fixtures/minimal" / PLAN / "insatser/01-vidare-vy.md").read_text("utf-8")
    files = {BUDGET: budget, "content/exempel/forbund.yaml": forbund,
             f"{PLAN}/insatser/01-vidare-vy.md": insats.replace(", region-exempel]", "]")}
    found = check(make_site(files)).diagnostics
    assert [d.format() for d in found] == []  # the state's 2/3 of the printed rows is not tested without a region
    no_region = TWO_KOMMUNER.replace("  - id: region-exempel\n    namn: Region Exempel\n    typ: region\n", "")
    key = KEYED.replace("      - {medlem: region-exempel, procent: 25}\n", "")
    keyed = check(make_site({**files, BUDGET: key, "content/exempel/forbund.yaml": no_region})).diagnostics
    messages = [d.message for d in keyed if d.rule == "fördelningsnyckel"]
    assert messages and not [m for m in messages if "regionen" in m], messages  # only the sum (75 %) is reported
    assert messages[0].startswith("Fördelningsnyckelns andelar i tabellen ”Medelstilldelning 2024” är sammanlagt 75,0")


def test_a_column_without_a_year_builds_and_is_kept_in_open_data(make_site: SiteFactory, tmp_path: Path) -> None:
    budget = (Path(__file__).parent / "fixtures/minimal" / BUDGET).read_text("utf-8").replace(
        "{rubrik: Plan 2025, typ: plan, år: 2025}", "{rubrik: Totalt 2024–2025, typ: plan}")
    out = tmp_path / "out"
    result = build(make_site({BUDGET: budget}), out)
    assert result.written, [d.format() for d in result.diagnostics]
    headings = [th.get_text(strip=True) for th in soup(out / "exempel/2024/budget/index.html").select("thead th")]
    assert "Totalt\u00a02024–2025" in headings or "Totalt 2024–2025" in headings
    csv = (out / "exempel/2024/data/exempel-2024-budget.csv").read_text("utf-8-sig")
    assert ";Totalt 2024–2025;plan;;1255,5;tkr;1255500;" in csv  # the year left empty


@pytest.mark.parametrize(("state", "wrong"), [("50,5", False), ("49,5", False), ("50,6", True), ("49,4", True)])
def test_a_key_at_the_tolerance(make_site: SiteFactory, state: str, wrong: bool) -> None:
    """The key's sum and the state's share within the share tolerance (0,5 percentage points) pass."""
    text = KEYED.replace("{medlem: staten, procent: 50}", f'{{medlem: staten, procent: "{state}"}}')
    found = [d for d in check(make_site({BUDGET: text, "content/exempel/forbund.yaml": TWO_KOMMUNER})).diagnostics
             if d.rule == "fördelningsnyckel"]
    assert bool(found) == wrong, [d.message for d in found]


@pytest.mark.parametrize(("part", "wrong"), [("-595", False), ("-596", True), ("-594,9", False)])
def test_varav_parts_at_their_whole(make_site: SiteFactory, part: str, wrong: bool) -> None:
    budget = (Path(__file__).parent / "fixtures/minimal" / BUDGET).read_text("utf-8")
    text = budget.replace("              - post: Reserverade medel\n",
                          f"              - post: varav lön\n                varav: ja\n"
                          f"                belopp: {part} | ~\n              - post: Reserverade medel\n")
    found = [d.rule for d in check(make_site({BUDGET: text})).diagnostics]
    assert found == (["budget-varav"] if wrong else [])
