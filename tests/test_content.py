"""The transcription of the five seed plans cannot drift: key figures, counts and names from each seed
(read from ../shared/seeds) must appear in the site built from content/."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, figure_in, soup

from finsam_site.build import build

SEEDS = REPO.parent / "shared" / "seeds"

# Per plan: its seed file; the printed figures of some budget rows (first table, as on the site); some insatser
# with their granted amount for the plan year ("" where the plan prints none); and the numbers of goals and insatser.
PLANS = {
    "ornskoldsvik/2024": {
        "seed": "000_d8f13a6de612f6bb.txt",
        "rows": {
            "Region Västernorrland": ["1 255,5", "1 255,5", "1 255,5"],
            "Parternas insats": ["5 022", "5 022", "5 022"],
            "Summa administration": ["−1 113", "−1 118", "−1 123"],
            "Summa insatser": ["−3 909", "−3 904", "−3 899"],
            "Summa totala kostnader": ["−5 022", "−5 022", "−5 022"],
        },
        "insatser": {
            "Vidare Vy": "595 000 kr",
            "Samtalsbyrån för unga": "310 000 kr",
            "Förbundschef inklusive kanslikostnader": "890 000 kr",
            "Psykeveckan Vecka 45": "100 000 kr",
        },
        "goals": 13,
        "count": 10,
    },
    "skelleftea-norsjo/2021": {
        "seed": "001_a86cd68014d8ad9d.txt",
        "rows": {"Total medelstilldelning för Sf SN 2021": ["5 778"]},
        "insatser": {"NAFS Skellefteå-Norsjö": "", "Nästa Steg": "", "ProAktiv": "", "Sikt 2.0": ""},
        "goals": 7,
        "count": 6,
    },
    "ange/2024": {
        "seed": "002_8dd48ab9e0260cd8.txt",
        "rows": {
            "Summa intäkter": ["1 472 000", "1 492 356", "1 472 000", "1 468 000"],
            "Utgående eget kapital": ["150 000", "358 322", "829 282", "293 600"],
        },
        "insatser": {"Ångemodellen Unga": "666 672 kr"},
        "goals": 6,
        "count": 1,
    },
    "fryksdalen/2024": {
        "seed": "003_ac9597d94da48578.txt",
        "rows": {
            "Totala intäkter": ["3 044 280", "3 044 280", "3 044 280"],
            "Totala kostnader": ["−3 506 000", "−3 506 000", "−3 506 000"],
            "Resultat": ["−461 720", "−461 720", "−461 720"],
        },
        "insatser": {"Projekt Navet": ""},
        "goals": 5,
        "count": 1,
    },
    "ostra-varmland/2022": {
        "seed": "004_63a9651e8a79243e.txt",
        "rows": {
            "Årets tilldelning från förbundsmedlemmarna": ["1 848 000"],
            "Eget kapital från 2021": ["324 581"],
            "Total budget för 2022 inklusive överfört kapital från 2021": ["2 172 581"],
            "Administration och revision, beträffande kansli och styrelse": ["290 000"],
            "Individanpassade insatser inkluderande beslutade projekt": ["1 668 000"],
        },
        "insatser": {"Projekt Nyckeln": "", "Projekt Drivkraft Filipstad": "", "Projekt Drivkraft Storfors": ""},
        "goals": 10,
        "count": 3,
    },
}


def squeeze(text: str) -> str:
    """Digits and letters only, lower case, OCR-damaged letters folded: for finding a figure or name in a seed."""
    folded = text.lower().translate(str.maketrans("åäöéèü", "aaoeeu")).replace("−", "-")
    return re.sub(r"[^0-9a-z,-]", "", folded)


def in_seed(name: str, seed: str) -> bool:
    """Whether a name stands in the OCR'd seed, allowing for letters the OCR damaged ("Nästa" read as "Niista")."""
    wanted = squeeze(name)
    if wanted in seed:
        return True
    return any(
        difflib.SequenceMatcher(None, wanted, seed[i : i + size]).ratio() > 0.84
        for size in (len(wanted) - 1, len(wanted), len(wanted) + 1)
        for i in range(len(seed) - size + 1)
        if seed[i] == wanted[0]
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("content") / "out"
    result = build(REPO, out, strict=True)
    assert result.written and result.diagnostics == [], [d.format() for d in result.diagnostics]
    return out


def _rows(page: BeautifulSoup) -> dict[str, dict[str, str]]:
    """The first budget table's figures: row label → column heading → cell (the share column left out)."""
    table = page.select_one("table.budget")
    assert table is not None
    for note in table.select("span.note, span.differs"):
        note.decompose()
    headings = [
        th.get_text(strip=True).replace("\u00a0", " ")
        for th in table.thead.find_all("th")[1:]
        if "share" not in th["class"]
    ]
    return {
        tr.th.get_text(" ", strip=True): dict(
            zip(
                headings,
                [
                    td.get_text(strip=True).replace("\u00a0", " ")
                    for td in tr.find_all("td")
                    if "share" not in td.get("class", [])
                ],
                strict=True,
            )
        )
        for tr in table.tbody.find_all("tr")
    }


def _printed_columns(plan: str) -> list[str]:
    """The first budget table's column headings in the order the document prints them."""
    budget = yaml.safe_load((REPO / "content" / plan / "budget.yaml").read_text("utf-8"))
    return [str(column["rubrik"]) for column in budget["tabeller"][0]["kolumner"]]


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_budget_figures_match_the_seed(site: Path, plan: str) -> None:
    expected = PLANS[plan]
    seed = (SEEDS / str(expected["seed"])).read_text("utf-8")
    rows = _rows(soup(site / plan / "budget/index.html"))
    columns = _printed_columns(plan)
    for label, cells in dict(expected["rows"]).items():  # type: ignore[call-overload]
        for cell in cells:
            assert figure_in(cell, seed), (label, cell, "not in seed")
        assert [rows[label][c] for c in columns] == cells, label


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_goals_and_insatser_match_the_seed(site: Path, plan: str) -> None:
    expected = PLANS[plan]
    raw = (SEEDS / str(expected["seed"])).read_text("utf-8")
    seed = squeeze(raw)
    goals = soup(site / plan / "mal/index.html").main.select("ul.goal-list a")
    assert len(goals) == expected["goals"]
    table = soup(site / plan / "insatser/index.html").main.tbody
    found = {
        tr.th.get_text(strip=True): tr.find_all("td")[2].get_text(strip=True).replace("\u00a0", " ")
        for tr in table.find_all("tr")
    }
    assert len(found) == expected["count"]
    for name, amount in dict(expected["insatser"]).items():  # type: ignore[call-overload]
        assert in_seed(name, seed), (name, "not in seed")
        assert figure_in(amount.replace(" kr", ""), raw), (amount, "not in seed")
        assert found[name] == amount, name


def test_every_plan_has_every_page(site: Path) -> None:
    for plan in PLANS:
        for page in (
            "index.html",
            "mal/index.html",
            "insatser/index.html",
            "budget/index.html",
            "granskning/index.html",
        ):
            assert (site / plan / page).is_file(), (plan, page)
    names = [a.get_text(strip=True) for a in soup(site / "index.html").main.select(".card h3 a")]
    assert len(names) == len(PLANS)


def test_no_ocr_damage_left(site: Path) -> None:
    """Words the OCR typically broke ("forbund", "&r", "6ver") do not appear on any page."""
    damaged = re.compile(r"\b(forbund|Ornskoldsvik|samordningsforbund|for att|fran|ar \d|6ver|dgna)\b|&r\b")
    for page in site.rglob("*.html"):
        text = soup(page).get_text(" ")
        match = damaged.search(text)
        assert match is None, (page.relative_to(site), text[max(0, match.start() - 40) : match.end() + 40])


def test_seed_lookup_can_fail() -> None:
    """The seed lookups above are real checks: names and figures from another plan are not found."""
    seed = squeeze((SEEDS / "001_a86cd68014d8ad9d.txt").read_text("utf-8"))
    assert in_seed("Nästa Steg", seed)
    assert not in_seed("Vidare Vy", seed)
    assert not in_seed("Projekt Navet", seed)
    assert squeeze("595 000") not in seed
    ornskoldsvik = (SEEDS / "000_d8f13a6de612f6bb.txt").read_text("utf-8")
    assert figure_in("1 255,5", ornskoldsvik) and figure_in("−1 113", ornskoldsvik)
    assert not figure_in("255,5", ornskoldsvik)  # inside 1255,5, not a figure of its own
    assert not figure_in("502", ornskoldsvik) and not figure_in("1 25", ornskoldsvik)
