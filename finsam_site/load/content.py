"""Plain typed data for a loaded site: what the loader produces and later stages read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from .model import Acknowledgements, Budget, FreeTable, Goal, Insats, Plan, Section
from .model import Forbund as ForbundInfo
from .outcomes import FollowUp
from .settings import SiteConfig
from .yamlload import Document

T = TypeVar("T")


@dataclass(frozen=True)
class Entry(Generic[T]):
    """One content file: its id, its place in the order, its path relative to the site and its data."""

    id: str
    order: int
    path: str
    model: T
    body: str
    doc: Document


@dataclass
class PlanContent:
    forbund_id: str
    folder: str
    plan: Entry[Plan]
    budget: Entry[Budget] | None = None
    sections: list[Entry[Section]] = field(default_factory=list)
    goals: list[Entry[Goal]] = field(default_factory=list)
    insatser: list[Entry[Insats]] = field(default_factory=list)
    tables: list[Entry[FreeTable]] = field(default_factory=list)
    acknowledgements: Entry[Acknowledgements] | None = None
    followup: Entry[FollowUp] | None = None
    failed: list[tuple[str, str]] = field(default_factory=list)  # (folder or file kind, id) of files that did not load

    def failed_ids(self, kind: str) -> set[str]:
        """Ids of the plan's files of ``kind`` (``insatser``, ``mal``, ``tabeller``…) that exist but did not load:
        their own errors are reported, so a reference to one of them is not a second error."""
        return {ident for k, ident in self.failed if k == kind}

    @property
    def year(self) -> int:
        return self.plan.model.year


@dataclass
class ForbundContent:
    id: str
    info: Entry[ForbundInfo]
    plans: list[PlanContent] = field(default_factory=list)


@dataclass
class SiteContent:
    root: Path
    config: Entry[SiteConfig]
    forbund: list[ForbundContent] = field(default_factory=list)

    def published(self) -> SiteContent:
        """The site as a one-off build publishes it: without the plans that are not decided when ``site.yaml`` says
        ``utkast: false`` (a preview always shows them)."""
        if self.config.model.drafts:
            return self
        kept = [
            ForbundContent(f.id, f.info, [p for p in f.plans if not p.plan.model.draft_label]) for f in self.forbund
        ]
        return SiteContent(self.root, self.config, kept)

    def entries(self) -> Iterator[Entry[Any]]:
        """Every content file of the site."""
        yield self.config
        for forbund in self.forbund:
            yield forbund.info
            for plan in forbund.plans:
                optional: list[Entry[Any] | None] = [plan.budget, plan.acknowledgements, plan.followup]
                yield plan.plan
                many: list[list[Any]] = [plan.sections, plan.goals, plan.insatser, plan.tables]
                yield from (entry for entries in many for entry in entries)
                yield from (e for e in optional if e is not None)

    def release_documents(self) -> None:
        """Drop every file's raw data and positions, which only loading and validation use.

        A one-off build calls this once the site is validated: at national scale the positions take more
        memory than the rest of the site. A preview keeps them, as its next build validates again.
        """
        for entry in self.entries():
            entry.doc.data, entry.doc.marks, entry.doc.key_marks = None, {}, {}
