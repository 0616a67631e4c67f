"""``finsam-site import FIL … --förbund ID --år ÅR``: read, map, write the new folder whole, check it, report.

Everything is read and mapped before anything is written: a refused file (safety.py) ends the command with its
message and nothing on disk. The new plan folder (and forbund.yaml, for a förbund the site does not have yet) is
written by new.py's staging, so no file is ever overwritten. Then ``check`` runs and the command lists what it
found in the new files, the ``ATT GÖRA`` items first among them, and what the import could not carry over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...build import check
from ...diagnostics import ERROR, Diagnostic
from ...load.fields import SLUG
from ...load.loader import load_site
from ...load.todo import MARKER
from ...load.values import slugify
from ...load.yamlload import Loc
from ...report import Reporter
from ..new import ScaffoldError, _fill, _place, _shown, short_name
from ..yamlwrite import dump
from .budget import Budget, map_sheets, sheet_from_rows, todo
from .document import Document
from .plan import Mapped, map_document
from .safety import WORD, WORKBOOK, ImportRefused, kind_of
from .sheet import Sheet
from .word import read_docx
from .workbook import read_workbook
from .writer import read_odt

IMAGES = "importerade-bilder"  # beside content/: the site shows no images, so they wait here for the author


@dataclass
class Imported:
    files: dict[str, str] = field(default_factory=dict)  # path inside the förbund folder → text (or bytes' key)
    images: dict[str, bytes] = field(default_factory=dict)  # path inside the site → bytes
    notes: list[str] = field(default_factory=list)
    new_forbund: bool = False


def member_rows(members: list[tuple[str, str, str]]) -> list[dict[str, str]]:
    return [{"id": mid, "namn": name, "typ": kind} for mid, name, kind in members]


def members_from_lines(lines: list[str]) -> list[tuple[str, str, str]]:
    """A new förbund's members from names in its files (the budget's revenue lines, the insatser's parties): the
    state's two, a region, kommuner, each once."""
    found = [("forsakringskassan", "Försäkringskassan", "försäkringskassan"),
             ("arbetsformedlingen", "Arbetsförmedlingen", "arbetsförmedlingen")]
    for line in lines:
        name = " ".join(line.split())
        if any(slugify(name) == mid for mid, _, _ in found):
            continue
        if re.match(r"region\b", name, re.I) or re.search(r"\blandsting", name, re.I):
            found.append((slugify(name), name, "region"))
        elif re.search(r"kommun\b", name, re.I) and "/" not in name:
            found.append((slugify(name), name, "kommun"))
    for mid, name, kind in (("regionen", "Regionen", "region"), ("kommunen", "Kommunen", "kommun")):
        if not any(k == kind for _, _, k in found):  # as `new forbund` writes them, for the author to name
            found.append((mid, name, kind))
    return found


