"""The published site in a real browser: axe-core on every page, screenshots at phone and desktop width."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import artifacts_dir, axe_script, chromium, require_browser, run_axe
from conftest import FIXTURES, REPO

from finsam_site.build import build

SITES = {
    "content": REPO, "fixture": FIXTURES / "minimal", "uppfoljning": REPO / "examples/uppfoljning",
    "dokument": REPO / "examples/dokument",
}


@pytest.fixture(scope="module", params=list(SITES))
def real_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site (the five seed plans), the minimal test fixture and the follow-up example (its
    statuses, outcomes in words and the förbund's own scale)."""
    require_browser()
    out = tmp_path_factory.mktemp("browser") / "output"
    result = build(SITES[request.param], out, strict=True)
    assert result.written and result.diagnostics == [], [d.format() for d in result.diagnostics]
    return out


def _screenshot_pages(pages: list[Path], site: Path) -> list[Path]:
    """The front page, the pages across förbund, each förbund, and per plan one page of each kind."""
    chosen: list[Path] = []
    seen: set[tuple[str, ...]] = set()
    for page in pages:
        parts = page.relative_to(site).parts
        kind = parts[:2] if len(parts) <= 3 else (parts[0], parts[1], parts[2])
        if kind not in seen:
            seen.add(kind)
            chosen.append(page)
    return chosen


def _violations(page: object, script: str) -> list[str]:
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}×, {v['nodes'][0]['target']})" for v in run_axe(page, script)]


def test_every_page_passes_axe_and_screenshots_are_saved(real_site: Path) -> None:
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 10  # the fixture is a one-förbund site: no pages across förbund
    script = axe_script()
    shots = artifacts_dir(REPO, real_site.parent.name)
    problems: dict[str, list[str]] = {}
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        for path in pages:
            page.goto(path.as_uri())
            found = [
                f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in run_axe(page, script)
            ]
            found += errors
            errors.clear()
            if found:
                problems[path.relative_to(real_site).as_posix()] = found
        for width, name in ((375, "telefon"), (1280, "dator")):
            page.set_viewport_size({"width": width, "height": 900})
            for path in _screenshot_pages(pages, real_site):
                page.goto(path.as_uri())
                target = (
                    shots / name / (path.relative_to(real_site).as_posix().replace("/", "_").replace(".html", ".png"))
                )
                target.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(target), full_page=True)
    assert problems == {}, "\n".join(f"{page}: {problem}" for page, found in problems.items() for problem in found)
    assert len(list((shots / "telefon").glob("*.png"))) >= 3


def test_pages_need_no_javascript_and_fit_a_phone(real_site: Path) -> None:
    with chromium() as browser:
        context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
        page = context.new_page()
        for path in sorted(real_site.rglob("*.html")):
            page.goto(path.as_uri())
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path.relative_to(real_site)} is {overflow}px wider than a 320px phone"
            assert page.locator("main h1").count() == 1
