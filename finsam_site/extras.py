"""What the published folder holds besides the plans' own pages, gathered for the orchestrator.

The 404 page, the search page and its Pagefind index (search.py), the open-data files and their page
(opendata.py), sitemap.xml and robots.txt (seo.py), and what templates need to link to them.
"""

from __future__ import annotations

from typing import Any

from . import opendata, search, seo
from .content import SiteContent
from .errors import Diagnostic
from .pages import Page


def pages(site: SiteContent) -> list[Page]:
    return [seo.not_found_page(), search.search_page(site), opendata.data_page(site)]


def template_globals(site: SiteContent, searchable: bool) -> dict[str, Any]:
    """``site.urls`` (published addresses), ``site.downloads`` (data files by plan) and ``site.search``."""
    return {
        "urls": seo.SiteUrls(site.config.model.base_url),
        "downloads": opendata.downloads(site),
        "search": searchable,
    }


def files(site: SiteContent, rendered: dict[str, str], searchable: bool) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The open-data files, sitemap.xml and robots.txt, and the search index of the rendered pages."""
    base_url = site.config.model.base_url
    result = opendata.data_files(site)
    result.update({url: text.encode("utf-8") for url, text in seo.seo_files(base_url, list(rendered)).items()})
    problems: list[Diagnostic] = []
    if searchable:
        bundle, problems = search.index({url: html.encode("utf-8") for url, html in rendered.items()})
        result.update(bundle)
    return result, problems
