"""A plan that is not decided is published as an unmistakable draft, or left out when site.yaml says so."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdf
from conftest import REPO, SiteFactory, add_second_forbund, run_cli, soup

from finsam_site.build import build

LABEL = "Utkast – ej beslutad"


def _next_year_draft(make_site: SiteFactory) -> Path:
    root = add_second_forbund(make_site())
    made = run_cli("new", "plan", "exempel", "2025", "--site", root)
    assert made.returncode == 0, made.stderr
    assert "status: utkast" in (root / "content/exempel/2025/plan.yaml").read_text("utf-8")
    return root


def test_a_new_plan_is_published_as_a_draft_on_every_page(make_site: SiteFactory, tmp_path: Path) -> None:
    root = _next_year_draft(make_site)
    result = build(root, tmp_path / "out")
    assert result.written, [d.format() for d in result.diagnostics]
    out = tmp_path / "out"
    pages = sorted((out / "exempel/2025").rglob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        banner = soup(page).select_one("main .draft-banner")
        assert banner is not None and banner.get_text(" ", strip=True).startswith(LABEL), page
    for page in (out / "exempel/2024").rglob("*.html"):
        assert soup(page).select_one(".draft-banner") is None, page
    cards = {c.h3.a["href"]: c for c in soup(out / "index.html").select("li.card")}
    assert cards["exempel/2025/index.html"].select_one(".draft-badge").get_text(strip=True) == LABEL
    assert cards["exempel/2024/index.html"].select_one(".draft-badge") is None
    # The comparison compares decided plans only.
    compare = soup(out / "jamfor/index.html").main
    assert [c.get_text() for c in compare.select("caption")] == ["Planer för 2024"]
    assert "Planer som ännu inte är beslutade (utkast och förslag) jämförs inte." in compare.get_text(" ")


def test_site_yaml_can_leave_drafts_out_of_a_build(make_site: SiteFactory, tmp_path: Path) -> None:
    root = _next_year_draft(make_site)
    settings = root / "site.yaml"
    settings.write_text(settings.read_text("utf-8") + "utkast: false\n", "utf-8")
    checked = run_cli("check", "--site", root)
    assert checked.returncode == 0, checked.stderr
    assert "content/exempel/2025/plan.yaml" in checked.stderr  # the draft is still checked (its ATT GÖRA items)
    result = build(root, tmp_path / "out")
    assert result.written, [d.format() for d in result.diagnostics]
    out = tmp_path / "out"
    assert not (out / "exempel/2025").exists()
    assert (out / "exempel/2024/index.html").is_file()
    front = soup(out / "index.html").main
    assert [a["href"] for a in front.select("li.card h3 a")] == ["exempel/2024/index.html", "grannby/2024/index.html"]
    assert LABEL not in front.get_text(" ")
    index = json.loads((out / "data/index.json").read_text("utf-8"))
    assert [p["år"] for f in index["förbund"] for p in f["planer"]] == [2024, 2024]
    built = run_cli("build", "--site", root, "--out", tmp_path / "cli")  # the command builds as build() does
    assert built.returncode == 0, built.stderr
    assert not (tmp_path / "cli/exempel/2025").exists() and (tmp_path / "cli/exempel/2024/index.html").is_file()


def test_a_decided_plan_is_not_marked(tmp_path: Path) -> None:
    result = build(REPO, tmp_path / "out")
    assert result.written
    assert not [p for p in (tmp_path / "out").rglob("*.html") if soup(p).select_one(".draft-banner, .draft-badge")]


def test_a_draft_says_so_on_every_page_of_its_pdf(make_site: SiteFactory, tmp_path: Path) -> None:
    root = _next_year_draft(make_site)
    result = build(root, tmp_path / "out", pdf=True)
    assert result.written, [d.format() for d in result.diagnostics]
    reader = pypdf.PdfReader(io.BytesIO((tmp_path / "out/exempel/2025/exempel-2025.pdf").read_bytes()))
    assert len(reader.pages) > 2
    for number, page in enumerate(reader.pages, 1):
        assert LABEL in page.extract_text(), number
    decided = pypdf.PdfReader(io.BytesIO((tmp_path / "out/exempel/2024/exempel-2024.pdf").read_bytes()))
    assert all(LABEL not in page.extract_text() for page in decided.pages)
