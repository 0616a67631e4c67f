"""Scaffolding: ``finsam-site new forbund``, ``new plan`` and ``new delarsrapport|arsredovisning|rapport``.

``new forbund`` writes commented Swedish templates of every kind of content
file (finsam_site/skeleton/), which ``check`` passes as written; what the
author must fill in is marked ``ATT GÖRA`` and listed by ``check``.
``new plan`` makes next year's plan from the förbund's latest one
(nextyear.py); ``new arsredovisning`` and the other reports make a report's folder
from its year's plan (newreport.py). None overwrites anything: the files are written into a
hidden folder beside the target and moved into place whole, and only when the
target does not exist yet.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path
from string import Template

from ..build import check
from ..diagnostics import ERROR, Diagnostic
from ..load import kinds
from ..load.content import ForbundContent, SiteContent
from ..load.documents import BY_SUFFIX
from ..load.fields import SLUG
from ..load.loader import Loader, load_site
from ..report import Reporter
from .newreport import report_files
from .nextyear import next_plan

SKELETON = Path(__file__).parent / "skeleton"
SITE_FILE = kinds.SITE.path


def forbund_files() -> dict[str, str]:
    """Target inside the new förbund's folder → skeleton file: every kind of the table (load/kinds.py) that has
    a skeleton, but the site's own site.yaml."""
    return {kind.target: kind.skeleton for kind in kinds.KINDS if kind.target}


class ScaffoldError(Exception):
    """A user error with a Swedish message, a hint and the path it concerns."""

    def __init__(self, message: str, hint: str = "", path: str = "") -> None:
        super().__init__(message)
        self.message, self.hint, self.path = message, hint, path


def short_name(name: str) -> str:
    """``Samordningsförbundet i Örnsköldsvik`` → ``Örnsköldsvik``."""
    short = re.sub(r"^(samordningsförbundet|samordningsförbund)\s+(i\s+)?", "", name.strip(), flags=re.I)
    return short or name.strip()


def new_forbund(root: Path, slug: str, name: str, year: int, short: str | None = None) -> list[Path]:
    """Create ``content/<slug>`` (and ``site.yaml`` when the site has none); returns the files written."""
    if not SLUG.fullmatch(slug):
        raise ScaffoldError(f"`{slug}` kan inte bli en webbadress.",
                            "Använd små bokstäver a–z, siffror och bindestreck, till exempel `ornskoldsvik`.")
    if not name.strip():
        raise ScaffoldError("Förbundets namn saknas.", 'Skriv det med --namn "Samordningsförbundet …".')
    values = {"name": name.strip(), "short": short or short_name(name), "slug": slug, "year": str(year),
              "year1": str(year + 1), "year2": str(year + 2)}
    site_file = root / SITE_FILE
    content = _content_dir(root) if site_file.is_file() else root / "content"
    files = {Template(target).substitute(values): _fill(source, values) for target, source in forbund_files().items()}
    written = _place(content / slug, files, f"Förbundet `{slug}` finns redan i {content / slug}.")
    if not site_file.exists():
        with site_file.open("x", encoding="utf-8") as handle:
            handle.write(_fill(kinds.SITE.skeleton, values))
        written.append(site_file)
    return written


def new_plan(root: Path, forbund: str, year: int) -> tuple[list[Path], list[str]]:
    """Create ``content/<förbund>/<år>`` from the latest earlier plan; returns the files written and notes."""
    site, diagnostics = load_site(root)
    match = _forbund(site, diagnostics, forbund)
    folder = (root / (site.config.model.content if site else "content") / forbund / str(year))
    if folder.exists() or any(p.year == year for p in match.plans):
        raise ScaffoldError(f"Planen för {year} finns redan i {folder}.",
                            "finsam-site skriver aldrig över filer; välj ett annat år.", folder.as_posix())
    earlier = [p for p in match.plans if p.year < year]
    if not earlier:
        raise ScaffoldError(f"{match.info.model.short_name} har ingen plan före {year} att utgå från.",
                            "Skapa en med `finsam-site new forbund` eller skriv plan.yaml för hand.")
    latest = max(earlier, key=lambda p: p.year)
    loader = Loader(root)

    def read(rel: str) -> str:
        text = loader.read_text(loader.root / rel)
        if text is None:
            raise ScaffoldError(f"Filen {rel} kan inte läsas.")
        return text

    made = next_plan(latest, year, read)
    target = loader.root / latest.folder.rsplit("/", 1)[0] / str(year)
    return _place(target, made.files, f"Planen för {year} finns redan i {target}."), made.left


