"""A page carries its output format, and output/render.py renders each page by the renderer of its format.

The pages stage makes every file of the site as a page: the HTML pages, a plan's PDF (only when PDFs are made),
the open-data files (json, csv). The byte-for-byte output of each format is tested where the format is
(test_build.py, test_pdf.py, test_opendata*.py, test_seo.py); here: which page gets which format, and the xml
renderer, which no page of today's site uses yet.
"""

from __future__ import annotations

import json
import shutil
import typing
from pathlib import Path

import pytest
from conftest import FIXTURES, add_second_forbund

from finsam_site import urls
from finsam_site.build import check
from finsam_site.compute.cards import make_cards
from finsam_site.load.settings import SiteConfig
from finsam_site.output.render import RENDERERS, render
from finsam_site.output.templates import make_env
from finsam_site.pages.groups import site_groups
from finsam_site.pages.page import Format, Page

SUFFIX_FORMAT = {".html": "html", ".pdf": "pdf", ".json": "json", ".csv": "csv", ".xml": "xml", ".rdf": "rdf"}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The minimal fixture with a second förbund (so the site has every kind of page)."""
    shutil.copytree(FIXTURES / "minimal", tmp_path / "site")
    add_second_forbund(tmp_path / "site")
    return tmp_path / "site"


def _pages(root: Path, pdf: bool) -> tuple[list[Page], SiteConfig]:
    result = check(root)
    assert result.site is not None, [d.format() for d in result.diagnostics]
    groups = site_groups(result.site, result.reports, make_cards(result.site), pdf)
    return [page for group in groups for page in group.make()], result.site.config.model


def test_every_format_has_its_renderer() -> None:
    assert set(RENDERERS) == set(typing.get_args(Format)) == set(SUFFIX_FORMAT.values())


@pytest.mark.parametrize("pdf", [False, True])
def test_every_page_carries_the_format_of_its_file_and_a_pdf_only_when_pdfs_are_made(root: Path, pdf: bool) -> None:
    pages, _ = _pages(root, pdf)
    assert {p.format for p in pages} == {"html", "json", "csv", *(["pdf"] if pdf else [])}
    assert all(p.format == SUFFIX_FORMAT[Path(p.url).suffix] for p in pages), [
        (p.url, p.format) for p in pages if p.format != SUFFIX_FORMAT[Path(p.url).suffix]
    ]
    by_url = {p.url: p for p in pages}
    assert len(by_url) == len(pages)  # one page per URL
    plans = ["exempel/2024", "grannby/2024"]
    assert sorted(p.url for p in pages if p.format == "pdf") == ([f"{d}/{d.replace('/', '-')}.pdf" for d in plans]
                                                                 if pdf else [])
    assert by_url[urls.DATA_INDEX].format == "json"
    for plan in plans:
        data = [p.url for p in pages if p.url.startswith(f"{plan}/data/")]
        stem = f"{plan}/data/{plan.replace('/', '-')}"
        assert sorted(data) == [f"{stem}-budget.csv", f"{stem}-budget.json", f"{stem}-mal-och-insatser.json"]


def test_the_open_data_pages_are_rendered_from_their_context(root: Path) -> None:
    made, config = _pages(root, pdf=False)
    pages = [p for p in made if p.url.startswith("exempel/2024/data/") or p.url == urls.DATA_INDEX]
    files, problems = render(make_env(None), pages, {"config": config})
    assert problems == [] and sorted(files) == sorted(p.url for p in pages)
    index = json.loads(files[urls.DATA_INDEX])
    assert [f["id"] for f in index["förbund"]] == ["exempel", "grannby"]
    csv = files["exempel/2024/data/exempel-2024-budget.csv"]
    assert isinstance(csv, bytes) and csv.startswith("\ufeffförbund;plan;".encode())


def test_an_xml_page_is_a_template_escaped_as_xml_and_its_error_a_diagnostic(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text(
        '<?xml version="1.0"?>\n<feed><title>{{ page.title }}</title>'
        '<link href="{{ rel(target) }}"/></feed>\n', "utf-8")
    (tmp_path / "trasig.xml").write_text("<feed>\n{{ saknas }}\n</feed>\n", "utf-8")
    page = Page("planer.xml", "feed.xml", "Planer & budgetar <2024>", "", context={"target": "a/b.html"},
                format="xml")
    broken = Page("trasig.xml", "trasig.xml", "", "", format="xml")
    files, problems = render(make_env(tmp_path), [page, broken], {})
    assert RENDERERS["xml"] is RENDERERS["html"]
    assert files == {"planer.xml": '<?xml version="1.0"?>\n<feed><title>Planer &amp; budgetar &lt;2024&gt;</title>'
                                   '<link href="a/b.html"/></feed>\n'}
    assert [(d.path, d.line, d.rule) for d in problems] == [("templates/trasig.xml", 2, "mall-fel")]
    assert "`saknas` finns inte" in problems[0].message