def import_files(root: Path, paths: list[Path], forbund: str, year: int) -> tuple[Imported, Path]:
    """The files of the new folder, and the förbund folder they go into; ImportRefused or ScaffoldError."""
    if not SLUG.fullmatch(forbund):
        raise ScaffoldError(f"`{forbund}` kan inte bli en webbadress.",
                            "Använd små bokstäver a–z, siffror och bindestreck, till exempel `ornskoldsvik`.")
    if not paths:
        raise ScaffoldError("Ingen fil att importera.", "Skriv en eller flera filer: .docx, .odt, .xlsx eller .ods.")
    site, _ = load_site(root)
    if site is None:
        raise ScaffoldError(f"{root} är ingen webbplats för finsam-site (site.yaml saknas eller kan inte läsas).",
                            "Kör kommandot i webbplatsens mapp, skapa den med `finsam-site new forbund`, eller rätta "
                            "site.yaml.", (root / "site.yaml").as_posix())
    content = root / site.config.model.content
    existing = next((f for f in site.forbund if f.id == forbund), None)
    folder = content / forbund
    if existing is None and folder.exists():
        raise ScaffoldError(f"Mappen {folder} finns men förbundet kan inte läsas.",
                            "Rätta först felen som `finsam-site check` visar.", folder.as_posix())
    if (folder / str(year)).exists():
        raise ScaffoldError(f"Planen för {year} finns redan i {folder / str(year)}.",
                            "finsam-site skriver aldrig över filer; flytta undan mappen eller välj ett annat år.",
                            (folder / str(year)).as_posix())
    members: list[tuple[str, str, str]] = [(m.id, m.name, str(m.kind)) for m in existing.info.model.members] \
        if existing else []
    result = Imported(new_forbund=existing is None)
    workbooks, documents = _read([(path, *kind_of(path)) for path in paths], result.notes)  # all judged first
    images_at = f"{IMAGES}/{forbund}/{year}"
    if documents and (root / images_at).exists():
        raise ScaffoldError(f"Mappen {root / images_at} finns redan.", "finsam-site skriver aldrig över filer; "
                            "flytta undan mappen och importera igen.", (root / images_at).as_posix())
    plans = [map_document(doc, year, members or _all_members(), images_at, bool(workbooks)) for doc in documents]
    if not workbooks:  # a budget table in the document, if it has one
        rows = [(doc.source, heading, table) for doc, plan in zip(documents, plans, strict=True)
                for heading, table in plan.budget_tables]
        if rows:
            workbooks.append((Path(rows[0][0]), [sheet_from_rows(heading, table) for _, heading, table in rows]))
    budget = _budget(workbooks, year, members or _all_members(), strict=not documents)
    if result.new_forbund:  # map again, on the members the files name
        named = [name for plan in plans for name in plan.other_parties]  # the insatser's parties, by name
        members = members_from_lines([*(budget.revenue_lines if budget else []), *named])
        budget = _budget(workbooks, year, members, strict=not documents)
        plans = [map_document(doc, year, members, images_at, bool(workbooks)) for doc in documents]
        name = next((p.forbund_name for p in plans if p.forbund_name), "")
        result.files["forbund.yaml"] = _forbund_file(forbund, members, name)
    _plan_files(result, plans, budget, year, members, images_at)
    return result, folder


def _read(kinds: list[tuple[Path, str, str]], notes: list[str]) -> tuple[list[tuple[Path, list[Sheet]]],
                                                                        list[Document]]:
    workbooks: list[tuple[Path, list[Sheet]]] = []
    documents: list[Document] = []
    for path, what, fmt in kinds:
        try:
            if what == WORKBOOK:
                workbooks.append((path, read_workbook(path, fmt, notes)))
            elif what == WORD:
                documents.append(read_docx(path, notes) if fmt == "docx" else read_odt(path, notes))
        except ImportRefused:
            raise
        except Exception as exc:  # a reader's library meeting a file it does not expect: still the user's file
            raise ImportRefused(str(path), f"Filen kunde inte läsas ({type(exc).__name__}): den är skadad eller "
                                "byggd på ett sätt som finsam-site inte känner igen.",
                                "Öppna den i Word, Excel eller LibreOffice, spara den igen och importera den "
                                "nya filen.") from exc
    return workbooks, documents


def _plan_files(result: Imported, plans: list[Mapped], budget: Budget | None, year: int,
                members: list[tuple[str, str, str]], images_at: str) -> None:
    """The plan folder's files from the mapped documents and budget."""
    plan_dir = f"{year}/"
    facts: dict[str, Any] = {}
    facts_comments: dict[Loc, list[str]] = {}
    insatser: dict[str, str] = {}
    for plan in plans:
        for rel, text in plan.files.items():
            result.files[plan_dir + _numbered(rel, result.files, plan_dir)] = text
        result.images.update({f"{images_at}/{name}": data for name, data in plan.images.items()})
        facts = {**plan.facts, **facts}
        facts_comments = {**plan.facts_comments, **facts_comments}
        insatser.update(plan.insatser)
        result.notes.extend(plan.notes)
    plan_years = sorted({int(c["år"]) for t in (budget.data["tabeller"] if budget else [])
                         for c in t["kolumner"] if "år" in c and int(c["år"]) > year})
    result.files[plan_dir + "plan.yaml"] = _plan_file(year, plan_years, facts, facts_comments)
    if budget is not None:
        _link_insatser(budget, insatser)
        result.files[plan_dir + "budget.yaml"] = dump(budget.data, budget.comments)
        result.notes.extend(budget.notes)
    else:
        result.files[plan_dir + "budget.yaml"] = _skeleton_budget(year, members)
        result.notes.append("Ingen budget importerades (ingen arbetsbok och ingen budgettabell i dokumentet): "
                            "budget.yaml är ett exempel att skriva över.")
    if result.notes:  # kept where the author finds them again, not only on the screen
        listed = "\n".join(f"# - {' '.join(note.split())}".replace(MARKER, MARKER.lower()) for note in result.notes)
        result.files[plan_dir + "plan.yaml"] += f"\n# Att se över efter importen (finsam-site import):\n{listed}\n"


