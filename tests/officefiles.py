"""Real Office files for the import tests, made as a förbund's kansli would make them.

``xlsx_budget`` writes a budget workbook with openpyxl: headings merged over the year columns, formulas for every
sum, bold subtotals, a unit in the title. openpyxl writes formulas without the values Excel shows (Excel computes
them when it opens the file), so :func:`save_with_values` stores the shown values the way Excel does, in each
formula cell's ``<v>``, from values the test states.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Font


def save_with_values(workbook: Any, path: Path, values: dict[str, dict[str, float]]) -> Path:
    """Save ``workbook``; then put each formula cell's shown value (``values[sheet][cell]``) where Excel keeps it."""
    workbook.save(path)
    names = {ws.title: f"xl/worksheets/sheet{i}.xml" for i, ws in enumerate(workbook.worksheets, start=1)}
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for title, cells in values.items():
        xml = parts[names[title]].decode()
        for ref, value in cells.items():
            xml = re.sub(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?', rf"\g<1><v>{value!r}</v>", xml)
        parts[names[title]] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@dataclass
class Sheet:
    """A budget sheet being written: rows from row ``top`` on, amounts in columns B, C, D …; each formula's shown
    value is computed as the spreadsheet would and kept in ``shown``."""

    ws: Any
    years: int
    row: int = 1
    amounts: dict[int, list[float | None]] = field(default_factory=dict)
    shown: dict[str, float] = field(default_factory=dict)

    def columns(self) -> list[str]:
        return [chr(ord("B") + i) for i in range(self.years)]

    def text(self, *texts: str | None, bold: bool = False) -> int:
        for i, text in enumerate(texts):
            if text is not None:
                cell = self.ws.cell(self.row, i + 1, text)
                cell.font = Font(bold=bold)
        self.row += 1
        return self.row - 1

    def line(self, label: str, values: list[float | None], comment: str | None = None) -> int:
        self.ws.cell(self.row, 1, label)
        for i, value in enumerate(values):
            if value is not None:
                self.ws.cell(self.row, 2 + i, value)
        if comment:
            self.ws.cell(self.row, 2 + self.years, comment)
        self.amounts[self.row] = list(values)
        self.row += 1
        return self.row - 1

    def formula(self, label: str, rows: list[int], signs: list[int] | None = None, *, as_range: bool = False,
                bold: bool = True) -> int:
        """A row whose cells add ``rows`` (``=SUM(B4:B7)`` with ``as_range``, else ``=B4+B9-B12``)."""
        signs = signs or [1] * len(rows)
        self.ws.cell(self.row, 1, label).font = Font(bold=bold)
        values: list[float | None] = []
        for i, col in enumerate(self.columns()):
            if as_range:
                text = f"=SUM({col}{min(rows)}:{col}{max(rows)})"
                wanted = range(min(rows), max(rows) + 1)
                total = sum((self.amounts.get(r, [None] * self.years)[i] or 0) for r in wanted)
            else:
                text = "=" + "".join(f"{'+' if s > 0 else '-'}{col}{r}" for s, r in zip(signs, rows, strict=True))
                text = text.replace("=+", "=")
                total = sum(s * (self.amounts[r][i] or 0) for s, r in zip(signs, rows, strict=True))
            cell = self.ws.cell(self.row, 2 + i, text)
            cell.font = Font(bold=bold)
            self.shown[f"{col}{self.row}"] = total
            values.append(total)
        self.amounts[self.row] = values
        self.row += 1
        return self.row - 1


def three_year_budget(path: Path, *, year: int = 2025, unit_in_title: bool = True, hidden_row: bool = False,
                      note: bool = True) -> Path:
    """A three-year budget in tkr like Örnsköldsvik's: merged headings over the plan years, a formula for every
    sum, the result as revenues plus (negative) costs, equity at the start and end of each year."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    s = Sheet(ws, 3)
    s.text(f"Budget {year}, plan {year + 1}–{year + 2}" + (" (tkr)" if unit_in_title else ""), bold=True)
    s.text(None)
    s.text(None, "Budget", "Plan", None, "Kommentar")
    ws.merge_cells(start_row=s.row - 1, start_column=3, end_row=s.row - 1, end_column=4)
    s.text(None, str(year), str(year + 1), str(year + 2))
    s.text("Intäkter", bold=True)
    region = s.line("Region Exempel", [1255.5, 1255.5, 1255.5])
    kommun = s.line("Exempels kommun", [1255.5, 1255.5, 1255.5])
    staten = s.line("Försäkringskassan/Arbetsförmedlingen", [2511, 2511, 2511])
    revenue = s.formula("Summa intäkter", [region, kommun, staten], as_range=True)
    s.text(None)
    s.text("Kostnader", bold=True)
    s.text("Administration")
    chief = s.line("Förbundschef 100 %", [-785, -790, -795], comment="Inklusive processtöd")
    office = s.line("Kansli, hyra och IT", [-110, -110, -110])
    board = s.line("Arvoden styrelsen", [-120, -120, -120])
    if hidden_row:
        ws.row_dimensions[board].hidden = True
    admin = s.formula("Summa administration", [chief, office, board], as_range=True)
    s.text("Insatser")
    vidare = s.line("Vidare Vy", [-595, -595, None])
    lots = s.line("Resurslotsen", [-100, -100, -100])
    reserve = s.line("Reserverade medel för nya insatser", [-3307, -3307, -3897])
    insatser = s.formula("Summa insatser", [vidare, lots, reserve], as_range=True)
    costs = s.formula("Summa kostnader", [admin, insatser])
    s.text(None)
    result = s.formula("Årets resultat", [revenue, costs])
    opening = s.line("Ingående eget kapital", [900, None, None])
    s.formula("Utgående eget kapital", [opening, result], bold=False)
    share = s.line("Eget kapital i procent av intäkterna", [0.18, None, None])
    for col in "BCD":
        ws[f"{col}{share}"].number_format = "0%"
    if note:
        s.text("Beloppen är i tusentals kronor och beslutades av styrelsen.")
    return save_with_values(wb, path, {"Budget": s.shown})
