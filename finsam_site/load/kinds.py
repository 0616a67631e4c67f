"""The content layout: one table of every kind of content file, which file means what.

Each :class:`Kind` row says where its files are (a file name, or a folder and a glob, inside the folder of its
level: the site, a förbund, a plan), which pydantic model they are parsed into (as YAML, or as the YAML front
matter of Markdown), whether there is one file or a folder of them, what a missing file means, which attribute of
the loaded content holds it, its editor schema and its scaffolding skeleton. Read by the loader (load/loader.py),
the content containers (load/content.py ``entries()``, which the preview compares), the schema writer
(authoring/jsonschema.py), the scaffolding (authoring/new.py) and next year's plan (authoring/nextyear.py).

Every consumer reads :data:`KINDS` when it runs (through :func:`of` and :func:`kind_of`), never a copy made at
import, so the table is the only place that says what a site's files are. A preview re-reads every kind alike:
its loader (preview/files.py) parses a file again only when its stamp changed, and it tells an unchanged plan by
comparing ``DocumentContent.entries()``, so a new row needs nothing there.

The site and a förbund have only their anchor file; every other kind is a document's (level ``plan``: a plan's
or a report's folder; a förbund-level kind beside forbund.yaml would need a place in ForbundContent and a line in
``Loader.load_forbund``; tests/test_kinds.py says so). A folder kind is always optional. Each document kind
(load/documents.py) has its own anchor; ``documents`` says which document kinds a file belongs to (empty: all).
budget.yaml (a plan's) and ekonomi.yaml (a report's) fill the same attribute, ``budget``: a document's money
tables, in one format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel

from .accounts import Budget
from .documents import DOCUMENT_TYPES, PLAN_KIND, REPORT_KINDS, AnnualReport, DocKind, InterimReport, Report
from .forbund import Forbund as ForbundInfo
from .model import Acknowledgements, FreeTable, Goal, Insats, Plan, Section
from .outcomes import FollowUp
from .settings import SiteConfig

M = TypeVar("M", bound=BaseModel)
Level = Literal["site", "forbund", "plan"]
# anchor: the file that makes its folder a site, a förbund or a plan (without it the folder is not loaded; its
#   entry's id is the folder's name), held in the container's own attribute;
# required: a missing file is reported, the rest of the folder still loads;
# optional: may be left out, and a file of only blank lines and comments counts as left out.
Presence = Literal["anchor", "required", "optional"]
LEVEL_GLOB: dict[Level, str] = {"site": "", "forbund": "content/*/", "plan": "content/*/*/"}  # for editor settings
LEVEL_TARGET: dict[Level, str] = {"site": "", "forbund": "", "plan": "$year/"}  # scaffolding, inside the förbund
PLAN_FILE_HINT = (
    "Kopiera {file} från förbundets förra plan och ändra den. Eller flytta undan mappen {year} och kör "
    "`finsam-site new plan {forbund} {year}`, som skapar alla planens filer utifrån den förra planen."
)


@dataclass(frozen=True)
class Kind(Generic[M]):
    """One kind of content file."""

    name: str  # short name: the entry's id for a single file, the key of ``DocumentContent.failed``
    level: Level
    path: str  # inside the level's folder: a file name (`plan.yaml`) or a folder and a glob (`mal/*.md`)
    model: type[M]
    attr: str  # the attribute of the level's container that holds it (a plan's: a key of DocumentContent.files)
    presence: Presence
    schema: str  # the editor schema's name: schemas/<schema>.schema.json
    title: str  # the editor schema's title
    skeleton: str = ""  # the file in authoring/skeleton/ that `finsam-site new forbund` fills in, if any
    sample: str = ""  # for a folder kind: the name the skeleton gets in the folder
    missing: str = ""  # for an anchor or a required file: the message when it is missing
    missing_hint: str = ""  # ... and its hint; {file}, {forbund} and {year} are filled in
    rule: str = "fil"  # ... and its rule id
    documents: frozenset[DocKind] = frozenset()  # a document's file: the document kinds that have it (empty: all)

    @property
    def many(self) -> bool:
        """A folder of files (a list of entries) rather than one file."""
        return "/" in self.path

    @property
    def folder(self) -> str:
        """The folder of a folder kind (`mal`); '' for a single file."""
        return self.path.rsplit("/", 1)[0] if self.many else ""

    @property
    def file(self) -> str:
        """The file name of a single file, or the glob of a folder kind (`*.md`)."""
        return self.path.rsplit("/", 1)[-1]

    @property
    def suffix(self) -> str:
        return "." + self.path.rsplit(".", 1)[-1]

    @property
    def markdown(self) -> bool:
        """Markdown with YAML front matter (otherwise YAML)."""
        return self.suffix == ".md"

    @property
    def glob(self) -> str:
        """Where such files are, relative to the site, for editor settings (`content/*/*/mal/*.md`)."""
        return LEVEL_GLOB[self.level] + self.path

    @property
    def target(self) -> str:
        """Where `finsam-site new forbund` writes the skeleton, inside the new förbund's folder ('' for none)."""
        if not self.skeleton or self.level == "site":
            return ""
        return LEVEL_TARGET[self.level] + (f"{self.folder}/{self.sample}" if self.many else self.path)

    def belongs_to(self, document: str) -> bool:
        """Whether a document of kind ``document`` (load/documents.py) may have this file."""
        return not self.documents or document in self.documents

    def matches(self, rel: str) -> bool:
        """Whether a path relative to the site (with the default content folder) is a file of this kind."""
        return re.fullmatch(re.escape(self.glob).replace(r"\*", "[^/]+"), rel) is not None


