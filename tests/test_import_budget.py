"""Importing a budget workbook (.xlsx): formulas become printed sums that `check` tests, headings become columns."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import SiteFactory
from officefiles import Sheet, save_with_values, three_year_budget

from finsam_site.authoring.importing.run import import_files
from finsam_site.authoring.importing.sheet import sum_refs
from finsam_site.build import check


def _import(site: Path, *files: Path, year: int = 2025) -> tuple[dict, list[str], dict[str, str]]:
    imported, _ = import_files(site, list(files), "exempel", year)
    return yaml.safe_load(imported.files[f"{year}/budget.yaml"]), imported.notes, imported.files


def _write(site: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        target = site / "content" / "exempel" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")


def test_a_three_year_budget_with_formulas_becomes_a_budget_check_accepts(make_site: SiteFactory,
                                                                           tmp_path: Path) -> None:
    site = make_site()
    data, notes, files = _import(site, three_year_budget(tmp_path / "budget.xlsx"))
    table = data["tabeller"][0]
    assert table["rubrik"] == "Budget 2025, plan 2026–2027 (tkr)"
    assert table["enhet"] == "tkr"
    assert table["kolumner"] == [{"rubrik": "Budget 2025", "typ": "budget", "år": 2025},
                                 {"rubrik": "Plan 2026", "typ": "plan", "år": 2026},
                                 {"rubrik": "Plan 2027", "typ": "plan", "år": 2027}]
    revenue, costs = table["rader"]
    assert (revenue["grupp"], revenue["kategori"]) == ("Intäkter", "intäkter")
    assert [r.get("medlem") for r in revenue["rader"]] == ["region-exempel", "exempel-kommun", "staten"]
    assert revenue["rader"][0]["belopp"] == "1 255,5 | 1 255,5 | 1 255,5"
    assert revenue["summa"] == {"rubrik": "Summa intäkter", "belopp": "5 022 | 5 022 | 5 022"}
    admin, insatser = costs["rader"]
    assert (costs["kategori"], admin["kategori"], insatser["kategori"]) == ("kostnader", "administration", "insatser")
    assert admin["summa"]["belopp"] == "-1 015 | -1 020 | -1 025"
    assert admin["rader"][0]["anm"] == "Inklusive processtöd"
    assert insatser["rader"][0]["belopp"] == "-595 | -595 | ~"
    assert costs["summa"] == {"rubrik": "Summa kostnader", "belopp": "-5 017 | -5 022 | -5 022"}
    assert table["resultat"] == {"rubrik": "Årets resultat", "belopp": "5 | 0 | 0"}
    assert table["ingående_eget_kapital"]["belopp"] == "900 | ~ | ~"
    assert table["utgående_eget_kapital"]["belopp"] == "905 | 0 | 0"
    assert "Eget kapital i procent av intäkterna: 18 % (Budget 2025)" in table["noter"]
    assert "Beloppen är i tusentals kronor" in table["noter"]
    assert any("i procent" in n for n in notes)
    assert "# - budget.xlsx, bladet ”Budget”: raden ”Eget kapital i procent av intäkterna” är i procent" in \
        files["2025/plan.yaml"]  # the notes are kept in plan.yaml, as comments
    _write(site, files)
    result = check(site)
    mine = [d for d in result.diagnostics if "/2025/" in d.path]
    assert [d for d in mine if d.severity == "fel"] == []
    assert {d.rule for d in mine} == {"att-göra"}  # the title and the decision, nothing about the figures


def test_check_tests_the_sums_the_workbook_shows(make_site: SiteFactory, tmp_path: Path) -> None:
    """A sum typed over (the shown value is not what the formula's rows add up to) is caught by check."""
    wb = openpyxl.Workbook()
    s = Sheet(wb.active, 1)
    s.text(None, "Budget 2025")
    s.text("Intäkter")
    a = s.line("Försäkringskassan", [500])
    b = s.line("Arbetsförmedlingen", [500])
    s.formula("Summa intäkter", [a, b])
    s.shown["B5"] = 1100  # as if the workbook showed another figure than its rows give
    site = make_site()
    data, _, files = _import(site, save_with_values(wb, tmp_path / "b.xlsx", {"Sheet": s.shown}))
    assert data["tabeller"][0]["rader"][0]["summa"]["belopp"] == "1 100"
    assert data["tabeller"][0]["enhet"] == "kr"
    _write(site, files)
    problems = [d for d in check(site).diagnostics if d.rule == "budget-summa" and "/2025/" in d.path]
    assert len(problems) == 1 and "1\xa0100\xa0kr" in problems[0].message


def test_hidden_rows_stay_in_the_sum_and_are_marked(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site()
    data, notes, files = _import(site, three_year_budget(tmp_path / "b.xlsx", hidden_row=True))
    assert "ATT GÖRA: raden är dold" in files["2025/budget.yaml"]
    assert any("Arvoden styrelsen" in n and "dold" in n for n in notes)
    admin = data["tabeller"][0]["rader"][1]["rader"][0]
    assert [r["post"] for r in admin["rader"]][-1] == "Arvoden styrelsen"


def test_no_unit_in_the_sheet_is_left_to_the_author(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site()
    data, _, files = _import(site, three_year_budget(tmp_path / "b.xlsx", unit_in_title=False, note=False))
    assert data["tabeller"][0]["enhet"] == "kr"
    assert "ATT GÖRA: arbetsboken anger inte enheten" in files["2025/budget.yaml"]


def test_thousands_of_kronor_under_the_table_give_the_unit(make_site: SiteFactory, tmp_path: Path) -> None:
    data, _, _ = _import(make_site(), three_year_budget(tmp_path / "b.xlsx", unit_in_title=False))
    assert data["tabeller"][0]["enhet"] == "tkr"


def test_year_headings_without_a_kind_are_marked_for_the_author(make_site: SiteFactory, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    s = Sheet(wb.active, 2)
    s.text("Budget (kr)")
    s.text(None, "2024", "2025")
    s.line("Försäkringskassan", [500, 500])
    s.line("Konsulter", [-200, -300])
    site = make_site()
    data, _, files = _import(site, save_with_values(wb, tmp_path / "b.xlsx", {}))
    columns = data["tabeller"][0]["kolumner"]
    assert [(c["typ"], c["år"]) for c in columns] == [("utfall", 2024), ("budget", 2025)]
    assert files["2025/budget.yaml"].count("säger inte om kolumnen") == 2
    assert data["tabeller"][0]["enhet"] == "kr"


def test_a_formula_without_a_saved_value_is_computed_and_named(make_site: SiteFactory, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    s = Sheet(wb.active, 1)
    s.text(None, "Budget 2025")
    a = s.line("Försäkringskassan", [500])
    b = s.line("Arbetsförmedlingen", [250])
    s.formula("Summa", [a, b])
    wb.save(tmp_path / "b.xlsx")  # no saved values: never opened in a spreadsheet
    data, notes, _ = _import(make_site(), tmp_path / "b.xlsx")
    assert data["tabeller"][0]["rader"][0]["summa"]["belopp"] == "750"
    assert any("inget sparat värde" in n for n in notes)


@pytest.mark.parametrize(("formula", "refs"), [
    ("SUM(B2:B4)", [(1, 1, 1), (1, 2, 1), (1, 3, 1)]),
    ("B2+B3-B4", [(1, 1, 1), (1, 2, 1), (-1, 3, 1)]),
    ("-SUM(B2:B3)+C9", [(-1, 1, 1), (-1, 2, 1), (1, 8, 2)]),
    ("SUBTOTAL(9,$B$2:$B$3)", [(1, 1, 1), (1, 2, 1)]),
    ("of:=SUM([.B2:.B3];[.B5])", [(1, 1, 1), (1, 2, 1), (1, 4, 1)]),
    ("B2*1.02", None),
    ("SUM(B2:B3)/2", None),
    ("AVERAGE(B2:B3)", None),
    ("Blad2!B3+B4", None),
    ("[1]Budget!B3", None),
    ("of:=[$Blad2.B3]+[.B4]", None),
    ("SUBTOTAL(1,B2:B3)", None),
])
def test_sum_formulas_are_read_and_others_are_not(formula: str, refs: list[tuple[int, int, int]] | None) -> None:
    found = sum_refs(formula)
    assert (list(found) if found is not None else None) == refs


def test_figures_typed_as_text_are_figures(make_site: SiteFactory, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    s = Sheet(wb.active, 1)
    s.text(None, "Budget 2025")
    s.text("Försäkringskassan", "1 255 500")  # typed with spaces: a text cell to Excel
    s.text("Arbetsförmedlingen", "-12,5")
    s.text("Summa", "1 255 487,5")
    data, _, _ = _import(make_site(), save_with_values(wb, tmp_path / "b.xlsx", {}))
    group = data["tabeller"][0]["rader"][0]
    assert [r["belopp"] for r in group["rader"]] == ["1 255 500", "-12,5"]
    assert group["summa"] == {"rubrik": "Summa", "belopp": "1 255 487,5"}


def test_the_unit_in_the_heading_row_and_notes_in_comments_and_cells(make_site: SiteFactory, tmp_path: Path) -> None:
    from openpyxl.comments import Comment

    wb = openpyxl.Workbook()
    s = Sheet(wb.active, 2)
    s.text("Tkr", "Budget 2025", "Plan 2026")
    s.line("Försäkringskassan", [500, 500])
    row = s.line("Konsulter", [-200, None])
    wb.active.cell(row, 3, "se not 1")
    wb.active.cell(row, 2).comment = Comment("Upphandlas under våren.", "kansliet")
    data, notes, _ = _import(make_site(), save_with_values(wb, tmp_path / "b.xlsx", {}))
    table = data["tabeller"][0]
    assert table["enhet"] == "tkr"
    line = table["rader"][1]
    assert line["belopp"] == "-200 | ~"
    assert "Upphandlas under våren." in line["anm"] and "se not 1" in line["anm"]
    assert any("”se not 1”" in n for n in notes)


def test_every_sheet_with_a_table_is_a_table_and_the_others_are_named(make_site: SiteFactory, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    first = Sheet(wb.active, 1)
    wb.active.title = "Drift"
    first.text(None, "Budget 2025")
    first.line("Försäkringskassan", [500])
    second = wb.create_sheet("Projekt")
    s = Sheet(second, 2)
    s.text("Projekt Navet", "Budget 2025", "Plan 2026")
    s.line("Lön", [-300, -300])
    wb.create_sheet("Anteckningar")["A1"] = "Att ringa revisorn"
    hidden = wb.create_sheet("Hjälp")
    hidden["A1"], hidden["B1"], hidden["A2"], hidden["B2"] = "x", "Budget 2025", "y", 1
    hidden.sheet_state = "hidden"
    data, notes, _ = _import(make_site(), save_with_values(wb, tmp_path / "b.xlsx", {}))
    assert [t["rubrik"] for t in data["tabeller"]] == ["Drift", "Projekt Navet"]
    assert any("”Anteckningar”" in n and "importerades inte" in n for n in notes)
    assert any("”Hjälp”" in n and "dolt" in n for n in notes)


def test_costs_printed_positive_and_a_result_that_subtracts_them(make_site: SiteFactory, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    s = Sheet(wb.active, 1)
    s.text("Budget 2025", None)
    s.text(None, "Budget 2025")
    s.text("Intäkter")
    fk = s.line("Försäkringskassan/Arbetsförmedlingen", [500])
    region = s.line("Region Exempel", [250])
    kommun = s.line("Exempels kommun", [250])
    revenue = s.formula("Summa intäkter", [fk, region, kommun])
    s.text("Kostnader")
    office = s.line("Kansli", [300])
    work = s.line("Insatser", [600])
    costs = s.formula("Summa kostnader", [office, work])
    s.formula("Överskott", [revenue, costs], [1, -1])
    site = make_site()
    data, _, files = _import(site, save_with_values(wb, tmp_path / "b.xlsx", {"Sheet": s.shown}))
    table = data["tabeller"][0]
    assert table["resultat"] == {"rubrik": "Överskott", "belopp": "100"}
    assert [r["kategori"] for r in table["rader"]] == ["intäkter", "kostnader"]
    _write(site, files)
    assert [d for d in check(site).diagnostics if "/2025/" in d.path and d.severity == "fel"] == []


def test_a_plan_year_without_a_budget_column_is_questioned(make_site: SiteFactory, tmp_path: Path) -> None:
    _, _, files = _import(make_site(), three_year_budget(tmp_path / "b.xlsx"), year=2027)
    assert "ATT GÖRA: ingen kolumn är budgeten för 2027" in files["2027/budget.yaml"]
    _, _, files = _import(make_site(), three_year_budget(tmp_path / "c.xlsx"))
    assert "ingen kolumn är budgeten" not in files["2025/budget.yaml"]
