"""The repository's own site against the decided documents: `check --strict` passes on content/ with no warning,
and the built site and its open data show exactly the key figures in tests/seed_figures.yaml, which were written
down from the seed documents (../shared/seeds) by hand, not from the tool."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, figure_in, run_cli, soup

from finsam_site.build import build, check

SEEDS = REPO.parent / "shared" / "seeds"
FIGURES: dict[str, dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "seed_figures.yaml").read_text("utf-8"))


def test_the_repository_site_passes_check_strict() -> None:
    result = run_cli("check", "--strict", "--site", REPO)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "Kontrollen är klar: inga fel, 0 varningar."


def test_a_stale_acknowledgement_in_the_seed_content_fails_check_strict(tmp_path: Path) -> None:
    """What the test above guards against: a rule that stops finding a deviation in a seed plan leaves its
    acknowledgement unused, which is only a warning; --strict makes it fail."""
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "site.yaml", site / "site.yaml")
    acks = site / "content/fryksdalen/2024/kvitteringar.yaml"
    stale = "  - regel: finsam-fördelning\n    gäller: regionen / Budget 2026\n    förklaring: Rättad sedan dess.\n"
    acks.write_text(acks.read_text("utf-8") + stale, "utf-8")
    assert run_cli("check", "--site", site).returncode == 0
    result = run_cli("check", "--strict", "--site", site)
    assert result.returncode == 1
    assert "[kvittering-oanvänd] Kvitteringen av `finsam-fördelning` som gäller `regionen / Budget 2026`" in (
        result.stderr
    )


def test_the_figures_table_covers_every_seed_plan() -> None:
    plans = sorted(
        f"{p.parent.name}/{p.name}"
        for p in (REPO / "content").glob("*/[0-9][0-9][0-9][0-9]")
        if (p / "plan.yaml").is_file()
    )
    assert sorted(FIGURES) == plans


def test_printed_figures_stand_on_the_named_seed_lines() -> None:
    for plan, figures in FIGURES.items():
        lines = (SEEDS / figures["seed"]).read_text("utf-8").splitlines()
        for label, _column, text, number, _kr in figures["tryckt"]:
            assert figure_in(text, lines[number - 1]), (plan, label, text, number, lines[number - 1])


def test_the_seed_line_lookup_can_fail() -> None:
    assert figure_in("5022", "Parternas insats 5022 5022 5022")
    assert not figure_in("502", "Parternas insats 5022 5022 5022")  # a part of a longer number is not the figure
    assert not figure_in("255,5", "Region Vasternorrland 1255,5 1255,5| 1255,5")
    assert figure_in("3 044 280", "3 044 280")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    out = tmp_path_factory.mktemp("seeds") / "out"
    result = build(REPO, out, strict=True)
    assert result.written and result.diagnostics == [], [d.format() for d in result.diagnostics]
    return out, result


def _csv(out: Path, plan: str) -> dict[tuple[str, str], str]:
    name = plan.replace("/", "-")
    text = (out / plan / "data" / f"{name}-budget.csv").read_text("utf-8-sig")
    rows = [line.split(";") for line in text.splitlines()]
    header = rows[0]
    at = {column: header.index(column) for column in ("rad", "kolumn", "belopp_kr", "tabell")}
    first_table = rows[1][at["tabell"]]
    return {(r[at["rad"]], r[at["kolumn"]]): r[at["belopp_kr"]] for r in rows[1:] if r[at["tabell"]] == first_table}


@pytest.mark.parametrize("plan", sorted(FIGURES))
def test_printed_figures_in_the_budget_csv(site: tuple[Path, Any], plan: str) -> None:
    cells = _csv(site[0], plan)
    for label, column, _text, _line, kronor in FIGURES[plan]["tryckt"]:
        assert cells[(label, column)] == str(kronor), (label, column)


@pytest.mark.parametrize("plan", sorted(FIGURES))
def test_key_figures_in_the_open_data_index(site: tuple[Path, Any], plan: str) -> None:
    index = json.loads((site[0] / "data/index.json").read_text("utf-8"))
    forbund, year = plan.split("/")
    [entry] = [p for f in index["förbund"] if f["id"] == forbund for p in f["planer"] if p["år"] == int(year)]
    figures = entry["nyckeltal"]
    assert figures["kolumn"] == FIGURES[plan]["kolumn"]
    for key, expected in FIGURES[plan]["nyckeltal"].items():
        assert figures[key] == expected, key


@pytest.mark.parametrize("plan", sorted(FIGURES))
def test_computed_result_in_the_budget_json(site: tuple[Path, Any], plan: str) -> None:
    name = plan.replace("/", "-")
    data = json.loads((site[0] / plan / "data" / f"{name}-budget.json").read_text("utf-8"))
    table = data["tabeller"][0]
    column = [c["rubrik"] for c in table["kolumner"]].index(FIGURES[plan]["kolumn"])
    result = table["beräknat_resultat"][column]
    expected = FIGURES[plan]["resultat_kr"]
    factor = 1000 if table["enhet"] == "tkr" else 1
    assert (None if result is None else Decimal(str(result)) * factor) == expected


@pytest.mark.parametrize("plan", sorted(FIGURES))
def test_member_shares_on_the_budget_page(site: tuple[Path, Any], plan: str) -> None:
    table = soup(site[0] / plan / "budget/index.html").select_one("table.budget")
    assert table is not None
    shares = {
        tr.th.get_text(strip=True): tr.select_one("td.share").get_text(strip=True).replace("\u00a0", " ")
        for tr in table.tbody.find_all("tr")
        if tr.th is not None and tr.select_one("td.share") is not None
    }
    for label, share in FIGURES[plan]["andelar"].items():
        assert shares[label] == share, label


@pytest.mark.parametrize("plan", sorted(FIGURES))
def test_findings_are_exactly_those_of_the_document(site: tuple[Path, Any], plan: str) -> None:
    _, result = site
    report = result.reports[f"content/{plan}"]
    found = sorted([o.rule.id, f.subject] for o in report.outcomes for f in o.findings)
    assert found == sorted(FIGURES[plan]["avvikelser"])
    assert all(f.explanation for o in report.outcomes for f in o.findings)


@pytest.mark.parametrize("plan", sorted(FIGURES))
def test_review_page_shows_the_findings_and_passes(site: tuple[Path, Any], plan: str) -> None:
    page = soup(site[0] / plan / "granskning/index.html")
    table = page.main.find("table", class_="review")
    status = {tr.th.a["href"].removeprefix("#"): " ".join(tr.td["class"]) for tr in table.tbody.find_all("tr")}
    for rule in {r for r, _ in FIGURES[plan]["avvikelser"]}:
        assert status[rule] == "status status-avvikelse-med-förklaring", rule
    for rule in FIGURES[plan]["godkända"]:
        assert status[rule] == "status status-godkänd", rule
    for rule in FIGURES[plan]["ej_tillämpliga"]:
        assert status[rule] == "status status-ej-tillämplig", rule
    for rule in FIGURES[plan]["kan_inte_prövas"]:
        assert status[rule] == "status status-kan-inte-prövas", rule
    text = page.main.get_text(" ", strip=True).replace("\u00a0", " ")
    for fragment in FIGURES[plan]["granskning"]:
        assert fragment in text, fragment


def test_check_on_the_repository_finds_what_the_table_says() -> None:
    """The same findings through `check` (no build), plan by plan, with nothing left unexplained."""
    result = check(REPO)
    assert result.diagnostics == []
    assert sorted(result.reports) == sorted(f"content/{plan}" for plan in FIGURES)
