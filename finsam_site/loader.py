"""Load stage: read every file of a site into typed data, collecting every problem.

This is the only module that reads content files. Parsing itself is pure
(parse.py); here are the file-system concerns: sorted walks, encodings, size
limits, symlinks that lead out of the site, and which file means what.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from .content import Entry, ForbundContent, PlanContent, SiteContent
from .errors import ERROR, WARNING, Diagnostic, os_reason
from .followup import FollowUp
from .model import SLUG, Acknowledgements, Budget, FreeTable, Goal, Insats, Plan, Section
from .model import Forbund as ForbundInfo
from .parse import parse_markdown_file, parse_yaml_file
from .settings import SiteConfig
from .todo import find_markers
from .values import slugify

M = TypeVar("M", bound=BaseModel)
MAX_BYTES = 2_000_000
ORDERED = re.compile(r"^(\d+)-(.+)$")
FOLDERS: dict[str, type[BaseModel]] = {"avsnitt": Section, "mal": Goal, "insatser": Insats, "tabeller": FreeTable}
SITE_FILE = "site.yaml"
ACK_FILE = "kvitteringar.yaml"
FOLLOWUP_FILE = "uppfoljning.yaml"


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

    def is_file(self, path: Path) -> bool:
        """Whether ``path`` is a file; a folder by a content file's name is reported as such, not as missing."""
        if path.is_dir():
            self.problem(
                self.rel(path),
                f"`{path.name}` är en mapp, inte en fil.",
                "Ta bort mappen och skapa en fil med samma namn.",
            )
        return path.is_file()

    def read_text(self, path: Path) -> str | None:
        rel = self.rel(path)
        try:
            if path.is_symlink() and not path.resolve().is_relative_to(self.root):
                self.problem(
                    rel, "Filen är en länk till en plats utanför webbplatsens mapp.", "Kopiera in filen i stället."
                )
                return None
            if path.stat().st_size > MAX_BYTES:
                self.problem(
                    rel,
                    f"Filen är för stor ({path.stat().st_size // 1_000_000} MB).",
                    f"En innehållsfil får vara högst {MAX_BYTES // 1_000_000} MB.",
                )
                return None
            data = path.read_bytes()
        except OSError as exc:
            self.problem(rel, f"Filen kan inte läsas: {os_reason(exc)}.")
            return None
        return decode(data, rel, self.diagnostics)

    def load_file(self, cls: type[M], path: Path, markdown: bool) -> tuple[M, str, object] | None:
        self.read.append(self.rel(path))
        text = self.read_text(path)
        if text is None:
            return None
        parse = parse_markdown_file if markdown else parse_yaml_file
        parsed, diags = parse(cls, text, self.rel(path))
        self.diagnostics.extend(diags + find_markers(text, self.rel(path)))
        return (parsed.model, parsed.body, parsed.doc) if parsed else None

    def entry(self, cls: type[M], path: Path, ident: str, order: int = 0) -> Entry[M] | None:
        loaded = self.load_file(cls, path, markdown=path.suffix == ".md")
        if loaded is None:
            return None
        model, body, doc = loaded
        return Entry(ident, order, self.rel(path), model, body, doc)  # type: ignore[arg-type]

    def load(self, forbund: bool = True) -> SiteContent | None:
        """The whole site; with ``forbund=False`` only site.yaml and the list of förbund folders (``forbund_folders``),
        for a caller that loads each förbund itself (examine.py, in forked workers)."""
        site_file = self.root / SITE_FILE
        if not self.is_file(site_file):
            if not site_file.is_dir():
                self.problem(
                    SITE_FILE,
                    "Filen site.yaml saknas; det är den som visar var webbplatsen börjar.",
                    "Kör kommandot i webbplatsens mapp eller ange den med --site MAPP.",
                )
            return None
        config = self.entry(SiteConfig, site_file, "site")
        if config is None:
            return None
        site = SiteContent(self.root, config)
        content_dir = self.root / config.model.content
        if not content_dir.is_dir():
            self.problem(SITE_FILE, f"Innehållsmappen `{config.model.content}` finns inte.",
                         "Skapa mappen, eller rätta `innehåll:` i site.yaml (utan den heter mappen `content`).")
            return site
        self.forbund_folders = self.subfolders(content_dir)
        if forbund:
            site.forbund = [f for folder in self.forbund_folders if (f := self.load_forbund(folder)) is not None]
        return site

    def subfolders(self, folder: Path, known_files: tuple[str, ...] = ()) -> list[Path]:
        """Sorted subfolders; a file that is not one of ``known_files`` gets a warning."""
        result = []
        for child in sorted(folder.iterdir()):
            if child.name.startswith(".") or child.name.endswith("~") or child.name in known_files:
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
        info_file = folder / "forbund.yaml"
        if not self.is_file(info_file):
            if not info_file.is_dir():
                self.problem(
                    self.rel(folder) + "/forbund.yaml",
                    "Förbundets fil forbund.yaml saknas.",
                    "Skapa den med `finsam-site new forbund` eller efter exemplet i `finsam-site hjälp förbund`.",
                )
            return None
        info = self.entry(ForbundInfo, info_file, folder.name)
        plans = [
            plan for sub in self.subfolders(folder, ("forbund.yaml",)) if (plan := self.load_plan(folder.name, sub))
        ]
        return ForbundContent(folder.name, info, plans) if info else None

    def load_plan(self, forbund_id: str, folder: Path) -> PlanContent | None:
        rel = self.rel(folder)
        if not re.fullmatch(r"\d{4}", folder.name):
            self.problem(rel, f"Mappen `{folder.name}` ska heta som planens år, till exempel 2024.",
                         "Byt namn på mappen till planens år med fyra siffror; en mapp för annat hör inte hemma här.")
            return None
        plan_file = folder / "plan.yaml"
        if not self.is_file(plan_file):
            if not plan_file.is_dir():
                self.problem(rel + "/plan.yaml", "Planens fil plan.yaml saknas.",
                             missing_plan_file("plan.yaml", forbund_id, folder.name))
            return None
        plan = self.entry(Plan, plan_file, folder.name)
        failed: list[tuple[str, str]] = []
        budget_file = folder / "budget.yaml"
        budget = self.entry(Budget, budget_file, "budget") if self.is_file(budget_file) else None
        if not budget_file.is_file() and not budget_file.is_dir():
            hint = missing_plan_file("budget.yaml", forbund_id, folder.name)
            self.problem(rel + "/budget.yaml", "Planens budget budget.yaml saknas.", hint, "budget-saknas")
        elif budget is None:
            failed.append(("budget", "budget"))
        acks = self.optional_entry(Acknowledgements, folder / ACK_FILE, "kvitteringar", failed)
        followup = self.optional_entry(FollowUp, folder / FOLLOWUP_FILE, "uppfoljning", failed)
        content = PlanContent(forbund_id, rel, plan, budget, acknowledgements=acks, followup=followup) if plan else None
        lists: dict[str, list[Any]] = {name: [] for name in FOLDERS}
        for sub in self.subfolders(folder, ("plan.yaml", "budget.yaml", ACK_FILE, FOLLOWUP_FILE)):
            if sub.name not in FOLDERS:
                self.problem(
                    self.rel(sub),
                    f"Okänd mapp `{sub.name}`.",
                    "Tillåtna mappar: " + ", ".join(FOLDERS),
                    rule="okänd-fil",
                    severity=WARNING,
                )
                continue
            lists[sub.name].extend(self.load_folder(sub, FOLDERS[sub.name], failed))
        if content is None:
            return None  # the plan's other files were still read, so all their problems are reported
        content.failed = failed
        content.sections, content.goals = lists["avsnitt"], lists["mal"]
        content.insatser, content.tables = lists["insatser"], lists["tabeller"]
        return content

    def optional_entry(
        self, cls: type[M], path: Path, ident: str, failed: list[tuple[str, str]]
    ) -> Entry[M] | None:
        """A file a plan may leave out; one with nothing but blank lines and comments counts as left out."""
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
        entry = self.entry(cls, path, ident)
        if entry is None:
            failed.append((ident, ident))
        return entry

    def load_folder(self, folder: Path, cls: type[M], failed: list[tuple[str, str]] | None = None) -> list[Entry[M]]:
        suffix = ".yaml" if cls is FreeTable else ".md"
        entries = []
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.name.endswith("~"):
                continue
            if path.is_dir() or path.suffix != suffix:
                self.problem(self.rel(path), f"Här ska bara finnas {suffix}-filer.", rule="okänd-fil", severity=WARNING)
                continue
            match = ORDERED.match(path.stem)
            order, ident = (int(match.group(1)), match.group(2)) if match else (0, path.stem)
            if not self.check_id(path, ident):
                if failed is not None:  # a reference by the id the file should have is not a second error
                    failed.append((folder.name, slugify(ident)))
                continue
            entry = self.entry(cls, path, ident, order)
            if entry is not None:
                entries.append(entry)
            elif failed is not None:
                failed.append((folder.name, ident))
        return sorted(entries, key=lambda e: (e.order, e.id))

    def check_id(self, path: Path, ident: str) -> bool:
        if SLUG.match(ident):
            return True
        self.problem(
            self.rel(path),
            f"Namnet `{ident}` kan inte bli en webbadress.",
            "Använd små bokstäver a–z, siffror och bindestreck, till exempel `vagen-till-halsa`.",
            rule="id",
        )
        return False


