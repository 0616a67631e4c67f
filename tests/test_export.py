"""`finsam-site export MAPP`: the Uppföljning Finsam sheet of every förbund (authoring/export.py,
compute/registration.py), built from real content into a temporary folder and read back."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

from conftest import REPO, SiteFactory, run_cli, soup

from finsam_site.authoring.export import COLUMNS

PLAN_2025 = """
titel: Verksamhetsplan 2025, budget 2025 och plan 2026–2027
år: 2025
planår: [2026, 2027]
beslutad: 2024-11-28
vision: Alla har en plats i arbetslivet.
"""
INSATS_2025 = """
---
namn: "=Vidare Vy"
typ: strukturinriktad
parter: [forsakringskassan, exempel-kommun, region-exempel]
ägare: Exempels kommun
period:
  start: 2024-01-01
  slut: löpande
beviljat:
  2025: 595 000 kronor
uppföljning: Följs upp i Uppföljning Finsam.
medfinansiering:
  finansiärer: Europeiska socialfonden 54 %
---
Insatsen pågår.
"""


def _two_plans(make_site: SiteFactory) -> Path:
    """The fixture's plan 2024 and a plan 2025 whose insats changes inriktning and ESF financing."""
    root = make_site()
    plan = root / "content/exempel/2025"
    (plan / "insatser").mkdir(parents=True)
    (plan / "plan.yaml").write_text(PLAN_2025.lstrip(), "utf-8")
    (plan / "insatser/01-vidare-vy.md").write_text(INSATS_2025.lstrip(), "utf-8")
    budget = (root / "content/exempel/2024/budget.yaml").read_text("utf-8")
    (plan / "budget.yaml").write_text(budget.replace("2025", "2026").replace("2024", "2025"), "utf-8")
    return root


def _rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_a_row_per_insats_of_every_plan_with_the_registrations_fields(make_site: SiteFactory, tmp_path: Path) -> None:
    root = _two_plans(make_site)
    result = run_cli("export", "--site", root, tmp_path / "blanketter")
    assert result.returncode == 0, result.stderr
    rows = _rows(tmp_path / "blanketter/exempel/uppfoljning-finsam.csv")
    assert list(rows[0]) == COLUMNS
    assert [(r["plan"], r["insats"]) for r in rows] == [("2024", "vidare-vy"), ("2025", "vidare-vy")]
    first, later = rows
    assert first["namn"] == "Vidare Vy" and first["inriktning"] == "individinriktad" and first["esf"] == "nej"
    assert (first["start"], first["slut"], first["budget_kr"]) == ("2024-01-01", "2025-12-31", "595000")
    assert first["parter"] == "Försäkringskassan, Exempels kommun, Region Exempel"
    assert first["uppföljningsmetod"] == "" and first["varning"] == ""  # the fixture's plan states no follow-up
    assert later["namn"] == "'=Vidare Vy"  # Excel would run it as a formula
    assert (later["inriktning"], later["esf"], later["slut"]) == ("strukturövergripande", "ja", "löpande")
    assert later["uppföljningsmetod"] == "Följs upp i Uppföljning Finsam."
    assert "inriktningen strukturövergripande i planen 2025 men individinriktad i planen 2024" in later["varning"]
    assert "är ESF-finansierad i planen 2025 men var inte det i planen 2024" in later["varning"]


def test_a_changed_field_is_a_located_warning_on_the_console(make_site: SiteFactory, tmp_path: Path) -> None:
    result = run_cli("export", "--site", _two_plans(make_site), tmp_path / "ut")
    assert result.returncode == 0
    assert ("content/exempel/2025/insatser/01-vidare-vy.md:3:6: varning [uppföljning-finsam-ändrad] Insatsen "
            "`=Vidare Vy` har inriktningen strukturövergripande") in result.stderr
    assert "content/exempel/2025/insatser/01-vidare-vy.md:13:3: varning [uppföljning-finsam-ändrad]" in result.stderr
    assert "Exporten är klar: inga fel, 2 varningar." in result.stderr


