"""The neutral model of a worksheet, as both workbook readers (workbook.py) deliver it, and the formula reader.

A cell keeps the value the workbook shows (a formula's last computed value, rounded as its number format shows it)
and, for a formula that only adds and subtracts cells of the same sheet (``=SUM(B2:B5)``, ``=B2+B3-B4``,
``=SUBTOTAL(9;B2:B5)``, OpenFormula's ``of:=SUM([.B2:.B5])``), the cells it adds: that is what makes a printed
sum testable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

Ref = tuple[int, int, int]  # (sign, row, column), 0-based


@dataclass
class Cell:
    value: Decimal | str | None = None
    formula: str = ""  # as written, without the leading =; "" for a typed value
    refs: tuple[Ref, ...] | None = None  # what a sum formula adds; None for another formula or none
    bold: bool = False
    indent: int = 0
    percent: bool = False
    note: str = ""  # a cell comment

    @property
    def number(self) -> Decimal | None:
        return self.value if isinstance(self.value, Decimal) else None

    @property
    def figure(self) -> bool:
        """A number, or a figure the workbook marks as unknown (``okänt``, ``?``)."""
        return isinstance(self.value, Decimal) or self.text.lower() in ("okänt", "?")

    @property
    def text(self) -> str:
        return self.value.strip() if isinstance(self.value, str) else ""


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # first row, first col, last row, last col
    unit_hint: str = ""  # a unit found in number formats (``"tkr"``)
    _covered: dict[tuple[int, int], tuple[int, int]] | None = field(default=None, repr=False)

    def cell(self, row: int, column: int) -> Cell:
        cells = self.rows[row] if row < len(self.rows) else []
        return cells[column] if column < len(cells) else EMPTY

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def merged_value(self, row: int, column: int) -> Cell:
        """The cell, or the first cell of the merged range it lies in."""
        if self._covered is None:
            self._covered = {(r, c): (top, left) for top, left, bottom, right in self.merged
                             for r in range(top, min(bottom, top + 500) + 1)
                             for c in range(left, min(right, left + 100) + 1)}
        return self.cell(*self._covered.get((row, column), (row, column)))


EMPTY = Cell()


def column_index(letters: str) -> int:
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - 64
    return index - 1


def column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def address(row: int, column: int) -> str:
    return f"{column_letters(column)}{row + 1}"


_ODF_REF = re.compile(r"\[\$?[^\].]*\.(\$?[A-Z]+\$?\d+)(?::\$?[^\].]*\.(\$?[A-Z]+\$?\d+))?\]")
_TOKEN = re.compile(r"\s*(?:(?P<fn>SUM|SUMMA|SUBTOTAL|DELSUMMA)\(\s*(?P<code>\d+\s*[;,])?|(?P<ref>\$?[A-Z]{1,3}\$?\d+"
                    r"(?::\$?[A-Z]{1,3}\$?\d+)?)|(?P<op>[-+])|(?P<close>\))|(?P<sep>[;,]))", re.I)
_CELL = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)", re.I)


def normalise(formula: str) -> str:
    """An Excel or OpenFormula formula without its ``=`` or ``of:=``, OpenFormula's references as Excel's."""
    text = formula.strip()
    text = re.sub(r"^(of:)?=", "", text)
    if "[" in text:
        other_sheet = re.search(r"\[\$?'?[^.\]]+'?\.", text)
        if other_sheet:
            return "\0"  # a reference to another sheet: not a sum of this sheet's rows
        text = _ODF_REF.sub(lambda m: m[1] + (f":{m[2]}" if m[2] else ""), text)
    return text


def sum_refs(formula: str) -> tuple[Ref, ...] | None:
    """The cells a formula adds (sign, row, column), or None when it does anything else."""
    text = normalise(formula)
    if not text or "!" in text or "\0" in text:
        return None
    refs: list[Ref] = []
    sign, depth, position, expect_term = 1, 0, 0, True
    outer_sign = 1
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            return None if text[position:].strip() else tuple(refs)
        position = match.end()
        if match["fn"]:
            if not expect_term or depth:
                return None
            if match["fn"].upper() in ("SUBTOTAL", "DELSUMMA") and (
                    not match["code"] or match["code"].strip(" ;,") not in ("9", "109")):
                return None
            depth, outer_sign, expect_term = 1, sign, True
        elif match["ref"]:
            if not expect_term:
                return None
            refs.extend((outer_sign if depth else sign, r, c) for r, c in _expand(match["ref"]))
            expect_term = False
        elif match["op"]:
            if not expect_term and not depth:
                sign, expect_term = (1 if match["op"] == "+" else -1), True
            elif expect_term and not refs and not depth:
                sign = 1 if match["op"] == "+" else -1
            else:
                return None
        elif match["close"]:
            if not depth or expect_term:
                return None
            depth, sign, expect_term = 0, 1, False
        elif match["sep"]:
            if not depth or expect_term:
                return None
            expect_term = True
    return tuple(refs) if refs and not depth and not expect_term else None


def _expand(ref: str) -> list[tuple[int, int]]:
    corners = [(_CELL.fullmatch(part)) for part in ref.split(":")]
    points = [(int(m[2]) - 1, column_index(m[1])) for m in corners if m]
    if len(points) == 1:
        return points
    (r1, c1), (r2, c2) = points
    return [(r, c) for r in range(min(r1, r2), max(r1, r2) + 1) for c in range(min(c1, c2), max(c1, c2) + 1)]
