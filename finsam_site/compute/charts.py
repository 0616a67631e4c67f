"""Charts as plain geometry for inline SVG.

Everything a chart needs is computed here (bar lengths, positions, formatted
values); the template ``partials/chart.html`` only draws it. Every chart
carries a title, a description and the rows of the table it shows, so the
page can give it a text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..check import sums
from ..formatting import money
from ..load.accounts import Row, Table
from .budget import figures_column

WIDTH = 360  # about a phone's width, so that text stays readable when the SVG scales
LABEL_HEIGHT = 16
BAR_HEIGHT = 16
GAP = 12
VALUE_SPACE = 105
LABEL_CHARS = 50
SERIES = ("serie-a", "serie-b")


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    text: str
    series: str
    x: int
    y: int
    length: int
    label_y: int
    text_x: int

    @property
    def height(self) -> int:
        return BAR_HEIGHT

    @property
    def value_y(self) -> int:
        return self.y + BAR_HEIGHT - 4


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    height: int
    bars: list[Bar]
    legend: list[tuple[str, str]]
    headers: list[str]
    rows: list[list[str]]
    width: int = WIDTH


def _length(value: Decimal, largest: Decimal) -> int:
    if largest <= 0:
        return 0
    return max(1, int(abs(value) / largest * (WIDTH - VALUE_SPACE))) if value else 0


def _bar(label: str, value: Decimal, largest: Decimal, unit: str, series: str, y: int) -> Bar:
    """A labelled bar whose label sits above it, starting at height ``y``."""
    length = _length(value, largest)
    return Bar(_clip(label), value, money(value, unit), series, 0, y + LABEL_HEIGHT + 4, length,
               y + LABEL_HEIGHT - 4, length + 8)


def bar_chart(chart_id: str, title: str, description: str, items: list[tuple[str, Decimal]], unit: str) -> Chart | None:
    """Horizontal bars, one per item, labels above the bars (readable on a phone)."""
    items = [(label, abs(value)) for label, value in items]
    if not items or all(v == 0 for _, v in items):
        return None
    largest = max(v for _, v in items)
    bars = []
    y = 0
    for label, value in items:
        bars.append(_bar(label, value, largest, unit, SERIES[0], y))
        y += LABEL_HEIGHT + BAR_HEIGHT + GAP
    rows = [[label, money(value, unit)] for label, value in items]
    return Chart(chart_id, title, description, y, bars, [], ["Post", "Belopp"], rows)


def grouped_chart(chart_id: str, title: str, description: str, groups: list[str],
                  series: list[tuple[str, list[Decimal | None]]], unit: str) -> Chart | None:
    """For each group (a year), one bar per series (e.g. intäkter and kostnader), each labelled with its value."""
    values = [abs(v) for _, vs in series for v in vs if v is not None]
    if not values or max(values) == 0:
        return None
    largest = max(values)
    bars = []
    y = 0
    for index, group in enumerate(groups):
        for s_index, (name, vs) in enumerate(series):
            value = vs[index]
            if value is None:
                continue
            bars.append(_bar(f"{group}: {name.lower()}", abs(value), largest, unit, SERIES[s_index % 2], y))
            y += LABEL_HEIGHT + BAR_HEIGHT + 6
        y += GAP
    headers = ["År", *[name for name, _ in series]]
    rows = [[group, *[_money_or_blank(vs[i], unit) for _, vs in series]] for i, group in enumerate(groups)]
    legend = [(name, SERIES[i % 2]) for i, (name, _) in enumerate(series)]
    return Chart(chart_id, title, description, y, bars, legend, headers, rows)


def _money_or_blank(value: Decimal | None, unit: str) -> str:
    return money(abs(value), unit) if value is not None else "uppgift saknas"


def plan_charts(table: Table, year: int, kind: str = "verksamhetsplan") -> list[Chart]:
    """The charts of a document's main money table: a plan's budget, a report's accounts (``kind``)."""
    source = "budgeten" if kind == "verksamhetsplan" else "räkenskaperna"  # "budgetens", "räkenskapernas"
    years = grouped_chart("aren", "Intäkter och kostnader år för år",
                          f"Intäkter och kostnader i {source}s alla kolumner, i {table.unit}.",
                          [c.label for c in table.columns],
                          [("Intäkter", sums.category_sums(table, "intäkter")),
                           ("Kostnader", sums.category_sums(table, "kostnader"))], table.unit)
    column = figures_column(table, year, kind)  # a plan's budget for its year, a report's outcome
    if column is None:  # no column for the document's own year: only the year-by-year chart
        return [years] if years is not None else []
    label = table.columns[column].label
    members = [(at.row.label, sums.add([sums.cell_at(at.row.amounts, column)])) for at in sums.lines(table)
               if at.row.member]
    insatser = [(row.label, sums.add([sums.cell_at(row.amounts, column)])) for row in _category_lines(table)]
    costs = [(name, sums.category_sums(table, category)[column])
             for name, category in (("Administration", "administration"), ("Insatser", "insatser"))]
    charts = [
        bar_chart("intakter-per-medlem", f"Intäkter per medlem, {label}",
                  f"Medlemmarnas bidrag enligt {source}, {label}, i {table.unit}.", _known(members), table.unit),
        bar_chart("kostnader-fordelning", f"Administration och insatser, {label}",
                  f"Kostnaderna för administration jämfört med insatser, {label}, i {table.unit}.", _known(costs),
                  table.unit),
        bar_chart("insatser-belopp", f"Insatser efter belopp, {label}",
                  f"{source.capitalize()}s insatser sorterade efter belopp, {label}, i {table.unit}.",
                  sorted(_known(insatser), key=lambda item: -abs(item[1])), table.unit),
        years,
    ]
    return [chart for chart in charts if chart is not None]


def _known(items: list[tuple[str, Decimal | None]]) -> list[tuple[str, Decimal]]:
    return [(label, value) for label, value in items if value is not None and value != 0]


def _category_lines(table: Table) -> list[Row]:
    """The lines inside the groups of category ``insatser`` (sums.find_category's groups)."""
    return [at.row for at in sums.lines(table) if any(group.category == "insatser" for group in at.ancestors)]


def _clip(label: str) -> str:
    """A label short enough for the chart; the full text is in the chart's table."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"
