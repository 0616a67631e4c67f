"""Importing a Word plan (.docx): sections, goals, insatser, the title page, tables, footnotes and images."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import yaml
from conftest import SiteFactory, soup
from officefiles import plan_document, three_year_budget

from finsam_site.authoring.importing.run import import_files
from finsam_site.build import build, check


def _front(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _place(site: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        target = site / "content" / "exempel" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")


def test_a_word_plan_becomes_sections_goals_and_insatser(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site()
    imported, _ = import_files(site, [plan_document(tmp_path / "plan.docx"), three_year_budget(tmp_path / "b.xlsx")],
                               "exempel", 2025)
    files = imported.files
    plan = yaml.safe_load(files["2025/plan.yaml"])
    assert plan["titel"] == "Verksamhetsplan 2025 med budget 2025 och plan 2026–2027"
    decision = (plan["status"], plan["beslutad"], plan["beslutad_av"])
    assert decision == ("beslutad", date(2024, 11, 28), "Förbundsstyrelsen")
    assert plan["planår"] == [2026, 2027]
    assert plan["styrelse"] == [
        {"namn": "Anna Andersson", "roll": "ordförande", "medlem": "region-exempel"},
        {"namn": "Bo Berg", "roll": "vice ordförande", "medlem": "exempel-kommun"},
        {"namn": "Cecilia Ceder", "roll": "ledamot", "medlem": "forsakringskassan"}]
    assert any("”Dnr 2024/15”" in n and "titelsidans" in n for n in imported.notes)
    sections = sorted(r for r in files if r.startswith("2025/avsnitt/"))
    assert sections == ["2025/avsnitt/01-inledning.md", "2025/avsnitt/02-mal.md", "2025/avsnitt/03-insatser.md",
                        "2025/avsnitt/04-budget.md"]
    front, body = _front(files["2025/avsnitt/01-inledning.md"])
    assert front == {"rubrik": "Inledning", "tabeller": ["arshjul", "forbundsstyrelsen"]}
    assert "enligt **lagen om finansiell samordning** och arbetar för att *fler ska nå arbete*." in body
    assert "[Nationella rådet](https://www.finsam.se/)" in body
    assert "- Försäkringskassan\n- Arbetsförmedlingen" in body
    assert "## 1.1 Årshjul" in body
    assert "Fotnoter:\n\n1. Lag (2003:1210) om finansiell samordning av rehabiliteringsinsatser." in body
    assert "ATT GÖRA: här stod bilden importerade-bilder/exempel/2025/inledning-bild-1.png" in body
    assert "”Karta över förbundets kommuner”" in body
    assert imported.images["importerade-bilder/exempel/2025/inledning-bild-1.png"].startswith(b"\x89PNG")
    assert yaml.safe_load(files["2025/tabeller/arshjul.yaml"]) == {
        "rubrik": "Årshjul", "kolumner": ["Månad", "Händelse"],
        "rader": [["Februari", "Årsredovisning"], ["November", "Budgetbeslut"]]}
    goal, goal_body = _front(files["2025/mal/01-fler-i-arbete.md"])
    assert goal["rubrik"] == "Fler i arbete" and goal["nummer"] == "Mål 1"
    assert goal["mått"] == [{"text": "Minst 60 deltagare går vidare till arbete eller studier.", "målvärde": "≥ 60"}]
    assert (goal["uppföljning"], goal["ansvarig"], goal["år"]) == ("Uppföljning Finsam två gånger per år.",
                                                                   "Förbundschef", 2025)
    assert "ATT GÖRA" in files["2025/mal/01-fler-i-arbete.md"]  # its kind is not stated
    assert goal_body.strip() == "Fler deltagare ska gå vidare till arbete eller studier."
    effect, _ = _front(files["2025/mal/02-minskat-beroende-av-ersattning.md"])
    assert (effect["typ"], effect["rubrik"]) == ("effektmål", "Minskat beroende av ersättning")
    table_goal, _ = _front(files["2025/mal/03-fler-unga-i-studier.md"])  # a row of the goals table
    assert table_goal["mått"] == [{"text": "Minst 20 unga börjar studera", "målvärde": "≥ 20"}]
    assert (table_goal["ansvarig"], table_goal["år"]) == ("Processledare", 2025)
    assert "2025/tabeller/malkarta.yaml" in files  # and the table as printed
    assert not any("malkarta" in r for r in files if r.startswith("2025/mal/"))
    insats, _ = _front(files["2025/insatser/01-vidare-vy.md"])
    assert insats == {
        "namn": "Vidare Vy", "typ": "individinriktad", "parter": ["forsakringskassan", "region-exempel",
                                                                  "exempel-kommun"],
        "ägare": "Exempels kommun", "period": {"start": date(2025, 1, 1), "slut": date(2026, 12, 31)},
        "beviljat": {2025: "595 000 kronor"}, "syfte": "Att rehabilitera personer som uppbär sjukpenning.",
        "ledning": "Styrgruppen består av förbundschef och enhetschefer."}
    assert not any("resurslotsen" in r for r in files if r.startswith("2025/insatser/"))
    assert any("Resurslotsen" in n and "bara i avsnittet" in n for n in imported.notes)
    budget = yaml.safe_load(files["2025/budget.yaml"])
    vidare = budget["tabeller"][0]["rader"][1]["rader"][1]["rader"][0]
    assert vidare["insats"] == "vidare-vy"
    _place(site, files)
    result = check(site)
    mine = [d for d in result.diagnostics if "/2025/" in d.path]
    assert [d for d in mine if d.severity == "fel"] == []
    assert {d.rule for d in mine} == {"att-göra"}
    out = tmp_path / "out"
    built = build(site, out)
    assert built.written
    page = soup(out / "exempel" / "2025" / "mal" / "fler-i-arbete" / "index.html")
    assert "Minst 60 deltagare" in page.get_text()


def test_a_budget_table_in_the_document_is_the_budget_when_no_workbook_is_given(make_site: SiteFactory,
                                                                                 tmp_path: Path) -> None:
    site = make_site()
    imported, _ = import_files(site, [plan_document(tmp_path / "plan.docx", budget_table=True)], "exempel", 2025)
    table = yaml.safe_load(imported.files["2025/budget.yaml"])["tabeller"][0]
    assert table["enhet"] == "tkr"
    assert [c["rubrik"] for c in table["kolumner"]] == ["Budget 2025", "Plan 2026"]
    revenue, costs = table["rader"]
    assert revenue["summa"] == {"rubrik": "Summa intäkter", "belopp": "1 000 | 1 000"}
    assert costs["rader"][0] == {"post": "Vidare Vy", "insats": "vidare-vy", "belopp": "-595 | -595"}
    assert table["resultat"]["belopp"] == "0 | 0"
    _place(site, imported.files)
    errors = [d for d in check(site).diagnostics if "/2025/" in d.path and d.severity == "fel"]
    assert errors == []


def test_a_document_without_headings_is_one_section(make_site: SiteFactory, tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Förbundet arbetar med samordnad rehabilitering för personer i behov av stöd från flera.")
    d.save(str(tmp_path / "kort.docx"))
    site = make_site()
    imported, _ = import_files(site, [tmp_path / "kort.docx"], "exempel", 2025)
    front, body = _front(imported.files["2025/avsnitt/01-inledning.md"])
    assert front["rubrik"] == "Inledning" and "samordnad rehabilitering" in body
    assert "ATT GÖRA: skriv planens titel" in imported.files["2025/plan.yaml"]
    assert any("Ingen budget importerades" in n for n in imported.notes)
    assert "medlem: region-exempel" in imported.files["2025/budget.yaml"]  # the example, on this förbund's members
    _place(site, imported.files)
    assert [d for d in check(site).diagnostics if "/2025/" in d.path and d.severity == "fel"] == []


def test_bold_lines_are_headings_in_a_document_without_heading_styles(make_site: SiteFactory, tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph().add_run("1. Inledning").bold = True
    d.add_paragraph("Förbundet arbetar med samordnad rehabilitering för personer som behöver stöd från flera.")
    d.add_paragraph().add_run("1.1 Bakgrund").bold = True
    d.add_paragraph("Lagen trädde i kraft 2004.")
    d.add_paragraph().add_run("2. Ekonomi").bold = True
    d.add_paragraph("Budgeten är i balans.")
    d.save(str(tmp_path / "fet.docx"))
    imported, _ = import_files(make_site(), [tmp_path / "fet.docx"], "exempel", 2025)
    sections = sorted(r for r in imported.files if r.startswith("2025/avsnitt/"))
    assert sections == ["2025/avsnitt/01-inledning.md", "2025/avsnitt/02-ekonomi.md"]
    assert "## 1.1 Bakgrund" in imported.files["2025/avsnitt/01-inledning.md"]
    assert any("inga rubrikformat" in n for n in imported.notes)


def test_a_template_title_in_the_properties_gives_way_to_the_title_page(make_site: SiteFactory, tmp_path: Path) -> None:
    d = docx.Document()
    d.core_properties.title = "Dokument1"
    d.sections[0].footer.paragraphs[0].text = "Samordningsförbundet Exempel, sida 1"
    d.add_paragraph("Verksamhetsplan 2025 och budget 2025–2027", style="Title")
    d.add_heading("Inledning", 1)
    d.add_paragraph("Text.")
    d.save(str(tmp_path / "mall.docx"))
    imported, _ = import_files(make_site(), [tmp_path / "mall.docx"], "exempel", 2025)
    assert yaml.safe_load(imported.files["2025/plan.yaml"])["titel"] == "Verksamhetsplan 2025 och budget 2025–2027"
    assert any("sidfoten" in n and "sida 1" in n for n in imported.notes)


def test_parties_named_together(make_site: SiteFactory, tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Insatser", 1)
    d.add_heading("Navet", 2)
    d.add_paragraph("Parter: FK, regionen och kommunerna")
    d.add_heading("Samverkan", 2)
    d.add_paragraph("Parter: samtliga parter")
    d.save(str(tmp_path / "parter.docx"))
    imported, _ = import_files(make_site(), [tmp_path / "parter.docx"], "exempel", 2025)
    navet, _ = _front(imported.files["2025/insatser/01-navet.md"])
    assert navet["parter"] == ["forsakringskassan", "region-exempel", "exempel-kommun"]
    together, _ = _front(imported.files["2025/insatser/02-samverkan.md"])
    assert together["parter"] == ["forsakringskassan", "arbetsformedlingen", "region-exempel", "exempel-kommun"]


def test_a_target_of_its_own_joins_the_measure_above_it(make_site: SiteFactory, tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Mål", 1)
    d.add_heading("Kvalitetsmål: Deltagarna är nöjda", 2)
    d.add_paragraph("Indikator: Andel deltagare som är nöjda med stödet")
    d.add_paragraph("Målvärde: 85 %")
    d.add_paragraph("Hur:")
    d.add_paragraph("Enkät till deltagarna", style="List Bullet")
    d.add_paragraph("Samtal i styrgruppen", style="List Bullet")
    d.save(str(tmp_path / "mal.docx"))
    imported, _ = import_files(make_site(), [tmp_path / "mal.docx"], "exempel", 2025)
    goal, _ = _front(imported.files["2025/mal/01-deltagarna-ar-nojda.md"])
    assert goal["typ"] == "kvalitetsmål" and goal["nummer"] == "Kvalitetsmål"
    assert goal["mått"] == [{"text": "Andel deltagare som är nöjda med stödet", "målvärde": "85 %"}]
    assert goal["hur"] == ["Enkät till deltagarna", "Samtal i styrgruppen"]
