"""Budget sheets → the data of budget.yaml, with ``ATT GÖRA`` comments and the import's notes.

A table starts at a row of column headings (``Budget 2025``, ``Utfall 2024``, ``Prognos 2026``, or a year under a
heading merged across several years); its rows are the rows below with figures in those columns, its label the
text to their left, its unit ``tkr`` or ``kr`` as the sheet states it (title, headings, number formats). The row
tree comes from budgetrows.py. What does not fit the format (a percentage row, a column without a heading, a text
in a figure's cell, a hidden row) is written into the table's notes or the row's ``anm:`` and named in the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ...load.todo import MARKER
from ...load.yamlload import Loc
from .budgetrows import Node, build_tree, member_of
from .sheet import Cell, Sheet, address, column_letters

KINDS = [
    (re.compile(r"förväntat\s+utfall|beräknat\s+utfall|prognos\s+utfall|utfall\s+prognos", re.I), "förväntat utfall"),
    (re.compile(r"utfall|bokslut|årsredovisning|\bresultat\b", re.I), "utfall"),
    (re.compile(r"prognos", re.I), "prognos"),
    (re.compile(r"budget", re.I), "budget"),
    (re.compile(r"\bplan", re.I), "plan"),
]
YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
UNIT_WORDS = re.compile(r"\(?\s*\b(tkr|kkr|tusental\s+kronor|tusen\s+kronor|kronor|kr|sek)\b\.?\s*\)?", re.I)
THOUSANDS = re.compile(r"\btkr\b|\bkkr\b|tusentals?\s+kronor|tusen\s+kronor|belopp\s+i\s+tusental", re.I)
KRONOR = re.compile(r"\bkr\b|\bkronor\b|\bsek\b", re.I)
HEADING_WORDS = re.compile(r"^(budget|plan|prognos|utfall|bokslut|förväntat utfall|beräknat utfall|"
                           r"prognos utfall|verksamhetsplan|år)$", re.I)


def todo(text: str) -> str:
    return f"{MARKER}: {text}"


@dataclass
class Column:
    index: int
    label: str
    kind: str
    year: int | None
    stated: bool  # whether the heading names the kind


@dataclass
class Budget:
    data: dict[str, Any] = field(default_factory=dict)
    comments: dict[Loc, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    revenue_lines: list[str] = field(default_factory=list)  # labels of revenue lines no member matched
    insats_lines: list[tuple[Loc, str]] = field(default_factory=list)  # where each insats line is, its label


def heading_of(text: str, year: int) -> tuple[str, int | None, bool] | None:
    """(kind, year, kind stated) of a column heading, or None for text that is no column heading."""
    bare = " ".join(UNIT_WORDS.sub(" ", text).split())
    years = YEAR.findall(bare)
    words = YEAR.sub(" ", bare).strip(" -–:/")
    if len(years) != 1 or len(words) > 30 or (words and not any(p.search(words) for p, _ in KINDS)):
        return None
    found = int(years[0])
    for pattern, kind in KINDS:
        if pattern.search(words):
            return kind, found, True
    return ("budget" if found == year else "plan" if found > year else "utfall"), found, False


def header_columns(sheet: Sheet, r: int, year: int) -> list[Column]:
    """The column headings of row ``r`` (a year under a heading word merged above it counts: Budget / 2025)."""
    columns = []
    for c in range(sheet.width):
        if c in sheet.hidden_columns:
            continue
        own = sheet.merged_value(r, c)
        number = own.number
        text = own.text or (str(int(number)) if number is not None and number == int(number)
                            and 1990 < number < 2100 else "")
        if not text:
            continue
        above = sheet.merged_value(r - 1, c).text if r > 0 else ""
        if above and HEADING_WORDS.match(above) and YEAR.search(text) and not any(p.search(text) for p, _ in KINDS):
            text = f"{above} {text}"
        label = " ".join(text.split())
        found = heading_of(label, year)
        if found:
            columns.append(Column(c, label, *found))
    return columns


HEADER_WITHIN = 200  # rows: a table's headings come soon after the previous table (or the sheet's top)


def find_header(sheet: Sheet, start: int, year: int) -> tuple[int, list[Column]] | None:
    for r in range(start, min(len(sheet.rows), start + HEADER_WITHIN)):
        columns = header_columns(sheet, r, year)
        if columns and any(_has_numbers(sheet, rr, columns) for rr in range(r + 1, min(r + 6, len(sheet.rows)))):
            return r, columns
    return None


def _has_numbers(sheet: Sheet, r: int, columns: list[Column]) -> bool:
    return any(sheet.cell(r, col.index).number is not None for col in columns)


def unit_of(sheet: Sheet, texts: list[str]) -> str | None:
    joined = " ".join(texts)
    if sheet.unit_hint or THOUSANDS.search(joined):
        return "tkr"
    return "kr" if KRONOR.search(joined) else None


def amount(value: Decimal | str | None) -> str:
    """A figure as an author writes it: ``1 255,5``, ``-785``; blank ``~``."""
    if not isinstance(value, Decimal):
        return "~"
    sign = "-" if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _, decimals = text.partition(".")
    decimals = decimals.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", " ")
    return f"{sign}{grouped}{',' + decimals if decimals else ''}"


def map_sheets(sheets: list[Sheet], year: int, members: list[tuple[str, str, str]], source: str) -> Budget:
    budget = Budget()
    tables: list[dict[str, Any]] = []
    for sheet in sheets:
        start, found_any = 0, False
        while True:
            header = find_header(sheet, start, year)
            if header is None:
                break
            found_any = True
            r, columns = header
            table, start = _table(sheet, r, columns, year, members, budget, ("tabeller", len(tables)), source)
            if table is not None:
                tables.append(table)
        if not found_any:
            budget.notes.append(f"{source}: bladet ”{sheet.name}” har ingen rad med kolumnrubriker som Budget 2025 "
                                "eller Utfall 2024 och importerades inte.")
    budget.data = {"tabeller": tables}
    return budget


def _label(sheet: Sheet, r: int, before: int) -> str:
    return " ".join(" ".join(sheet.cell(r, c).text for c in range(before) if sheet.cell(r, c).text).split())


def _table(sheet: Sheet, header: int, columns: list[Column], year: int, members: list[tuple[str, str, str]],
           budget: Budget, loc: Loc, source: str) -> tuple[dict[str, Any] | None, int]:
    where = f"{source}, bladet ”{sheet.name}”"
    first = min(col.index for col in columns)
    indexes = [col.index for col in columns]
    above = [sheet.cell(r, c).text for r in range(header) for c in range(sheet.width) if sheet.cell(r, c).text]
    corner = _label(sheet, header, first)  # the heading row's own label cell: "Projekt Navet", or "Tkr"
    title = next((t for t in [*above, corner] if t and not UNIT_WORDS.fullmatch(t)), sheet.name)
    rows: list[tuple[int, str, list[Cell], bool]] = []
    extra: dict[int, str] = {}
    after: list[str] = []
    end = len(sheet.rows)
    for r in range(header + 1, len(sheet.rows)):
        if len(header_columns(sheet, r, year)) >= max(1, len(columns) // 2) and not _has_numbers(sheet, r, columns):
            end = r  # the headings of a second table
            break
        label = _label(sheet, r, first)
        cells = [sheet.cell(r, c) for c in indexes]
        rows.append((r, label, cells, r in sheet.hidden_rows))
        others = [(c, sheet.cell(r, c)) for c in range(first, sheet.width) if c not in indexes
                  and c not in sheet.hidden_columns and sheet.cell(r, c).value is not None]
        texts = [cell.text for _, cell in others if cell.text]
        if any(cell.number is not None for _, cell in others):
            shown = ", ".join(address(r, c) for c, cell in others if cell.number is not None)
            budget.notes.append(f"{where}: talen i {shown} står i en kolumn utan rubrik som Budget 2025 och "
                                "togs inte med.")
        if texts:
            extra[r] = " ".join(texts)
    last = max((r for r, _, cells, _ in rows if any(c.figure for c in cells)), default=-1)
    if last < 0:
        return None, end
    for r, label, _, _ in rows:
        if r > last and (label or extra.get(r)):
            after.append(" ".join(x for x in (label, extra.pop(r, "")) if x))
    rows = [row for row in rows if row[0] <= last]
    percent_rows = [row for row in rows if any(c.percent for c in row[2])]
    rows = [row for row in rows if row not in percent_rows]
    tree = build_tree(rows, indexes)
    texts = [sheet.name, *above, *(sheet.cell(header, c).text for c in range(sheet.width)), *after,
             *(label for _, label, _, _ in rows[:3])]
    unit = unit_of(sheet, texts)
    table: dict[str, Any] = {"rubrik": title, "enhet": unit or "kr"}
    if unit is None:
        budget.comments[(*loc, "enhet")] = [todo("arbetsboken anger inte enheten; skriv tkr om beloppen är i "
                                                 "tusental kronor.")]
    table["kolumner"] = []
    for index, col in enumerate(columns):
        table["kolumner"].append({"rubrik": col.label, "typ": col.kind, **({"år": str(col.year)} if col.year else {})})
        if not col.stated:
            budget.comments[(*loc, "kolumner", index)] = [todo(f"rubriken ”{col.label}” säger inte om kolumnen är "
                                                               "budget, plan, prognos eller utfall; kontrollera typ.")]
    if loc[-1] == 0 and not any(col.kind == "budget" and col.year == year for col in columns):
        budget.comments[(*loc, "kolumner")] = [todo(f"ingen kolumn är budgeten för {year}; kontrollera planens år "
                                                    "(--år) och kolumnernas typ och år.")]
    context = _Context(budget, members, extra, columns, where)
    table["rader"] = [context.row(node, (*loc, "rader", i), "") for i, node in enumerate(tree.nodes)]
    for key, found in (("resultat", tree.result), ("ingående_eget_kapital", tree.opening),
                       ("utgående_eget_kapital", tree.closing)):
        if found:
            table[key] = {"rubrik": found[0], "belopp": context.cells(found[1], found[0])}
    notes = [*(f"{label}: " + ", ".join(f"{amount(c.number)} % ({col.label})" for c, col in zip(cells, columns,
                                                                                                  strict=True)
                                        if c.number is not None) for _, label, cells, _ in percent_rows), *after]
    for _, label, _, _ in percent_rows:
        budget.notes.append(f"{where}: raden ”{label}” är i procent och står i tabellens noter, inte som en rad.")
    budget.notes.extend(f"{where}: {note}" for note in tree.notes)
    if notes:
        table["noter"] = "\n\n".join(notes) + "\n"
    return table, end


@dataclass
class _Context:
    budget: Budget
    members: list[tuple[str, str, str]]
    extra: dict[int, str]
    columns: list[Column]
    where: str

    def cells(self, cells: list[Cell], label: str) -> str:
        for cell, col in zip(cells, self.columns, strict=True):
            if cell.text and cell.text not in ("-", "–", "—") and cell.text.lower() not in ("okänt", "?"):
                self.budget.notes.append(f"{self.where}: ”{label}” ({col.label}) har texten ”{cell.text}” i stället "
                                         "för ett belopp; cellen skrivs tom och texten som anmärkning.")
        return " | ".join("okänt" if c.text.lower() in ("okänt", "?") else amount(c.number) for c in cells)

    def row(self, node: Node, loc: Loc, category: str) -> dict[str, Any]:
        if node.kind == "line":
            item: dict[str, Any] = {"post": node.label or f"(rad {node.row + 1})"}
            if node.category:
                item["kategori"] = node.category
            here = category
            if here == "intäkter":
                member = member_of(node.label, self.members)
                if member:
                    item["medlem"] = member
                else:
                    self.budget.revenue_lines.append(node.label)
                    self.budget.comments[loc] = [todo(f"ingen medlem i forbund.yaml heter ”{node.label}”; skriv "
                                                      "medlemmens id i `medlem:` om raden är ett medlemsbidrag.")]
            if here != "intäkter":  # a cost line that names an insats of the document is linked to it
                self.budget.insats_lines.append((loc, node.label))
            item["belopp"] = self.cells(node.cells, node.label)
            anm = [self.extra.get(node.row, ""), *(c.note for c in node.cells if c.note),
                   *(["Beloppet står som okänt i arbetsboken."] if any(c.text.lower() in ("okänt", "?")
                                                                       for c in node.cells) else []),
                   *(f"I arbetsboken: ”{c.text}”." for c in node.cells
                     if c.text and c.text not in ("-", "–") and c.text.lower() not in ("okänt", "?"))]
            if any(anm):
                item["anm"] = " ".join(a for a in anm if a)
            if node.hidden:
                self.budget.comments[loc] = [todo("raden är dold i arbetsboken men räknas i summorna; behåll den "
                                                  "eller ta bort den och rätta summan.")]
                self.budget.notes.append(f"{self.where}: raden ”{node.label}” (rad {node.row + 1}) är dold i "
                                         "arbetsboken; den togs med och är markerad i budget.yaml.")
            if not node.label:
                self.budget.comments.setdefault(loc, []).append(todo("raden har ingen text i arbetsboken; skriv "
                                                                     "vad den gäller."))
            return item
        group: dict[str, Any] = {"grupp": node.label}
        inner = node.category or category
        if node.category and node.category != category:
            group["kategori"] = node.category
        group["rader"] = [self.row(child, (*loc, "rader", i), inner) for i, child in enumerate(node.children)]
        if node.total is not None:
            group["summa"] = {"rubrik": node.total[0], "belopp": self.cells(node.total[1], node.total[0])}
            if "okänt" in group["summa"]["belopp"]:
                group["summa"]["anm"] = "Summan står som okänt i arbetsboken."
        return group


def cell_name(row: int, column: int) -> str:
    return f"{column_letters(column)}{row + 1}"


def sheet_from_rows(name: str, rows: list[list[str]]) -> Sheet:
    """A document's budget table as a sheet: its printed figures as numbers, no formulas (every sum typed)."""
    from ...load.amounts import AmountError, parse_amount
    sheet = Sheet(name)
    sheet.rows.append([Cell(name)])
    for row in rows:
        cells = []
        for text in row:
            bare = re.sub(r"\\(.)", r"\1", text).strip()
            try:
                value: Decimal | str | None = parse_amount(bare)[0] if bare else None
            except AmountError:
                value = bare
            cells.append(Cell(value))
        sheet.rows.append(cells)
    return sheet
