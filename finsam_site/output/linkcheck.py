"""Link check (``build --check-links``): every internal link and anchor of the built site.

It reads the in-memory output, before anything is written, so a broken link stops the build like any other
error. Internal means relative, root-relative under the site's own path, or an absolute address under
``base_url``; other addresses (``https://…`` elsewhere, ``mailto:``) are not fetched. Each broken link is a
diagnostic with the page, its line and column, the link as written and the page it points at.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostics import ERROR, Diagnostic
from ..urls import base_path, normalise_base

LINK_ATTRIBUTES = {
    "a": "href",
    "area": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "iframe": "src",
    "form": "action",
}
HINT = "Rätta länken i innehållet (Markdown) eller i mallen som skapar sidan."


@dataclass(frozen=True)
class Link:
    href: str
    line: int
    column: int


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    base: str | None = None


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        for name in ("id", "name") if tag == "a" else ("id",):
            if name in values:
                self.page.ids.add(values[name])
        if tag == "base" and "href" in values:
            self.page.base = values["href"]
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and attribute in values:
            line, offset = self.getpos()
            self.page.links.append(Link(values[attribute].strip(), line, offset + 1))


def parse_page(html: str) -> ParsedPage:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page


def resolve(page_url: str, href: str, base_url: str | None, page_base: str | None = None) -> tuple[str, str] | None:
    """The site-relative target and the anchor of an internal link, or None for an external one.

    ``page_base`` is the page's ``<base href>``. A link that leaves the site resolves to a path starting with ``../``.
    """
    parts = urlsplit(href)
    directory = posixpath.dirname(page_url)
    if page_base is not None:
        base_page = resolve("index.html", page_base, base_url)
        if base_page is None:
            return None
        directory = posixpath.dirname(base_page[0])
    path, plain = unquote(parts.path), not (parts.scheme or parts.netloc or parts.path.startswith("/"))
    base = normalise_base(base_url)
    if parts.scheme or parts.netloc:
        if base is None or not href.startswith(base):
            return None
        path, directory = unquote(urlsplit(href[len(base) :]).path), ""
    elif path.startswith("/"):
        root = base_path(base_url)
        if root is None or not path.startswith(root):
            return "../" + path.lstrip("/"), parts.fragment
        path, directory = path[len(root) :], ""
    if not path:
        return (page_url if plain and page_base is None else posixpath.join(directory, "index.html")), parts.fragment
    target = posixpath.normpath(posixpath.join(directory, path))
    if target == ".":
        return "index.html", parts.fragment
    return (posixpath.join(target, "index.html") if path.endswith("/") else target), parts.fragment


def check_links(folder: Path, base_url: str | None) -> list[Diagnostic]:
    """Every broken internal link or anchor in the HTML pages written below ``folder``."""
    files = {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}
    pages = {url: parse_page((folder / url).read_text("utf-8")) for url in sorted(files) if url.endswith(".html")}
    problems: list[Diagnostic] = []
    for url in sorted(pages):
        page = pages[url]
        for link in page.links:
            resolved = resolve(url, link.href, base_url, page.base)
            if resolved is None:
                continue
            target, anchor = resolved
            exists = target in files or (target + "/index.html") in files
            if not exists or target.startswith("../"):
                message = f"Länken `{link.href}` pekar på `{target}`, som inte finns på webbplatsen."
                problems.append(Diagnostic(url, link.line, link.column, ERROR, "länk-saknas", message, HINT))
                continue
            goal = pages.get(target) or pages.get(target + "/index.html")
            if anchor and goal is not None and anchor not in goal.ids:
                message = f"Länken `{link.href}` pekar på ankaret `#{anchor}`, som inte finns på sidan `{target}`."
                problems.append(Diagnostic(url, link.line, link.column, ERROR, "länk-ankare", message, HINT))
    return problems
