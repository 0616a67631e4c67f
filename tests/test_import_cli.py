"""`finsam-site import` (and `importera`) as an author runs it: the new folder, check's list, and bad input refused
with a Swedish message, exit 1 and nothing written."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import SiteFactory, run_cli, snapshot
from msoffcrypto.format.ooxml import OOXMLFile
from officefiles import plan_document, three_year_budget


def test_import_writes_the_folder_checks_it_and_lists_what_is_left(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site()
    plan, budget = plan_document(tmp_path / "Plan 2025.docx"), three_year_budget(tmp_path / "Budget 2025.xlsx")
    result = run_cli("importera", plan, budget, "--förbund", "exempel", "--år", "2025", "--site", site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    folder = site / "content" / "exempel" / "2025"
    assert (folder / "budget.yaml").is_file() and (folder / "insatser" / "01-vidare-vy.md").is_file()
    assert (site / "importerade-bilder" / "exempel" / "2025" / "inledning-bild-1.png").is_file()
    said = result.stdout + result.stderr
    assert "Kvar att göra:" in said and "[att-göra]" in said
    assert "fel [" not in said
    assert "Att se över:" in said and "i procent" in said
    again = run_cli("check", "--site", site)
    assert again.returncode == 0, again.stdout
    strict = run_cli("build", "--strict", "--site", site, "--out", tmp_path / "out")
    assert strict.returncode == 1  # the ATT GÖRA items keep it from being published


def test_import_of_a_new_forbund_writes_its_forbund_yaml(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site()
    result = run_cli("import", three_year_budget(tmp_path / "b.xlsx"), plan_document(tmp_path / "p.docx"),
                     "--forbund", "nytt", "--ar", "2025", "--site", site)
    assert result.returncode == 0, result.stdout + result.stderr
    forbund = (site / "content" / "nytt" / "forbund.yaml").read_text("utf-8")
    assert "namn: Samordningsförbundet Exempel" in forbund
    assert "id: region-exempel" in forbund and "id: exempels-kommun" in forbund
    budget = (site / "content" / "nytt" / "2025" / "budget.yaml").read_text("utf-8")
    assert "medlem: region-exempel" in budget and "medlem: staten" in budget
    assert run_cli("check", "--site", site).returncode == 0


def _refused(site: Path, *files: Path, year: str = "2025") -> str:
    before = snapshot(site)
    result = run_cli("import", *files, "--förbund", "exempel", "--år", year, "--site", site)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(site) == before  # nothing written
    return result.stdout + result.stderr


def _encrypted(source: Path, target: Path) -> Path:
    plain = io.BytesIO(source.read_bytes())
    with target.open("wb") as out:
        OOXMLFile(plain).encrypt("hemligt", out)
    return target


def test_a_password_protected_workbook_is_refused(make_site: SiteFactory, tmp_path: Path) -> None:
    locked = _encrypted(three_year_budget(tmp_path / "b.xlsx"), tmp_path / "låst.xlsx")
    text = _refused(make_site(), locked)
    assert "skyddad med lösenord" in text and "låst.xlsx" in text


def test_a_password_protected_document_is_refused(make_site: SiteFactory, tmp_path: Path) -> None:
    locked = _encrypted(plan_document(tmp_path / "p.docx"), tmp_path / "låst.docx")
    assert "skyddad med lösenord" in _refused(make_site(), locked, three_year_budget(tmp_path / "b.xlsx"))


@pytest.mark.parametrize(("name", "program", "new"), [("budget.xls", "Excel", ".xlsx"), ("plan.doc", "Word", ".docx")])
def test_old_formats_are_refused_with_how_to_save_them_anew(make_site: SiteFactory, tmp_path: Path, name: str,
                                                           program: str, new: str) -> None:
    old = tmp_path / name
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)  # an OLE compound file, as Office 97–2003
    text = _refused(make_site(), old)
    assert f"gamla {Path(name).suffix}-formatet" in text and f"Öppna den i {program}" in text and new in text


def test_an_old_workbook_renamed_to_xlsx_is_still_called_old(make_site: SiteFactory, tmp_path: Path) -> None:
    old = tmp_path / "budget.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + b"\0" * 480)
    assert "gamla .xls-formatet" in _refused(make_site(), old)


def test_a_corrupt_workbook_is_refused(make_site: SiteFactory, tmp_path: Path) -> None:
    whole = three_year_budget(tmp_path / "b.xlsx").read_bytes()
    broken = tmp_path / "trasig.xlsx"
    broken.write_bytes(whole[: len(whole) // 2])
    assert "skadad" in _refused(make_site(), broken)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(make_site: SiteFactory, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 1024 * 1024))  # 8 MB that pack to a few kB
    assert bomb.stat().st_size < 100_000
    assert "zip-bomb" in _refused(make_site(), bomb)


def test_a_workbook_with_no_budget_table_is_refused(make_site: SiteFactory, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Att göra-lista"
    wb.active["A2"] = "Ring revisorn"
    wb.save(tmp_path / "lista.xlsx")
    assert "ingen tabell som liknar en budget" in _refused(make_site(), tmp_path / "lista.xlsx")


def test_an_existing_plan_is_never_overwritten(make_site: SiteFactory, tmp_path: Path) -> None:
    text = _refused(make_site(), three_year_budget(tmp_path / "b.xlsx"), year="2024")
    assert "finns redan" in text


def test_other_files_and_missing_files_are_refused(make_site: SiteFactory, tmp_path: Path) -> None:
    (tmp_path / "plan.pdf").write_bytes(b"%PDF-1.7")
    site = make_site()
    assert "kan inte importera filer av typen `.pdf`" in _refused(site, tmp_path / "plan.pdf")
    assert "Filen finns inte" in _refused(site, tmp_path / "saknas.xlsx")
