"""Compute stage: every figure the site shows, computed in Python.

Templates only format what is here (no arithmetic in templates). Budget tables
become flat lists of rows with their printed figures, the tool's own sums and
each line's share of its group's total.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Literal

from ..load.content import PlanContent
from ..load.model import UNKNOWN, Column, Row, Table, Total

Value = Decimal | None
RowKind = Literal["post", "grupp", "summa", "resultat", "eget-kapital"]


@dataclass(frozen=True)
class RowView:
    label: str
    kind: RowKind
    level: int
    printed: list[Decimal | str | None]
    computed: list[Value] = field(default_factory=list)
    share: list[Value] = field(default_factory=list)
    note: str = ""
    insats: str | None = None

    @property
    def differs(self) -> list[bool]:
        """Per column: the printed figure differs from the tool's own."""
        return [
            isinstance(p, Decimal) and c is not None and p != c
            for p, c in zip(self.printed, self.computed or [None] * len(self.printed), strict=False)
        ]


@dataclass(frozen=True)
class TableView:
    """A budget table as the site shows it: the plan's own budget year first, then the other columns as printed.

    ``share_column`` is the (shown) column whose lines get a share of their group's total, the plan's own budget
    year; None when the table has no such column or no line has a share in it.
    """

    title: str
    unit: str
    columns: list[Column]
    rows: list[RowView]
    notes: str
    share_column: int | None = None


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
    return [_add_values([child[c] for child in children]) for c in range(width)]


def _add_values(values: list[Value]) -> Value:
    return None if any(v is None for v in values) else sum((v for v in values if v is not None), Decimal(0))


def share(part: Value, whole: Value) -> Value:
    if part is None or whole is None or whole == 0:
        return None
    return part / whole * 100


def _pad(values: list[Decimal | str | None], width: int) -> list[Decimal | str | None]:
    return (values + [None] * width)[:width]


def _flatten(rows: list[Row], width: int, level: int, whole: list[Value] | None) -> list[RowView]:
    """Rows in print order; ``whole`` is the top-level group's sums that shares are taken of."""
    views: list[RowView] = []
    for row in rows:
        sums = row_sums(row, width)
        base = whole if whole is not None else sums
        shares = [share(s, w) for s, w in zip(sums, base, strict=True)]
        if row.rows is None:
            printed = _pad(list(row.amounts or []), width)
            views.append(RowView(row.label, "post", level, printed, sums, shares, row.note, row.insats))
            continue
        views.append(RowView(row.label, "grupp", level, [None] * width, note=row.note))
        views.extend(_flatten(row.rows, width, level + 1, base))
        if row.total is not None:
            views.append(RowView(row.total.label, "summa", level, _pad(list(row.total.amounts), width), sums,
                                 shares if whole is not None else [], row.total.note))
        else:  # the plan prints no subtotal: the tool's own, marked as such
            views.append(RowView(f"Summa {row.label.lower()} (beräknad)", "summa", level, list(sums), sums,
                                 shares if whole is not None else []))
    return views


def category_sums(table: Table, category: str) -> list[Value]:
    """Per column, the sum of the top-level groups (or nested groups) of one category."""
    width = len(table.columns)
    found = [row_sums(row, width) for row in find_category(table.rows, category)]
    if not found:
        return [None] * width
    return [_add_values([f[c] for f in found]) for c in range(width)]


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
        for o, r in zip(_pad(list(table.equity_opening.amounts), len(table.columns)), result, strict=True)
    ]


def table_view(table: Table, year: int | None = None) -> TableView:
    width = len(table.columns)
    rows = _flatten(table.rows, width, 0, None)
    totals: list[tuple[Total | None, RowKind, list[Value]]] = [
        (table.result, "resultat", computed_result(table)),
        (table.equity_opening, "eget-kapital", []),
        (table.equity_closing, "eget-kapital", computed_closing_equity(table)),
    ]
    for total, kind, computed in totals:
        if total is not None:
            rows.append(RowView(total.label, kind, 0, _pad(list(total.amounts), width), computed, note=total.note))
    column = budget_column(table, year) if year is not None else None
    if column is None:
        return TableView(table.title, table.unit, table.columns, rows, table.notes, None)
    # The plan's own year first: on a phone it is the column in view, and the share column follows it.
    order = [column, *(c for c in range(width) if c != column)]
    shown = [_reordered(row, order) for row in rows]
    has_share = any(row.share and row.share[0] is not None for row in shown)
    return TableView(table.title, table.unit, [table.columns[c] for c in order], shown, table.notes,
                     0 if has_share else None)