def missing_plan_file(name: str, forbund_id: str, year: str) -> str:
    """The hint for a plan folder without its plan.yaml or budget.yaml."""
    return (
        f"Kopiera {name} från förbundets förra plan och ändra den. Eller flytta undan mappen {year} och kör "
        f"`finsam-site new plan {forbund_id} {year}`, som skapar alla planens filer utifrån den förra planen."
    )


def decode(data: bytes, rel: str, diagnostics: list[Diagnostic]) -> str | None:
    """UTF-8 (a BOM is tolerated); anything else is a located error."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        if _looks_utf16(data):  # plain ASCII in UTF-16 would decode, with a zero byte after every letter
            raise UnicodeDecodeError("utf-16", data, 0, 1, "UTF-16")
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        if _looks_utf16(data):
            guess = "UTF-16 (det som Anteckningar och Word kallar ”Unicode”)"
        elif _looks_cp1252(data):
            guess = "Windows-1252 (till exempel sparad från Word eller Anteckningar)"
        else:
            guess = "en annan teckenkodning"
        diagnostics.append(
            Diagnostic(
                rel,
                line,
                column,
                ERROR,
                "teckenkodning",
                f"Filen är inte sparad som UTF-8 utan troligen som {guess}.",
                "Spara om filen som UTF-8 i din editor (Spara som → Kodning: UTF-8).",
            )
        )
        return None


def _looks_utf16(data: bytes) -> bool:
    """A byte-order mark of UTF-16, or the zero bytes that every other byte of ASCII text in UTF-16 is."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = data[:200]
    return len(sample) >= 4 and sample.count(0) * 3 >= len(sample)


def _looks_cp1252(data: bytes) -> bool:
    return any(b in data for b in (b"\xe5", b"\xe4", b"\xf6", b"\xc5", b"\xc4", b"\xd6"))


def load_site(root: Path) -> tuple[SiteContent | None, list[Diagnostic]]:
    loader = Loader(root)
    site = loader.load()
    return site, loader.diagnostics
