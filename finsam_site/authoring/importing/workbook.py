"""Workbooks → sheets (sheet.py): ``.xlsx`` with openpyxl, ``.ods`` with odfpy.

openpyxl reads an .xlsx twice: once for the formulas, once (``data_only=True``) for the values Excel or LibreOffice
computed when the file was last saved, which are the figures the author saw. Neither load runs macros (``keep_vba``
is off) or reads other workbooks (``keep_links`` is off): a formula that uses one keeps its saved value. A formula
without a saved value (a file made by a program, never opened in a spreadsheet) is worked out here when it is a sum,
and named in the import's notes. odfpy reads an .ods's cells, which hold both the formula and its last value.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ...load.amounts import AmountError, parse_amount
from .safety import ImportRefused
from .sheet import Cell, Sheet, address, sum_refs

MAX_ROWS, MAX_COLUMNS = 2000, 60  # a budget is small; beyond this a sheet is something else


def read_workbook(path: Path, fmt: str, notes: list[str]) -> list[Sheet]:
    sheets = _read_xlsx(path, notes) if fmt == "xlsx" else _read_ods(path, notes)
    for sheet in sheets:
        _fill_missing(sheet, notes)
    return sheets


# --- .xlsx -------------------------------------------------------------------------------------------------------


def _read_xlsx(path: Path, notes: list[str]) -> list[Sheet]:
    import openpyxl
    from openpyxl.utils import column_index_from_string
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        formulas = openpyxl.load_workbook(path, data_only=False, keep_vba=False, keep_links=False)
        values = openpyxl.load_workbook(path, data_only=True, keep_vba=False, keep_links=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise ImportRefused(str(path), "Arbetsboken är skadad och kan inte läsas.",
                            "Öppna den i Excel eller LibreOffice och spara den igen som .xlsx.") from exc
    if path.suffix.lower() == ".xlsm":
        notes.append(f"{path.name}: arbetsbokens makron lästes inte och kördes inte.")
    sheets = []
    for ws in formulas.worksheets:
        if ws.sheet_state != "visible":
            notes.append(f"{path.name}: bladet ”{ws.title}” är dolt och importerades inte.")
            continue
        shown = values[ws.title]
        if getattr(ws, "_charts", None) or getattr(ws, "_images", None):
            notes.append(f"{path.name}: bladet ”{ws.title}” har diagram eller bilder, som inte importerades.")
        sheet = Sheet(ws.title)
        for r, row in enumerate(ws.iter_rows(max_row=min(ws.max_row, MAX_ROWS), max_col=min(ws.max_column,
                                                                                             MAX_COLUMNS))):
            cells = []
            for c, cell in enumerate(row):
                raw = cell.value
                formula = raw[1:] if isinstance(raw, str) and raw.startswith("=") else ""
                if type(raw).__name__ == "ArrayFormula":
                    formula = str(getattr(raw, "text", "") or "").lstrip("=")
                cached = shown.cell(row=r + 1, column=c + 1).value if formula else raw
                fmt_text = str(cell.number_format or "")
                value, unit = _xlsx_value(cached, fmt_text)
                if unit:
                    sheet.unit_hint = unit
                cells.append(Cell(value, formula, sum_refs(formula) if formula else None,
                                  bool(cell.font and cell.font.b),
                                  int(cell.alignment.indent or 0) if cell.alignment else 0,
                                  "%" in fmt_text.split(";")[0] and value is not None,
                                  cell.comment.text.strip() if cell.comment else ""))
            sheet.rows.append(cells)
            if ws.row_dimensions[r + 1].hidden:
                sheet.hidden_rows.add(r)
        for letter, dim in ws.column_dimensions.items():
            if dim.hidden:
                first = column_index_from_string(letter)
                sheet.hidden_columns.update(range(first - 1, max(dim.max or first, first)))
        sheet.merged = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges]
        sheets.append(sheet)
    return sheets


def _decimals(fmt: str) -> int | None:
    """How many decimals a number format shows (None: as many as the value has)."""
    first = fmt.split(";")[0]
    if not first or first.lower() == "general":
        return None
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", first)
    match = re.search(r"[0#?]\.([0#?]+)", bare)
    return len(match[1]) if match else 0


def _xlsx_value(value: Any, fmt: str) -> tuple[Decimal | str | None, str]:
    unit = "tkr" if re.search(r'"\s*tkr\s*"|"\s*tusen', fmt, re.I) else ""
    if value is None:
        return None, unit
    if isinstance(value, bool):
        return ("Sant" if value else "Falskt"), unit
    if isinstance(value, (int, float)):
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        first = fmt.split(";")[0]
        if re.search(r"[0#],(?:\s|\"|$)|[0#],,?$", re.sub(r'"[^"]*"', '"', first)):
            amount, unit = amount / 1000, "tkr"  # a format that shows thousands: #,##0,
        if "%" in first:
            amount *= 100
        places = _decimals(fmt)
        return _rounded(amount, places), unit
    if isinstance(value, (datetime, date)):
        return value.isoformat()[:10], unit
    text = str(value)
    if text.upper() in ("#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#N/A", "#NULL!", "#NUM!"):
        return None, unit
    if re.fullmatch(r"\s*[-−–]?\s*\d[\d\s\u00a0]*(,\d+)?\s*", text):  # a figure typed as text: "1 255 500"
        try:
            return parse_amount(text)[0], unit
        except AmountError:
            return text, unit
    return text, unit


def _rounded(amount: Decimal, places: int | None) -> Decimal:
    if places is None:
        amount = amount.quantize(Decimal("0.000001")).normalize()
    else:
        amount = amount.quantize(Decimal(1).scaleb(-places))
    return amount + 0 if amount != 0 else Decimal(0)


# --- .ods --------------------------------------------------------------------------------------------------------


def _read_ods(path: Path, notes: list[str]) -> list[Sheet]:
    from odf import opendocument, teletype
    from odf.namespaces import OFFICENS, STYLENS, TABLENS
    from odf.table import Table

    try:
        doc = opendocument.load(str(path))
    except Exception as exc:  # odfpy raises whatever its XML parser or zipfile raises
        raise ImportRefused(str(path), "Arbetsboken är skadad och kan inte läsas.",
                            "Öppna den i LibreOffice Calc och spara den igen som .ods.") from exc
    bold_styles = _bold_styles(doc, STYLENS)
    sheets = []
    for table in doc.spreadsheet.getElementsByType(Table):
        sheet = Sheet(str(table.getAttrNS(TABLENS, "name") or "Blad"))
        r = 0
        for row in _rows(table, TABLENS):
            repeat = min(int(row.getAttrNS(TABLENS, "number-rows-repeated") or 1), MAX_ROWS)
            cells = _ods_cells(row, TABLENS, OFFICENS, bold_styles, teletype, sheet, r)
            hidden = row.getAttrNS(TABLENS, "visibility") in ("collapse", "filter")
            for _ in range(repeat if any(c.value is not None for c in cells) else 1):
                if r >= MAX_ROWS:
                    break
                sheet.rows.append(list(cells))
                if hidden:
                    sheet.hidden_rows.add(r)
                r += 1
        column = 0
        for col in table.childNodes:
            if getattr(col, "qname", (None, ""))[1] == "table-column":
                span = min(int(col.getAttrNS(TABLENS, "number-columns-repeated") or 1), MAX_COLUMNS)
                if col.getAttrNS(TABLENS, "visibility") == "collapse":
                    sheet.hidden_columns.update(range(column, column + span))
                column += span
        sheets.append(sheet)
    del notes  # nothing to say about an .ods beyond what the mapping says
    return sheets


def _rows(table: Any, ns: str) -> list[Any]:
    found = []
    for child in table.childNodes:
        name = getattr(child, "qname", (None, ""))[1]
        if name == "table-row":
            found.append(child)
        elif name in ("table-header-rows", "table-row-group", "table-rows"):
            found.extend(_rows(child, ns))
    return found


def _bold_styles(doc: Any, ns: str) -> set[str]:
    from odf.namespaces import FONS
    from odf.style import Style, TextProperties

    bold = set()
    for style in doc.automaticstyles.getElementsByType(Style) + doc.styles.getElementsByType(Style):
        for props in style.getElementsByType(TextProperties):
            if props.getAttrNS(FONS, "font-weight") in ("bold", "700"):
                bold.add(str(style.getAttrNS(ns, "name")))
    return bold


def _ods_cells(row: Any, tns: str, ons: str, bold: set[str], teletype: Any, sheet: Sheet, r: int) -> list[Cell]:
    cells: list[Cell] = []
    for cell in row.childNodes:
        name = getattr(cell, "qname", (None, ""))[1]
        if name not in ("table-cell", "covered-table-cell"):
            continue
        repeat = int(cell.getAttrNS(tns, "number-columns-repeated") or 1)
        kind = cell.getAttrNS(ons, "value-type")
        text = "\n".join(teletype.extractText(p) for p in cell.childNodes
                         if getattr(p, "qname", (None, ""))[1] == "p").strip()
        value: Decimal | str | None = text or None
        if kind in ("float", "currency", "percentage"):
            value = _ods_number(str(cell.getAttrNS(ons, "value")), text, kind == "percentage")
        formula = str(cell.getAttrNS(tns, "formula") or "")
        formula = re.sub(r"^(of:)?=", "", formula)
        made = Cell(value, formula, sum_refs(formula) if formula else None,
                    str(cell.getAttrNS(tns, "style-name") or "") in bold, 0, kind == "percentage")
        across = int(cell.getAttrNS(tns, "number-columns-spanned") or 1)
        down = int(cell.getAttrNS(tns, "number-rows-spanned") or 1)
        if across > 1 or down > 1:
            sheet.merged.append((r, len(cells), r + down - 1, len(cells) + across - 1))
        cells.extend([made] * min(repeat if value is not None else 1, MAX_COLUMNS))
        if len(cells) >= MAX_COLUMNS:
            break
    while cells and cells[-1].value is None and not cells[-1].formula:
        cells.pop()
    return cells


def _ods_number(raw: str, shown: str, percent: bool) -> Decimal | None:
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        return None
    if percent:
        amount *= 100
    digits = re.search(r"[.,](\d+)\s*%?\s*$", shown.replace("\u00a0", " "))
    return _rounded(amount, len(digits[1]) if digits else (0 if shown else None))


# --- formulas without saved values -------------------------------------------------------------------------------


def _fill_missing(sheet: Sheet, notes: list[str]) -> None:
    """A sum formula whose value the file does not hold (never opened in a spreadsheet): computed from its cells."""
    missing = []
    for _ in range(10):  # sums of sums: a few rounds
        changed = False
        for r, row in enumerate(sheet.rows):
            for c, cell in enumerate(row):
                if cell.formula and cell.value is None and cell.refs is not None:
                    parts = [sheet.cell(rr, cc).value for _, rr, cc in cell.refs]
                    if any(isinstance(p, Decimal) for p in parts) and not any(
                            sheet.cell(rr, cc).formula and sheet.cell(rr, cc).value is None for _, rr, cc in cell.refs):
                        cell.value = sum((s * p for (s, _, _), p in zip(cell.refs, parts, strict=True)
                                          if isinstance(p, Decimal)), Decimal(0))
                        missing.append(address(r, c))
                        changed = True
        if not changed:
            break
    if missing:
        notes.append(f"Bladet ”{sheet.name}”: formlerna i {', '.join(missing[:8])}{' …' if len(missing) > 8 else ''}"
                     " hade inget sparat värde (filen har inte sparats i Excel eller LibreOffice); summorna räknades "
                     "ut vid importen.")
