"""The kinds of document a förbund publishes, and the facts every document states about itself.

A förbund's folder holds one folder per document: ``2024/`` is the verksamhetsplan och budget of 2024 (its anchor
``plan.yaml``), ``2024-delarsrapport/``, ``2024-arsredovisning/`` and ``2024-rapport/`` (a follow-up or social
report) are the reports of that year, each with its own anchor file. :data:`DOCUMENT_TYPES` is the table: the
anchor's file name, the folder's suffix (also the URL's), and the words the site uses for the document, so that an
årsredovisning is never called a plan and its accounts never a budget.

Every anchor model extends :class:`Document`: its title, year, status and decision. Only the title and the year
are required (the kind follows from the anchor's name, the förbund from the folder).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from .fields import Date, Flag, Slug, Strict, Year
from .forbund import BoardMember

DocKind = Literal["verksamhetsplan", "delårsrapport", "årsredovisning", "rapport"]
Status = Literal["utkast", "förslag", "beslutad", "reviderad"]
PLAN_KIND: DocKind = "verksamhetsplan"


class Named(Strict):
    id: Slug
    name: str = Field(alias="namn")
    description: str = Field("", alias="beskrivning")


class Document(Strict):
    """What every document states about itself (the anchor file's common fields)."""

    title: str = Field(alias="titel")
    year: Year = Field(alias="år", description="Året som dokumentet gäller (för en plan: budgetåret)")
    status: Status | None = Field(
        None,
        alias="status",
        description="utkast eller förslag för ett dokument som inte är beslutat (visas som utkast), "
        "beslutad eller reviderad",
    )
    decided: Date | None = Field(None, alias="beslutad", description="Dagen då dokumentet beslutades, ÅÅÅÅ-MM-DD")
    decided_by: str = Field("Förbundsstyrelsen", alias="beslutad_av")
    revised: Date | None = Field(None, alias="reviderad", description="Dagen då dokumentet senast reviderades")
    summary: str = Field("", alias="sammanfattning", description="En eller två meningar som beskriver dokumentet")
    board: list[BoardMember] = Field(default_factory=list, alias="styrelse")
    target_groups: list[Named] = Field(default_factory=list, alias="målgrupper")
    strategic_areas: list[Named] = Field(default_factory=list, alias="strategiska_områden")
    focus_areas: list[Named] = Field(default_factory=list, alias="fokusområden")
    board_size: int | None = Field(
        None, alias="styrelse_antal", description="Styrelsens storlek, när dokumentet inte namnger ledamöterna"
    )

    @property
    def draft_label(self) -> str:
        """``Utkast – ej beslutad`` for a document that is not decided (status utkast or förslag), else empty."""
        return DRAFT_LABELS.get(self.status or "", "")


DRAFT_LABELS = {"utkast": "Utkast – ej beslutad", "förslag": "Förslag – ej beslutat"}


class InterimReport(Document):
    """delarsrapport.yaml: the report on the first part of the year."""

    through: Date | None = Field(None, alias="period_till", description="Sista dagen som rapporten omfattar")


class AnnualReport(Document):
    """arsredovisning.yaml: the report on the whole year, with its accounts in ekonomi.yaml."""

    audit: str = Field("", alias="revision", description="Revisorernas uttalande, som det står i årsredovisningen")
    discharge: Flag | None = Field(None, alias="ansvarsfrihet", description="Om ansvarsfrihet beviljades")


class Report(Document):
    """rapport.yaml: a follow-up, evaluation or social report of the year."""


@dataclass(frozen=True)
class DocumentType:
    """One kind of document and the words the site uses for it."""

    kind: DocKind
    anchor: str  # the anchor file's name
    suffix: str  # the folder's and the URL's suffix after the year (`arsredovisning` → 2024-arsredovisning/)
    label: str  # its name as a heading: Verksamhetsplan och budget, Årsredovisning
    short: str  # in crumbs and lists: Plan, Årsredovisning
    noun: str  # definite: planen, årsredovisningen
    genitive: str  # planens, årsredovisningens
    money: str  # its money tables' page: Budget, Ekonomi
    money_file: str  # the file of its money tables: budget.yaml, ekonomi.yaml

    def decided(self, status: str | None) -> str:
        """How a message names the document: "den beslutade planen", "förslaget till plan", "utkastet"."""
        if status == "förslag":
            return f"förslaget till {self.short.lower()}"
        if status == "utkast":
            return f"utkastet till {self.short.lower()}"
        return f"den beslutade {self.noun}"

    def folder(self, year: int | str) -> str:
        """The document's folder (and URL segment) in its förbund: ``2024`` or ``2024-arsredovisning``."""
        return f"{year}-{self.suffix}" if self.suffix else str(year)


DOCUMENT_TYPES: dict[DocKind, DocumentType] = {
    "verksamhetsplan": DocumentType(
        "verksamhetsplan", "plan.yaml", "", "Verksamhetsplan och budget", "Plan", "planen", "planens", "Budget",
        "budget.yaml",
    ),
    "delårsrapport": DocumentType(
        "delårsrapport", "delarsrapport.yaml", "delarsrapport", "Delårsrapport", "Delårsrapport", "delårsrapporten",
        "delårsrapportens", "Ekonomi", "ekonomi.yaml",
    ),
    "årsredovisning": DocumentType(
        "årsredovisning", "arsredovisning.yaml", "arsredovisning", "Årsredovisning", "Årsredovisning",
        "årsredovisningen", "årsredovisningens", "Ekonomi", "ekonomi.yaml",
    ),
    "rapport": DocumentType(
        "rapport", "rapport.yaml", "rapport", "Rapport", "Rapport", "rapporten", "rapportens", "Ekonomi",
        "ekonomi.yaml",
    ),
}
REPORT_KINDS: frozenset[DocKind] = frozenset(k for k in DOCUMENT_TYPES if k != PLAN_KIND)
BY_SUFFIX = {t.suffix: t for t in DOCUMENT_TYPES.values()}
