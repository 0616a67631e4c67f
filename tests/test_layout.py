"""The site as a reader sees it at phone, tablet and desktop widths, and printed from the browser.

At 320, 375, 768, 1280 and 1920 px every page of the repository's site is measured in Chromium:
- no number (a `.num` cell, a key figure) and no short label (a column heading of up to 15 characters) wraps;
- no text lies outside the page, and no element clips its text (overflow hidden with content wider than it);
- a table wider than its container is only allowed at narrow widths, inside a scroll region that says so visibly.
Printed (A4, Chromium's print to PDF), a budget page and the comparison keep every column.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, require_browser
from conftest import REPO

from finsam_site.build import build

WIDTHS = (320, 375, 768, 1280, 1920)
NARROW = 1024  # below this (phones, tablets), a wide table may scroll sideways inside an announced region

MEASURE = """
(narrow) => {
  const problems = [];
  const where = (el) => {
    const id = el.id ? '#' + el.id : '';
    const names = typeof el.className === 'string' ? el.className.trim() : '';
    const cls = names ? '.' + names.split(/\\s+/).join('.') : '';
    return el.tagName.toLowerCase() + id + cls + ' "' + el.textContent.trim().slice(0, 40) + '"';
  };
  const lines = (node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops = new Set();
    for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.bottom));
    return tops.size;
  };
  const ownTextLines = (el) => {
    let most = 0;
    for (const child of el.childNodes) {
      if (child.nodeType === Node.TEXT_NODE && child.textContent.trim()) most = Math.max(most, lines(child));
    }
    return most;
  };
  for (const el of document.querySelectorAll('main td.num, main tbody .num, main dl.figures dd, main .status')) {
    if (el.offsetParent === null) continue;
    if (ownTextLines(el) > 1) problems.push('wraps: ' + where(el));
  }
  for (const el of document.querySelectorAll('main thead th')) {
    if (el.offsetParent === null || el.textContent.trim().length > 15) continue;
    if (ownTextLines(el) > 1) problems.push('short heading wraps: ' + where(el));
  }
  const width = document.documentElement.clientWidth;
  const inScroll = (el) => el.closest('.table-scroll, pre, .chart');
  for (const el of document.querySelectorAll('main *')) {
    if (el.offsetParent === null && getComputedStyle(el).position !== 'fixed') continue;
    const style = getComputedStyle(el);
    if (['hidden', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
        && !el.matches('.skip-link')) {
      problems.push('clips its text: ' + where(el));
    }
    if (!inScroll(el)) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && (box.right > width + 1 || box.left < -1)) problems.push('outside the page: ' + where(el));
    }
  }
  for (const table of document.querySelectorAll('main table')) {
    if (table.offsetParent === null) continue;
    const region = table.closest('.table-scroll');
    const box = region || table.parentElement;
    if (table.getBoundingClientRect().width <= box.clientWidth + 1) continue;
    const label = where(table.querySelector('caption') || table);
    if (!narrow) { problems.push('table wider than its column: ' + label); continue; }
    if (!region) { problems.push('wide table outside a scroll region: ' + where(table)); continue; }
    const hint = region.querySelector('.scroll-hint');
    const visible = hint && hint.getBoundingClientRect().height > 0 && getComputedStyle(hint).visibility !== 'hidden';
    if (!region.classList.contains('is-scrollable') || !visible || region.getAttribute('role') !== 'region') {
      problems.push('wide table scrolls without a visible cue: ' + where(table.querySelector('caption') || table));
    }
  }
  return problems;
}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_browser()
    out = tmp_path_factory.mktemp("layout") / "output"
    result = build(REPO, out)
    assert result.written, [d.format() for d in result.diagnostics]
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_wraps_clips_or_overflows(site: Path, width: int) -> None:
    problems: dict[str, list[str]] = {}
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 900})
        for path in _pages(site):
            page.goto(path.as_uri())
            found: list[Any] = page.evaluate(MEASURE, width < NARROW)
            if found:
                problems[path.relative_to(site).as_posix()] = found
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


def _pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_printing_keeps_every_column_and_the_budget(site: Path) -> None:
    with chromium() as browser:
        page = browser.new_page()
        page.goto((site / "jamfor/index.html").as_uri())
        headings = page.eval_on_selector_all("main thead th", "ths => ths.map(th => th.textContent.trim())")
        text = " ".join(_pdf_text(page.pdf(format="A4")).split())
        for heading in headings:
            assert " ".join(heading.split()) in text, heading
        page.goto((site / "ange/2024/budget/index.html").as_uri())
        cells = page.eval_on_selector_all("main table.budget td.share", "tds => tds.map(td => td.textContent.trim())")
        text = " ".join(_pdf_text(page.pdf(format="A4")).split())
        assert "Andel av budget 2024" in text
        for cell in filter(None, cells):
            assert cell.replace("\u00a0", " ") in text.replace("\u00a0", " "), cell
        # A printed plan page carries its key figures and says where the budget is.
        page.goto((site / "ornskoldsvik/2024/index.html").as_uri())
        text = " ".join(_pdf_text(page.pdf(format="A4")).split()).replace("\u00a0", " ")
        assert "Intäkter 2024 5 022 000 kr" in text
        assert "Budget 2024" in text


def test_404_page_works_opened_from_disk(site: Path) -> None:
    """404.html resolves its links from base_url's folder when served there, and from itself opened from disk."""
    assert '<base href="/planer/">' in (site / "404.html").read_text("utf-8")
    with chromium() as browser:
        page = browser.new_page()
        page.goto((site / "404.html").as_uri())
        header = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
        assert header == "rgb(0, 58, 99)"  # the stylesheet was found
        home = page.eval_on_selector("main a", "a => a.href")
        assert home == (site / "index.html").as_uri()
