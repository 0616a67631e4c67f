"""The arithmetic of a budget table: its row tree, sums of cells, rows, groups and categories, shares, the result and
equity.

:func:`walk` is the one walk of a table's row tree: every stage that visits a table's rows (the form checks, the
arithmetic and Finsam rules, the HTML flattening, the charts, the CSV export, the PDF) goes through it. Only
:func:`row_sums`, which folds a group's rows into its sums, and the nested open-data JSON, which copies the tree's
shape, recurse on their own.

The check stage tests a plan's printed figures against these sums (rules/arithmetic.py, rules/finsam.py); the
later stages show them (compute/budget.py, compute/charts.py, output/opendata.py). An unknown cell (``okänt``)
makes a sum unknown (None); a blank cell counts as nothing. A ``varav`` line is a part of the line before it: it is
walked and shown, but no sum adds it (its whole already holds it). Amounts derived from a table's key
(:func:`derived_contributions`) are the tool's own, never printed figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from ..load.accounts import KeyShare, Row, Table
from ..load.amounts import UNIT_FACTOR
from ..load.content import DocumentContent, Entry
from ..load.fields import UNKNOWN
from ..load.yamlload import Loc

Value = Decimal | None


class RowAt(NamedTuple):
    """A row of a budget table where the walk finds it.

    ``loc`` is the row's path in the YAML (what a diagnostic marks); ``ancestors`` are the groups it sits in,
    outermost first; ``category`` is the row's own ``kategori:``, else that of the nearest group around it that
    states one ("" where none does). ``closing`` marks the second visit of a group, after its rows (only when the
    walk is asked for it), where a table prints the group's sum. A named tuple, not a frozen dataclass: the walk
    makes one per row on the hot paths, and a frozen dataclass takes several times longer to make.
    """

    row: Row
    loc: Loc
    ancestors: tuple[Row, ...]
    category: str
    closing: bool = False

    @property
    def depth(self) -> int:
        """0 for a row of the table itself, 1 for a row of one of its groups, and so on."""
        return len(self.ancestors)

    @property
    def groups(self) -> tuple[str, ...]:
        """The labels of the groups the row sits in, outermost first."""
        return tuple(group.label for group in self.ancestors)


def walk(
    table: Table, loc: Loc = (), *, closing: bool = False, enter: Callable[[Row], bool] | None = None
) -> Iterator[RowAt]:
    """Every row of ``table`` in print order, a group before its rows; with ``closing``, each group again after
    them. ``loc`` is the table's own path in its file (``("tabeller", 0)``). With ``enter``, a group's rows are
    walked only where ``enter(group)`` holds."""
    return _walk(table.rows, (*loc, "rader"), (), "", closing, enter)


_new = tuple.__new__  # RowAt(...) without the named tuple's own __new__, a Python function: half the walk's time


def _walk(
    rows: list[Row],
    loc: Loc,
    ancestors: tuple[Row, ...],
    category: str,
    closing: bool,
    enter: Callable[[Row], bool] | None,
) -> Iterator[RowAt]:
    for index, row in enumerate(rows):
        here, stated = (*loc, index), row.category or category
        yield _new(RowAt, (row, here, ancestors, stated, False))
        if row.rows is not None and (enter is None or enter(row)):
            yield from _walk(row.rows, (*here, "rader"), (*ancestors, row), stated, closing, enter)
            if closing:
                yield _new(RowAt, (row, here, ancestors, stated, True))


def lines(table: Table, loc: Loc = ()) -> Iterator[RowAt]:
    """The table's lines (``post:``), without its groups, in print order."""
    return (at for at in walk(table, loc) if at.row.rows is None)


def budget_tables(plan: DocumentContent) -> Iterator[tuple[Entry[Any], Table, Loc]]:
    """Every budget table of a plan with its file and its path there: budget.yaml's, then the insatser's
    co-financing budgets."""
    if plan.budget is not None:
        for i, table in enumerate(plan.budget.model.tables):
            yield plan.budget, table, ("tabeller", i)
    for entry in plan.insatser:
        co = entry.model.co_financing
        if co is not None and co.budget is not None:
            yield entry, co.budget, ("medfinansiering", "budget")


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
    children = [row_sums(child, width) for child in row.rows if not child.part]
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
    found = [row_sums(row, width) for row in find_category(table, category)]
    if not found:
        return [None] * width
    return [add_values([f[c] for f in found]) for c in range(width)]


def find_category(table: Table, category: str) -> list[Row]:
    """The outermost rows that state ``category`` themselves (a row inside one of them is already in its sum, and so
    is a ``varav`` part of a row of the same category)."""
    found: list[Row] = []
    whole: dict[Loc, str] = {}  # per list of rows, the category of the last line that is not a part
    for at in walk(table, enter=lambda group: group.category != category):
        siblings = at.loc[:-1]
        if not at.row.part:
            whole[siblings] = at.category
        if at.row.category != category:
            continue
        if at.row.part and whole.get(siblings) == category:
            continue
        found.append(at.row)
    return found


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
    return None if value is None else value * UNIT_FACTOR.get(unit, 1)


def printed_precision(cell: Decimal, unit: str) -> Decimal:
    """Half the last printed digit of ``cell``, in kronor: how far from a figure in kronor a figure printed in
    tkr or mnkr may be because it was rounded (``-645`` tkr stands for 644 500–645 500 kr); 0 in kr."""
    if unit == "kr":
        return Decimal(0)
    exponent = cell.as_tuple().exponent
    digits = exponent if isinstance(exponent, int) else 0
    return Decimal(1).scaleb(digits) * UNIT_FACTOR[unit] / 2


DERIVED_DECIMALS = {"kr": 0, "tkr": 1, "mnkr": 3}  # a derived amount to the krona, the hundred or the thousand kr


def derived_contributions(table: Table) -> list[tuple[KeyShare, list[Value]]]:
    """Each share of the table's key with its amounts per column, derived from the lines marked ``fördelas`` (the
    members' contributions together): the base times the share. Empty without a key or such a line."""
    width = len(table.columns)
    bases = [row_sums(at.row, width) for at in lines(table) if at.row.split]
    if not table.key or not bases:
        return []
    totals = [add_values([base[c] for base in bases]) for c in range(width)]
    exponent = Decimal(1).scaleb(-DERIVED_DECIMALS.get(table.unit, 0))
    return [(share, [None if t is None else (t * share.share / 100).quantize(exponent) for t in totals])
            for share in table.key]


def contribution_lines(table: Table) -> list[Row]:
    """The lines with the members' contributions: the member lines, else the lines to be split by the key."""
    members = [at.row for at in lines(table) if at.row.member]
    return members or [at.row for at in lines(table) if at.row.split]


def closing_equity(table: Table) -> list[Value]:
    """Per column, the closing equity as printed, else as computed from the opening equity and the result."""
    computed = computed_closing_equity(table)
    if table.equity_closing is None:
        return computed
    printed = [cell_at(table.equity_closing.amounts, i) for i in range(len(table.columns))]
    return [p if isinstance(p, Decimal) else c for p, c in zip(printed, computed, strict=True)]
