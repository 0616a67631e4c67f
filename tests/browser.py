"""Headless Chromium for the browser tests: Debian's chromium driven by Playwright, axe-core for WCAG checks."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def require_browser() -> None:
    """Skip (or, in CI, fail) when the browser is not installed."""
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append("chromium (apt-get install chromium)")
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright and axe-playwright-python (pip install -e '.[test]')")
    if missing:
        message = "browser test needs " + ", ".join(missing)
        if os.environ.get("FINSAM_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


def run_axe(page: Any, script: str) -> list[dict[str, Any]]:
    """axe-core's violations on the loaded page, for WCAG 2.1 A/AA and best practice."""
    page.evaluate(script)
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return list(result["violations"])


def artifacts_dir(repo: Path, name: str) -> Path:
    folder = repo / "test-artifacts" / "screenshots" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder
