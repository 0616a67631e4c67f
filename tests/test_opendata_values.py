"""The open data of the minimal fixture, against figures worked out by hand (not against compute.py, which the round
trip in test_opendata.py uses): the CSV's rows, the JSON's computed sums and the index's key figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES

from finsam_site.build import build

DATA = "exempel/2024/data/exempel-2024"
HEAD = "exempel;2024;Budget 2024, plan 2025–2026"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("opendata") / "o"
    result = build(FIXTURES / "minimal", folder, strict=True)
    assert result.written and result.diagnostics == [], [d.format() for d in result.diagnostics]
    return folder


def test_the_budget_csv_line_by_line(out: Path) -> None:
    raw = (out / f"{DATA}-budget.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == (
        "förbund;plan;tabell;grupp;rad;radtyp;kategori;medlem;insats;kolumn;kolumntyp;år;belopp;enhet;belopp_kr;anmärkning"
    )
    assert lines[-1] == ""  # every line ends with CRLF
    # 11 printed lines (6 posts, 4 sums, the result) in 2 columns each
    assert len(lines) == 1 + 11 * 2 + 1
    assert lines[1:3] == [
        f"{HEAD};Intäkter;Region Exempel;post;intäkter;region-exempel;;Budget 2024;budget;2024;1255,5;tkr;1255500;",
        f"{HEAD};Intäkter;Region Exempel;post;intäkter;region-exempel;;Plan 2025;plan;2025;1255,5;tkr;1255500;",
    ]
    assert f"{HEAD};Intäkter;Parternas insats;summa;intäkter;;;Budget 2024;budget;2024;5022;tkr;5022000;" in lines
    admin = f"{HEAD};Kostnader > Administration;Förbundschef;post;administration;;"
    assert lines[9:11] == [
        f"{admin};Budget 2024;budget;2024;-785;tkr;-785000;",
        f"{admin};Plan 2025;plan;2025;-790;tkr;-790000;",
    ]
    insats = f"{HEAD};Kostnader > Insatser;Vidare Vy;post;insatser;;vidare-vy"
    assert f"{insats};Budget 2024;budget;2024;-595;tkr;-595000;" in lines
    assert lines[19:23] == [
        f"{HEAD};Kostnader;Summa totala kostnader;summa;kostnader;;;Budget 2024;budget;2024;-5022;tkr;-5022000;",
        f"{HEAD};Kostnader;Summa totala kostnader;summa;kostnader;;;Plan 2025;plan;2025;-5022;tkr;-5022000;",
        f"{HEAD};;Resultat;resultat;;;;Budget 2024;budget;2024;0;tkr;0;",
        f"{HEAD};;Resultat;resultat;;;;Plan 2025;plan;2025;0;tkr;0;",
    ]


def test_csv_numbers_as_swedish_excel_reads_them() -> None:
    from decimal import Decimal

    from finsam_site.output.opendata import csv_number

    assert csv_number(Decimal("-1255.50")) == "-1255,5"
    assert csv_number(Decimal("1E+3")) == "1000"
    assert csv_number(Decimal("0.00")) == "0"
    assert csv_number(Decimal("0.25")) == "0,25"
    assert csv_number(None) == "" and csv_number("okänt") == "okänt"


def _json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


def test_the_budget_json_sums_and_result(out: Path) -> None:
    data = _json(out / f"{DATA}-budget.json")
    assert data["förbund"] == {
        "id": "exempel",
        "namn": "Samordningsförbundet Exempel",
        "kortnamn": "Exempel",
        "orgnr": "222000-0000",
    }
    assert (data["år"], data["källa"], data["licens"]) == (2024, "exempel/2024/", None)
    [table] = data["tabeller"]
    assert table["enhet"] == "tkr" and [c["rubrik"] for c in table["kolumner"]] == ["Budget 2024", "Plan 2025"]
    revenue, costs = table["rader"]
    # 1 255,5 + 1 255,5 + 2 511 = 5 022; 785 + 595 + 3 642 = 5 022 and 790 + 595 + 3 637 = 5 022
    assert revenue["beräknad_summa"] == [5022, 5022] and costs["beräknad_summa"] == [-5022, -5022]
    admin, insatser = costs["rader"]
    assert admin["beräknad_summa"] == [-785, -790] and insatser["beräknad_summa"] == [-4237, -4232]
    assert table["beräknat_resultat"] == [0, 0]
    assert "ingående_eget_kapital" not in table and "utgående_eget_kapital" not in table  # empty fields left out
    assert revenue["rader"][0]["belopp"] == [1255.5, 1255.5] and revenue["rader"][2]["belopp"] == [2511, 2511]
    assert isinstance(revenue["rader"][2]["belopp"][0], int)  # a whole amount is an integer, not 2511.0


def test_the_goals_json_links_goals_and_insatser(out: Path) -> None:
    data = _json(out / f"{DATA}-mal-och-insatser.json")
    [goal] = data["mål"]
    assert (goal["id"], goal["insatser"], goal["sida"]) == (
        "fler-i-arbete",
        ["vidare-vy"],
        "exempel/2024/mal/fler-i-arbete/index.html",
    )
    [insats] = data["insatser"]
    assert (insats["id"], insats["namn"], insats["sida"], insats["beviljat"]) == (
        "vidare-vy",
        "Vidare Vy",
        "exempel/2024/insatser/vidare-vy/index.html",
        {"2024": 595000},
    )
    assert insats["text"] == "Insatsen pågår i två år."
    assert data["plan"]["beslutad"] == "2023-11-30"


def test_the_index_key_figures(out: Path) -> None:
    index = _json(out / "data/index.json")
    assert (index["titel"], index["utgivare"], index["beskrivning"]) == (
        "Exempelplaner",
        "Exempelförbundet",
        "data/index.html",
    )
    [forbund] = index["förbund"]
    [plan] = forbund["planer"]
    assert plan["filer"] == {
        "budget_csv": f"{DATA}-budget.csv",
        "budget_json": f"{DATA}-budget.json",
        "mal_och_insatser_json": f"{DATA}-mal-och-insatser.json",
    }
    assert plan["nyckeltal"] == {
        "kolumn": "Budget 2024",
        "intäkter_kr": 5022000,  # 1 255,5 + 1 255,5 + 2 511 tkr
        "kostnader_kr": 5022000,  # 785 + 595 + 3 642 tkr
        "administration_kr": 785000,
        "administrationens_andel_procent": 15.6,  # 785 / 5 022 = 15,63 %
        "medlemsbidrag_kr": 5022000,
        "eget_kapital_kr": None,
        "antal_insatser": 1,
        "beviljat_insatser_kr": 595000,
        "insatser_i_budgeten_kr": 4237000,  # Summa insatser: 595 + 3 642 tkr
    }


CO_FINANCED = """---
namn: Vidare Vy
typ: individinriktad
parter: [forsakringskassan, exempel-kommun, region-exempel]
beviljat:
  2024: 595 000 kronor