def _numbered(rel: str, files: dict[str, str], plan_dir: str) -> str:
    """``avsnitt/01-x.md`` of a second document: numbered after the first document's files of its folder."""
    kind, _, name = rel.partition("/")
    if kind not in ("avsnitt", "mal", "insatser") or "-" not in name:
        return rel
    before = sum(1 for r in files if r.startswith(f"{plan_dir}{kind}/"))
    return f"{kind}/{before + 1:02}-{name.split('-', 1)[1]}"


def _link_insatser(budget: Budget, insatser: dict[str, str]) -> None:
    """An insats line of the budget gets ``insats:`` where an insats of the document has its name."""
    for loc, label in budget.insats_lines:
        own = slugify(label)
        match = next((iid for iid, name in insatser.items() if slugify(name) == own), None) or next(
            (iid for iid, name in insatser.items() if len(own) >= 4 and (own in slugify(name) or slugify(name) in own)),
            None)
        if match is None:
            continue
        row: Any = budget.data
        for part in loc:
            row = row[part]
        items = list(row.items())
        row.clear()
        for key, value in items:
            row[key] = value
            if key == "post":
                row["insats"] = match


def _all_members() -> list[tuple[str, str, str]]:
    return [("forsakringskassan", "Försäkringskassan", "försäkringskassan"),
            ("arbetsformedlingen", "Arbetsförmedlingen", "arbetsförmedlingen")]


def _budget(workbooks: list[tuple[Path, list[Sheet]]], year: int, members: list[tuple[str, str, str]],
            strict: bool = True) -> Budget | None:
    budgets = []
    for path, sheets in workbooks:
        mapped = map_sheets(sheets, year, members, path.name)
        if not mapped.data["tabeller"] and not strict:
            continue
        if not mapped.data["tabeller"]:
            raise ImportRefused(str(path), "Arbetsboken har ingen tabell som liknar en budget.",
                                "finsam-site letar efter en rad med kolumnrubriker som ”Budget 2025”, ”Plan 2026” "
                                "eller ”Utfall 2024” och belopp under dem.")
        budgets.append(mapped)
    return _joined(budgets)


def _joined(budgets: list[Budget]) -> Budget | None:
    if not budgets:
        return None
    joined = Budget({"tabeller": []})
    for budget in budgets:
        offset = len(joined.data["tabeller"])
        joined.data["tabeller"].extend(budget.data["tabeller"])
        joined.comments.update({("tabeller", loc[1] + offset, *loc[2:]) if len(loc) > 1 and isinstance(loc[1], int)
                                else loc: text for loc, text in budget.comments.items()})
        joined.notes.extend(budget.notes)
        joined.revenue_lines.extend(budget.revenue_lines)
        joined.insats_lines.extend(((loc[0], loc[1] + offset, *loc[2:]) if isinstance(loc[1], int) else loc, label)
                                   for loc, label in budget.insats_lines)
    return joined


def _forbund_file(forbund: str, members: list[tuple[str, str, str]], name: str) -> str:
    name = name or "Samordningsförbundet " + forbund.replace("-", " ").title()
    data = {"namn": name, "kortnamn": short_name(name),
            "medlemmar": member_rows(members)}
    comments: dict[Loc, list[str]] = {
        ("namn",): [todo("skriv förbundets namn och kortnamn som de ska stå på webbplatsen.")],
        ("medlemmar",): [todo("kontrollera medlemmarna (hämtade ur budgetens intäktsrader och insatsernas "
                                      "parter); en rad per kommun.")]}
    return dump(data, comments)


