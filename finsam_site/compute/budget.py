"""A budget table as the site shows it, and a plan's key figures: computed in Python from check/sums.py.

Templates only format what is here (no arithmetic in templates). Budget tables
become flat lists of rows with their printed figures, the tool's own sums and
each line's share of its group's total.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Literal

from ..check.sums import (
    Value,
    add,
    category_sums,
    cell_at,
    closing_equity,
    computed_closing_equity,
    computed_result,
    find_category,
    lines,
    pad,
    row_sums,
    share,
    to_kronor,
    walk,
)
from ..load.accounts import Column, Table, Total
from ..load.content import DocumentContent

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


def _flatten(table: Table) -> list[RowView]:
    """Rows in print order: a group's heading, its rows, then its sum. A row's share is of its top-level group's
    sums (a top-level row is its own whole; a top-level group's sum line shows no share)."""
    width = len(table.columns)
    views: list[RowView] = []
    whole: list[Value] = []
    opened: list[tuple[list[Value], list[Value]]] = []  # the sums and shares of the groups open around a row
    for at in walk(table, closing=True):
        row, level = at.row, at.depth
        if at.closing:
            sums, shares = opened.pop()
            shown = shares if level else []
            if row.total is not None:
                views.append(RowView(row.total.label, "summa", level, pad(list(row.total.amounts), width), sums,
                                     shown, row.total.note))
            else:  # the plan prints no subtotal: the tool's own, marked as such
                views.append(RowView(f"Summa {row.label.lower()} (beräknad)", "summa", level, list(sums), sums, shown))
            continue
        sums = row_sums(row, width)
        if not level:
            whole = sums
        shares = [share(s, w) for s, w in zip(sums, whole, strict=True)]
        if row.rows is None:
            printed = pad(list(row.amounts or []), width)
            views.append(RowView(row.label, "post", level, printed, sums, shares, row.note, row.insats))
        else:
            views.append(RowView(row.label, "grupp", level, [None] * width, note=row.note))
            opened.append((sums, shares))
    return views


def table_view(table: Table, year: int | None = None, document: str = "verksamhetsplan") -> TableView:
    """A table as the pages show it: the document's own column first (a plan's budget for ``year``, a report's
    outcome: ``figures_column``), with each line's share of its group beside it."""
    width = len(table.columns)
    rows = _flatten(table)
    totals: list[tuple[Total | None, RowKind, list[Value]]] = [
        (table.result, "resultat", computed_result(table)),
        (table.equity_opening, "eget-kapital", []),
        (table.equity_closing, "eget-kapital", computed_closing_equity(table)),
    ]
    for total, kind, computed in totals:
        if total is not None:
            rows.append(RowView(total.label, kind, 0, pad(list(total.amounts), width), computed, note=total.note))
    column = figures_column(table, year, document) if year is not None else None
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


def key_figures(plan: DocumentContent) -> KeyFigures:
    """The figures that every page showing a plan's key figures reads (cards.py computes them once per plan)."""
    year = plan.year
    granted = [i.model.granted.get(year) for i in plan.insatser]
    granted_sum = sum((g for g in granted if g is not None), Decimal(0)) if granted and None not in granted else None
    count = len(plan.insatser)
    table = plan.budget.model.tables[0] if plan.budget and plan.budget.model.tables else None
    col = figures_column(table, year, plan.kind) if table is not None else None
    if table is None or col is None:
        return KeyFigures(year, "", None, None, None, None, count, granted_sum)

    def kronor(values: list[Value]) -> Value:
        return to_kronor(values[col], table.unit)

    revenues = kronor(category_sums(table, "intäkter"))
    costs = _absolute(kronor(category_sums(table, "kostnader")))
    admin = _absolute(kronor(category_sums(table, "administration")))
    members = [at.row for at in lines(table) if at.row.member]
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
        _absolute(kronor(category_sums(table, "insatser"))) if find_category(table, "insatser") else None,
        contributions,
        equity,
        share(equity, contributions),
    )


# The column that a document's key figures come from: a plan's budget for its year; a report's outcome for its
# year (an interim report's forecast for the whole year, where it has one, else its outcome so far).
FIGURES_COLUMNS: dict[str, tuple[str, ...]] = {
    "verksamhetsplan": ("budget",),
    "delårsrapport": ("prognos", "förväntat utfall", "utfall"),
    "årsredovisning": ("utfall",),
    "rapport": ("utfall",),
}


def figures_column(table: Table, year: int, kind: str) -> int | None:
    """The column of ``table`` that the key figures of a document of ``kind`` and ``year`` come from, or None."""
    for wanted in FIGURES_COLUMNS[kind]:
        found = next((i for i, c in enumerate(table.columns) if c.kind == wanted and c.year == year), None)
        if found is not None:
            return found
    return None


def _absolute(value: Value) -> Value:
    return None if value is None else abs(value)


def insats_shares(plan: DocumentContent, figures: KeyFigures) -> dict[str, Value]:
    """Each insats's grant in the plan year as a share of the budget's insatser that year (``KeyFigures``)."""
    return {i.id: share(i.model.granted.get(plan.year), figures.insatser_budget) for i in plan.insatser}
