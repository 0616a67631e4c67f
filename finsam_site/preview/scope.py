"""What a preview's rebuild reads again (its scope), and how it keeps the rest of the last site.

- :func:`find_scope`: from the files the preview saw change, the förbund and plan folders to read again;
- :func:`reread`: the last site with only those folders read again;
- :func:`reuse`: after the whole site was read, the last site's objects wherever their files were unchanged,
  and the scope of what changed.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..diagnostics import Diagnostic
from ..load.content import DocumentContent, SiteContent
from ..load.loader import Loader


@dataclasses.dataclass
class Scope:
    """What a rebuild reads again: whole förbund, and single plans, by folder relative to the site."""

    forbund: set[str]
    plans: set[str]

    def prefixes(self) -> tuple[str, ...]:
        return tuple(f"{folder}/" for folder in sorted(self.forbund | self.plans))


def find_scope(last: SiteContent | None, loader: Loader, changed: set[Path] | None) -> Scope | None:
    """The förbund and plan folders holding the changed files, or None when the whole site must be read."""
    if changed is None or last is None or not changed:
        return None if changed is None or last is None else Scope(set(), set())
    content = loader.root / last.config.model.content
    known = {f.id: {p.folder.rsplit("/", 1)[-1] for p in f.documents} for f in last.forbund}
    scope = Scope(set(), set())
    for path in changed:
        try:
            parts = path.relative_to(content).parts
        except ValueError:
            return None  # site.yaml, templates, or a file outside the content folder
        if len(parts) < 2 or parts[0] not in known or parts[0].startswith("."):
            return None  # a förbund added or removed, or a file beside the förbund folders
        folder = loader.rel(content / parts[0])
        if len(parts) >= 3 and parts[1] in known[parts[0]] and (content / parts[0] / parts[1]).is_dir():
            scope.plans.add(f"{folder}/{parts[1]}")
        else:
            scope.forbund.add(folder)
    scope.plans = {p for p in scope.plans if p.rsplit("/", 1)[0] not in scope.forbund}
    return scope


def reread(
    last: SiteContent, loader: Loader, scope: Scope, diagnostics: list[Diagnostic]
) -> tuple[SiteContent | None, list[Diagnostic]]:
    """The last site with the förbund and plans in ``scope`` read again; ``diagnostics``: the last load's."""
    site = dataclasses.replace(last, forbund=list(last.forbund))
    for index, forbund in enumerate(site.forbund):
        folder = loader.rel(loader.root / site.config.model.content / forbund.id)
        if folder in scope.forbund:
            fresh = loader.load_forbund(loader.root / folder)
            if fresh is None:
                return loader.load(), loader.diagnostics  # the förbund no longer loads: read everything
            site.forbund[index] = fresh
        elif any(p.folder in scope.plans for p in forbund.documents):
            plans = [loader.load_plan(forbund.id, loader.root / p.folder) if p.folder in scope.plans else p
                     for p in forbund.documents]
            site.forbund[index] = dataclasses.replace(forbund, documents=[p for p in plans if p is not None])
    keep = [d for d in diagnostics if not d.path.startswith(scope.prefixes())]
    return site, keep + loader.diagnostics


def reuse(last: SiteContent, site: SiteContent, loader: Loader) -> tuple[SiteContent, Scope | None]:
    """After loading the whole site: the last build's förbund and plans wherever their files are unchanged (the
    loader reused every parsed file), and the scope of what did change (None when site.yaml did)."""
    if site.config.model is not last.config.model:
        return site, None
    before = {f.id: f for f in last.forbund}
    scope = Scope({loader.rel(loader.root / site.config.model.content / f) for f in before}, set())
    forbund = []
    for new in site.forbund:
        old = before.get(new.id)
        folder = loader.rel(loader.root / site.config.model.content / new.id)
        if old is None or old.info.model is not new.info.model or len(old.documents) != len(new.documents):
            forbund.append(new)
            scope.forbund.add(folder)
            continue
        scope.forbund.discard(folder)
        plans = [a if _same_plan(a, b) else b for a, b in zip(old.documents, new.documents, strict=True)]
        fresh = [p.folder for p, o in zip(plans, old.documents, strict=True) if p is not o]
        scope.plans.update(fresh)
        forbund.append(dataclasses.replace(old, documents=plans) if fresh else old)
    return dataclasses.replace(site, config=last.config, forbund=forbund), scope


def _same_plan(old: DocumentContent, new: DocumentContent) -> bool:
    """Whether two loads of a plan hold the same files, parsed once (the loader's cache gave the same objects)."""
    def files(plan: DocumentContent) -> list[object]:
        return [(e.id, e.order, e.path, id(e.model), id(e.body)) for e in plan.entries()]
    return old.folder == new.folder and files(old) == files(new)
