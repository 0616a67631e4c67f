"""The arithmetic of a budget table: sums of cells, rows, groups and categories, shares, the result and equity.

The check stage tests a plan's printed figures against these sums (rules/arithmetic.py, rules/finsam.py); the
later stages show them (compute/budget.py, compute/charts.py, output/opendata.py). An unknown cell (``okänt``)
makes a sum unknown (None); a blank cell counts as nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from ..load.model import UNKNOWN, Row, Table

Value = Decimal | None


def add(values: Iterable[Decimal | str | None]) -> Value:
    """Sum of cells; an unknown cell makes the sum unknown, blanks count as nothing."""
    total = Decimal(0)
    for value in values:
        if value == UNKNOWN:
            return None
        if isinstance(value, Decimal):
            total += value
    return total


def cell_at(amounts: Sequence[Decimal | str | None] | None, index: int) -> Decimal | str | None:
    """The cell in column ``index``; a short row has empty cells (its width is reported by validation)."""
    return amounts[index] if amounts is not None and index < len(amounts) else None


def row_sums(row: Row, width: int) -> list[Value]:
    """Per column, what a row amounts to: its own cells, or the sum of a group's lines."""
    if row.rows is None:
        amounts = row.amounts or []
        return [add([amounts[c]]) if c < len(amounts) else Decimal(0) for c in range(width)]
    children = [row_sums(child, width) for child in row.rows]
    return [add_values([child[c] for child in children]) for c in range(width)]


def add_values(values: list[Value]) -> Value:
    return None if any(v is None for v in values) else sum((v for v in values if v is not None), Decimal(0))


def share(part: Value, whole: Value) -> Value:
    if part is None or whole is None or whole == 0:
        return None
    return part / whole * 100


def pad(values: list[Decimal | str | None], width: int) -> list[Decimal | str | None]:
    return (values + [None] * width)[:width]


def category_sums(table: Table, category: str) -> list[Value]:
    """Per column, the sum of the top-level groups (or nested groups) of one category."""
    width = len(table.columns)
    found = [row_sums(row, width) for row in find_category(table.rows, category)]
    if not found:
        return [None] * width
    return [add_values([f[c] for f in found]) for c in range(width)]


def find_category(rows: list[Row], category: str) -> list[Row]:
    result: list[Row] = []
    for row in rows:
        if row.category == category:
            result.append(row)
        elif row.rows:
            result.extend(find_category(row.rows, category))
    return result


def costs_negative(table: Table) -> bool:
    """Whether the plan prints costs with a minus sign."""
    costs = [v for v in category_sums(table, "kostnader") if v is not None and v != 0]
    return bool(costs) and all(v < 0 for v in costs)


def computed_result(table: Table) -> list[Value]:
    revenues = category_sums(table, "intäkter")
    costs = category_sums(table, "kostnader")
    sign = Decimal(1) if costs_negative(table) else Decimal(-1)
    return [None if r is None or c is None else r + sign * c for r, c in zip(revenues, costs, strict=True)]


def computed_closing_equity(table: Table) -> list[Value]:
    if table.equity_opening is None:
        return [None] * len(table.columns)
    result = computed_result(table)
    return [
        o + r if isinstance(o, Decimal) and r is not None else None
        for o, r in zip(pad(list(table.equity_opening.amounts), len(table.columns)), result, strict=True)
    ]


def budget_column(table: Table, year: int) -> int | None:
    """The column of the plan's own budget year; None when the table has none."""
    for index, column in enumerate(table.columns):
        if column.kind == "budget" and column.year == year:
            return index
    return None


def to_kronor(value: Value, unit: str) -> Value:
    return None if value is None else value * (1000 if unit == "tkr" else 1)


def all_lines(rows: list[Row]) -> list[Row]:
    return [line for row in rows for line in (all_lines(row.rows) if row.rows is not None else [row])]


def closing_equity(table: Table) -> list[Value]:
    """Per column, the closing equity as printed, else as computed from the opening equity and the result."""
    computed = computed_closing_equity(table)
    if table.equity_closing is None:
        return computed
    printed = [cell_at(table.equity_closing.amounts, i) for i in range(len(table.columns))]
    return [p if isinstance(p, Decimal) else c for p, c in zip(printed, computed, strict=True)]
