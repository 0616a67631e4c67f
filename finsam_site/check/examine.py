"""The validate stage as the build runs it: form (validate.py), the site's address (seo.py), substance (rules/).

Every check looks at one förbund and its plans at a time (only the site's address is site-wide), so a one-off
build loads and examines each förbund in a forked worker (parallel.spread) and joins the results here. What a
worker sends back is what the later stages need: the förbund's content without the YAML positions (which only
loading and validation use), its diagnostics and its plans' rule reports.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from ..diagnostics import ERROR, Diagnostic
from ..load.content import Entry, ForbundContent, SiteContent
from ..load.loader import Loader
from ..load.settings import SiteConfig
from ..parallel import spread
from .form import validate_site
from .rules import PlanReport, run_rules
from .sitewide import check_base_url, check_party_names, check_site

Examined = tuple[list[Diagnostic], dict[str, PlanReport]]


def examine(site: SiteContent) -> Examined:
    """References and widths, the site's address, then every rule on every plan without errors of form."""
    form = validate_site(site) + check_party_names(site)
    reports, findings = run_rules(site, blocked_plans(site, form))
    return form + check_base_url(site) + findings, reports


def blocked_plans(site: SiteContent, diagnostics: list[Diagnostic]) -> set[str]:
    """The plan folders where an error of form (in the plan's files or its förbund's forbund.yaml) stops the rules:
    what they found would be a consequence of that error, reported before the error itself."""
    where = {d.path for d in diagnostics if d.severity == ERROR}
    blocked = set()
    for forbund in site.forbund:
        for plan in forbund.plans:
            inside = f"{plan.folder}/"
            if forbund.info.path in where or any(path.startswith(inside) for path in where):
                blocked.add(plan.folder)
    return blocked


@dataclass
class Whole:
    """A whole site loaded and examined: the site, every diagnostic, each plan's rule report, the files read."""

    site: SiteContent | None
    diagnostics: list[Diagnostic]
    reports: dict[str, PlanReport] = field(default_factory=dict)
    read: list[str] = field(default_factory=list)


def load_and_examine(root: Path) -> Whole:
    """Load and examine a whole site, each förbund on its own (in forked workers where there are enough)."""
    loader = Loader(root)
    site = loader.load(forbund=False)
    if site is None:
        return Whole(None, loader.diagnostics, {}, loader.read)
    parts = spread(loader.forbund_folders, partial(_forbund, root, site.config, os.getpid()))
    site = replace(site, forbund=[part.forbund for part in parts if part.forbund is not None])
    site_wide = check_site(site)
    diagnostics = loader.diagnostics + [d for part in parts for d in part.diagnostics] + site_wide
    reports = {folder: report for part in parts for folder, report in part.reports.items()}
    return Whole(site, diagnostics, reports, loader.read + [path for part in parts for path in part.read])


@dataclass
class _Part:
    forbund: ForbundContent | None
    diagnostics: list[Diagnostic]
    reports: dict[str, PlanReport]
    read: list[str]


def _forbund(root: Path, config: Entry[SiteConfig], parent: int, folder: Path) -> _Part:
    loader = Loader(root)
    forbund = loader.load_forbund(folder)
    if forbund is None:
        return _Part(None, loader.diagnostics, {}, loader.read)
    part = SiteContent(loader.root, config, [forbund])
    form = loader.diagnostics + validate_site(part)
    reports, findings = run_rules(part, blocked_plans(part, form))
    found = form + findings
    if os.getpid() != parent:  # a worker: the positions stay behind
        part.release_documents()
    return _Part(forbund, found, reports, loader.read)