def _reordered(row: RowView, order: list[int]) -> RowView:
    def pick(values: list[Value]) -> list[Value]:
        return [values[c] for c in order] if values else values

    return replace(row, printed=[row.printed[c] for c in order], computed=pick(row.computed), share=pick(row.share))


# --- key figures of a plan ------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigures:
    """The figures that compare plans: all in kronor for the plan's budget year."""

    year: int
    column: str
    revenues: Value
    costs: Value
    administration: Value
    admin_share: Value
    insatser_count: int
    insatser_granted: Value  # the insatser's own ``beviljat`` for the year, where every one of them states it
    insatser_budget: Value = None  # the budget's insatser (category ``insatser``) in the plan's year
    contributions: Value = None
    equity: Value = None
    equity_share: Value = None


def budget_column(table: Table, year: int) -> int | None:
    """The column of the plan's own budget year; None when the table has none."""
    for index, column in enumerate(table.columns):
        if column.kind == "budget" and column.year == year:
            return index
    return None


def to_kronor(value: Value, unit: str) -> Value:
    return None if value is None else value * (1000 if unit == "tkr" else 1)


def key_figures(plan: PlanContent) -> KeyFigures:
    """The figures that every page showing a plan's key figures reads (cards.py computes them once per plan)."""
    year = plan.year
    granted = [i.model.granted.get(year) for i in plan.insatser]
    granted_sum = sum((g for g in granted if g is not None), Decimal(0)) if granted and None not in granted else None
    count = len(plan.insatser)
    table = plan.budget.model.tables[0] if plan.budget and plan.budget.model.tables else None
    col = budget_column(table, year) if table is not None else None
    if table is None or col is None:
        return KeyFigures(year, "", None, None, None, None, count, granted_sum)

    def kronor(values: list[Value]) -> Value:
        return to_kronor(values[col], table.unit)

    revenues = kronor(category_sums(table, "intäkter"))
    costs = _absolute(kronor(category_sums(table, "kostnader")))
    admin = _absolute(kronor(category_sums(table, "administration")))
    members = [row for row in _all_lines(table.rows) if row.member]
    contributions = to_kronor(add(cell_at(r.amounts, col) for r in members), table.unit) if members else None
    equity = kronor(closing_equity(table))
    return KeyFigures(
        year,
        table.columns[col].label,
        revenues,
        costs,
        admin,
        share(admin, costs),
        count,
        granted_sum,
        _absolute(kronor(category_sums(table, "insatser"))) if find_category(table.rows, "insatser") else None,
        contributions,
        equity,
        share(equity, contributions),
    )


def _absolute(value: Value) -> Value:
    return None if value is None else abs(value)


def _all_lines(rows: list[Row]) -> list[Row]:
    return [line for row in rows for line in (_all_lines(row.rows) if row.rows is not None else [row])]


def closing_equity(table: Table) -> list[Value]:
    """Per column, the closing equity as printed, else as computed from the opening equity and the result."""
    computed = computed_closing_equity(table)
    if table.equity_closing is None:
        return computed
    printed = [cell_at(table.equity_closing.amounts, i) for i in range(len(table.columns))]
    return [p if isinstance(p, Decimal) else c for p, c in zip(printed, computed, strict=True)]


def insats_shares(plan: PlanContent, figures: KeyFigures) -> dict[str, Value]:
    """Each insats's grant in the plan year as a share of the budget's insatser that year (``KeyFigures``)."""
    return {i.id: share(i.model.granted.get(plan.year), figures.insatser_budget) for i in plan.insatser}
