"""The accessible PDF of each plan: exists, holds the plan's goals and budget totals, and is tagged PDF/UA."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import REPO, SiteFactory, figure_in, run_cli, skip_or_fail, soup

from finsam_site.build import build
from finsam_site.output.pdf import unavailable

SEED_FIGURES = yaml.safe_load((Path(__file__).parent / "seed_figures.yaml").read_text("utf-8"))


def _reader(path: Path) -> object:
    try:
        import pypdf
    except ImportError:
        skip_or_fail("reading the PDF needs pypdf (pip install -e '.[test]')")
    return pypdf.PdfReader(path)


@pytest.fixture(scope="module")
def pdf_needed() -> None:
    problem = unavailable(required=True)
    if problem is not None:
        skip_or_fail(problem.message)


def _check_pdf(path: Path, texts: list[str]) -> None:
    reader = _reader(path)
    root = reader.trailer["/Root"]  # type: ignore[attr-defined]
    assert root["/Lang"] == "sv"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    pages = reader.pages  # type: ignore[attr-defined]
    text = " ".join(page.extract_text() for page in pages).replace("\n", " ").replace("\u00a0", " ")
    squeezed = "".join(text.split()).casefold()  # line breaks in the PDF may fall anywhere
    for expected in texts:  # case aside: a goal printed in the plan's own table may spell a name otherwise
        assert "".join(expected.split()).casefold() in squeezed, expected


def test_fixture_pdf(make_site: SiteFactory, tmp_path: Path, pdf_needed: None) -> None:
    result = build(make_site(), tmp_path / "o", pdf=True)
    assert result.written, [d.format() for d in result.diagnostics]
    pdf = tmp_path / "o/exempel/2024/exempel-2024.pdf"
    _check_pdf(
        pdf,
        [
            "Mål 1: Fler kommuninvånare når egen försörjning.",
            "Vidare Vy",
            "Summa totala kostnader",
            "−5 022",
            "Förslag till beslut",
        ],
    )
    reader = _reader(pdf)
    assert reader.metadata.title.startswith("Verksamhetsplan 2024")  # type: ignore[attr-defined]
    link = soup(tmp_path / "o/exempel/2024/index.html").find("a", string="Ladda ner som PDF")
    assert link is not None and link["href"] == "exempel-2024.pdf"


def _links(path: Path) -> set[str]:
    found = set()
    for page in _reader(path).pages:  # type: ignore[attr-defined]
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                found.add(str(action["/URI"]))
    return found


def test_a_pdf_links_to_the_published_site_never_to_the_machine_that_built_it(
    make_site: SiteFactory, tmp_path: Path, pdf_needed: None
) -> None:
    """A link in a PDF (an insats row of the budget table) is the insats page's published address with
    ``base_url``, and relative to the PDF without it; never a ``file://`` path of the building machine."""
    insats = "exempel/2024/insatser/01-vidare-vy.md"
    root = make_site()
    budget = (root / "content" / "exempel/2024/budget.yaml").read_text("utf-8")
    assert "insats:" in budget, "the fixture's budget links an insats row"
    build(root, tmp_path / "relative", pdf=True)
    relative = _links(tmp_path / "relative/exempel/2024/exempel-2024.pdf")
    assert relative and all(link.startswith("insatser/") for link in relative), relative
    (root / "site.yaml").write_text((root / "site.yaml").read_text("utf-8") + "base_url: https://example.se/p/\n")
    build(root, tmp_path / "absolute", pdf=True)
    absolute = _links(tmp_path / "absolute/exempel/2024/exempel-2024.pdf")
    assert absolute == {f"https://example.se/p/exempel/2024/{link}" for link in relative}
    assert (root / "content" / insats).is_file()


def test_pdf_is_only_made_when_asked(make_site: SiteFactory, tmp_path: Path) -> None:
    build(make_site(), tmp_path / "o")
    assert list((tmp_path / "o").rglob("*.pdf")) == []
    assert soup(tmp_path / "o/exempel/2024/index.html").find("a", string="Ladda ner som PDF") is None


def test_every_seed_plan_has_its_pdf(tmp_path: Path, pdf_needed: None) -> None:
    result = run_cli("build", "--strict", "--pdf", "--site", REPO, "--out", tmp_path / "o")
    assert result.returncode == 0, result.stderr
    plans = sorted(p for p in (REPO / "content").glob("*/[0-9][0-9][0-9][0-9]") if (p / "plan.yaml").is_file())
    assert plans, "content/ has no plans"
    for plan in plans:
        forbund, year = plan.parent.name, plan.name
        pdf = tmp_path / "o" / forbund / year / f"{forbund}-{year}.pdf"
        site = tmp_path / "o" / forbund / year
        title = soup(site / "index.html").h1.get_text(strip=True)
        links = soup(site / "mal/index.html").main.select("ul.goal-list a")
        goals = [soup(site / "mal" / str(a["href"])).h1.get_text(" ", strip=True) for a in links]
        total = soup(site / "budget/index.html").select_one("table.budget tr.row-summa td")
        assert goals and total is not None
        _check_pdf(pdf, [title, goals[0], goals[-1], total.get_text(strip=True).split("(")[0]])
        # And figures from the decided document itself (tests/seed_figures.yaml), not from the tool's HTML.
        text = " ".join(page.extract_text() for page in _reader(pdf).pages)  # type: ignore[attr-defined]
        for label, _column, printed, _line, _kronor in SEED_FIGURES[f"{forbund}/{year}"]["tryckt"]:
            assert figure_in(printed, text.replace("\u00a0", " ")), (forbund, year, label, printed)
