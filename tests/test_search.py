"""Search: Pagefind's index is built into the output, and the search page finds a known insats and a goal.

The index is read back from its fragment files; the query runs in Chromium against the published folder served
by a plain static file server on the loopback address (in a sub-folder, as on a förbund's own site).
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from browser import axe_script, chromium, require_browser, run_axe
from conftest import FIXTURES, run_cli, soup

from finsam_site.build import build
from finsam_site.output.search import pagefind_binary
from finsam_site.preview.serve import Preview
from finsam_site.report import Reporter


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if pagefind_binary() is None:
        pytest.fail("pagefind-bin is a dependency of finsam-site and should be installed")
    out = tmp_path_factory.mktemp("search") / "out"
    result = build(FIXTURES / "minimal", out)
    assert result.written, [d.format() for d in result.diagnostics]
    return out


def _fragments(site: Path) -> dict[str, dict[str, Any]]:
    """Pagefind's fragment files: one per indexed page, gzip with a signature before the JSON."""
    pages = {}
    for path in (site / "pagefind/fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd") :])
        pages[fragment["url"]] = fragment
    return pages


def test_index_holds_the_content_of_every_page_but_search_and_404(site: Path) -> None:
    pages = _fragments(site)
    html = {"/" + p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert set(pages) == html - {"/404.html", "/sok/index.html"}
    insats = pages["/exempel/2024/insatser/vidare-vy/index.html"]
    assert insats["meta"]["title"] == "Vidare Vy – Exempel"
    assert "rehabilitera personer som uppbär sjukpenning" in insats["content"]
    assert "Hoppa till innehållet" not in insats["content"]  # only <main> is indexed


def test_search_page_degrades_without_javascript(site: Path) -> None:
    page = soup(site / "sok/index.html")
    assert page.h1 is not None and page.h1.get_text() == "Sök"
    assert "behöver JavaScript" in page.find("noscript").get_text()
    links = [a["href"] for a in page.find("ul", class_="browse").find_all("a")]
    assert "../exempel/2024/insatser/index.html" in links
    for script in page.find_all("script"):
        assert (site / "sok" / script["src"]).resolve().is_file()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def _serve(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _results(page: Any, base: str, query: str) -> list[str]:
    page.goto(f"{base}/planer/sok/index.html?q={query}")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    return list(page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.pathname)"))


def test_search_finds_an_insats_and_a_goal_in_a_browser(site: Path, tmp_path: Path) -> None:
    require_browser()
    www = tmp_path / "www"
    shutil.copytree(site, www / "planer")
    with _serve(www) as base, chromium() as browser:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        assert _results(page, base, "Vidare")[0] == "/planer/exempel/2024/insatser/vidare-vy/index.html"
        assert "/planer/exempel/2024/mal/fler-i-arbete/index.html" in _results(page, base, "analysteamet")
        assert page.locator("input[type=text], input[type=search]").first.input_value() == "analysteamet"
        assert run_axe(page, axe_script()) == []
        assert errors == []


def test_the_preview_refreshes_its_search_index_in_the_background(tmp_path: Path) -> None:
    root, out = tmp_path / "site", tmp_path / "preview"
    shutil.copytree(FIXTURES / "minimal", root)
    preview = Preview(root, out, Reporter(io.StringIO(), quiet=True))
    assert preview.rebuild(first=True)
    url = "/exempel/2024/insatser/vidare-vy/index.html"
    assert "Sjöräddningsövningen" not in _fragments(out)[url]["content"]
    insats = root / "content/exempel/2024/insatser/01-vidare-vy.md"
    insats.write_text(insats.read_text("utf-8") + "\nSjöräddningsövningen hölls i maj.\n", "utf-8")
    assert preview.update(preview.snapshot())
    assert preview.session.in_place
    assert preview.stats.parsed == ["content/exempel/2024/insatser/01-vidare-vy.md"]
    preview.search.wait()
    assert "Sjöräddningsövningen" in _fragments(out)[url]["content"]
    assert not list(out.glob(".pagefind*"))  # the new bundle was swapped in whole


def test_a_build_from_the_site_folder_with_the_default_output_has_its_index(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "minimal", root)
    result = run_cli("build", cwd=root)  # as an author runs it: relative paths throughout
    assert result.returncode == 0, result.stderr
    assert (root / "output" / "pagefind" / "pagefind.js").is_file()
    assert "/exempel/2024/insatser/vidare-vy/index.html" in _fragments(root / "output")
