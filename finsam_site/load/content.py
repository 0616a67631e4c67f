"""Plain typed data for a loaded site: what the loader produces and later stages read.

The containers are frozen: a loaded site is never changed, only replaced (the preview builds new containers around
the objects it keeps). The one exception is ``release_documents``, which drops the files' positions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from . import kinds
from .accounts import Budget
from .documents import DOCUMENT_TYPES, PLAN_KIND, DocKind, Document, DocumentType
from .forbund import Forbund as ForbundInfo
from .kinds import ACKNOWLEDGEMENTS, BUDGET, FOLLOWUP, GOALS, INSATSER, SECTIONS, TABLES, Kind
from .model import Acknowledgements, FreeTable, Goal, Insats, Plan, Section
from .outcomes import FollowUp
from .parse import Parsed
from .settings import SiteConfig

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Entry(Parsed[T]):
    """One content file as loaded: a parsed file (model, body, positions) with its id, its place in the order and
    its path relative to the site."""

    id: str
    order: int
    path: str


@dataclass(frozen=True)
class DocumentContent:
    """One plan folder: its plan.yaml (``plan``) and every other kind of the plan's files (load/kinds.py), by the
    kind's ``attr`` in ``files``: an entry or None for a single file, a list of entries for a folder."""

    forbund_id: str
    folder: str
    meta: Entry[Document]  # the anchor file (plan.yaml, arsredovisning.yaml…): the document's own facts
    files: Mapping[str, Any] = field(default_factory=dict)  # kind's attr → Entry | None, or list[Entry]
    failed: list[tuple[str, str]] = field(default_factory=list)  # (kind's name, id) of files that did not load

    def one(self, kind: Kind[M]) -> Entry[M] | None:
        """The entry of a single-file kind, or None when the document has none (or is of a kind without it)."""
        return cast("Entry[M] | None", self.files.get(kind.attr)) if kind.belongs_to(self.kind) else None

    def many(self, kind: Kind[M]) -> list[Entry[M]]:
        """The entries of a folder kind, in their order."""
        return cast("list[Entry[M]]", self.files.get(kind.attr) or []) if kind.belongs_to(self.kind) else []

    @property
    def budget(self) -> Entry[Budget] | None:
        found: Entry[Budget] | None = self.files.get(BUDGET.attr)
        return found

    @property
    def sections(self) -> list[Entry[Section]]:
        found: list[Entry[Section]] = self.files.get(SECTIONS.attr) or []
        return found

    @property
    def goals(self) -> list[Entry[Goal]]:
        found: list[Entry[Goal]] = self.files.get(GOALS.attr) or []
        return found

    @property
    def insatser(self) -> list[Entry[Insats]]:
        found: list[Entry[Insats]] = self.files.get(INSATSER.attr) or []
        return found

    @property
    def tables(self) -> list[Entry[FreeTable]]:
        found: list[Entry[FreeTable]] = self.files.get(TABLES.attr) or []
        return found

    @property
    def acknowledgements(self) -> Entry[Acknowledgements] | None:
        found: Entry[Acknowledgements] | None = self.files.get(ACKNOWLEDGEMENTS.attr)
        return found

    @property
    def followup(self) -> Entry[FollowUp] | None:
        found: Entry[FollowUp] | None = self.files.get(FOLLOWUP.attr)
        return found

    def entries(self) -> Iterator[Entry[Any]]:
        """Every file of the document, kind by kind in the table's order."""
        yield self.meta
        for kind in kinds.of_document(self.kind):
            found = self.files.get(kind.attr)
            if isinstance(found, list):
                yield from found
            elif found is not None:
                yield found

    def failed_ids(self, kind: str) -> set[str]:
        """Ids of the plan's files of ``kind`` (``insatser``, ``mal``, ``tabeller``…) that exist but did not load:
        their own errors are reported, so a reference to one of them is not a second error."""
        return {ident for k, ident in self.failed if k == kind}

    @property
    def year(self) -> int:
        return self.meta.model.year

    @property
    def kind(self) -> DocKind:
        """The document's kind (load/documents.py), by its anchor: ``verksamhetsplan`` for plan.yaml."""
        return kinds.document_of(self.meta.model)

    @property
    def type(self) -> DocumentType:
        """The document's kind and the words the site uses for it."""
        return DOCUMENT_TYPES[self.kind]

    @property
    def lists_goals(self) -> bool:
        """Whether the site lists the document's goals: a plan's always (the page says when it states none), a
        report's when it has goals of its own."""
        return self.kind == PLAN_KIND or bool(self.goals)

    @property
    def lists_insatser(self) -> bool:
        """Whether the site lists the document's insatser, as ``lists_goals``."""
        return self.kind == PLAN_KIND or bool(self.insatser)

    @property
    def plan_meta(self) -> Plan | None:
        """plan.yaml's facts when the document is a verksamhetsplan, else None."""
        model = self.meta.model
        return model if isinstance(model, Plan) else None


@dataclass(frozen=True)
class ForbundContent:
    id: str
    info: Entry[ForbundInfo]
    documents: list[DocumentContent] = field(default_factory=list)  # in the order of their folders

    @property
    def plans(self) -> list[DocumentContent]:
        """The förbund's verksamhetsplaner (its documents of kind ``verksamhetsplan``)."""
        return [d for d in self.documents if d.kind == PLAN_KIND]

    def plan_of(self, year: int) -> DocumentContent | None:
        """The verksamhetsplan of ``year``, if the förbund has one."""
        return next((d for d in self.plans if d.year == year), None)

    def followed_up(self, document: DocumentContent) -> DocumentContent:
        """The document whose goals and insatser ``document``'s follow-up (uppfoljning.yaml) refers to: its own, or
        for a report without goals of its own, the plan of its year (if the förbund has one)."""
        if document.kind == PLAN_KIND or document.goals or document.insatser:
            return document
        return self.plan_of(document.year) or document

    def of_year(self, year: int) -> list[DocumentContent]:
        """Every document of ``year``: its plan first, then the reports in the table's order (documents.py)."""
        order = list(DOCUMENT_TYPES)
        return sorted((d for d in self.documents if d.year == year), key=lambda d: order.index(d.kind))


@dataclass(frozen=True)
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
            ForbundContent(f.id, f.info, [p for p in f.documents if not p.meta.model.draft_label]) for f in self.forbund
        ]
        return SiteContent(self.root, self.config, kept)

    def entries(self) -> Iterator[Entry[Any]]:
        """Every content file of the site."""
        yield self.config
        for forbund in self.forbund:
            yield forbund.info
            for plan in forbund.documents:
                yield from plan.entries()

    def release_documents(self, keep_forbund: bool = False) -> None:
        """Drop every file's raw data and positions, which only loading and validation use.

        A one-off build calls this once the site is validated: at national scale the positions take more
        memory than the rest of the site. A preview keeps them, as its next build validates again. A forked
        worker that checked some förbund keeps their ``forbund.yaml`` positions (``keep_forbund``), which the
        site-wide checks still need.
        """
        kept = {id(f.info) for f in self.forbund} if keep_forbund else set()
        for entry in self.entries():
            if id(entry) not in kept:
                entry.doc.data, entry.doc.marks, entry.doc.key_marks = None, {}, {}
