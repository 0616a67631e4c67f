"""The build orchestrator: load → check → compute → pages → output.

``check`` runs the first two stages; ``build`` runs them all and writes only
when no stage reported an error (``strict``: no warning either). Pages are
written as they are rendered, into a staging folder that replaces the output
only at the end (output/writer.py). What a build keeps for the next one is its
:class:`Memory`: nothing (:class:`NoMemory`), a cache (cache/); a preview's
session (preview/session.py) makes only the groups of pages whose content
changed and writes them in place.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .check.rules import PlanReport
from .diagnostics import ERROR, Diagnostic, has_errors, os_reason, sort_diagnostics
from .load.content import SiteContent
from .load.stamps import tree_stamps
from .memory import Memory, NoMemory, Stats
from .output.linkcheck import check_links as broken_links
from .output.pdf import unavailable
from .output.render import render as render_by_format
from .output.search import BUNDLE as SEARCH_BUNDLE
from .output.search import unavailable as search_unavailable
from .output.seo import seo_files
from .output.templates import default_theme_dir
from .output.writer import OutputError, Writer, recover
from .pages.groups import Group, site_groups
from .pages.site import across_forbund
from .parallel import spread
from .urls import SiteUrls


@dataclass
class Result:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    site: SiteContent | None = None
    reports: dict[str, PlanReport] = field(default_factory=dict)
    stats: Stats = field(default_factory=Stats)
    pages: int = 0
    files: int = 0
    seconds: float = 0.0
    written: bool = False

    def failed(self, strict: bool = False) -> bool:
        return has_errors(self.diagnostics, strict) or self.site is None


def check(root: Path, memory: Memory | None = None) -> Result:
    """Load and check (form, then substance); nothing is written."""
    started, stats = time.perf_counter(), Stats()
    whole = (memory or NoMemory()).examine(root, stats)
    stats.load_seconds = time.perf_counter() - started
    return Result(sort_diagnostics(whole.diagnostics), whole.site, whole.reports, stats)


@dataclass(frozen=True)
class Produced:
    """What one group wrote (sent back from a render worker, so plain and small)."""

    urls: list[str]
    pages: int
    problems: list[Diagnostic]


def render(
    site: SiteContent, reports: dict[str, PlanReport], out_dir: Path, pdf: bool, memory: Memory, stats: Stats
) -> tuple[Writer, int, list[Diagnostic]]:
    """Render the pages and files of every group that needs it into a writer for ``out_dir``."""
    config = site.config.model
    templates = site.root / config.templates
    stamps = frozenset(tree_stamps([templates, default_theme_dir()]).items())
    env = memory.environment(templates, config, stamps)
    problem = unavailable(required=pdf) if pdf or config.pdf else None
    no_search = search_unavailable() if config.search else None
    problems = [p for p in (problem, no_search) if p]
    with_pdf, searchable = (pdf or config.pdf) and problem is None, config.search and no_search is None
    across = across_forbund(site)
    globals_ = {
        "config": config,
        "pdf": with_pdf,
        "search": searchable,
        "urls": SiteUrls(config.base_url),
        "across": across,
    }
    base = (config, stamps, with_pdf, searchable, across)
    writer = Writer(out_dir, site.root, memory.written(out_dir, base), keep=(SEARCH_BUNDLE,),
                    sources=(site.root / config.content, templates))

    def produce(group: Group) -> Produced:
        pages = group.make()
        files, failed = render_by_format(env, pages, globals_)  # each page by the renderer of its format
        for url, content in files.items():
            writer.emit(url, content)
        return Produced(list(files), sum(p.format == "html" and p.url in files for p in pages), failed)

    try:
        groups = site_groups(site, reports, memory.cards(site), with_pdf)
        started = time.perf_counter()
        fresh = memory.fresh(groups, writer, stats)
        fresh = [g for g in fresh if not g.late] + [g for g in fresh if g.late]  # a late group describes the others'
        produced = spread([g for g in fresh if not g.late], produce, memory.progress, fork=not writer.in_place)
        globals_["size"] = writer.size  # files, by their sizes as written (output/catalogue.py)
        produced += spread([g for g in fresh if g.late], produce, memory.progress, fork=not writer.in_place)
        stats.rendered, stats.render_seconds = sum(r.pages for r in produced), time.perf_counter() - started
        writer.claim(url for result in produced for url in result.urls)
        problems += [d for result in produced for d in result.problems]
        writer.copy_tree(default_theme_dir() / "static", "assets")
        writer.copy_tree(templates / "static", "assets", boundary=site.root)  # a site's own asset replaces the theme's
        page_urls = sorted(u for u in writer.urls if u.endswith(".html"))
        for url, text in seo_files(config.base_url, page_urls).items():
            writer.add(url, text)
        if searchable and not writer.in_place and not problems:
            bundle, failed = memory.search(writer.folder)
            writer.claim(bundle)
            problems += failed
        memory.made(groups, fresh, [(r.urls, r.pages) for r in produced], base)
    except BaseException:
        writer.abort()
        raise
    return writer, len(page_urls), problems


def build(
    root: Path,
    out_dir: Path,
    strict: bool = False,
    pdf: bool = False,
    memory: Memory | None = None,
    check_links: bool = False,
) -> Result:
    started = time.perf_counter()
    recover(out_dir)  # the previous site back in place if a build was killed in the middle of its swap
    memory = memory or NoMemory()
    result = check(root, memory)
    if result.failed(strict) or result.site is None:
        return result
    writer: Writer | None = None
    try:
        site = memory.published(result.site)
        writer, result.pages, problems = render(site, result.reports, out_dir, pdf, memory, result.stats)
        if check_links and not writer.in_place:
            problems += broken_links(writer.folder, result.site.config.model.base_url)
        result.diagnostics = sort_diagnostics(result.diagnostics + problems)
        result.files = len(writer.urls)
        if result.failed(strict):
            writer.abort()
            return result
        urls = writer.commit()
        result.written = True
        memory.committed(out_dir, urls)
    except (OutputError, OSError) as exc:
        if writer is not None:
            writer.abort()
        memory.forget()
        reason = str(exc).rstrip(".") if isinstance(exc, OutputError) else os_reason(exc)
        filename = getattr(exc, "filename", None)
        where = f" ({filename})" if filename else ""
        result.diagnostics.append(
            Diagnostic(str(out_dir), 0, 0, ERROR, "utdata", f"Utdata kunde inte skrivas: {reason}{where}.")
        )
    result.seconds = time.perf_counter() - started
    return result
