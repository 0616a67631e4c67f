"""Open data: each plan's budget as CSV for Swedish Excel and as JSON, goals and insatser as JSON, and the site
index, read back and compared with the plan's own figures."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, PLAN, REPO, SiteFactory, soup

from finsam_site.build import build, check
from finsam_site.check import sums
from finsam_site.compute import budget as compute
from finsam_site.load.accounts import Row
from finsam_site.load.content import SiteContent

DATA = "exempel/2024/data/exempel-2024"


def _read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def _amount(text: str) -> Decimal | str | None:
    if text in ("", "okänt"):
        return text or None
    assert "." not in text and " " not in text, f"{text!r} is not a number Swedish Excel reads"
    return Decimal(text.replace(",", "."))


def _json_amount(value: Any) -> Decimal | str | None:
    return value if value is None or value == "okänt" else Decimal(str(value))


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteContent, Path]:
    out = tmp_path_factory.mktemp("data") / "out"
    result = build(FIXTURES / "minimal", out)
    assert result.written and result.site is not None, [d.format() for d in result.diagnostics]
    return result.site, out


def test_budget_csv_holds_every_line_and_column_as_printed(fixture_site: tuple[SiteContent, Path]) -> None:
    _, out = fixture_site
    rows = _read_csv(out / f"{DATA}-budget.csv")
    assert list(rows[0]) == [
        "förbund", "plan", "tabell", "grupp", "rad", "radtyp", "kategori", "medlem", "insats",
        "kolumn", "kolumntyp", "år", "belopp", "enhet", "belopp_kr", "anmärkning",
    ]  # fmt: skip
    region = [r for r in rows if r["rad"] == "Region Exempel"]
    assert [(r["kolumn"], r["kolumntyp"], r["år"], r["belopp"], r["enhet"], r["belopp_kr"]) for r in region] == [
        ("Budget 2024", "budget", "2024", "1255,5", "tkr", "1255500"),
        ("Plan 2025", "plan", "2025", "1255,5", "tkr", "1255500"),
    ]
    assert region[0]["grupp"] == "Intäkter" and region[0]["medlem"] == "region-exempel"
    vidare = next(r for r in rows if r["rad"] == "Vidare Vy")
    assert (vidare["grupp"], vidare["kategori"], vidare["insats"], vidare["belopp"]) == (
        "Kostnader > Insatser",
        "insatser",
        "vidare-vy",
        "-595",
    )
    sums = {(r["rad"], r["kolumn"]): r["belopp"] for r in rows if r["radtyp"] == "summa"}
    assert sums[("Summa totala kostnader", "Budget 2024")] == "-5022"
    assert [r["belopp"] for r in rows if r["radtyp"] == "resultat"] == ["0", "0"]
    assert len(rows) == 2 * (6 + 4 + 1)  # columns × (posts + printed sums + result)


def _posts(rows: list[Row], groups: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Row]]:
    found: list[tuple[tuple[str, ...], Row]] = []
    for row in rows:
        if row.rows is None:
            found.append((groups, row))
        else:
            found += _posts(row.rows, (*groups, row.label))
    return found


JsonPost = tuple[tuple[str, ...], str, list[Any]]


def _round_trip(site: SiteContent, out: Path) -> int:
    """Every plan's CSV and JSON against the loaded plan: every post's cells, and each top-level group's sum."""
    checked = 0
    for forbund in site.forbund:
        for plan in forbund.plans:
            stem = out / forbund.id / str(plan.year) / "data" / f"{forbund.id}-{plan.year}"
            if plan.budget is None:
                assert not stem.with_name(stem.name + "-budget.csv").exists()
                continue
            rows = _read_csv(stem.with_name(stem.name + "-budget.csv"))
            as_json = json.loads(stem.with_name(stem.name + "-budget.json").read_text("utf-8"))
            for index, table in enumerate(plan.budget.model.tables):
                posts = [r for r in rows if r["tabell"].lstrip("'") == table.title and r["radtyp"] == "post"]
                cells = {(r["grupp"], r["rad"], r["kolumn"]): _amount(r["belopp"]) for r in posts}
                for groups, post in _posts(table.rows):
                    for c, column in enumerate(table.columns):
                        assert cells[(" > ".join(groups), post.label, column.label)] == sums.cell_at(post.amounts, c)
                        checked += 1
                for group in (row for row in table.rows if row.rows is not None):
                    for c, column in enumerate(table.columns):
                        lines = [
                            _amount(r["belopp"])
                            for r in posts
                            if r["kolumn"] == column.label and r["grupp"].split(" > ")[0] == group.label
                        ]
                        assert sums.add(lines) == sums.row_sums(group, len(table.columns))[c]
                json_table = as_json["tabeller"][index]
                from_json = [(g, n, [_json_amount(v) for v in c]) for g, n, c in _posts_json(json_table["rader"])]
                assert from_json == [(g, p.label, list(p.amounts or [])) for g, p in _posts(table.rows)]
                assert [_json_amount(v) for v in json_table["beräknat_resultat"]] == sums.computed_result(table)
    return checked


