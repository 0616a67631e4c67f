"""One computation feeds every page: the key figures agree between the front page, the plan, the comparison and the
open data, and budget tables show the plan's own year first."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, SiteFactory, soup

from finsam_site.build import build

NBSP = "\u00a0"


def kr(value: Any) -> str:
    """A krona figure as the site writes it, from the open data's number (written out here, not by the tool)."""
    if value is None:
        return "uppgift saknas"
    whole = f"{abs(int(Decimal(str(value)))):,}".replace(",", NBSP)
    return ("\u2212" if Decimal(str(value)) < 0 else "") + whole + NBSP + "kr"


def pct(value: Any) -> str:
    if value is None:
        return "–"
    rounded = int(Decimal(str(value)).quantize(Decimal(1), rounding="ROUND_HALF_UP"))
    return f"{rounded}{NBSP}%"


def figures_list(dl: Any) -> dict[str, str]:
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in dl.find_all("dt")}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("figures") / "out"
    result = build(REPO, out)
    assert result.written, [d.format() for d in result.diagnostics]
    return out


def _plans(site: Path) -> list[tuple[str, dict[str, Any]]]:
    index = json.loads((site / "data/index.json").read_text("utf-8"))
    return [(f"{f['id']}/{p['år']}", p) for f in index["förbund"] for p in f["planer"]]


def test_every_page_shows_the_same_key_figures(site: Path) -> None:
    plans = _plans(site)
    assert len(plans) == 5
    front = soup(site / "index.html")
    cards = {card.h3.a["href"].removesuffix("/index.html"): figures_list(card.dl) for card in front.select("li.card")}
    compare: dict[str, list[str]] = {}
    for table in soup(site / "jamfor/index.html").select("main table"):
        headings = [th.get_text(" ", strip=True) for th in table.thead.find_all("th")]
        assert headings[1:3] == ["Intäkter", "Medlemsbidrag"], headings
        for tr in table.tbody.find_all("tr"):
            compare[tr.th.a["href"].removeprefix("../").removesuffix("/index.html")] = [
                td.get_text(strip=True) for td in tr.find_all("td")
            ]
    for key, plan in plans:
        n = plan["nyckeltal"]
        year = plan["år"]
        assert cards[key] == {
            f"Intäkter {year}": kr(n["intäkter_kr"]),
            "Insatser": str(n["antal_insatser"]),
            "Administrationens andel": pct(n["administrationens_andel_procent"]),
        }, key
        own = figures_list(soup(site / key / "index.html").select_one("main dl.figures"))
        assert own[f"Intäkter {year}"] == kr(n["intäkter_kr"]), key
        assert own[f"Kostnader {year}"] == kr(n["kostnader_kr"]), key
        assert own["Administrationens andel av kostnaderna"] == pct(n["administrationens_andel_procent"]), key
        assert compare[key][0] == kr(n["intäkter_kr"]), key
        assert compare[key][1] == kr(n["medlemsbidrag_kr"]), key
        assert compare[key][2] == pct(n["administrationens_andel_procent"]), key
        assert compare[key][3] == kr(n["eget_kapital_kr"]), key
        assert compare[key][5] == str(n["antal_insatser"]), key
        assert compare[key][6] == kr(n["insatser_i_budgeten_kr"]), key
        lead = soup(site / key / "insatser/index.html").select_one("main p.lead").get_text(" ", strip=True)
        if n["insatser_i_budgeten_kr"] is not None:
            assert f"Budgeten för {year} har {kr(n['insatser_i_budgeten_kr'])} till insatser" in lead, key


def test_seed_figures_that_contradicted_each_other(site: Path) -> None:
    """The three contradictions a reader found (reader-and-author test, problem 9), with the documents' figures."""
    plans = dict(_plans(site))
    # Östra Värmland states its members' contribution only as a total: revenues are known, per-member shares not.
    ov = plans["ostra-varmland/2022"]["nyckeltal"]
    assert ov["intäkter_kr"] == 1848000 and ov["medlemsbidrag_kr"] is None
    # Ånge: the one insats described in a file has 666 672 kr of the budget's 1 485 182 kr for insatser (44,9 %).
    ange = plans["ange/2024"]["nyckeltal"]
    assert ange["insatser_i_budgeten_kr"] == 1485182
    page = soup(site / "ange/2024/insatser/angemodellen-unga/index.html")
    granted = figures_list(page.select_one("main dl.facts"))["Beviljat 2024"]
    assert granted == f"666{NBSP}672{NBSP}kr (45{NBSP}% av budgetens insatser 2024)"
    # Ånge's second table has no column for 2024 (its heading cannot be read): no column of dashes.
    tables = soup(site / "ange/2024/budget/index.html").select("main table.budget")
    assert len(tables) == 2
    assert tables[0].select("th.share") and not tables[1].select(".share")


def _headings(page: BeautifulSoup) -> list[str]:
    table = page.select_one("table.budget")
    assert table is not None
    return [th.get_text(strip=True).replace(NBSP, " ") for th in table.thead.find_all("th")]


def test_budget_table_puts_the_plans_year_first(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site()
    budget = (root / "content/exempel/2024/budget.yaml").read_text("utf-8")
    # Make the first column last year's outcome: the plan's own year (Budget 2024) is the second printed column.
    assert "kolumner:" in budget
    changed = budget.replace(
        "kolumner:\n", "kolumner:\n      - rubrik: Utfall 2023\n        typ: utfall\n        år: 2023\n", 1
    )
    # Last year's outcome as the same figures, so that every rule still holds.
    changed = re.sub(r"belopp: ([^|\n]+) \| ", r"belopp: \1 | \1 | ", changed)
    (root / "content/exempel/2024/budget.yaml").write_text(changed, "utf-8")
    result = build(root, tmp_path / "o")
    assert result.written, [d.format() for d in result.diagnostics]
    page = soup(tmp_path / "o/exempel/2024/budget/index.html")
    assert _headings(page) == ["Post", "Budget 2024", "Andel av budget 2024", "Utfall 2023", "Plan 2025"]
    row = page.find("th", string="Region Exempel").parent
    assert [td.get_text(strip=True) for td in row.find_all("td")] == [
        f"1{NBSP}255,5",
        f"25,0{NBSP}%",
        f"1{NBSP}255,5",
        f"1{NBSP}255,5",
    ]
