"""What search engines and link previews read: sitemap.xml, robots.txt, canonical and Open Graph URLs.

All of it hangs on ``base_url`` in ``site.yaml``, the address the site is published at. Internal links stay
relative; only the sitemap, the canonical link, ``og:url`` and the 404 page's ``<base>`` use the address.
Without ``base_url`` there is no sitemap (it needs absolute addresses) and robots.txt names none.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit
from xml.sax.saxutils import escape

from .content import SiteContent
from .errors import ERROR, Diagnostic
from .model import web_address_problem
from .pages import Crumb, Page

NOT_FOUND = "404.html"
UNLISTED = {NOT_FOUND, "sok/index.html"}  # pages that are no search engine's landing page


def normalise_base(base_url: str | None) -> str | None:
    """``https://example.se/planer`` → ``https://example.se/planer/``."""
    if not base_url:
        return None
    return base_url if base_url.endswith("/") else base_url + "/"


def absolute_url(base_url: str | None, url: str) -> str:
    """The published address of a page (``…/index.html`` as its folder), or the relative URL without a base."""
    base = normalise_base(base_url)
    if base is None:
        return url
    path = url[: -len("index.html")] if url == "index.html" or url.endswith("/index.html") else url
    return base + quote(path)


def base_path(base_url: str | None) -> str | None:
    """The path part of the address, e.g. ``/planer/``: what the 404 page resolves its links against."""
    base = normalise_base(base_url)
    return urlsplit(base).path if base else None


@dataclass(frozen=True)
class SiteUrls:
    """What templates ask about published addresses (``site.urls`` in a template)."""

    base_url: str | None

    def canonical(self, url: str) -> str | None:
        return absolute_url(self.base_url, url) if self.base_url and url not in UNLISTED else None

    @property
    def base_path(self) -> str | None:
        return base_path(self.base_url)


def check_base_url(site: SiteContent) -> list[Diagnostic]:
    base = site.config.model.base_url
    if base is None:
        return []
    parts = urlsplit(base)
    if web_address_problem(base) is None and "//" not in parts.path and not parts.query and not parts.fragment:
        return []  # no control character (urlsplit drops them), no `//` in the path (the 404 page's `<base>`)
    mark = site.config.doc.mark(("base_url",))
    return [
        Diagnostic(
            site.config.path,
            mark.line,
            mark.column,
            ERROR,
            "base-url",
            f"`base_url` måste vara en fullständig webbadress, inte `{base}`.",
            "Skriv adressen där webbplatsen publiceras, till exempel https://www.example.se/planer/.",
        )
    ]


def sitemap(base_url: str | None, urls: list[str]) -> str | None:
    """sitemap.xml for every page but the unlisted ones; None without an address. No dates: no clocks."""
    if not base_url:
        return None
    entries = [
        f"  <url><loc>{escape(absolute_url(base_url, url))}</loc></url>\n"
        for url in sorted(urls)
        if url.endswith(".html") and url not in UNLISTED
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "".join(entries) + "</urlset>\n"
    )


def robots(base_url: str | None) -> str:
    """robots.txt: everything may be indexed but the search bundle; names the sitemap when there is an address."""
    path = base_path(base_url) or "/"
    lines = ["User-agent: *", f"Disallow: {path}pagefind/", ""]
    if base_url:
        lines += [f"Sitemap: {absolute_url(base_url, 'sitemap.xml')}", ""]
    return "\n".join(lines)


def seo_files(base_url: str | None, urls: list[str]) -> dict[str, str]:
    files = {"robots.txt": robots(base_url)}
    map_ = sitemap(base_url, urls)
    if map_ is not None:
        files["sitemap.xml"] = map_
    return files


def not_found_page() -> Page:
    return Page(
        NOT_FOUND,
        "404.html",
        "Sidan finns inte",
        "Sidan du sökte finns inte här. Börja om från startsidan eller sök.",
        [Crumb("Start", "index.html")],
    )