SITE: Kind[SiteConfig] = Kind(
    "site", "site", "site.yaml", SiteConfig, "config", "anchor", "site", "Webbplatsens inställningar (site.yaml)",
    skeleton="site.yaml", missing="Filen site.yaml saknas; det är den som visar var webbplatsen börjar.",
    missing_hint="Kör kommandot i webbplatsens mapp eller ange den med --site MAPP.",
)
FORBUND: Kind[ForbundInfo] = Kind(
    "forbund", "forbund", "forbund.yaml", ForbundInfo, "info", "anchor", "forbund",
    "Förbundets fakta och medlemmar (forbund.yaml)", skeleton="forbund.yaml",
    missing="Förbundets fil forbund.yaml saknas.",
    missing_hint="Skapa den med `finsam-site new forbund` eller efter exemplet i `finsam-site hjälp förbund`.",
)
PLAN: Kind[Plan] = Kind(
    "plan", "plan", "plan.yaml", Plan, "meta", "anchor", "plan", "Planens fakta (plan.yaml)",
    skeleton="plan.yaml", missing="Planens fil plan.yaml saknas.", missing_hint=PLAN_FILE_HINT,
    documents=frozenset({PLAN_KIND}),
)
REPORT_HINT = "Skapa den med `finsam-site new {document} {forbund} {year}`, eller byt namn på mappen."
INTERIM: Kind[InterimReport] = Kind(
    "delarsrapport", "plan", "delarsrapport.yaml", InterimReport, "meta", "anchor", "delarsrapport",
    "Delårsrapportens fakta (delarsrapport.yaml)", missing="Delårsrapportens fil delarsrapport.yaml saknas.",
    missing_hint=REPORT_HINT, documents=frozenset({"delårsrapport"}),
)
ANNUAL: Kind[AnnualReport] = Kind(
    "arsredovisning", "plan", "arsredovisning.yaml", AnnualReport, "meta", "anchor", "arsredovisning",
    "Årsredovisningens fakta (arsredovisning.yaml)", missing="Årsredovisningens fil arsredovisning.yaml saknas.",
    missing_hint=REPORT_HINT, documents=frozenset({"årsredovisning"}),
)
REPORT: Kind[Report] = Kind(
    "rapport", "plan", "rapport.yaml", Report, "meta", "anchor", "rapport", "Rapportens fakta (rapport.yaml)",
    missing="Rapportens fil rapport.yaml saknas.", missing_hint=REPORT_HINT, documents=frozenset({"rapport"}),
)
BUDGET: Kind[Budget] = Kind(
    "budget", "plan", "budget.yaml", Budget, "budget", "optional", "budget", "Budgeten (budget.yaml)",
    skeleton="budget.yaml", documents=frozenset({PLAN_KIND}),
)
ECONOMY: Kind[Budget] = Kind(
    "ekonomi", "plan", "ekonomi.yaml", Budget, "budget", "optional", "ekonomi",
    "Ekonomin: utfall, resultat- och balansräkning (ekonomi.yaml)", documents=REPORT_KINDS,
)
SECTIONS: Kind[Section] = Kind(
    "avsnitt", "plan", "avsnitt/*.md", Section, "sections", "optional", "avsnitt",
    "Ett avsnitt: fälten överst i avsnitt/*.md", skeleton="inledning.md", sample="01-inledning.md",
)
GOALS: Kind[Goal] = Kind(
    "mal", "plan", "mal/*.md", Goal, "goals", "optional", "mal", "Ett mål: fälten överst i mal/*.md",
    skeleton="mal.md", sample="01-fler-i-arbete.md",
)
INSATSER: Kind[Insats] = Kind(
    "insatser", "plan", "insatser/*.md", Insats, "insatser", "optional", "insats",
    "En insats: fälten överst i insatser/*.md", skeleton="insats.md", sample="01-exempelinsats.md",
)
TABLES: Kind[FreeTable] = Kind(
    "tabeller", "plan", "tabeller/*.yaml", FreeTable, "tables", "optional", "tabell",
    "En fri tabell (tabeller/*.yaml)", skeleton="arshjul.yaml", sample="arshjul.yaml",
)
ACKNOWLEDGEMENTS: Kind[Acknowledgements] = Kind(
    "kvitteringar", "plan", "kvitteringar.yaml", Acknowledgements, "acknowledgements", "optional", "kvitteringar",
    "Kvitteringar (kvitteringar.yaml)", skeleton="kvitteringar.yaml",
)
FOLLOWUP: Kind[FollowUp] = Kind(
    "uppfoljning", "plan", "uppfoljning.yaml", FollowUp, "followup", "optional", "uppfoljning",
    "Uppföljning (uppfoljning.yaml)",
)

