"""Every URL of the site, in one place.

A URL here is site-relative and names a file: a page is ``…/index.html``, so that the output works opened from
disk and copied into any folder of another site. Templates get URLs from this module (the ``urls`` global) and
link with ``rel(…)``, which makes each link relative to the page; they never join path pieces. Renaming a path
segment is a change of this file only.

A plan is addressed by anything with a ``forbund_id`` and a ``year`` (its content, its card or its view), a
goal or an insats by its id.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote, urlsplit

HOME = "index.html"
NOT_FOUND = "404.html"
SEARCH = "sok/index.html"
SEARCH_BUNDLE = "pagefind"  # the folder Pagefind writes its index into
ACCESSIBILITY = "tillganglighet/index.html"
DATA_PAGE = "data/index.html"
DATA_INDEX = "data/index.json"
CATALOGUE = "data/katalog.rdf"  # the DCAT-AP-SE catalogue of the whole site (docs/open-data.md)
COMPARE = "jamfor/index.html"
AREAS = "omraden/index.html"
TARGET_GROUPS = "malgrupper/index.html"
PARTIES = "parter/index.html"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
UNLISTED = frozenset({NOT_FOUND, SEARCH})  # pages that are no search engine's landing page

# The top navigation: (label, URL), in order; the pages across förbund only on a site of more than one förbund.
SITE_NAV = [("Start", HOME), ("Jämför", COMPARE), ("Områden", AREAS), ("Målgrupper", TARGET_GROUPS),
            ("Parter", PARTIES), ("Sök", SEARCH)]
ACROSS = frozenset({COMPARE, AREAS, TARGET_GROUPS, PARTIES})


class Place(Protocol):
    """A plan's address: its förbund and its year."""

    @property
    def forbund_id(self) -> str: ...

    @property
    def year(self) -> int: ...


def asset(name: str) -> str:
    return f"assets/{name}"


def search_file(name: str) -> str:
    """A file of the search index that Pagefind writes, e.g. its ``pagefind-ui.js``."""
    return f"{SEARCH_BUNDLE}/{name}"


def site_nav(across: bool) -> list[tuple[str, str]]:
    """The top navigation of a site: (label, URL). With ``across`` (more than one förbund) it has the pages across
    förbund, and the start page, which then lists the förbund, is named for them."""
    if not across:
        return [(label, url) for label, url in SITE_NAV if url not in ACROSS]
    return [("Förbund" if url == HOME else label, url) for label, url in SITE_NAV]


def forbund(forbund_id: str) -> str:
    return f"{forbund_id}/index.html"


def party(slug: str) -> str:
    return f"parter/{slug}/index.html"


def plan_dir(place: Place) -> str:
    """The plan's folder in the output, e.g. ``ange/2024``."""
    return f"{place.forbund_id}/{place.year}"


def plan(place: Place) -> str:
    return f"{plan_dir(place)}/index.html"


def area(place: Place, area_id: str) -> str:
    """A strategic area, focus area or target group of a plan: its place on the plan's page."""
    return f"{plan(place)}#{area_id}"


def goals(place: Place) -> str:
    return f"{plan_dir(place)}/mal/index.html"


def goal(place: Place, goal_id: str) -> str:
    return f"{plan_dir(place)}/mal/{goal_id}/index.html"


def insatser(place: Place) -> str:
    return f"{plan_dir(place)}/insatser/index.html"


def insats(place: Place, insats_id: str) -> str:
    return f"{plan_dir(place)}/insatser/{insats_id}/index.html"


def budget(place: Place) -> str:
    return f"{plan_dir(place)}/budget/index.html"


def followup(place: Place) -> str:
    return f"{plan_dir(place)}/uppfoljning/index.html"


def review(place: Place) -> str:
    return f"{plan_dir(place)}/granskning/index.html"


def pdf(place: Place) -> str:
    return f"{plan_dir(place)}/{place.forbund_id}-{place.year}.pdf"


def plan_nav(place: Place, with_followup: bool) -> list[tuple[str, str]]:
    """A plan's own navigation: (label, URL), in order. The plan page marks itself; each other entry marks
    every page in its folder (a goal page marks "Mål")."""
    return [
        ("Planen", plan(place)),
        ("Mål", goals(place)),
        ("Insatser", insatser(place)),
        ("Budget", budget(place)),
        *([("Uppföljning", followup(place))] if with_followup else []),
        ("Granskning", review(place)),
    ]


