"""The build orchestrator: load → validate → compute → render → write.

``check`` runs the first two stages; ``build`` runs them all and writes only
when no stage reported an error (``strict``: no warning either).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from . import extras
from .content import SiteContent
from .errors import ERROR, Diagnostic, has_errors, sort_diagnostics
from .incremental import Session
from .linkcheck import check_links as broken_links
from .loader import load_site
from .pages import build_pages
from .pdf import render_pdfs, unavailable
from .render import default_theme_dir, make_env, render_many
from .rules import PlanReport, run_rules
from .search import unavailable as search_unavailable
from .seo import check_base_url
from .validate import validate_site
from .write import Output, OutputError, commit


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
    site, diagnostics = session.load(root) if session else load_site(root)
    reports: dict[str, PlanReport] = {}
    if site is not None:
        diagnostics += validate_site(site) + check_base_url(site)
        reports, findings = run_rules(site)
        diagnostics += findings
    return Result(sort_diagnostics(diagnostics), site, reports)


def render(
    site: SiteContent, reports: dict[str, PlanReport], pdf: bool = False, session: Session | None = None
) -> tuple[Output, int, list[Diagnostic]]:
    """Render every page and asset of a valid site into an in-memory output."""
    config = site.config.model
    env = make_env(site.root / config.templates, config.markdown.allow_html)
    everything = build_pages(site, reports) + extras.pages(site)
    pages = [p for p in everything if not p.url.endswith(".pdf")]
    problem = unavailable(required=pdf) if pdf or config.pdf else None
    no_search = search_unavailable() if config.search else None
    globals_ = {"config": config, "pdf": (pdf or config.pdf) and problem is None}
    searchable = config.search and no_search is None
    globals_.update(extras.template_globals(site, searchable))
    rendered, problems = (session.render if session else render_many)(env, pages, globals_)
    problems += [p for p in (problem, no_search) if p]
    more, failed = extras.files(site, rendered, searchable)
    problems += failed
    files: dict[str, str | bytes] = dict(rendered)
    if globals_["pdf"]:
        pdf_pages = [p for p in everything if p.url.endswith(".pdf")]
        files.update(render_pdfs(env, pdf_pages, globals_, default_theme_dir() / "static"))
    output = Output()
    try:
        for url in sorted(files):
            output.add(url, files[url])
        for url in sorted(more):
            output.add(url, more[url])
        for static in (default_theme_dir() / "static", site.root / config.templates / "static"):
            if static.is_dir():
                for path in sorted(static.rglob("*")):
                    if path.is_file():
                        url = f"assets/{path.relative_to(static).as_posix()}"
                        output.files[url] = path.read_bytes()  # a site's own asset replaces the theme's
    except OutputError as exc:
        problems.append(Diagnostic("site.yaml", 0, 0, ERROR, "utdata", str(exc)))
    return output, len(pages), problems


def build(
    root: Path,
    out_dir: Path,
    strict: bool = False,
    pdf: bool = False,
    session: Session | None = None,
    check_links: bool = False,
) -> Result:
    started = time.perf_counter()
    result = check(root, session)
    if result.failed(strict) or result.site is None:
        return result
    output, pages, problems = render(result.site, result.reports, pdf, session)
    problems += broken_links(output.files, result.site.config.model.base_url) if check_links else []
    result.diagnostics = sort_diagnostics(result.diagnostics + problems)
    result.pages, result.files = pages, len(output.files)
    if result.failed(strict):
        return result
    try:
        commit(output, out_dir, root)
        result.written = True
    except (OutputError, OSError) as exc:
        result.diagnostics.append(Diagnostic(str(out_dir), 0, 0, ERROR, "utdata", f"Utdata kunde inte skrivas: {exc}"))
    result.seconds = time.perf_counter() - started
    return result