def test_the_page_for_the_staff_shows_each_plan_and_the_warnings(make_site: SiteFactory, tmp_path: Path) -> None:
    assert run_cli("export", "--site", _two_plans(make_site), tmp_path / "ut").returncode == 0
    page = soup(tmp_path / "ut/exempel/uppfoljning-finsam.html")
    assert page.html is not None and page.html["lang"] == "sv"
    assert page.h1 is not None and page.h1.get_text() == "Uppföljning Finsam – Samordningsförbundet Exempel"
    assert [h.get_text() for h in page.find_all("h2")] == ["Planen 2024", "Planen 2025"]
    first, later = (t.find("tbody").find_all("tr") for t in page.find_all("table"))
    cells = [re.sub(r"[ \t\n]+", " ", c.get_text(" ")).strip() for c in first[0].find_all(["th", "td"])]
    assert cells == ["Vidare Vy", "individinriktad", "anges inte i planen", "nej", "1 januari 2024 – 31 december 2025",
                     "Försäkringskassan, Exempels kommun, Region Exempel", "595\u00a0000\u00a0kr"]
    assert "Varning: Insatsen `=Vidare Vy` har inriktningen strukturövergripande" in later[0].th.get_text()


def test_the_repositorys_content_gives_a_row_per_insats_of_every_plan(tmp_path: Path) -> None:
    result = run_cli("export", "--site", REPO, tmp_path / "ut")
    assert result.returncode == 0, result.stderr
    for forbund in sorted(p for p in (REPO / "content").iterdir() if (p / "forbund.yaml").is_file()):
        insatser = sorted((plan.name, f.stem.split("-", 1)[1]) for plan in forbund.iterdir()
                          for f in (plan / "insatser").glob("*.md"))
        rows = _rows(tmp_path / "ut" / forbund.name / "uppfoljning-finsam.csv")
        assert sorted((r["plan"], r["insats"]) for r in rows) == insatser, forbund.name
        assert all(r["namn"] and r["inriktning"] in ("individinriktad", "strukturövergripande", "") for r in rows)


