"""Load stage: read every file of a site into typed data, collecting every problem.

This and reader.py (the file-system concerns: sorted walks, encodings, size limits, links that lead out of the
site) are the only modules that read content files. Parsing itself is pure (parse.py). Which file means what is
the table in kinds.py, which the loader walks; which folder is which document is documents.py's table.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from pydantic import BaseModel

from ..diagnostics import ERROR, WARNING, Diagnostic
from ..jinjasv import jinja_swedish
from . import kinds
from .content import DocumentContent, Entry, ForbundContent, SiteContent
from .documents import BY_SUFFIX, DOCUMENT_TYPES, DocumentType
from .kinds import FORBUND, SITE, Kind
from .reader import NOT_REGULAR, NOT_REGULAR_HINT, ORDERED, Reader
from .settings import SiteConfig
from .values import slugify

M = TypeVar("M", bound=BaseModel)
FIELDS = {"mallar": "templates", "innehåll": "content"}  # site.yaml's folder settings


class Loader(Reader):
    """Reads one site. Diagnostics accumulate in ``self.diagnostics``."""

    def load(self, forbund: bool = True) -> SiteContent | None:
        """The whole site; with ``forbund=False`` only site.yaml and the list of förbund folders (``forbund_folders``),
        for a caller that loads each förbund itself (examine.py, in forked workers)."""
        site_file = self.root / SITE.path
        if not self.is_file(site_file):
            if not site_file.is_dir():
                self.missing(SITE, SITE.path)
            return None
        config = self.entry(SITE, site_file, SITE.name)
        if config is None:
            return None
        site = SiteContent(self.root, config)
        templates = self.root / config.model.templates
        if self.site_folder(config, "mallar", templates) and templates.is_dir():
            self.check_templates(templates)
        content_dir = self.root / config.model.content
        if not self.site_folder(config, "innehåll", content_dir):
            return site
        if not content_dir.is_dir():
            self.problem(SITE.path, f"Innehållsmappen `{config.model.content}` finns inte.",
                         "Skapa mappen, eller rätta `innehåll:` i site.yaml (utan den heter mappen `content`).")
            return site
        self.forbund_folders = self.subfolders(content_dir)
        if not self.forbund_folders:
            self.problem(self.rel(content_dir), "Innehållsmappen har inga förbund; webbplatsen blir tom.",
                         "Skapa ett förbund med `finsam-site new forbund`.", rule="tomt", severity=WARNING)
        if forbund:
            loaded = [f for folder in self.forbund_folders if (f := self.load_forbund(folder)) is not None]
            return SiteContent(self.root, config, loaded)
        return site

    def site_folder(self, config: Entry[SiteConfig], key: str, folder: Path) -> bool:
        """Whether a folder site.yaml names (``innehåll:``, ``mallar:``) lies inside the site's folder."""
        try:
            inside = folder.resolve().is_relative_to(self.root)
        except (OSError, RuntimeError):
            inside = False
        if not inside:
            mark = config.doc.mark((key,))
            self.diagnostics.append(Diagnostic(
                config.path, mark.line, mark.column, ERROR, "fil",
                f"Mappen `{getattr(config.model, FIELDS[key])}` ligger utanför "
                "webbplatsens mapp; finsam-site läser inget utanför den.",
                f"Ange en mapp inne i webbplatsens mapp i `{key}:`, eller kopiera in mappen.",
            ))
        return inside

    def check_templates(self, folder: Path) -> None:
        """A site's own templates and assets: each a readable regular file inside the site (links followed only
        when they stay inside), as build reads and publishes them."""
        for path in self.entries(folder):
            if path.name.startswith(".") or not self.within(path):
                continue
            if path.is_dir():
                if not path.is_symlink():  # a link to a folder inside the site is read where it is
                    self.check_templates(path)
            elif not path.is_file():
                self.problem(self.rel(path), NOT_REGULAR, NOT_REGULAR_HINT)
            elif not os.access(path, os.R_OK):
                self.problem(self.rel(path), "Filen kan inte läsas (Permission denied).",
                             "Ge dig själv läsrätt till filen.")
            elif path.suffix == ".html":
                self.check_template_syntax(path)

    def check_template_syntax(self, path: Path) -> None:
        """A template's syntax, so that ``check`` refuses what ``build`` would (errors of values show in build)."""
        try:
            jinja2.Environment().parse(path.read_text("utf-8"))
        except jinja2.TemplateSyntaxError as exc:
            self.diagnostics.append(Diagnostic(self.rel(path), exc.lineno, 1, ERROR, "mall-syntax",
                                               f"Mallen har ett syntaxfel: {jinja_swedish(exc.message or '')}"))
        except (OSError, UnicodeDecodeError) as exc:
            self.problem(self.rel(path), f"Mallen kan inte läsas ({exc}).", "Spara den som UTF-8.")

    def load_forbund(self, folder: Path) -> ForbundContent | None:
        if not self.check_id(folder, folder.name):
            return None
        info_file = folder / FORBUND.path
        if not self.is_file(info_file):
            if not info_file.exists():
                self.missing(FORBUND, f"{self.rel(folder)}/{FORBUND.path}")
            return None
        info = self.entry(FORBUND, info_file, folder.name)
        files = tuple(kind.path for kind in kinds.of("forbund"))
        plans = [plan for sub in self.subfolders(folder, files) if (plan := self.load_plan(folder.name, sub))]
        return ForbundContent(folder.name, info, plans) if info else None

    def load_plan(self, forbund_id: str, folder: Path) -> DocumentContent | None:
        """One document folder: a plan (``2024/``) or a report (``2024-arsredovisning/``…), by its name."""
        rel = self.rel(folder)
        document = self.document_type(folder)
        if document is None:
            return None
        anchor = kinds.anchor(document.kind)
        anchor_file = folder / anchor.path
        if not self.is_file(anchor_file):
            if not anchor_file.exists():
                self.missing_anchor(anchor, folder, forbund_id, document)
            return None
        meta = self.entry(anchor, anchor_file, folder.name)
        failed: list[tuple[str, str]] = []
        files: dict[str, Any] = {}
        own = list(kinds.of_document(document.kind))
        folders = {kind.folder: kind for kind in own if kind.many}
        for kind in own:
            if kind.many:
                files[kind.attr] = []
            elif kind.presence == "required":
                files[kind.attr] = self.required_entry(kind, folder, forbund_id, failed)
            elif kind.presence == "optional":
                files[kind.attr] = self.optional_entry(kind, folder, failed)
        self.foreign_files(folder, document)
        single = tuple(k.path for k in kinds.of("plan") if not k.many)  # another kind's is reported just above
        for sub in self.subfolders(folder, single):
            if sub.name not in folders:
                self.problem(
                    self.rel(sub),
                    f"Okänd mapp `{sub.name}`.",
                    "Tillåtna mappar: " + ", ".join(folders),
                    rule="okänd-fil",
                    severity=WARNING,
                )
                continue
            files[folders[sub.name].attr].extend(self.load_folder(sub, folders[sub.name], failed))
        if meta is None:
            return None  # the document's other files were still read, so all their problems are reported
        return DocumentContent(forbund_id, rel, meta, files, failed)

    def document_type(self, folder: Path) -> DocumentType | None:
        """The kind of document a folder holds, by its name (``2024``, ``2024-arsredovisning``); else a problem."""
        match = re.fullmatch(r"(\d{4})(?:-([a-z]+))?", folder.name)
        document = BY_SUFFIX.get(match.group(2) or "") if match else None
        if document is None:
            names = ", ".join(f"`{t.folder(2024)}`" for t in DOCUMENT_TYPES.values())
            self.problem(
                self.rel(folder),
                f"Mappen `{folder.name}` ska heta som dokumentets år, med dokumentets slag efter för en rapport.",
                f"Till exempel {names}; en mapp för annat hör inte hemma här.",
            )
        return document

    def missing_anchor(self, anchor: Kind[Any], folder: Path, forbund_id: str, document: DocumentType) -> None:
        """A document folder without its anchor: another kind's anchor there is named, else the file is missing."""
        other = next((t for t in DOCUMENT_TYPES.values() if t != document and (folder / t.anchor).is_file()), None)
        year = folder.name[:4]
        if other is None:
            self.problem(f"{self.rel(folder)}/{anchor.path}", anchor.missing,
                         anchor.missing_hint.format(file=anchor.path, forbund=forbund_id, year=year,
                                                    document=document.suffix), anchor.rule)
            return
        self.problem(
            f"{self.rel(folder)}/{other.anchor}",
            f"Mappen `{folder.name}` är {document.genitive} mapp, men här står {other.anchor}.",
            f"Flytta filen till mappen `{other.folder(year)}`, eller byt namn på den till {document.anchor}.",
        )

    def foreign_files(self, folder: Path, document: DocumentType) -> None:
        """A file of another document kind's (an ekonomi.yaml in a plan, a budget.yaml in a report) is named."""
        for kind in kinds.of("plan"):
            path = folder / kind.path
            if kind.many or kind.belongs_to(document.kind) or not path.exists():
                continue
            if kind.presence == "anchor":
                if kind.path != kinds.anchor(document.kind).path:
                    self.problem(self.rel(path), f"En mapp har bara ett dokument; {kind.path} hör inte hemma i "
                                 f"{document.noun}s mapp.", "Lägg varje dokument i en egen mapp, till exempel "
                                 f"`{DOCUMENT_TYPES[kinds.document_of_kind(kind)].folder(folder.name[:4])}`.")
                continue
            self.problem(
                self.rel(path),
                f"{kind.path} hör inte till {document.noun}; {document.genitive} {document.money.lower()} står "
                f"i {document.money_file}.",
                f"Byt namn på filen till {document.money_file}.",
                rule="okänd-fil",
                severity=WARNING,
            )

    def required_entry(
        self, kind: Kind[M], folder: Path, forbund_id: str, failed: list[tuple[str, str]]
    ) -> Entry[M] | None:
        """A file a plan must have: a missing one is reported, and the plan still loads without it."""
        path = folder / kind.path
        entry = self.entry(kind, path, kind.name) if self.is_file(path) else None
        if not path.exists():
            self.missing(kind, self.rel(path), forbund_id, folder.name)
        elif entry is None:
            failed.append((kind.name, kind.name))
        return entry

    def optional_entry(self, kind: Kind[M], folder: Path, failed: list[tuple[str, str]]) -> Entry[M] | None:
        """A file a plan may leave out; one with nothing but blank lines and comments counts as left out."""
        path = folder / kind.path
        if not self.is_file(path):
            return None
        try:  # a link is left to read_text, which checks where it leads
            small = not path.is_symlink() and path.stat().st_size <= 10_000
            lines = path.read_bytes().split(b"\n") if small else [b"-"]
            if all(not line.strip() or line.lstrip().startswith(b"#") for line in lines):
                self.read.append(self.rel(path))
                return None
        except OSError:
            pass  # read_text reports it
        entry = self.entry(kind, path, kind.name)
        if entry is None:
            failed.append((kind.name, kind.name))
        return entry

    def load_folder(self, folder: Path, kind: Kind[M], failed: list[tuple[str, str]] | None = None) -> list[Entry[M]]:
        suffix = kind.suffix
        entries, seen = [], dict[str, Path]()
        for path in self.entries(folder):
            if path.name.startswith(".") or path.name.endswith("~"):
                continue
            if not path.is_dir() and path.suffix != suffix and path.suffix.lower() == suffix:
                self.problem(self.rel(path), f"Filens ändelse ska skrivas med små bokstäver: `{suffix}`.",
                             f"Byt namn på filen till `{path.stem}{suffix}`; annars kommer den inte med.", rule="id")
                continue
            if path.is_dir() or path.suffix != suffix:
                self.problem(self.rel(path), f"Här ska bara finnas {suffix}-filer.", rule="okänd-fil", severity=WARNING)
                continue
            match = ORDERED.match(path.stem)
            order, ident = (int(match.group(1)), match.group(2)) if match else (0, path.stem)
            if ident in seen:
                self.problem(
                    self.rel(path),
                    f"Filerna `{seen[ident].name}` och `{path.name}` ger samma id `{ident}`, så den ena sidan "
                    "skulle ersätta den andra.",
                    "Byt namn på den ena filen, eller ta bort den som inte ska vara med.",
                    rule="id",
                )
                continue
            if not self.check_id(path, ident):
                if failed is not None:  # a reference by the id the file should have is not a second error
                    failed.append((folder.name, slugify(ident)))
                continue
            seen[ident] = path
            entry = self.entry(kind, path, ident, order)
            if entry is not None:
                entries.append(entry)
            elif failed is not None:
                failed.append((folder.name, ident))
        return sorted(entries, key=lambda e: (e.order, e.id))

def load_site(root: Path) -> tuple[SiteContent | None, list[Diagnostic]]:
    loader = Loader(root)
    site = loader.load()
    return site, loader.diagnostics
