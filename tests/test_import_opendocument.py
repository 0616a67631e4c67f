"""Importing LibreOffice's formats: a Calc budget (.ods) and a Writer plan (.odt), read with odfpy."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import SiteFactory
from officefiles import ods_budget, plan_odt

from finsam_site.authoring.importing.run import import_files
from finsam_site.build import check


def test_a_calc_budget_and_a_writer_plan_become_a_plan_check_accepts(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site()
    imported, _ = import_files(site, [plan_odt(tmp_path / "plan.odt"), ods_budget(tmp_path / "budget.ods")],
                               "exempel", 2025)
    table = yaml.safe_load(imported.files["2025/budget.yaml"])["tabeller"][0]
    assert table["enhet"] == "kr"
    assert [c["rubrik"] for c in table["kolumner"]] == ["Budget 2025", "Plan 2026", "Plan 2027"]
    revenue, costs = table["rader"]
    assert revenue["summa"]["belopp"] == "2 000 000 | 2 000 000 | 2 000 000"
    assert [r["medlem"] for r in revenue["rader"]] == ["forsakringskassan", "region-exempel", "exempel-kommun"]
    assert [r["post"] for r in costs["rader"]] == ["Kansli", "Insatser", "Hjälprad"]  # the hidden row is in the sum
    assert "ATT GÖRA: raden är dold" in imported.files["2025/budget.yaml"]
    assert table["resultat"]["belopp"] == "0 | 0 | 0"
    _, front, body = imported.files["2025/avsnitt/01-inledning.md"].split("---\n", 2)
    assert yaml.safe_load(front) == {"rubrik": "Inledning", "tabeller": ["arshjul"]}
    assert "följer **lagen** och *rådets* råd, se [finsam.se](https://www.finsam.se/)\\[1\\]" in body
    assert "- Försäkringskassan\n- Region Exempel" in body
    assert "1. Lag (2003:1210)." in body
    assert "ATT GÖRA: här stod bilden importerade-bilder/exempel/2025/inledning-bild-1.png" in body
    assert "”Organisationsschema”" in body
    assert imported.images["importerade-bilder/exempel/2025/inledning-bild-1.png"].startswith(b"\x89PNG")
    insats = yaml.safe_load(imported.files["2025/insatser/01-navet.md"].split("---\n")[1])
    assert insats["typ"] == "strukturinriktad" and insats["beviljat"] == {2025: "400 000 kronor"}
    assert insats["parter"] == ["forsakringskassan", "region-exempel", "exempel-kommun"]
    assert yaml.safe_load(imported.files["2025/plan.yaml"])["titel"] == "Verksamhetsplan 2025"
    for rel, text in imported.files.items():
        target = site / "content" / "exempel" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    mine = [d for d in check(site).diagnostics if "/2025/" in d.path]
    assert {d.rule for d in mine} == {"att-göra"}