mål: [fler-i-arbete]
medfinansiering:
  finansiärer: ESF
  budget:
    rubrik: Projektbudget
    enhet: kr
    kolumner: [{rubrik: Totalt, typ: budget}]
    rader:
      - grupp: Finansiering
        rader:
          - {post: ESF-stöd, belopp: 8 017 936}
          - {post: Kommunen, belopp: 5 330 093}
        summa: {rubrik: Totalt, belopp: 13 348 029}
---
Insatsen pågår i två år.
"""


def test_a_co_financing_budget_is_in_the_goals_json_with_its_computed_sum(make_site: Any, tmp_path: Path) -> None:
    root = make_site({"content/exempel/2024/insatser/01-vidare-vy.md": CO_FINANCED})
    result = build(root, tmp_path / "o", strict=True)
    assert result.written and result.diagnostics == [], [d.format() for d in result.diagnostics]
    [insats] = _json(tmp_path / "o" / f"{DATA}-mal-och-insatser.json")["insatser"]
    budget = insats["medfinansiering"]["budget"]
    assert insats["medfinansiering"]["finansiärer"] == "ESF"
    assert (budget["rubrik"], budget["enhet"]) == ("Projektbudget", "kr")
    assert budget["rader"][0]["beräknad_summa"] == [13348029]  # 8 017 936 + 5 330 093


def test_json_numbers_dates_and_models() -> None:
    from datetime import date
    from decimal import Decimal

    from finsam_site.load.settings import Licence
    from finsam_site.output.opendata import _encode, to_json

    assert [_encode(Decimal(v)) for v in ("2.5", "1255.5", "-1255.5", "-0.5", "3", "-785")] == [
        2.5,
        1255.5,
        -1255.5,
        -0.5,
        3,
        -785,
    ]
    assert _encode(date(2023, 11, 30)) == "2023-11-30"
    licence = Licence.model_validate({"namn": "CC0 1.0", "url": "https://example.se/cc0"})
    assert _encode(licence) == {"namn": "CC0 1.0", "url": "https://example.se/cc0"}
    with pytest.raises(TypeError, match="object kan inte skrivas som JSON"):
        _encode(object())
    assert to_json({"förbund": "Å", "b": [1]}) == '{\n  "förbund": "Å",\n  "b": [\n    1\n  ]\n}\n'.encode()


def test_csv_one_and_zero() -> None:
    from decimal import Decimal

    from finsam_site.output.opendata import csv_number

    assert (csv_number(Decimal(1)), csv_number(Decimal(0)), csv_number(Decimal(-1))) == ("1", "0", "-1")


def test_the_budget_json_leaves_out_empty_fields_and_keeps_the_notes(make_site: Any, tmp_path: Path) -> None:
    budget = (FIXTURES / "minimal/content/exempel/2024/budget.yaml").read_text("utf-8") + "noter: Beloppen i tkr.\n"
    result = build(make_site({"content/exempel/2024/budget.yaml": budget}), tmp_path / "o", strict=True)
    assert result.written, [d.format() for d in result.diagnostics]
    data = _json(tmp_path / "o" / f"{DATA}-budget.json")
    assert data["noter"] == "Beloppen i tkr."
    admin = data["tabeller"][0]["rader"][1]["rader"][0]["rader"][0]
    assert admin == {"post": "Förbundschef", "belopp": [-785, -790], "anm": ""}
    assert (tmp_path / "o" / "data/index.json").read_text("utf-8").startswith('{\n  "titel": "Exempelplaner",')
