"""The round trip: the repository's seed plans exported to Word and Excel, as a kansli would have them, imported
again and compared with the transcription.

:func:`export` writes a plan's sections, goals and insatser as a .docx (python-docx: a title page, Heading 1 per
section, the goals and insatser as chapters with their facts as ``Label: value`` lines) and its budget tables as an
.xlsx (openpyxl: a sheet per table, headings, a formula for every printed sum that its rows give and the printed
figure typed where the decided document's sum is not its rows' sum). :func:`compare` says how much came across
without manual work. ``python tests/seedexport.py`` prints the table that docs/import.md shows.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import openpyxl
import yaml
from officefiles import add_hyperlink, save_with_values

from finsam_site.check import sums
from finsam_site.load.accounts import Row, Table
from finsam_site.load.amounts import AmountError, parse_amount
from finsam_site.load.content import DocumentContent
from finsam_site.load.loader import load_site

REPO = Path(__file__).resolve().parent.parent
INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*|\[[^\]]+\]\([^)]+\))")


def seed_plans() -> list[tuple[str, DocumentContent, Any]]:
    site, _ = load_site(REPO)
    assert site is not None
    return [(f.id, plan, f.info.model) for f in site.forbund for plan in f.plans]


# --- Word ------------------------------------------------------------------------------------------------------------


def _runs(paragraph: Any, markdown: str) -> None:
    for part in INLINE.split(markdown):
        if not part:
            continue
        link = re.fullmatch(r"\[([^\]]+)\]\(([^)]+)\)", part)
        if link:
            add_hyperlink(paragraph, link[1], link[2])
        elif part.startswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and len(part) > 2:
            paragraph.add_run(part[1:-1]).italic = True
        else:
            paragraph.add_run(re.sub(r"\\(.)", r"\1", part))


def _markdown(d: Any, text: str, base: int) -> None:
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        if block.startswith("#"):
            level = len(block) - len(block.lstrip("#"))
            d.add_heading(block.lstrip("# ").strip(), min(base + level - 1, 9))
        elif all(re.match(r"\s*([-*]|\d+\.)\s", line) for line in lines if line.strip()):
            for line in lines:
                ordered = re.match(r"\s*\d+\.\s", line)
                _runs(d.add_paragraph(style="List Number" if ordered else "List Bullet"),
                      re.sub(r"^\s*([-*]|\d+\.)\s+", "", line))
        elif block.startswith("|"):
            rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines
                    if not re.fullmatch(r"[|\s:-]+", line)]
            _table(d, rows)
        else:
            _runs(d.add_paragraph(), " ".join(line.strip() for line in lines))


def _table(d: Any, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = d.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = re.sub(r"\\(.)", r"\1", text)  # as printed, without Markdown's escapes


def _label(d: Any, label: str, value: Any) -> None:
    if value in (None, "", []):
        return
    if isinstance(value, list) or "\n" in str(value):
        d.add_paragraph().add_run(label).bold = True
        for item in value if isinstance(value, list) else [value]:
            _markdown(d, str(item), 3)
    else:
        d.add_paragraph(f"{label}: {value}")


def write_docx(plan: DocumentContent, info: Any, path: Path) -> None:
    d = docx.Document()
    meta = plan.meta.model
    d.core_properties.title = meta.title
    d.add_paragraph(meta.title, style="Title")
    d.add_paragraph(info.name)
    if meta.decided:
        d.add_paragraph(f"Beslutad av förbundsstyrelsen {meta.decided.isoformat()}")
    names = {m.id: m.name for m in info.members}
    tables = {t.id: t.model for t in plan.tables}
    for section in plan.sections:
        d.add_heading(section.model.title, 1)
        _markdown(d, _body(section.path), 1)
        for tid in section.model.tables:
            table = tables.get(tid)
            if table is not None:
                d.add_heading(table.title, 2)
                _table(d, [list(table.columns), *[list(r) for r in table.rows]])
    if plan.goals:
        d.add_heading("Mål", 1)
    for goal in plan.goals:
        g = goal.model
        d.add_heading(f"{g.number}: {g.title}" if g.number else g.title, 2)
        d.add_paragraph(f"Typ: {g.kind}")
        _label(d, "Hur", list(g.how))
        for measure in g.measures:
            d.add_paragraph(f"{measure.label}: {measure.text}")
        _label(d, "Uppföljning", g.follow_up)
        _label(d, "Ansvarig", g.responsible)
        _label(d, "År", g.year)
        _markdown(d, _body(goal.path), 3)
    if plan.insatser:
        d.add_heading("Insatser", 1)
    for insats in plan.insatser:
        i = insats.model
        d.add_heading(i.name, 2)
        _label(d, "Typ", i.kind)
        _label(d, "Parter", ", ".join(names.get(p, p) for p in [*(i.parties or ()), *i.other_parties]))
        _label(d, "Projektägare", i.owner)
        if i.period is not None and i.period.start:
            end = i.period.end if isinstance(i.period.end, str) else i.period.end.isoformat() if i.period.end else ""
            d.add_paragraph(f"Projekttid: {i.period.start.isoformat()} – {end}")
        for year, amount in i.granted.items():
            if amount is not None:
                d.add_paragraph(f"Beviljat {year}: {int(amount):,} kronor".replace(",", " "))
        _label(d, "Syfte", i.purpose)
        _label(d, "Målgrupp", i.target_group)
        _label(d, "Mål", list(i.own_goals))
        _label(d, "Ledning", i.management)
        _label(d, "Uppföljning", i.follow_up)
        _markdown(d, _body(insats.path), 3)
    d.save(str(path))


def _body(rel: str) -> str:
    text = (REPO / rel).read_text("utf-8")
    return text.split("---\n", 2)[2] if text.startswith("---\n") else text


# --- Excel -----------------------------------------------------------------------------------------------------------


@dataclass
class _Writer:
    ws: Any
    width: int
    row: int = 1
    shown: dict[str, float] = field(default_factory=dict)

    def cols(self) -> list[str]:
        return [chr(ord("B") + i) for i in range(self.width)]

    def values(self, r: int, amounts: list[Any]) -> None:
        for i, value in enumerate(amounts[: self.width]):
            if isinstance(value, Decimal):
                self.ws.cell(r, 2 + i, float(value))
            elif value == "okänt":
                self.ws.cell(r, 2 + i, "okänt")

    def sum_row(self, label: str, printed: list[Any], parts: list[int], computed: list[Any], sign: int = 1) -> int:
        r = self.row
        self.ws.cell(r, 1, label)
        for i, col in enumerate(self.cols()):
            value = printed[i] if i < len(printed) else None
            if not isinstance(value, Decimal):
                continue
            if computed[i] is not None and computed[i] == value and parts:
                ops = [f"{'+' if n == 0 or sign > 0 else '-'}{col}{p}" for n, p in enumerate(parts)]
                self.ws.cell(r, 2 + i, "=" + "".join(ops).lstrip("+"))
                self.shown[f"{col}{r}"] = float(value)
            else:
                self.ws.cell(r, 2 + i, float(value))  # the decided document's own figure, typed
        self.row += 1
        return r

    def rows(self, rows: list[Row]) -> list[int]:
        keys = []
        for row in rows:
            if row.rows is None:
                self.ws.cell(self.row, 1, row.label)
                self.values(self.row, list(row.amounts or []))
                keys.append(self.row)
                self.row += 1
                continue
            self.ws.cell(self.row, 1, row.label)
            self.row += 1
            inner = self.rows(row.rows)
            if row.total is not None:
                keys.append(self.sum_row(row.total.label, list(row.total.amounts), inner,
                                         sums.row_sums(row, self.width)))
            else:
                keys.extend(inner)
        return keys


def write_xlsx(plan: DocumentContent, path: Path) -> bool:
    if plan.budget is None:
        return False
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    shown: dict[str, dict[str, float]] = {}
    for n, table in enumerate(plan.budget.model.tables, start=1):
        ws = wb.create_sheet(f"Tabell {n}")
        w = _Writer(ws, len(table.columns))
        ws.cell(1, 1, table.title)
        ws.cell(2, 1, "Belopp i tkr" if table.unit == "tkr" else "Belopp i kronor")
        for i, column in enumerate(table.columns):
            ws.cell(3, 2 + i, column.label)
        w.row = 4
        keys = w.rows(table.rows)
        _totals(w, table, keys)
        if table.notes:
            w.row += 1
            ws.cell(w.row, 1, " ".join(table.notes.split()))
        shown[ws.title] = w.shown
    save_with_values(wb, path, shown)
    return True


def _totals(w: _Writer, table: Table, keys: list[int]) -> None:
    if table.result is not None:
        w.row += 1
        w.sum_row(table.result.label, list(table.result.amounts), [], [None] * w.width)
    for total in (table.equity_opening, table.equity_closing):
        if total is not None:
            w.ws.cell(w.row, 1, total.label)
            w.values(w.row, list(total.amounts))
            w.row += 1


# --- the comparison --------------------------------------------------------------------------------------------------


@dataclass
class Report:
    forbund: str
    year: int
    figures: int = 0  # printed figures in the transcription's budget
    figures_same: int = 0  # … that came back as printed, in the same place
    sections: tuple[int, int] = (0, 0)  # (transcribed sections found by their heading, transcribed)
    goals: tuple[int, int] = (0, 0)  # (transcribed goals found by their heading, transcribed)
    files: tuple[int, int] = (0, 0)  # goal and insats files the import wrote (duplicates show here), transcribed
    goal_fields: tuple[int, int] = (0, 0)  # (fields that came back equal, fields the transcription states)
    insatser: tuple[int, int] = (0, 0)
    insats_fields: tuple[int, int] = (0, 0)
    key_figures: list[str] = field(default_factory=list)  # the site's key figures that differ, by name
    key_stated: int = 0  # key figures the transcription gives
    todo: int = 0  # ATT GÖRA items in the imported folder
    errors: list[str] = field(default_factory=list)  # check's errors on the imported folder


def _flat(table: dict[str, Any]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []

    def visit(rows: list[dict[str, Any]]) -> None:
        for row in rows:
            if "rader" in row:
                visit(row["rader"])
                if "summa" in row:
                    found.append((row["summa"]["rubrik"], str(row["summa"]["belopp"])))
            else:
                found.append((str(row.get("post")), str(row.get("belopp"))))

    visit(table.get("rader", []))
    for key in ("resultat", "ingående_eget_kapital", "utgående_eget_kapital"):
        if key in table:
            found.append((table[key]["rubrik"], str(table[key]["belopp"])))
    return found


def _cells(text: str) -> list[str]:
    """A row's printed figures, each as a number's plain text (``2511`` and ``2 511`` alike)."""
    found = []
    for cell in text.split("|"):
        bare = cell.strip()
        try:
            found.append(str(parse_amount(bare)[0]) if bare not in ("", "~", "okänt") else bare or "~")
        except AmountError:
            found.append(bare)
    return found


def compare(forbund: str, plan: DocumentContent, info: Any, work: Path) -> Report:
    """Export ``plan``, import it into a fresh site beside it, and count what came back."""
    from finsam_site.authoring.importing.run import import_files
    from finsam_site.build import check

    report = Report(forbund, plan.year)
    site = work / forbund
    (site / "content" / forbund).mkdir(parents=True)
    shutil.copy(REPO / "site.yaml", site / "site.yaml")
    shutil.copy(REPO / "content" / forbund / "forbund.yaml", site / "content" / forbund / "forbund.yaml")
    files = [work / f"{forbund}.docx"]
    write_docx(plan, info, files[0])
    if write_xlsx(plan, work / f"{forbund}.xlsx"):
        files.append(work / f"{forbund}.xlsx")
    imported, _ = import_files(site, files, forbund, plan.year)
    year = str(plan.year)
    data = yaml.safe_load(imported.files[f"{year}/budget.yaml"])
    original = yaml.safe_load((REPO / plan.folder / "budget.yaml").read_text("utf-8"))
    for old, new in zip(original["tabeller"], data["tabeller"] + [{}] * len(original["tabeller"]), strict=False):
        new_rows = _flat(new)
        for label, cells in _flat(old):
            printed = [c for c in _cells(cells) if re.fullmatch(r"-?[\d.]+", c)]
            report.figures += len(printed)
            match = next((cells2 for label2, cells2 in new_rows if label2.strip() == label.strip()), None)
            if match is not None:
                again = _cells(match)
                report.figures_same += sum(1 for i, c in enumerate(_cells(cells)) if c in printed
                                           and i < len(again) and again[i] == c)
    titles = {yaml.safe_load(text.split("---\n")[1])["rubrik"] for rel, text in imported.files.items()
              if rel.startswith(f"{year}/avsnitt/")}
    report.sections = (sum(1 for s in plan.sections if s.model.title in titles), len(plan.sections))
    goals = [yaml.safe_load(text.split("---\n")[1]) for rel, text in imported.files.items()
             if rel.startswith(f"{year}/mal/")]
    report.goals, report.goal_fields = _items(
        [g.doc.data for g in plan.goals], goals, "rubrik", ("typ", "mått", "uppföljning", "ansvarig", "år"))
    insatser = [yaml.safe_load(text.split("---\n")[1]) for rel, text in imported.files.items()
                if rel.startswith(f"{year}/insatser/")]
    report.files = (len(goals) + len(insatser), len(plan.goals) + len(plan.insatser))
    report.insatser, report.insats_fields = _items(
        [i.doc.data for i in plan.insatser], insatser, "namn", ("typ", "parter", "ägare", "period", "beviljat"))
    for rel, text in imported.files.items():
        target = site / "content" / forbund / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    acknowledged = REPO / plan.folder / "kvitteringar.yaml"
    if acknowledged.is_file():  # the decided document's own errors, as the transcription explains them
        shutil.copy(acknowledged, site / "content" / forbund / year / "kvitteringar.yaml")
    report.key_stated, report.key_figures = _key_figures(plan, site, forbund)
    result = check(site)
    report.todo = sum(1 for d in result.diagnostics if d.rule == "att-göra")
    report.errors = [f"{d.rule}: {d.message}" for d in result.diagnostics if d.severity == "fel"]
    return report


KEYS = ("revenues", "costs", "administration", "contributions", "equity", "insatser_budget")


def _key_figures(plan: DocumentContent, site: Path, forbund: str) -> tuple[int, list[str]]:
    """The key figures the site shows of a plan (compute/budget.py), the transcription's against the import's."""
    from finsam_site.compute.budget import key_figures

    loaded, _ = load_site(site)
    assert loaded is not None
    again = next(p for f in loaded.forbund if f.id == forbund for p in f.plans)
    old, new = key_figures(plan), key_figures(again)
    stated = [k for k in KEYS if getattr(old, k) is not None]
    return len(stated), [k for k in stated if getattr(old, k) != getattr(new, k)]


def _norm(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _norm(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_norm(v) for v in value), key=str) if all(isinstance(v, str) for v in value) else [
            _norm(v) for v in value]
    return " ".join(str(value).split()) if value is not None else None


def _measures(value: Any) -> list[str]:
    return [(m["text"] if isinstance(m, dict) else str(m)).strip() for m in (value or [])]


def _items(old: list[dict[str, Any]], new: list[dict[str, Any]], key: str,
           fields: tuple[str, ...]) -> tuple[tuple[int, int], tuple[int, int]]:
    found, same, stated = 0, 0, 0
    by_key = {" ".join(str(n.get(key, "")).split()): n for n in new}
    for item in old:
        match = by_key.get(" ".join(str(item.get(key, "")).split()))
        found += match is not None
        for name in fields:
            if name not in item:
                continue
            stated += 1
            if match is None or name not in match:
                continue
            a, b = item[name], match[name]
            if name == "mått":
                same += _measures(a) == _measures(b)
            elif name == "beviljat":
                same += _norm({k: str(v).replace(" kronor", "") for k, v in a.items()}) == _norm(
                    {k: str(v).replace(" kronor", "") for k, v in b.items()})
            else:
                same += _norm(a) == _norm(b)
    return (found, len(old)), (same, stated)


def reports() -> list[Report]:
    with tempfile.TemporaryDirectory() as work:
        return [compare(forbund, plan, info, Path(work)) for forbund, plan, info in seed_plans()]


def table(found: list[Report]) -> str:
    lines = ["| plan | budget figures as printed | sections | goals found | goal fields | insatser found | "
             "insats fields | goal and insats files | key figures | ATT GÖRA | errors |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in found:
        lines.append(f"| {r.forbund} {r.year} | {r.figures_same} of {r.figures} | {r.sections[0]} of "
                     f"{r.sections[1]} | {r.goals[0]} of {r.goals[1]} | {r.goal_fields[0]} of {r.goal_fields[1]} | "
                     f"{r.insatser[0]} of {r.insatser[1]} | {r.insats_fields[0]} of {r.insats_fields[1]} | "
                     f"{r.files[0]} for {r.files[1]} | {r.key_stated - len(r.key_figures)} of {r.key_stated}"
                     f"{' (' + ', '.join(r.key_figures) + ')' if r.key_figures else ''} | {r.todo} | {len(r.errors)} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    found = reports()
    print(table(found))
    for r in found:
        for error in r.errors:
            print(f"{r.forbund}: {error}")
