"""Membership and organisation over time: members with a period, predecessors and successors (mergers), and the
comparison across förbund that counts each förbund once a year; pure parser tests with inline YAML, and scratch
sites built for real."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import PLAN, SiteFactory, add_second_forbund, run_cli, soup

from finsam_site.build import build, check
from finsam_site.load.forbund import Forbund
from finsam_site.load.parse import parse_yaml_file

FORBUND = "content/exempel/forbund.yaml"
MEMBERS = """
namn: Samordningsförbundet Exempel
kortnamn: Exempel
bildat: 2008-01-01
medlemmar:
  - {id: forsakringskassan, namn: Försäkringskassan, typ: försäkringskassan}
  - {id: arbetsformedlingen, namn: Arbetsförmedlingen, typ: arbetsförmedlingen}
  - {id: region-exempel, namn: Region Exempel, typ: region}
  - id: exempel-kommun
    namn: Exempels kommun
    typ: kommun
    från: 2019
  - id: gamla-kommun
    namn: Gamla kommun
    typ: kommun
    till: 2023-12-31
    anm: Gick över till ett annat förbund.
"""


def _text(tag: Any) -> str:
    return str(tag.get_text(" ", strip=True)).replace("\xa0", " ")


def _forbund(text: str) -> tuple[Forbund | None, list[str]]:
    parsed, diags = parse_yaml_file(Forbund, text, "forbund.yaml")
    return (parsed.model if parsed else None), [d.format() for d in diags]


def test_a_member_has_a_period_in_years_or_dates() -> None:
    info, problems = _forbund(MEMBERS)
    assert info is not None, problems
    assert [m.id for m in info.members_in(2018)] == ["forsakringskassan", "arbetsformedlingen", "region-exempel",
                                                     "gamla-kommun"]
    assert [m.id for m in info.members_in(2024)][-1] == "exempel-kommun"  # Gamla kommun left at the end of 2023
    assert "gamla-kommun" in [m.id for m in info.members_in(2023)]  # a member in its last year
    assert [(str(when), change, m.id) for when, change, m in info.member_changes] == [
        ("2019", "gick med", "exempel-kommun"), ("2023-12-31", "lämnade", "gamla-kommun")]
    assert info.members[3].period == "från 2019" and info.members[4].period == "till 2023"


def test_a_member_who_leaves_before_joining_is_an_error() -> None:
    text = MEMBERS.replace("    från: 2019", "    från: 2019\n    till: 2017")
    info, problems = _forbund(text)
    assert info is None
    assert any("lämnar (2017) före den går med (2019)" in p for p in problems), problems


def test_a_successor_without_id_or_name_is_an_error() -> None:
    info, problems = _forbund(MEMBERS + "efterträdare:\n  - datum: 2025\n")
    assert info is None and any("Ange förbundets id med `förbund:`" in p for p in problems), problems


def test_a_budget_row_of_a_member_not_a_member_that_year_is_a_located_error(make_site: SiteFactory) -> None:
    budget = (Path(__file__).parent / "fixtures/minimal" / PLAN / "budget.yaml").read_text("utf-8")
    root = make_site({FORBUND: MEMBERS.replace("från: 2019", "från: 2025"), f"{PLAN}/budget.yaml": budget})
    result = check(root)
    found = [d for d in result.diagnostics if d.rule == "medlem-år"]
    assert [(d.path.rsplit("/", 1)[-1], d.line) for d in found] == [("budget.yaml", 15), ("01-vidare-vy.md", 4)]
    assert "`exempel-kommun` (Exempels kommun) var inte medlem i förbundet 2024" in found[0].message
    assert "från 2025" in found[0].message and "`från:`/`till:`" in found[0].hint
    assert found[1].message.startswith("Parten `exempel-kommun`")  # the same member as a party of the insats


def test_a_member_of_the_year_passes_and_the_page_shows_the_changes(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site({FORBUND: MEMBERS})
    out = tmp_path / "out"
    result = build(root, out, strict=True)
    assert result.written, [d.format() for d in result.diagnostics]
    page = soup(out / "exempel/index.html")
    items = [li.get_text(" ", strip=True) for li in page.select("ul.member-changes li")]
    assert items == ["2019: Exempels kommun gick med.",
                     "31 december 2023: Gamla kommun lämnade förbundet (sista dagen som medlem)."]
    members = page.get_text(" ", strip=True)
    assert "Exempels kommun (medlem från 2019)" in members and "Gamla kommun (medlem till 2023)" in members


MERGED = (Path(__file__).parent / "fixtures/minimal" / FORBUND).read_text("utf-8").replace(
    "Samordningsförbundet Exempel", "Samordningsförbundet Grannby").replace(
    "kortnamn: Exempel", "kortnamn: Grannby") + """
efterträdare:
  - förbund: exempel
    datum: 2024-01-01
    eget_kapital: 1 200 000 kr