def is_current(page_url: str, nav_url: str) -> bool:
    """Whether a navigation entry is the page or the section the page is in (``aria-current``)."""
    if page_url == nav_url:
        return True
    folder = nav_url.rpartition("/")[0]
    return nav_url != HOME and bool(folder) and nav_url.endswith("/index.html") and page_url.startswith(folder + "/")


def current(page_url: str, nav: list[tuple[str, str]]) -> str | None:
    """The URL of the entry of ``nav`` (label, URL) that marks the page: the page itself, else the innermost section
    it is in (on a goal page, a plan's "Mål", not "Planen")."""
    marking = [url for _, url in nav if is_current(page_url, url)]
    return page_url if page_url in marking else max(marking, key=len, default=None)


@dataclass(frozen=True)
class Download:
    """One data file of a plan, as the "Ladda ner data" links show it."""

    url: str
    key: str
    label: str
    format: str
    description: str


def plan_downloads(place: Place, has_budget: bool) -> list[Download]:
    """A plan's open-data files: the budget as CSV and JSON (when the plan has a budget), its goals and insatser."""
    stem = f"{plan_dir(place)}/data/{place.forbund_id}-{place.year}"
    tables = [
        Download(f"{stem}-budget.csv", "budget_csv", "Budget", "CSV", "för Excel: en rad per belopp"),
        Download(f"{stem}-budget.json", "budget_json", "Budget", "JSON", "budgettabellerna med grupper och summor"),
    ]
    goals_file = Download(
        f"{stem}-mal-och-insatser.json", "mal_och_insatser_json", "Mål och insatser", "JSON", "planens mål och insatser"
    )
    return [*(tables if has_budget else []), goals_file]


def forbund_catalogue(forbund_id: str) -> str:
    """A förbund's own DCAT-AP-SE catalogue, which it can register with Sveriges dataportal by itself."""
    return f"{forbund_id}/data/katalog.rdf"


@dataclass(frozen=True)
class CatalogueIris:
    """The absolute IRIs a DCAT-AP-SE catalogue names its things by (no blank nodes: the dataportal's rule). A
    thing that two catalogues describe (a dataset, a publisher, the contact) has the same IRI in both."""

    base_url: str

    def of(self, url: str) -> str:
        return absolute_url(self.base_url, url)

    def dataset(self, place: Place) -> str:
        """One dataset per document: its page's address with ``#datamangd``."""
        return self.of(plan(place)) + "#datamangd"

    def distribution(self, place: Place, key: str) -> str:
        """One distribution per data file (``key``: a Download's key, e.g. ``budget_csv``)."""
        return self.of(plan(place)) + "#distribution-" + key.replace("_", "-")

    def period(self, place: Place) -> str:
        return self.of(plan(place)) + "#period"

    def publisher(self, forbund_id: str, org_nr: str | None) -> str:
        """The dataportal's IRI for an organisation number (``http://dataportal.se/organisation/SE2220002063``);
        without one, an IRI on the förbund's page."""
        if org_nr:
            return "http://dataportal.se/organisation/SE" + "".join(c for c in org_nr if c.isdigit())
        return self.of(forbund(forbund_id)) + "#organisation"

    @property
    def site_publisher(self) -> str:
        return self.of(HOME) + "#utgivare"

    @property
    def contact(self) -> str:
        return self.of(DATA_PAGE) + "#kontakt"

    @property
    def telephone(self) -> str:
        return self.of(DATA_PAGE) + "#kontakt-telefon"

    @property
    def formats(self) -> str:
        """What the data files' formats conform to: the site's page about them."""
        return self.of(DATA_PAGE)


def relative(from_url: str, target: str) -> str:
    """A link from the page at ``from_url`` to ``target`` (both site-relative), e.g. ``../../index.html``."""
    return _relative(from_url.rpartition("/")[0], target)


@functools.lru_cache(maxsize=100_000)  # pages in one folder share their links: the navigation, the plan's pages
def _relative(start: str, target: str) -> str:
    anchor = ""
    if "#" in target:
        target, anchor = target.split("#", 1)
        anchor = "#" + anchor
    if not target:
        return anchor
    ups, down = start.split("/") if start else [], target.split("/")
    if target.startswith("/") or any(part in ("", ".", "..") for part in (*ups, *down)):
        return posixpath.relpath(target, start or ".") + anchor  # unusual paths: let posixpath normalise them
    common = 0  # the same result as posixpath.relpath, without its two calls to os.getcwd per link
    while common < min(len(ups), len(down)) and ups[common] == down[common]:
        common += 1
    return ("/".join([".."] * (len(ups) - common) + down[common:]) or ".") + anchor


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
