"""What search engines and link previews read: sitemap.xml, robots.txt, canonical and Open Graph URLs.

All of it hangs on ``base_url`` in ``site.yaml``, the address the site is published at. Internal links stay
relative; only the sitemap, the canonical link, ``og:url`` and the 404 page's ``<base>`` use the address.
Without ``base_url`` there is no sitemap (it needs absolute addresses) and robots.txt names none.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from .. import urls


def sitemap(base_url: str | None, written: list[str]) -> str | None:
    """sitemap.xml for every page but the unlisted ones; None without an address. No dates: no clocks."""
    if not base_url:
        return None
    entries = [
        f"  <url><loc>{escape(urls.absolute_url(base_url, url))}</loc></url>\n"
        for url in sorted(written)
        if url.endswith(".html") and url not in urls.UNLISTED
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "".join(entries) + "</urlset>\n"
    )


def robots(base_url: str | None) -> str:
    """robots.txt: everything may be indexed but the search bundle; names the sitemap when there is an address."""
    path = urls.base_path(base_url) or "/"
    lines = ["User-agent: *", f"Disallow: {path}{urls.SEARCH_BUNDLE}/", ""]
    if base_url:
        lines += [f"Sitemap: {urls.absolute_url(base_url, urls.SITEMAP)}", ""]
    return "\n".join(lines)


def seo_files(base_url: str | None, written: list[str]) -> dict[str, str]:
    files = {urls.ROBOTS: robots(base_url)}
    map_ = sitemap(base_url, written)
    if map_ is not None:
        files[urls.SITEMAP] = map_
    return files
