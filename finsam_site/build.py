"""The build orchestrator: load → validate → compute → render → write.

``check`` runs the first two stages; ``build`` runs them all and writes only
when no stage reported an error (``strict``: no warning either). Pages are
written as they are rendered, into a staging folder that replaces the output
only at the end (write.py); a preview's session (incremental.py) makes only
the groups of pages whose content changed and writes them in place.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .check.examine import examine, load_and_examine
from .check.rules import PlanReport
from .compute.cards import make_cards
from .diagnostics import ERROR, Diagnostic, has_errors, os_reason, sort_diagnostics
from .load.content import SiteContent
from .output.linkcheck import check_links as broken_links
from .output.pdf import unavailable
from .output.render import render as render_by_format
from .output.search import BUNDLE as SEARCH_BUNDLE
from .output.search import index as search_index
from .output.search import unavailable as search_unavailable
from .output.seo import seo_files
from .output.templates import default_theme_dir, make_env
from .output.writer import OutputError, Writer, recover
from .pages.groups import Group, site_groups
from .pages.site import across_forbund
from .parallel import spread
from .preview.files import Stats, tree_stamps
from .preview.session import Session
from .urls import SiteUrls


@dataclass
class Result:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    site: SiteContent | None = None
    reports: dict[str, PlanReport] = field(default_factory=dict)
    pages: int = 0
    files: int = 0
    seconds: float = 0.0
    written: bool = False

    def failed(self, strict: bool = False) -> bool:
        return has_errors(self.diagnostics, strict) or self.site is None


def check(root: Path, session: Session | None = None) -> Result:
    """Load and validate (form, then substance); nothing is written."""
    if session is None or not session.remember:
        started = time.perf_counter()
        whole = load_and_examine(root)
        if session is not None:  # for --verbose
            session.stats = Stats(whole.read, load_seconds=time.perf_counter() - started)
        return Result(sort_diagnostics(whole.diagnostics), whole.site, whole.reports)
    site, diagnostics = session.load(root)
    if site is None:
        return Result(sort_diagnostics(diagnostics))
    found, reports = session.examine(site, examine)
    return Result(sort_diagnostics(diagnostics + found), site, reports)


@dataclass(frozen=True)
class Produced:
    """What one group wrote (sent back from a render worker, so plain and small)."""

    urls: list[str]
    pages: int
    problems: list[Diagnostic]


def render(
    site: SiteContent, reports: dict[str, PlanReport], out_dir: Path, pdf: bool, session: Session | None
) -> tuple[Writer, int, list[Diagnostic]]:
    """Render the pages and files of every group that needs it into a writer for ``out_dir``."""
    config = site.config.model
    templates = site.root / config.templates
    stamps = frozenset(tree_stamps([templates, default_theme_dir()]).items())
    env = session.environment(templates, config, stamps) if session else make_env(templates, config.markdown.allow_html)
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
    writer = Writer(out_dir, site.root, session.written(out_dir, base) if session else None, keep=(SEARCH_BUNDLE,),
                    sources=(site.root / config.content, templates))

    def produce(group: Group) -> Produced:
        pages = group.make()
        files, failed = render_by_format(env, pages, globals_)  # each page by the renderer of its format
        for url, content in files.items():
            writer.emit(url, content)
        return Produced(list(files), sum(p.format == "html" and p.url in files for p in pages), failed)

    try:
        cards = session.cards(site) if session else make_cards(site)
        groups = site_groups(site, reports, cards, with_pdf)
        fresh = session.fresh(groups, writer) if session else groups
        produced = spread(fresh, produce, session.progress if session else None, fork=not writer.in_place)
        writer.claim(url for result in produced for url in result.urls)
        problems += [d for result in produced for d in result.problems]
        writer.copy_tree(default_theme_dir() / "static", "assets")
        writer.copy_tree(templates / "static", "assets", boundary=site.root)  # a site's own asset replaces the theme's
        page_urls = sorted(u for u in writer.urls if u.endswith(".html"))
        for url, text in seo_files(config.base_url, page_urls).items():
            writer.add(url, text)
        if searchable and not writer.in_place and not problems:
            bundle, failed = search_index(writer.folder)
            writer.claim(bundle)
            problems += failed
        if session is not None:
            session.made(groups, fresh, [(r.urls, r.pages) for r in produced], base)
    except BaseException:
        writer.abort()
        raise
    return writer, len(page_urls), problems


def build(
    root: Path,
    out_dir: Path,
    strict: bool = False,
    pdf: bool = False,
    session: Session | None = None,
    check_links: bool = False,
) -> Result:
    started = time.perf_counter()
    recover(out_dir)  # the previous site back in place if a build was killed in the middle of its swap
    result = check(root, session)
    if result.failed(strict) or result.site is None:
        return result
    if session is None or not session.remember:
        result.site.release_documents()
    writer: Writer | None = None
    try:
        site = result.site if session is not None else result.site.published()
        writer, result.pages, problems = render(site, result.reports, out_dir, pdf, session)
        if check_links and not writer.in_place:
            problems += broken_links(writer.folder, result.site.config.model.base_url)
        result.diagnostics = sort_diagnostics(result.diagnostics + problems)
        result.files = len(writer.urls)
        if result.failed(strict):
            writer.abort()
            return result
        urls = writer.commit()
        result.written = True
        if session is not None:
            session.committed(out_dir, urls)
    except (OutputError, OSError) as exc:
        if writer is not None:
            writer.abort()
        if session is not None:
            session.forget()
        reason = str(exc).rstrip(".") if isinstance(exc, OutputError) else os_reason(exc)
        filename = getattr(exc, "filename", None)
        where = f" ({filename})" if filename else ""
        result.diagnostics.append(
            Diagnostic(str(out_dir), 0, 0, ERROR, "utdata", f"Utdata kunde inte skrivas: {reason}{where}.")
        )
    result.seconds = time.perf_counter() - started
    return result