def _plan_file(year: int, plan_years: list[int], facts: dict[str, Any], comments: dict[Loc, list[str]]) -> str:
    data: dict[str, Any] = {"titel": facts.get("titel", f"Verksamhetsplan {year}"),
                            "status": facts.get("status", "utkast"), "år": str(year)}
    if plan_years:
        data["planår"] = [str(y) for y in plan_years]
    for key in ("beslutad", "beslutad_av", "sammanfattning", "styrelse"):
        if key in facts:
            data[key] = facts[key]
    comments = dict(comments)
    if "beslutad" not in facts:
        decide = "när styrelsen har beslutat planen: ändra status till beslutad och skriv in beslutad: ÅÅÅÅ-MM-DD"
        comments[("status",)] = [todo(decide)]
    if "titel" not in facts:
        comments[("titel",)] = [todo("skriv planens titel som den står i dokumentet.")]
    return dump(data, comments)


def _skeleton_budget(year: int, members: list[tuple[str, str, str]]) -> str:
    """`new forbund`'s example budget, its lines on the förbund's own region and kommun, and no example insats."""
    values = {"year": str(year), "year1": str(year + 1), "year2": str(year + 2), "name": "", "short": "", "slug": ""}
    text = _fill("budget.yaml", values)
    for placeholder, kind in (("regionen", "region"), ("kommunen", "kommun")):
        own = next((mid for mid, _, k in members if k == kind), placeholder)
        text = re.sub(rf"medlem: {placeholder}\b", f"medlem: {own}", text)
    return re.sub(r"\n *insats: exempelinsats[^\n]*", "", text)


def _write_images(root: Path, images: dict[str, bytes]) -> list[Path]:
    written = []
    for rel, data in sorted(images.items()):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("xb") as handle:  # never over a file
            handle.write(data)
        written.append(path)
    return written


def run_import(root: Path, paths: list[Path], forbund: str, year: str, reporter: Reporter) -> int:
    """The command: returns the exit code."""
    try:
        if not re.fullmatch(r"(19|20)\d{2}", year or ""):
            raise ScaffoldError(f"`{year}` är inte ett årtal.", "Skriv fyra siffror efter --år, till exempel 2025.")
        imported, folder = import_files(root, paths, forbund, int(year))
        if imported.new_forbund:
            written = _place(folder, {**imported.files}, f"Förbundet `{forbund}` finns redan i {folder}.")
        else:
            plan = {rel.split("/", 1)[1]: text for rel, text in imported.files.items()}
            written = _place(folder / year, plan, f"Planen för {year} finns redan i {folder / year}.")
        written += _write_images(root, imported.images)
    except ImportRefused as exc:
        reporter.diagnostics([Diagnostic(exc.path, 0, 0, ERROR, "import", exc.message, exc.hint)])
        return 1
    except ScaffoldError as exc:
        reporter.diagnostics([Diagnostic(exc.path or "finsam-site import", 0, 0, ERROR, "import", exc.message,
                                         exc.hint)])
        return 1
    except OSError as exc:
        reporter.diagnostics([Diagnostic(str(exc.filename or root), 0, 0, ERROR, "import",
                                         f"Filerna kunde inte skrivas: {exc.strerror or exc}.",
                                         "Kontrollera att du får skriva i webbplatsens mapp och att disken inte är "
                                         "full.")])
        return 1
    files = "1 fil" if len(paths) == 1 else f"{len(paths)} filer"
    reporter.ok(f"Importerade {files} till {_shown(folder / year, root)} ({len(written)} nya filer).")
    for path in written:
        reporter.detail(f"  {_shown(path, root)}")
    for note in imported.notes:
        reporter.info(f"Att se över: {note}")
    result = check(root)
    base = _shown(folder if imported.new_forbund else folder / year, root)
    mine = [d for d in result.diagnostics if d.path == base or d.path.startswith(base + "/")]
    reporter.diagnostics(mine)
    todos = sum(1 for d in mine if d.rule == "att-göra")
    errors = sum(1 for d in mine if d.severity == ERROR)
    reporter.info(f"Kvar att göra: {todos} punkter (ATT GÖRA) och {errors} fel, listade ovan. Rätta dem och kör "
                  "`finsam-site check` igen, eller `finsam-site serve` för att se sidorna medan du skriver.")
    return 0
