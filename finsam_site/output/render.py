"""One renderer per output format, and the one table that maps a page's format to its renderer.

Every renderer has the same signature: the build's Jinja environment, the pages of its format and the
site-wide template values (``site``: settings, whether PDFs and search are on, …); it returns the bytes (or
text) of each page by URL, and a diagnostic for each page it could not make. A renderer never raises for an
author's mistake (a template error is a diagnostic naming the template and line, for a PDF as for a page).

- ``html`` and ``xml``: a Jinja template (templates.render_pages; autoescaped, which is right for XML too);
- ``pdf``: a Jinja template printed by WeasyPrint (pdf.render);
- ``json`` and ``csv``: open data, shaped in Python from the page's context (opendata.render_json/render_csv);
- ``rdf``: a DCAT-AP-SE catalogue (catalogue.render) of data files with their sizes: the build makes it after
  them (a late group) and gives the sizes of the files as written; rendered on its own, it renders them again.

``sitemap.xml`` and ``robots.txt`` are not pages but site-wide files that the build makes after rendering
(seo.py): the sitemap lists the pages of every group, including those a preview kept from the last build, so it
belongs to no group, and neither file has anything an author could want from a template. A page of its own
format, an Atom feed say, is ``Page(url, "feed.xml", …, format="xml")`` and a template.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

import jinja2

from ..diagnostics import Diagnostic
from ..pages.page import Format, Page
from . import catalogue, opendata, pdf
from .templates import render_pages

Rendered = tuple[Mapping[str, str | bytes], list[Diagnostic]]  # the files by URL, the pages not made
Renderer = Callable[[jinja2.Environment, list[Page], dict[str, Any]], Rendered]

RENDERERS: dict[Format, Renderer] = {
    "html": render_pages,
    "xml": render_pages,
    "pdf": pdf.render,
    "json": opendata.render_json,
    "csv": opendata.render_csv,
    "rdf": lambda env, pages, site: catalogue.render(env, pages, site, partial(_size, env, site)),
}


def _size(env: jinja2.Environment, site: dict[str, Any], page: Page) -> int | None:
    """The size in bytes of a page's file as written: the build renders a catalogue after the files it describes
    and gives their sizes (``site["size"]``, the writer's); without them (a catalogue rendered on its own) the
    file is rendered again by its own renderer, which gives the same bytes. None: the file was not made."""
    if "size" in site:
        size: int | None = site["size"](page.url)
        return size
    content = render(env, [page], site)[0].get(page.url)
    return None if content is None else len(content.encode("utf-8") if isinstance(content, str) else content)


def render(
    env: jinja2.Environment, pages: list[Page], site: dict[str, Any]
) -> tuple[dict[str, str | bytes], list[Diagnostic]]:
    """Every page by the renderer of its format: the files by URL, and the diagnostics of the pages not made."""
    by_format: dict[Format, list[Page]] = {}
    for page in pages:
        by_format.setdefault(page.format, []).append(page)
    files: dict[str, str | bytes] = {}
    problems: list[Diagnostic] = []
    for format_, chosen in by_format.items():
        made, failed = RENDERERS[format_](env, chosen, site)
        files.update(made)
        problems += failed
    return files, problems
