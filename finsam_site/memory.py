"""What a build keeps for the next one, behind one small interface (:class:`Memory`), and what it did (:class:`Stats`).

build.py asks its memory for everything a later build could reuse: the site loaded and checked, the cards, the
Jinja environment, whether it may write in place and which groups of pages to make, and it tells the memory what
it made and wrote. :class:`NoMemory` is the one-off build (``finsam-site build`` and ``check``): plain calls, and
nothing kept. A preview's ``preview.session.Session`` keeps the last build's objects and output; ``cache.CacheMemory``
(``build`` without ``--no-cache``) keeps what it loaded and rendered in the site's ``.finsam-cache/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import jinja2

from .check.examine import Whole, load_and_examine
from .compute.cards import Cards, make_cards
from .diagnostics import Diagnostic
from .formatting import seconds
from .load.content import SiteContent
from .load.settings import SiteConfig
from .output.search import index as search_index
from .output.templates import make_env
from .output.writer import Writer
from .pages.groups import Group

Progress = Callable[[int, int], None]


@dataclass
class Stats:
    """What a build did: files parsed or reused, pages rendered or reused, time per stage."""

    parsed: list[str] = field(default_factory=list)
    reused_files: int = 0
    rendered: int = 0
    reused_pages: int = 0
    load_seconds: float = 0.0
    render_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # in Swedish, for the terminal: what the memory has to say

    @property
    def files(self) -> int:
        return len(self.parsed) + self.reused_files

    @property
    def pages(self) -> int:
        return self.rendered + self.reused_pages

    def describe(self) -> str:
        """In Swedish, for the terminal: ``läste 1 av 53 filer (0,01 s), skapade 7 av 40 sidor (0,12 s)``."""
        return (
            f"läste {len(self.parsed)} av {self.files} filer ({seconds(self.load_seconds)}), "
            f"skapade {self.rendered} av {self.pages} sidor ({seconds(self.render_seconds)})"
        )


class Memory(Protocol):
    """What a build keeps for the next one: nothing (:class:`NoMemory`), or a preview's last build (its Session)."""

    progress: Progress | None  # told of each group of pages made

    def examine(self, root: Path, stats: Stats) -> Whole:
        """The site loaded and checked (check/examine.py); the files read and reused go into ``stats``."""

    def published(self, site: SiteContent) -> SiteContent:
        """The checked site as this build's pages show it."""

    def cards(self, site: SiteContent) -> Cards:
        """Every plan's and förbund's card (compute/cards.py)."""

    def environment(self, templates: Path, config: SiteConfig, stamps: frozenset[object]) -> jinja2.Environment:
        """The Jinja environment for ``templates``, whose files have the given ``stamps``."""

    def written(self, out_dir: Path, base: object) -> set[str] | None:
        """The URLs the last build wrote to ``out_dir``, if this build may write there in place."""

    def fresh(self, groups: list[Group], writer: Writer, stats: Stats) -> list[Group]:
        """The groups of pages to make; the writer keeps the files of the others."""

    def made(self, groups: list[Group], fresh: list[Group], made: list[tuple[list[str], int]], base: object) -> None:
        """What the fresh groups wrote (their URLs and number of pages), to remember once it is committed."""

    def search(self, folder: Path) -> tuple[list[str], list[Diagnostic]]:
        """The search index of the pages in ``folder`` (output/search.py): its URLs and any problem."""

    def committed(self, out_dir: Path, urls: set[str]) -> None:
        """The build's files (``urls``) are in ``out_dir``."""

    def forget(self) -> None:
        """After a failed write: the next build writes everything afresh."""


class NoMemory:
    """A one-off build: loaded and checked in forked workers, published without the drafts that site.yaml leaves
    out, every group of pages made afresh into a new folder, and nothing kept."""

    def __init__(self, progress: Progress | None = None) -> None:
        self.progress = progress

    def examine(self, root: Path, stats: Stats) -> Whole:
        whole = load_and_examine(root)
        stats.parsed = whole.read
        return whole

    def published(self, site: SiteContent) -> SiteContent:
        site.release_documents()  # the positions only loading and checking use: much memory at national scale
        return site.published()

    def cards(self, site: SiteContent) -> Cards:
        return make_cards(site)

    def environment(self, templates: Path, config: SiteConfig, stamps: frozenset[object]) -> jinja2.Environment:
        return make_env(templates, config.markdown.allow_html)

    def written(self, out_dir: Path, base: object) -> set[str] | None:
        return None

    def fresh(self, groups: list[Group], writer: Writer, stats: Stats) -> list[Group]:
        return groups

    def made(self, groups: list[Group], fresh: list[Group], made: list[tuple[list[str], int]], base: object) -> None:
        pass

    def search(self, folder: Path) -> tuple[list[str], list[Diagnostic]]:
        return search_index(folder)

    def committed(self, out_dir: Path, urls: set[str]) -> None:
        pass

    def forget(self) -> None:
        pass