def test_the_sheets_are_never_written_into_a_built_site(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site()
    assert run_cli("build", "--site", root).returncode == 0
    result = run_cli("export", "--site", root, root / "output/blanketter")
    assert result.returncode == 1
    assert "fel [export-mapp]" in result.stderr and "blanketterna är för förbundet" in result.stderr
    assert not (root / "output/blanketter").exists()


def test_nothing_is_written_when_the_content_has_an_error(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site({"content/exempel/2024/insatser/01-vidare-vy.md": "---\nägare: Trasig\n---\n"})  # no namn
    result = run_cli("export", "--site", root, tmp_path / "ut")
    assert result.returncode == 1 and "fel [schema-saknas]" in result.stderr
    assert not (tmp_path / "ut").exists()
    shutil.rmtree(root)


ANNUAL = Path(__file__).parent / "fixtures" / "arsredovisning"  # an invented årsredovisning of the fixture's förbund


def _with_annual_report(make_site: SiteFactory) -> Path:
    root = make_site()
    shutil.copytree(ANNUAL, root / "content/exempel/2024-arsredovisning")
    return root


def _rs(path: Path) -> dict[str, dict[str, str]]:
    return {r["rad"]: r for r in _rows(path)}


def test_the_rakenskapssammandrag_has_each_figure_with_its_source_line(make_site: SiteFactory, tmp_path: Path) -> None:
    result = run_cli("export", "--site", _with_annual_report(make_site), tmp_path / "ut")
    assert result.returncode == 0, result.stderr
    assert "Uppföljning Finsam för 1 förbund, Räkenskapssammandraget för 1 årsredovisning." in result.stderr
    rows = _rs(tmp_path / "ut/exempel/2024-rakenskapssammandrag.csv")
    source = "content/exempel/2024-arsredovisning/ekonomi.yaml"
    expected = {  # (amount in kronor, the line of ekonomi.yaml), the utfall column of 2024 in tkr
        "Verksamhetens intäkter": ("5022000", f"{source}:8: Verksamhetens intäkter"),
        "Verksamhetens kostnader": ("4800000", f"{source}:20: Verksamhetens kostnader"),  # printed as -900, -3900
        "Årets resultat": ("222000", f"{source}:28: Årets resultat"),
        "Summa tillgångar": ("2000000", f"{source}:35: Tillgångar"),
        "Omsättningstillgångar": ("2000000", f"{source}:38: Omsättningstillgångar"),
        "därav kassa och bank": ("1700000", f"{source}:42: Kassa och bank"),
        "Eget kapital": ("1500000", f"{source}:44: Eget kapital"),
        "Kortfristiga skulder": ("500000", f"{source}:52: Kortfristiga skulder"),
        "Summa skulder och avsättningar": ("500000", f"{source}:49: Skulder"),
    }
    for line, (amount, where) in expected.items():
        assert (rows[line]["belopp_kr"], rows[line]["källa"], rows[line]["saknas"]) == (amount, where, ""), line
    sections = [r["avsnitt"] for r in _rows(tmp_path / "ut/exempel/2024-rakenskapssammandrag.csv")]
    assert sections == sorted(sections, key=["Resultaträkning", "Balansräkning"].index)  # grouped as the form


def test_the_rakenskapssammandrag_says_which_figures_the_model_lacks(make_site: SiteFactory, tmp_path: Path) -> None:
    assert run_cli("export", "--site", _with_annual_report(make_site), tmp_path / "ut").returncode == 0
    rows = _rs(tmp_path / "ut/exempel/2024-rakenskapssammandrag.csv")
    lacking = {line: r["saknas"] for line, r in rows.items() if r["belopp_kr"] == ""}
    assert lacking == {
        "därav personalkostnader (konto 57)": "ekonomi.yaml har inga kontonummer",
        "därav förändring av pensionsavsättningar (konto 572)": "ekonomi.yaml har inga kontonummer",
        "Avskrivningar": "ekonomi.yaml har ingen kategori för avskrivningar",
        "Finansiella intäkter": "ekonomi.yaml har ingen kategori för finansiella poster",
        "Finansiella kostnader": "ekonomi.yaml har ingen kategori för finansiella poster",
        "Anläggningstillgångar": "ekonomi.yaml har ingen rad ”anläggningstillgångar” med utfall 2024",
        "Avsättningar för pensioner (kontogrupp 221–222)": "ekonomi.yaml har ingen rad ”avsättningar för pensioner” "
        "eller ”avsättningar till pensioner” eller ”pensionsavsättningar” med utfall 2024",
        "Övriga avsättningar (kontogrupp 22 utom 221–222)": "ekonomi.yaml har ingen rad ”övriga avsättningar” med "
        "utfall 2024",
        "Långfristiga skulder": "ekonomi.yaml har ingen rad ”långfristiga skulder” med utfall 2024",
    }
    page = soup(tmp_path / "ut/exempel/2024-rakenskapssammandrag.html")
    assert [h.get_text() for h in page.find_all("h2")] == ["Resultaträkning", "Balansräkning"]
    assert "SCB:s radnummer för året är inte kontrollerade" in page.get_text()  # the edition it follows
    kassa = next(tr for tr in page.find_all("tr") if tr.th and tr.th.get_text() == "därav kassa och bank")
    assert "1\u00a0700\u00a0000\u00a0kr" in kassa.get_text() and "ekonomi.yaml:42" in kassa.get_text()


def test_a_site_without_an_arsredovisning_has_no_rakenskapssammandrag(make_site: SiteFactory, tmp_path: Path) -> None:
    assert run_cli("export", "--site", make_site(), tmp_path / "ut").returncode == 0
    assert sorted(p.name for p in (tmp_path / "ut/exempel").iterdir()) == [
        "uppfoljning-finsam.csv", "uppfoljning-finsam.html"]


def test_the_example_arsredovisning_gives_its_rakenskapssammandrag(tmp_path: Path) -> None:
    result = run_cli("export", "--site", REPO / "examples/dokument", tmp_path / "ut")
    assert result.returncode == 0, result.stderr
    rows = _rs(tmp_path / "ut/exempel/2024-rakenskapssammandrag.csv")
    given = {line for line, r in rows.items() if r["belopp_kr"]}
    assert {"Verksamhetens intäkter", "Verksamhetens kostnader", "Årets resultat", "Summa tillgångar",
            "Eget kapital"} <= given
    assert all(r["källa"].startswith("content/exempel/2024-arsredovisning/ekonomi.yaml:") for line, r in rows.items()
               if line in given)
    assert all(r["saknas"] for line, r in rows.items() if line not in given)