# In this order the loader reads a plan's single files, its folders are named in hints, entries are listed and
# the schemas are written.
KINDS: tuple[Kind[Any], ...] = (
    SITE, FORBUND, PLAN, INTERIM, ANNUAL, REPORT, BUDGET, ECONOMY, SECTIONS, GOALS, INSATSER, TABLES,
    ACKNOWLEDGEMENTS, FOLLOWUP,
)


def of(level: Level) -> Iterator[Kind[Any]]:
    """The kinds of one level, in the table's order."""
    return (kind for kind in KINDS if kind.level == level)


def of_document(document: str) -> Iterator[Kind[Any]]:
    """The files a document of kind ``document`` may have besides its anchor, in the table's order."""
    return (k for k in of("plan") if k.presence != "anchor" and k.belongs_to(document))


def anchor(document: str) -> Kind[Any]:
    """The anchor kind of a document kind (plan.yaml for a verksamhetsplan)."""
    return next(k for k in of("plan") if k.presence == "anchor" and k.belongs_to(document))


def document_of(model: object) -> DocKind:
    """The document kind of an anchor file's model."""
    return document_of_kind(next(k for k in of("plan") if k.presence == "anchor" and type(model) is k.model))


def document_of_kind(anchor_kind: Kind[Any]) -> DocKind:
    """The document kind an anchor kind stands for."""
    return next(iter(anchor_kind.documents))


assert {anchor(d).path for d in DOCUMENT_TYPES} == {t.anchor for t in DOCUMENT_TYPES.values()}


def kind_of(rel: str) -> Kind[Any] | None:
    """The kind of a file by its path relative to the site (with the default content folder), or None."""
    return next((kind for kind in KINDS if kind.matches(rel)), None)