"""


def test_a_merger_is_linked_both_ways_and_counted_once_a_year(make_site: SiteFactory, tmp_path: Path) -> None:
    root = add_second_forbund(make_site())
    (root / "content/grannby/forbund.yaml").write_text(MERGED, "utf-8")
    out = tmp_path / "out"
    result = build(root, out)
    assert result.written, [d.format() for d in result.diagnostics]
    old = _text(soup(out / "grannby/index.html").select_one("ul.successions"))
    assert old == ("Efterträdare: Samordningsförbundet Exempel (sammanslagningen gäller från 1 januari 2024; eget "
                   "kapital som fördes över: 1 200 000 kr).")
    new = soup(out / "exempel/index.html").select_one("ul.successions")
    assert new.a is not None and new.a["href"] == "../grannby/index.html"
    assert new.get_text(" ", strip=True).startswith("Föregångare: Samordningsförbundet Grannby (")
    compare = soup(out / "jamfor/index.html")
    rows = [tr.th.get_text(strip=True) for tr in compare.select("tbody tr")]
    assert rows == ["Exempel"]  # Grannby's plan for 2024 is not counted: it merged into Exempel on 1 January 2024
    assert "Räknas inte för 2024: Grannby." in compare.select_one("p.note").get_text()
    index = json.loads((out / "data/index.json").read_text("utf-8"))
    counted = {f["id"]: [p["räknas_i_summor"] for p in f["planer"]] for f in index["förbund"]}
    assert counted == {"exempel": [True], "grannby": [False]}
    assert index["förbund"][1]["efterträdare"][0]["eget_kapital"] == 1200000


def test_a_merger_in_mid_year_counts_the_old_förbund_that_year(make_site: SiteFactory, tmp_path: Path) -> None:
    root = add_second_forbund(make_site())
    (root / "content/grannby/forbund.yaml").write_text(MERGED.replace("2024-01-01", "2024-07-01"), "utf-8")
    out = tmp_path / "out"
    assert build(root, out).written
    compare = soup(out / "jamfor/index.html")
    assert [tr.th.get_text(strip=True) for tr in compare.select("tbody tr")] == ["Grannby"]
    assert "Räknas inte för 2024: Exempel." in compare.select_one("p.note").get_text()


def test_the_comparison_totals_each_year_once(make_site: SiteFactory, tmp_path: Path) -> None:
    root = add_second_forbund(make_site())
    out = tmp_path / "out"
    assert build(root, out).written
    foot = soup(out / "jamfor/index.html").select_one("tfoot tr")
    cells = [_text(c) for c in foot.find_all(["th", "td"])]
    assert cells[0] == "Samtliga (2 förbund)"
    assert cells[1] == "10 044 000 kr" and cells[2] == "10 044 000 kr"  # 2 × 5 022 tkr
    assert cells[6] == "2"  # one insats in each


def test_an_unknown_successor_is_a_located_error(make_site: SiteFactory) -> None:
    root = make_site({FORBUND: MEMBERS + "efterträdare:\n  - förbund: grannbi\n"})
    result = run_cli("check", "--site", root)
    assert result.returncode == 1
    assert "forbund.yaml:18:14: fel [ref-förbund] Förbundet `grannbi` finns inte på webbplatsen." in result.stderr


def test_a_merger_states_its_date_and_equity_in_any_unit() -> None:
    info, problems = _forbund(MEMBERS + "föregångare:\n  - namn: Samordningsförbundet Södra\n    datum: 2025\n"
                              "    eget_kapital: 1,2 mnkr\n  - förbund: norra\n    eget_kapital: 640 tkr\n")
    assert info is not None, problems
    assert [(p.name, p.forbund, p.effective, p.equity) for p in info.predecessors] == [
        ("Samordningsförbundet Södra", None, 2025, 1_200_000), ("", "norra", None, 640_000)]


def test_a_merger_stated_by_both_förbund_is_one_link_and_a_different_date_a_warning(make_site: SiteFactory,
                                                                                    tmp_path: Path) -> None:
    root = add_second_forbund(make_site())
    (root / "content/grannby/forbund.yaml").write_text(MERGED, "utf-8")
    forbund = root / FORBUND
    forbund.write_text(forbund.read_text("utf-8") + "föregångare:\n  - förbund: grannby\n    anm: Enligt beslut.\n",
                       "utf-8")
    out = tmp_path / "out"
    result = build(root, out, strict=True)
    assert result.written, [d.format() for d in result.diagnostics]
    items = soup(out / "exempel/index.html").select("ul.successions li")
    text = items[0].get_text().replace("\u00a0", " ")
    assert len(items) == 1 and text.endswith("eget kapital som fördes över: 1 200 000 kr). Enligt beslut.")
    forbund.write_text(forbund.read_text("utf-8").replace("    anm: Enligt beslut.\n", "    datum: 2025\n"), "utf-8")
    found = [d for d in check(root).diagnostics if d.rule == "ref-förbund"]
    assert sorted((d.path.split("/")[1], d.severity, d.message) for d in found) == [  # each side, located
        ("exempel", "varning", "Sammanslagningen med `grannby` har ett annat datum i dess forbund.yaml."),
        ("grannby", "varning", "Sammanslagningen med `exempel` har ett annat datum i dess forbund.yaml.")]
