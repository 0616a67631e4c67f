"""Incremental builds: what a preview keeps between builds.

A :class:`Session` is the build's memory (memory.Memory; a one-off build's is
memory.NoMemory). ``finsam-site serve`` keeps one for the whole run, hands it to
``build.build`` and tells it which files changed (:meth:`Session.notice`). Then:

- **load** reads again only the plan folders (or förbund folders) that hold a
  changed file, and only the files in them whose stamp (modification time and
  size) changed; the other förbund and plans are the very objects of the last
  build. A change to ``site.yaml``, to a file outside a förbund folder, or with
  no list of changes, loads the whole site (still re-parsing only changed files);
- **check** examines only the förbund and plans that were read again (with
  check/examine.py's ``examine_part``, as a one-off build examines each
  förbund), keeps the findings and rule reports of the others, and runs the
  site-wide checks on the whole site;
- **cards** (compute/cards.py) are made again only for those plans; a new card equal to
  the last one is replaced by the last one, so that nothing outside the plan
  sees a change;
- **render** makes only the groups of pages (pages/groups.py) whose key holds another
  object than last time, and the writer writes only their files in place.

So the objects of the last build are the session's memory: a group's key is
compared by identity, which is exact because content objects are never changed
after loading. Anything that changes the templates, ``site.yaml``, the PDF or
search settings, or an output folder that is not the last one, rebuilds all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

import jinja2

from ..check.examine import Examined, Whole, examine_part, joined
from ..check.rules import PlanReport
from ..compute.cards import Cards, ForbundCard, PlanCard, make_cards, plan_card
from ..diagnostics import Diagnostic
from ..load.content import DocumentContent, ForbundContent, SiteContent
from ..load.settings import SiteConfig
from ..memory import Progress, Stats
from ..output.search import index as search_index
from ..output.templates import make_env
from ..output.writer import Writer
from ..pages.groups import Group
from .files import Cached, CachingLoader
from .scope import Scope, find_scope, reread, reuse


class Session:
    """What a preview keeps between its builds (memory.Memory). Not thread-safe: one build at a time."""

    def __init__(self, progress: Progress | None = None) -> None:
        self.progress = progress
        self.files: dict[tuple[Path, str], Cached] = {}
        self.site: SiteContent | None = None  # the last site loaded
        self.changed: set[Path] | None = None
        self.scope: Scope | None = None  # what the last load read again; None: everything
        self.load_diagnostics: list[Diagnostic] = []
        self.findings: list[Diagnostic] = []
        self.reports: dict[str, PlanReport] = {}
        self.plan_cards: dict[str, tuple[DocumentContent, ForbundContent, PlanCard]] = {}
        self.forbund_cards: dict[str, ForbundCard] = {}
        self.output: tuple[Path, object, set[str]] | None = None  # folder, base key, URLs written
        self.groups: dict[str, tuple[tuple[object, ...], list[str], int]] = {}  # key, URLs, pages
        self.pending: dict[str, tuple[tuple[object, ...], list[str], int]] = {}
        self.names: list[str] = []
        self.in_place = False  # whether the last build wrote only what changed into the last output folder
        self.env: tuple[object, jinja2.Environment] | None = None
        self.base: object = None

    def notice(self, paths: Iterable[Path]) -> None:
        """The files that changed since the last build (from the preview's watcher)."""
        self.changed = (self.changed or set()) | {p.resolve() for p in paths}

    # --- load and validate ------------------------------------------------------------------

    def examine(self, root: Path, stats: Stats) -> Whole:
        """The site loaded (only what changed read again) and checked (only what was read again)."""
        site, diagnostics = self.load(root, stats)
        if site is None:
            return Whole(None, diagnostics, {}, stats.parsed)
        return joined(site, diagnostics, [self.check(site, diagnostics)], stats.parsed)

    def load(self, root: Path, stats: Stats) -> tuple[SiteContent | None, list[Diagnostic]]:
        changed, self.changed = self.changed, None
        loader = CachingLoader(root, self.files)
        scope = find_scope(self.site, loader, changed)
        if scope is None:
            site, diagnostics = loader.load(), loader.diagnostics
            self.files = {k: v for k, v in self.files.items() if k in loader.seen}
            if self.site is not None and site is not None:
                site, scope = reuse(self.site, site, loader)
            stats.reused_files = loader.reused
        else:
            assert self.site is not None  # find_scope gives a scope only when there is a last site
            site, diagnostics = reread(self.site, loader, scope, self.load_diagnostics)
            inside = tuple(str(loader.root / prefix) + "/" for prefix in scope.prefixes())
            gone = [k for k in self.files if k not in loader.seen and str(k[0]).startswith(inside)]
            for key in gone:
                del self.files[key]
            stats.reused_files = len(self.files) - len(loader.read)  # the files not read count as reused
        stats.parsed = loader.read
        self.scope = scope
        self.site, self.load_diagnostics = site, diagnostics
        return site, list(diagnostics)

    def check(self, site: SiteContent, loaded: list[Diagnostic]) -> Examined:
        """check/examine.py's ``examine_part`` on what was read again; the last findings and reports for the rest."""
        scope = self.scope
        if scope is None:
            found, reports = examine_part(site, loaded)
        else:
            part = dataclasses.replace(site, forbund=[])
            for forbund in site.forbund:
                # a changed document is checked with the förbund's other documents of its year (a report is
                # checked against its year's plan)
                years = {p.year for p in forbund.documents if p.folder in scope.plans}
                documents = [p for p in forbund.documents if p.year in years]
                if forbund.info.path.startswith(scope.prefixes()):
                    part.forbund.append(forbund)
                elif documents:
                    part.forbund.append(dataclasses.replace(forbund, documents=documents))
            checked, fresh_reports = examine_part(part, loaded)
            prefixes = scope.prefixes()
            found = [d for d in self.findings if not d.path.startswith(prefixes)]
            found += [d for d in checked if d.path.startswith(prefixes)]
            folders = {p.folder for f in site.forbund for p in f.documents}
            reports = {k: v for k, v in self.reports.items() if k in folders and not f"{k}/".startswith(prefixes)}
            reports.update(fresh_reports)
        self.findings, self.reports = found, reports
        return list(found), reports

    def published(self, site: SiteContent) -> SiteContent:
        """The site as it is: a preview shows the drafts, and keeps the positions for its next check."""
        return site

    # --- cards, groups and output -----------------------------------------------------------

    def cards(self, site: SiteContent) -> Cards:
        """Every card, made again only for plans that are new objects, and kept when equal to the last one."""
        last, kept = self.plan_cards, {}

        def card(forbund: ForbundContent, plan: DocumentContent) -> PlanCard:
            before = last.get(plan.folder)
            if before is not None and before[0] is plan and before[1].info is forbund.info:
                made = before[2]
            else:
                made = plan_card(forbund, plan)
                made = before[2] if before is not None and before[2] == made else made
            kept[plan.folder] = (plan, forbund, made)
            return made

        cards = make_cards(site, card)
        last_forbund = self.forbund_cards
        forbund = [last_forbund.get(c.id, c) if last_forbund.get(c.id) == c else c for c in cards.forbund]
        self.plan_cards, self.forbund_cards = kept, {c.id: c for c in forbund}
        return Cards(cards.plans, forbund)

    def environment(self, templates: Path, config: SiteConfig, stamps: frozenset[object]) -> jinja2.Environment:
        """The last build's Jinja environment (its compiled templates and Markdown cache) while nothing changed."""
        key = (config, stamps)
        if self.env is None or not _same(self.env[0], key):
            self.env = (key, make_env(templates, config.markdown.allow_html))
        return self.env[1]

    def written(self, out_dir: Path, base: object) -> set[str] | None:
        """The URLs the last build wrote to ``out_dir``, if this build may write there in place."""
        if self.output is None:
            return None
        folder, last_base, urls = self.output
        if folder != out_dir or not _same(last_base, base):
            self.output, self.groups = None, {}
            return None
        return urls

    def fresh(self, groups: list[Group], writer: Writer, stats: Stats) -> list[Group]:
        """The groups to make; the files of the others are kept in the output as they are."""
        self.in_place = writer.in_place
        if not writer.in_place:
            self.groups = {}
        todo = []
        for group in groups:
            last = self.groups.get(group.name)
            if last is not None and _same(last[0], group.key):
                writer.keep(last[1])
                stats.reused_pages += last[2]
            else:
                todo.append(group)
        return todo

    def made(self, groups: list[Group], fresh: list[Group], made: list[tuple[list[str], int]], base: object) -> None:
        """What the fresh groups wrote (their URLs and number of pages), kept for the next build once committed."""
        self.pending, self.names, self.base = {}, [g.name for g in groups], base
        for group, (urls, pages) in zip(fresh, made, strict=True):
            self.pending[group.name] = (group.key, urls, pages)

    def search(self, folder: Path) -> tuple[list[str], list[Diagnostic]]:
        """The first build's search index (a rebuild in place leaves it to serve's background refresh)."""
        return search_index(folder)

    def committed(self, out_dir: Path, urls: set[str]) -> None:
        """The build's files are in ``out_dir``: what it made becomes what the next build compares with."""
        current = set(self.names)
        groups = {k: v for k, v in self.groups.items() if k in current}
        groups.update(self.pending)
        self.groups, self.pending, self.output = groups, {}, (out_dir, self.base, urls)

    def forget(self) -> None:
        """After a failed write: the next build writes everything afresh."""
        self.output, self.groups, self.pending = None, {}, {}


def _same(last: object, new: object) -> bool:
    """Keys are equal when every part is the same object; plain values (text, numbers, stamps) by value."""
    if isinstance(last, tuple) and isinstance(new, tuple):
        return len(last) == len(new) and all(_same(a, b) for a, b in zip(last, new, strict=True))
    if isinstance(new, str | int | float | bool | bytes | Path | frozenset) or new is None:
        return type(last) is type(new) and last == new
    return last is new
