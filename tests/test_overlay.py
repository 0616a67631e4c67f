"""The preview's error page: causes first, the lines of the file with the spot marked, a link to the file."""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import PLAN, SiteFactory
from test_messages import copy_real_site
from test_serve import free_port, wait_for

from finsam_site.build import check
from finsam_site.diagnostics import Diagnostic
from finsam_site.preview.overlay import error_page

BUDGET = "content/ornskoldsvik/2024/budget.yaml"


def test_error_page_shows_the_cause_with_its_source_lines_and_a_link(tmp_path: Path) -> None:
    root = copy_real_site(tmp_path)
    budget = root / BUDGET
    budget.write_text(budget.read_text("utf-8").replace("medlem: region-vasternorrland", "medlem: region"), "utf-8")
    section = root / "content/ornskoldsvik/2024/avsnitt/01-inledning.md"  # sorts before budget.yaml
    section.write_text(section.read_text("utf-8").replace("rubrik: Inledning", "rubrik: ”Inledning”"), "utf-8")
    found = check(root).diagnostics
    assert [d.severity for d in found] == ["varning", "fel"]
    page = BeautifulSoup(error_page(found, root).decode("utf-8"), "html.parser")
    items = page.select("ol.problems > li")
    assert [li["class"] for li in items] == [["fel"], ["varning"]]  # the cause first, whatever the file order
    first = items[0]
    assert f"{BUDGET}:19:21: fel [ref-part] Medlemmen `region` finns inte." in first.pre.get_text()
    link = first.select_one(".where a")
    assert link is not None and link["href"] == f"vscode://file{(root / BUDGET).resolve().as_posix()}:19:21"
    assert f"{(root / BUDGET).resolve()}:19:21" in first.select_one(".where code").get_text()
    source = first.select_one("pre.source")
    assert source is not None
    lines = source.get_text().split("\n")
    assert any(line.startswith("18 │ ") for line in lines) and any(line.startswith("20 │ ") for line in lines)
    here = source.select_one(".here")
    assert here is not None and here.get_text() == "19 │             medlem: region"
    assert source.mark is not None and source.mark.get_text() == "r"  # column 21: the value
    caret = source.select_one(".caret").get_text()
    assert caret.index("^") == here.get_text().index("region")


def test_error_page_never_reads_a_file_outside_the_site(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("hemligt\n", "utf-8")
    (root / "link.yaml").symlink_to(secret)
    problems = [Diagnostic("../secret.txt", 1, 1, "fel", "fil", "Utanför."),
                Diagnostic("link.yaml", 1, 1, "fel", "fil", "En länk ut.")]
    text = error_page(problems, root).decode("utf-8")
    assert "hemligt" not in text and "vscode://" not in text
    assert html.escape("../secret.txt:1:1: fel [fil] Utanför.") in text


def test_the_preview_serves_the_error_page_with_the_source(make_site: SiteFactory) -> None:
    root = make_site()
    goal = root / PLAN / "mal/01-fler-i-arbete.md"
    goal.write_text(goal.read_text("utf-8").replace("rubrik: Fler", "rubrik: ”Mål: Fler").replace(
        "försörjning.\n", "försörjning.”\n", 1), "utf-8")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "finsam_site", "serve", "--site", str(root), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        status, text = wait_for(port, "", lambda s, _: s == 500)
        assert status == 500
        page = BeautifulSoup(text, "html.parser")
        item = page.select_one("ol.problems > li.fel")
        assert item is not None and "typografiskt citattecken" in item.pre.get_text()
        assert item.select_one(".here").get_text().startswith("2 │ rubrik: ”Mål: Fler")
        assert item.select_one(".where a")["href"].endswith("/mal/01-fler-i-arbete.md:2:9")
    finally:
        process.terminate()
        process.wait(timeout=10)
