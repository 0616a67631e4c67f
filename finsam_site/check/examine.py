"""The check stage as the build runs it: form (form.py), substance (rules/), and the site-wide checks (sitewide.py).

Every check but the site-wide ones looks at one förbund and its plans at a time (:func:`examine_part`), so a
one-off build loads and examines each förbund in a forked worker (parallel.spread) and joins the results here
(:func:`load_and_examine`). What a worker sends back is what the later stages need: the förbund's content without
the plans' YAML positions (which only loading and checking use; forbund.yaml's stay, as the site-wide checks
point into it), its diagnostics and its plans' rule reports. A preview (preview/session.py) examines only the
förbund and plans it read again, through the same :func:`examine_part`, and joins the results with the same
:func:`joined`, which runs the site-wide checks on the whole site.
"""

from __future__ import annotations

import os
from collections.abc import Callable
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
from .sitewide import check_site

Examined = tuple[list[Diagnostic], dict[str, PlanReport]]


def examine_part(part: SiteContent, loaded: list[Diagnostic]) -> Examined:
    """References and widths, then every rule on every plan without an error of loading (``loaded``: the load's
    diagnostics) or of form. ``part`` holds some of the site's förbund (or some plans of a förbund); the site-wide
    checks (:func:`check_site`) are not run here."""
    form = validate_site(part)
    reports, findings = run_rules(part, blocked_plans(part, loaded + form))
    return form + findings, reports


def blocked_plans(site: SiteContent, diagnostics: list[Diagnostic]) -> set[str]:
    """The plan folders where an error of form (in the plan's files or its förbund's forbund.yaml) stops the rules:
    what they found would be a consequence of that error, reported before the error itself."""
    where = {d.path for d in diagnostics if d.severity == ERROR}
    blocked = set()
    for forbund in site.forbund:
        for plan in forbund.documents:
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


def load_and_examine(root: Path, parts_of: PartsOf | None = None) -> Whole:
    """Load and examine a whole site, each förbund on its own (in forked workers where there are enough).
    ``parts_of`` may give some förbund's parts without loading them (the build cache, cache/): it gets the
    site with its settings, the förbund folders and the work that examines one."""
    loader = Loader(root)
    site = loader.load(forbund=False)
    if site is None:
        return Whole(None, loader.diagnostics, {}, loader.read)
    work = partial(_forbund, root, site.config, os.getpid())
    parts = (parts_of or _spread)(site, loader.forbund_folders, work)
    site = replace(site, forbund=[part.forbund for part in parts if part.forbund is not None])
    read = loader.read + [path for part in parts for path in part.read]
    return joined(site, loader.diagnostics, [(part.diagnostics, part.reports) for part in parts], read)


def joined(site: SiteContent, loaded: list[Diagnostic], parts: list[Examined], read: list[str]) -> Whole:
    """A site from its examined parts: the diagnostics of loading and of each part, each part's rule reports, and
    the site-wide checks on the whole site."""
    diagnostics = loaded + [d for found, _ in parts for d in found] + check_site(site)
    return Whole(site, diagnostics, {folder: r for _, reports in parts for folder, r in reports.items()}, read)


@dataclass
class Part:
    """One förbund loaded and examined (what a worker sends back)."""

    forbund: ForbundContent | None
    diagnostics: list[Diagnostic]
    reports: dict[str, PlanReport]
    read: list[str]


PartsOf = Callable[[SiteContent, list[Path], Callable[[Path], Part]], list[Part]]


def _spread(site: SiteContent, folders: list[Path], work: Callable[[Path], Part]) -> list[Part]:
    return spread(folders, work)


def _forbund(root: Path, config: Entry[SiteConfig], parent: int, folder: Path) -> Part:
    loader = Loader(root)
    forbund = loader.load_forbund(folder)
    if forbund is None:
        return Part(None, loader.diagnostics, {}, loader.read)
    part = SiteContent(loader.root, config, [forbund])
    found, reports = examine_part(part, loader.diagnostics)
    if os.getpid() != parent:  # a worker: the positions stay behind, but forbund.yaml's, for the site-wide checks
        part.release_documents(keep_forbund=True)
    return Part(forbund, loader.diagnostics + found, reports, loader.read)
