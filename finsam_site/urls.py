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
UNLISTED = frozenset({NOT_FOUND, SEARCH})
# A document's folder after its year, by its kind (load/documents.py keeps the same table for the content folders;
# tests/test_documents.py checks that they agree).
PLAN = "verksamhetsplan"
DOCUMENT_SUFFIX = {PLAN: "", "delårsrapport": "delarsrapport", "årsredovisning": "arsredovisning",
                   "rapport": "rapport"}  # pages that are no search engine's landing page

# The top navigation: (label, URL), in order; the pages across förbund only on a site of more than one förbund.
SITE_NAV = [("Start", HOME), ("Jämför", COMPARE), ("Områden", AREAS), ("Målgrupper", TARGET_GROUPS),
            ("Parter", PARTIES), ("Sök", SEARCH)]
ACROSS = frozenset({COMPARE, AREAS, TARGET_GROUPS, PARTIES})


class Place(Protocol):
    """A document's address: its förbund, its year and its kind (load/documents.py)."""

    @property
    def forbund_id(self) -> str: ...

    @property
    def year(self) -> int: ...

    @property
    def kind(self) -> str: ...


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
    """The document's folder in the output, as in the content: ``ange/2024`` for a plan, ``ange/2024-arsredovisning``
    for a report."""
    return f"{place.forbund_id}/{_stem(place)}"


def _stem(place: Place) -> str:
    """``2024`` for a plan, ``2024-arsredovisning`` for a report: the document's folder in its förbund."""
    suffix = DOCUMENT_SUFFIX[place.kind]
    return f"{place.year}-{suffix}" if suffix else str(place.year)


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
    """A plan's budget page, or a report's accounts (ekonomi)."""
    return f"{plan_dir(place)}/{'budget' if place.kind == PLAN else 'ekonomi'}/index.html"


def followup(place: Place) -> str:
    return f"{plan_dir(place)}/uppfoljning/index.html"


def review(place: Place) -> str:
    return f"{plan_dir(place)}/granskning/index.html"


def pdf(place: Place) -> str:
    return f"{plan_dir(place)}/{place.forbund_id}-{_stem(place)}.pdf"


@dataclass(frozen=True)
class Parts:
    """Which parts a document's navigation has, and what it calls itself and its money tables."""

    name: str = "Planen"  # the document's own page: Planen, Årsredovisningen
    money: str = "Budget"  # its money tables' page: Budget, Ekonomi
    goals: bool = True
    insatser: bool = True
    accounts: bool = True
    followup: bool = False


def plan_nav(place: Place, parts: Parts) -> list[tuple[str, str]]:
    """A document's own navigation: (label, URL), in order. The document's page marks itself; each other entry
    marks every page in its folder (a goal page marks "Mål")."""
    return [
        (parts.name, plan(place)),
        *([("Mål", goals(place))] if parts.goals else []),
        *([("Insatser", insatser(place))] if parts.insatser else []),
        *([(parts.money, budget(place))] if parts.accounts else []),
        *([("Uppföljning", followup(place))] if parts.followup else []),
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


def plan_downloads(
    place: Place, has_budget: bool, money: str = "Budget", genitive: str = "planens", has_goals: bool = True
) -> list[Download]:
    """A document's open-data files: its money tables as CSV and JSON (when it has them: a plan's budget, a report's
    accounts, ``money``), its goals and insatser (when ``has_goals``; ``genitive``: whose, "årsredovisningens")."""
    stem = f"{plan_dir(place)}/data/{place.forbund_id}-{_stem(place)}"
    file = money.lower()
    tables = [
        Download(f"{stem}-{file}.csv", "budget_csv", money, "CSV", "för Excel: en rad per belopp"),
        Download(f"{stem}-{file}.json", "budget_json", money, "JSON", f"{file}tabellerna med grupper och summor"),
    ]
    goals_file = Download(
        f"{stem}-mal-och-insatser.json", "mal_och_insatser_json", "Mål och insatser", "JSON",
        f"{genitive} mål och insatser",
    )
    return [*(tables if has_budget else []), *([goals_file] if has_goals else [])]


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

    def publisher(self, forbund_id: str, org_digits: str | None) -> str:
        """The dataportal's IRI for an organisation number's ten digits (``http://dataportal.se/organisation/
        SE2220002063``); without them, an IRI on the förbund's page."""
        if org_digits:
            return "http://dataportal.se/organisation/SE" + org_digits
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