def _posts_json(rows: list[dict[str, Any]], groups: tuple[str, ...] = ()) -> list[JsonPost]:
    found: list[JsonPost] = []
    for row in rows:
        if "rader" in row:
            found += _posts_json(row["rader"], (*groups, row["grupp"]))
        else:
            found.append((groups, row["post"], row["belopp"]))
    return found


def test_csv_and_json_round_trip_against_the_fixture_budget(fixture_site: tuple[SiteContent, Path]) -> None:
    site, out = fixture_site
    assert _round_trip(site, out) == 2 * 6


def test_csv_and_json_round_trip_against_every_seed_plan(tmp_path: Path) -> None:
    result = build(REPO, tmp_path / "o", strict=True)
    assert result.written and result.site is not None, [d.format() for d in result.diagnostics]
    assert result.diagnostics == [], [d.format() for d in result.diagnostics]
    assert _round_trip(result.site, tmp_path / "o") > 50


def test_goals_and_insatser_json(fixture_site: tuple[SiteContent, Path]) -> None:
    site, out = fixture_site
    data = json.loads((out / f"{DATA}-mal-och-insatser.json").read_text("utf-8"))
    plan = site.forbund[0].plans[0]
    assert data["förbund"]["id"] == "exempel" and data["år"] == 2024
    assert data["plan"]["vision"] == "Alla har en plats i arbetslivet."
    [goal] = data["mål"]
    assert goal["id"] == "fler-i-arbete"
    assert goal["rubrik"] == plan.goals[0].model.title
    assert goal["mått"] == [{"text": "Minst 60 personer deltar.", "etikett": "Mått", "målvärde": "≥ 60"}]
    assert goal["insatser"] == ["vidare-vy"]
    assert goal["sida"] == "exempel/2024/mal/fler-i-arbete/index.html"
    [insats] = data["insatser"]
    assert (insats["namn"], insats["typ"], insats["beviljat"]) == ("Vidare Vy", "individinriktad", {"2024": 595000})
    assert insats["period"] == {"start": "2024-01-01", "slut": "2025-12-31"}
    assert insats["parter"] == ["forsakringskassan", "exempel-kommun", "region-exempel"]
    assert insats["text"] == "Insatsen pågår i två år."


def test_site_index_lists_every_forbund_and_plan_with_files_and_key_figures(
    fixture_site: tuple[SiteContent, Path],
) -> None:
    site, out = fixture_site
    index = json.loads((out / "data/index.json").read_text("utf-8"))
    assert index["titel"] == "Exempelplaner"
    [forbund] = index["förbund"]
    [plan] = forbund["planer"]
    figures = compute.key_figures(site.forbund[0].plans[0])
    assert plan["nyckeltal"]["intäkter_kr"] == figures.revenues == 5022000
    assert plan["nyckeltal"]["antal_insatser"] == 1
    for url in plan["filer"].values():
        assert (out / url).is_file(), url
    assert (out / plan["sida"]).is_file()


def test_plan_and_budget_pages_link_the_downloads(fixture_site: tuple[SiteContent, Path]) -> None:
    _, out = fixture_site
    for page in ("exempel/2024/index.html", "exempel/2024/budget/index.html"):
        html = soup(out / page)
        heading = html.find("h2", string="Ladda ner data")
        assert heading is not None, page
        links = [a["href"] for a in heading.find_parent("section").find_all("a")]
        assert any(href.endswith("exempel-2024-budget.csv") for href in links)
        for href in links:
            assert (out / page).parent.joinpath(href).resolve().is_file(), (page, href)
    about = soup(out / "data/index.html")
    assert about.h1 is not None and about.h1.get_text() == "Öppna data"
    # The data page documents exactly the budget file's columns, in the file's order, each with its meaning.
    [columns] = [t for t in about.find_all("table") if t.caption and "budgetfilen" in t.caption.get_text()]
    documented = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in columns.tbody("tr")]
    header = (out / f"{DATA}-budget.csv").read_text("utf-8-sig").splitlines()[0].split(";")
    assert [name for name, _ in documented] == header
    assert all(meaning for _, meaning in documented)
    assert dict(documented)["belopp_kr"] == "beloppet i kronor"


