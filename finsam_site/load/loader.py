"""Load stage: read every file of a site into typed data, collecting every problem.

This is the only module that reads content files. Parsing itself is pure
(parse.py); here are the file-system concerns: sorted walks, encodings, size
limits, symlinks that lead out of the site. Which file means what is the table
in kinds.py, which the loader walks.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from pydantic import BaseModel

from ..diagnostics import ERROR, WARNING, Diagnostic, os_reason
from ..jinjasv import jinja_swedish
from . import kinds
from .content import DocumentContent, Entry, ForbundContent, SiteContent
from .fields import SLUG
from .kinds import FORBUND, PLAN, SITE, Kind
from .parse import Parsed, parse_markdown_file, parse_yaml_file
from .settings import SiteConfig
from .textfile import decode
from .todo import find_markers
from .values import slugify

M = TypeVar("M", bound=BaseModel)
MAX_BYTES = 2_000_000
MAX_ID = 100  # characters of a file or folder name that becomes a part of a URL (file systems stop at 255 bytes)
ORDERED = re.compile(r"^(\d+)-(.+)\Z")
FIELDS = {"mallar": "templates", "innehåll": "content"}  # site.yaml's folder settings
NOT_REGULAR = "Det här är ingen vanlig fil (utan till exempel en namngiven pipe eller en enhet); den läses inte."
NOT_REGULAR_HINT = "Ersätt den med en vanlig textfil."


class Loader:
    """Reads one site. Diagnostics accumulate in ``self.diagnostics``."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.diagnostics: list[Diagnostic] = []
        self.forbund_folders: list[Path] = []
        self.read: list[str] = []  # every content file read, relative to the site

    def problem(self, path: str, message: str, hint: str = "", rule: str = "fil", severity: str = ERROR) -> None:
        self.diagnostics.append(Diagnostic(path, 0, 0, ERROR if severity == ERROR else WARNING, rule, message, hint))

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def within(self, path: Path, what: str = "Filen") -> bool:
        """Whether ``path``, every link on the way followed, stays inside the site's folder; if not, a problem.
        Every path the loader reads starts inside the site, so one that leads out went through a link."""
        try:
            inside = path.resolve().is_relative_to(self.root)
        except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError for a loop of links
            self.problem(self.rel(path), "Länken går inte att följa; den leder i en slinga.", "Ta bort länken.")
            return False
        if not inside:
            self.problem(
                self.rel(path),
                f"{what} är en länk till en plats utanför webbplatsens mapp.",
                "Kopiera in den i stället; finsam-site läser inget utanför webbplatsens mapp.",
            )
        return inside

    def is_file(self, path: Path) -> bool:
        """Whether ``path`` is a file; a folder by a content file's name is reported as such, not as missing,
        and so is anything else that is not a regular file (a named pipe, a device)."""
        if path.is_dir():
            self.problem(
                self.rel(path),
                f"`{path.name}` är en mapp, inte en fil.",
                "Ta bort mappen och skapa en fil med samma namn.",
            )
        elif path.exists() and not path.is_file():
            self.problem(self.rel(path), NOT_REGULAR, NOT_REGULAR_HINT)
        return path.is_file()

    def entries(self, folder: Path) -> list[Path]:
        """A folder's entries, sorted; a folder that cannot be read is reported and has none."""
        try:
            return sorted(folder.iterdir())
        except OSError as exc:
            self.problem(self.rel(folder), f"Mappen kan inte läsas ({exc.strerror or exc}).",
                         "Ge dig själv läsrätt till mappen, eller ta bort den.")
            return []

    def read_text(self, path: Path) -> str | None:
        rel = self.rel(path)
        if path.is_symlink() and not self.within(path):  # the folders on the way were checked (subfolders)
            return None
        try:
            # O_NONBLOCK: a named pipe is never waited on; fstat then tells what was opened
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
            with os.fdopen(descriptor, "rb") as file:
                info = os.fstat(file.fileno())
                if not stat.S_ISREG(info.st_mode):
                    self.problem(rel, NOT_REGULAR, NOT_REGULAR_HINT)
                    return None
                if info.st_size > MAX_BYTES:
                    self.problem(
                        rel,
                        f"Filen är för stor ({info.st_size // 1_000_000} MB).",
                        f"En innehållsfil får vara högst {MAX_BYTES // 1_000_000} MB.",
                    )
                    return None
                data = file.read(MAX_BYTES + 1)
        except OSError as exc:
            self.problem(rel, f"Filen kan inte läsas: {os_reason(exc)}.")
            return None
        if len(data) > MAX_BYTES:  # it grew while it was read
            self.problem(rel, "Filen är för stor.", f"En innehållsfil får vara högst {MAX_BYTES // 1_000_000} MB.")
            return None
        return decode(data, rel, self.diagnostics)

    def load_file(self, cls: type[M], path: Path, markdown: bool) -> Parsed[M] | None:
        self.read.append(self.rel(path))
        text = self.read_text(path)
        if text is None:
            return None
        parse = parse_markdown_file if markdown else parse_yaml_file
        parsed, diags = parse(cls, text, self.rel(path))
        self.diagnostics.extend(diags + find_markers(text, self.rel(path)))
        return parsed

    def entry(self, kind: Kind[M], path: Path, ident: str, order: int = 0) -> Entry[M] | None:
        parsed = self.load_file(kind.model, path, kind.markdown)
        if parsed is None:
            return None
        return Entry(parsed.model, parsed.body, parsed.doc, id=ident, order=order, path=self.rel(path),
                     unstated=parsed.unstated)

    def missing(self, kind: Kind[Any], where: str, forbund_id: str = "", year: str = "") -> None:
        """The problem of a missing anchor or required file, as its row in the table words it."""
        self.problem(where, kind.missing, kind.missing_hint.format(file=kind.path, forbund=forbund_id, year=year),
                     kind.rule)

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

    def subfolders(self, folder: Path, known_files: tuple[str, ...] = ()) -> list[Path]:
        """Sorted subfolders; a file that is not one of ``known_files`` gets a warning."""
        result = []
        for child in self.entries(folder):
            if child.name.startswith(".") or child.name.endswith("~") or child.name in known_files:
                continue
            if child.is_symlink() and not self.within(child, "Mappen" if child.is_dir() else "Filen"):
                continue
            if child.is_dir():
                result.append(child)
            else:
                self.problem(
                    self.rel(child),
                    "Okänd fil här; den används inte.",
                    "Flytta eller ta bort den.",
                    rule="okänd-fil",
                    severity=WARNING,
                )
        return result

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
        rel = self.rel(folder)
        if not re.fullmatch(r"\d{4}", folder.name):
            self.problem(rel, f"Mappen `{folder.name}` ska heta som planens år, till exempel 2024.",
                         "Byt namn på mappen till planens år med fyra siffror; en mapp för annat hör inte hemma här.")
            return None
        plan_file = folder / PLAN.path
        if not self.is_file(plan_file):
            if not plan_file.exists():
                self.missing(PLAN, f"{rel}/{PLAN.path}", forbund_id, folder.name)
            return None
        plan = self.entry(PLAN, plan_file, folder.name)
        failed: list[tuple[str, str]] = []
        files: dict[str, Any] = {}
        folders = {kind.folder: kind for kind in kinds.of("plan") if kind.many}
        for kind in kinds.of("plan"):
            if kind.many:
                files[kind.attr] = []
            elif kind.presence == "required":
                files[kind.attr] = self.required_entry(kind, folder, forbund_id, failed)
            elif kind.presence == "optional":
                files[kind.attr] = self.optional_entry(kind, folder, failed)
        for sub in self.subfolders(folder, tuple(kind.path for kind in kinds.of("plan") if not kind.many)):
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
        if plan is None:
            return None  # the plan's other files were still read, so all their problems are reported
        return DocumentContent(forbund_id, rel, plan, files, failed)

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

    def check_id(self, path: Path, ident: str) -> bool:
        if SLUG.fullmatch(ident) and len(ident) <= MAX_ID:
            return True
        if SLUG.fullmatch(ident):
            self.problem(self.rel(path), f"Namnet är för långt för en webbadress ({len(ident)} tecken).",
                         f"Korta det till högst {MAX_ID} tecken.", rule="id")
            return False
        self.problem(
            self.rel(path),
            f"Namnet `{ident}` kan inte bli en webbadress.",
            "Använd små bokstäver a–z, siffror och bindestreck, till exempel `vagen-till-halsa`.",
            rule="id",
        )
        return False


def load_site(root: Path) -> tuple[SiteContent | None, list[Diagnostic]]:
    loader = Loader(root)
    site = loader.load()
    return site, loader.diagnostics