def new_report(root: Path, forbund: str, year: int, suffix: str) -> list[Path]:
    """Create ``content/<förbund>/<år>-<suffix>``, a report of that year (newreport.py); returns the files written."""
    document = BY_SUFFIX[suffix]
    site, diagnostics = load_site(root)
    match = _forbund(site, diagnostics, forbund)
    folder = root / (site.config.model.content if site else "content") / forbund / document.folder(year)
    if any(d.year == year and d.kind == document.kind for d in match.documents):
        raise ScaffoldError(f"{document.label} för {year} finns redan.",
                            "finsam-site skriver aldrig över filer; välj ett annat år.", folder.as_posix())
    files = report_files(document.kind, match, year)
    return _place(folder, files, f"{document.label} för {year} finns redan i {folder}.")


def _forbund(site: SiteContent | None, diagnostics: list[Diagnostic], forbund: str) -> ForbundContent:
    """The förbund ``forbund`` of the loaded site; a ScaffoldError when it is missing or cannot be read."""
    match = next((f for f in site.forbund if f.id == forbund), None) if site else None
    if match is None:
        problems = [d for d in diagnostics if d.severity == ERROR and f"/{forbund}/" in f"/{d.path}"]
        raise ScaffoldError(f"Förbundet `{forbund}` finns inte eller kan inte läsas.",
                            "Rätta först felen som `finsam-site check` visar." if problems else
                            "Skriv förbundets mapp under content/, till exempel `ornskoldsvik`.")
    return match


def _content_dir(root: Path) -> Path:
    site, _ = load_site(root)
    return root / (site.config.model.content if site else "content")


def _fill(source: str, values: dict[str, str]) -> str:
    return Template((SKELETON / source).read_text("utf-8")).substitute(values)


def _place(target: Path, files: dict[str, str], exists: str) -> list[Path]:
    """Write ``files`` into a hidden staging folder, then move it to ``target``, which must not exist."""
    if target.exists():
        raise ScaffoldError(exists, "finsam-site skriver aldrig över filer; välj ett annat namn eller år.",
                            target.as_posix())
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-ny-", dir=target.parent))
    try:
        for rel, text in sorted(files.items()):
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
        os.chmod(staging, 0o755)
        if target.exists():  # appeared meanwhile
            raise ScaffoldError(exists)
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [target / rel for rel in sorted(files)]


def run_new(
    root: Path, kind: str, target: str, year: str | None, name: str | None, short: str | None, reporter: Reporter
) -> int:
    """``finsam-site new forbund SLUG --namn … [--år ÅR]`` / ``new plan FÖRBUND ÅR``: returns the exit code."""
    try:
        notes: list[str] = []
        if kind == "forbund":
            if not name:
                raise ScaffoldError("Förbundets namn saknas.", 'Skriv det med --namn "Samordningsförbundet …".')
            written = new_forbund(root, target, name, _year(year) if year else date.today().year + 1, short)
        elif kind in BY_SUFFIX:
            written = new_report(root, target, _year(year or ""), kind)
        else:
            written, notes = new_plan(root, target, _year(year or ""))
    except ScaffoldError as exc:
        reporter.diagnostics([Diagnostic(exc.path or "finsam-site new", 0, 0, ERROR, "ny", exc.message, exc.hint)])
        return 1
    folder = Path(os.path.commonpath([p for p in written if p.name != SITE_FILE]))
    also = " och site.yaml" if any(p.name == SITE_FILE for p in written) else ""
    reporter.ok(f"Skapade {len(written)} filer i {_shown(folder, root)}{also}.")
    for path in written:
        reporter.detail(f"  {_shown(path, root)}")
    for note in notes:
        reporter.info(f"Fördes inte över: {note}")
    result = check(root)
    shown = {_shown(p, root) for p in written}
    mine = [d for d in result.diagnostics if d.path in shown or d.path.startswith(_shown(folder, root) + "/")]
    reporter.diagnostics(mine)
    todos = sum(1 for d in mine if d.rule == "att-göra")
    reporter.info(f"Kvar att göra: {todos} punkter (ATT GÖRA), listade ovan. Kör `finsam-site check` efter varje "
                  "ändring, eller `finsam-site serve` för att se sidorna medan du skriver.")
    reporter.info("Hur filerna och fälten skrivs visar `finsam-site hjälp` (till exempel `finsam-site hjälp budget`).")
    return 0


def _year(text: str) -> int:
    if not re.fullmatch(r"(19|20)\d{2}", text):
        raise ScaffoldError(f"`{text}` är inte ett årtal.", "Skriv fyra siffror, till exempel 2025.")
    return int(text)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