def test_text_that_excel_would_run_is_quoted_and_unknown_cells_stay_unknown(
    make_site: SiteFactory, tmp_path: Path
) -> None:
    budget = (FIXTURES / "minimal" / PLAN / "budget.yaml").read_text("utf-8")
    budget = budget.replace("post: Reserverade medel", 'post: "=Reserverade medel"').replace(
        "belopp: -3642 | -3637", "belopp: -3642 | okänt\n                anm: Går inte att läsa."
    )
    root = make_site({f"{PLAN}/budget.yaml": budget})
    assert check(root).site is not None
    result = build(root, tmp_path / "o")
    assert result.written, [d.format() for d in result.diagnostics]
    rows = _read_csv(tmp_path / "o" / f"{DATA}-budget.csv")
    reserved = [r for r in rows if r["rad"] == "'=Reserverade medel"]
    assert [(r["belopp"], r["belopp_kr"]) for r in reserved] == [("-3642", "-3642000"), ("okänt", "okänt")]
    assert reserved[1]["anmärkning"] == "Går inte att läsa."


CC0 = {"namn": "CC0 1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/"}


def _site_yaml(extra: str = "") -> str:
    return (FIXTURES / "minimal" / "site.yaml").read_text("utf-8") + extra


def test_the_licence_of_site_yaml_is_in_every_json_file_and_on_the_data_page(
    make_site: SiteFactory, tmp_path: Path
) -> None:
    licence = f"licens:\n  namn: {CC0['namn']}\n  url: {CC0['url']}\n"
    out = tmp_path / "out"
    result = build(make_site({"site.yaml": _site_yaml(licence)}), out)
    assert result.written, [d.format() for d in result.diagnostics]
    assert json.loads((out / "data/index.json").read_text("utf-8"))["licens"] == CC0
    for name in ("budget.json", "mal-och-insatser.json"):
        assert json.loads((out / f"{DATA}-{name}").read_text("utf-8"))["licens"] == CC0, name
    page = soup(out / "data/index.html")
    link = page.find("h2", string="Licens").find_next_sibling("p").find("a")
    assert (link["href"], link.get_text()) == (CC0["url"], "CC0 1.0")
    assert "Ingen licens" not in page.get_text()


def test_without_a_licence_none_is_invented(fixture_site: tuple[SiteContent, Path]) -> None:
    _, out = fixture_site
    assert json.loads((out / "data/index.json").read_text("utf-8"))["licens"] is None
    for name in ("budget.json", "mal-och-insatser.json"):
        assert json.loads((out / f"{DATA}-{name}").read_text("utf-8"))["licens"] is None, name
    text = soup(out / "data/index.html").find("h2", string="Licens").find_next_sibling("p").get_text()
    assert text.startswith("Ingen licens är angiven för uppgifterna.") and "kansli@example.se" in text


def test_a_licence_by_name_only_is_stated_without_a_link(make_site: SiteFactory, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build(make_site({"site.yaml": _site_yaml("licens:\n  namn: Fri att återanvända\n")}), out)
    assert result.written, [d.format() for d in result.diagnostics]
    assert json.loads((out / "data/index.json").read_text("utf-8"))["licens"] == {
        "namn": "Fri att återanvända",
        "url": None,
    }
    paragraph = soup(out / "data/index.html").find("h2", string="Licens").find_next_sibling("p")
    assert "licensen Fri att återanvända." in paragraph.get_text() and paragraph.find("a") is None


def test_a_licence_address_must_be_a_web_address(make_site: SiteFactory) -> None:
    root = make_site({"site.yaml": _site_yaml("licens:\n  namn: CC0 1.0\n  url: javascript:alert(1)\n")})
    [problem] = check(root).diagnostics
    assert (problem.path, problem.line, problem.severity) == ("site.yaml", 9, "fel")
    assert "`javascript:alert(1)` är inte en fullständig webbadress" in problem.message


# --- The CSV formula guard, prefix by prefix (test audit, M4) ----------------------------------------------------
# `-` is not guarded yet (FORMULA_START lacks it; issue 18 owns that fix), so it is not asserted here.


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1+cmd|calc", "'+1+cmd|calc"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("  =HYPERLINK(x)", "'=HYPERLINK(x)"),  # spaces are collapsed first, so leading ones do not hide it
        ("Reserverade medel", "Reserverade medel"),
        ("Summa = 5 022", "Summa = 5 022"),  # only the first character counts
    ],
)
def test_csv_text_quotes_every_formula_prefix(text: str, written: str) -> None:
    from finsam_site.output.opendata import csv_text

    assert csv_text(text) == written


def test_a_plus_row_label_is_quoted_in_the_built_csv(make_site: SiteFactory, tmp_path: Path) -> None:
    budget = (FIXTURES / "minimal" / PLAN / "budget.yaml").read_text("utf-8")
    budget = budget.replace("post: Reserverade medel", 'post: "+Reserverade medel"')
    result = build(make_site({f"{PLAN}/budget.yaml": budget}), tmp_path / "o")
    assert result.written, [d.format() for d in result.diagnostics]
    labels = {r["rad"] for r in _read_csv(tmp_path / "o" / f"{DATA}-budget.csv")}
    assert "'+Reserverade medel" in labels and "+Reserverade medel" not in labels
