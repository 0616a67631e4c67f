"""SCB's Räkenskapssammandrag for kommunalförbund och samordningsförbund, from an årsredovisning's ekonomi.yaml.

Every year SCB asks each samordningsförbund for the figures of its accounts (scb.se, "Räkenskapssammandrag för
kommunalförbund och samordningsförbund"; duty to report under lag 2001:99). SCB's instructions say the figures
follow the layout of the municipal accounting law, lag (2018:597) om kommunal bokföring och redovisning (LKBR): its
resultaträkning and balansräkning. :data:`LINES` are those lines as the form groups them, and the form's own
additions since the Räkenskapssammandrag for 2018 (personnel costs, account 57; the change in pension provisions,
account 572; provisions for pensions, account groups 221–222, apart from other provisions).

EDITION: this follows the form as SCB describes it for the Räkenskapssammandrag from 2018 on (scb.se, the survey's
page, "Nyheter"); the form's row numbers and the current year's edition of SCB's Instruktioner (pdf) could not be
read when this was written, so the lines carry LKBR's names, not SCB's row numbers. Check them against the year's
instructions before filling in the form.

A line's value comes from the årsredovisning's *utfall* column of its year, in kronor: a sum of a category
(``intäkter``, ``kostnader``, ``tillgångar``, ``skulder``, ``eget kapital``), the printed result, or a row whose
text is the line's LKBR name (``Kassa och bank``, ``Kortfristiga skulder`` …), with the file and line of each row
it is made from. A line the model cannot give (ekonomi.yaml has no account numbers, and no category for
depreciation or financial items) is ``None`` with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..check import sums
from ..load.accounts import Budget, Row, Table
from ..load.content import DocumentContent, Entry
from ..load.yamlload import Loc

EDITION = ("Räkenskapssammandrag för kommunalförbund och samordningsförbund, uppställningen enligt LKBR (2018:597) "
           "med SCB:s tillägg från räkenskapsåret 2018 (konto 57, 572, kontogrupp 221–222); SCB:s radnummer för "
           "året är inte kontrollerade")
NO_ACCOUNTS = "ekonomi.yaml har inga kontonummer"


@dataclass(frozen=True)
class Line:
    """One line of the form: where its value comes from in ekonomi.yaml."""

    section: str  # Resultaträkning, Balansräkning
    name: str  # LKBR's name
    category: str = ""  # the sum of this category
    names: tuple[str, ...] = ()  # else a row with one of these texts (inside ``within``)
    within: str = ""
    result: bool = False  # the year's result
    lacks: str = ""  # the model cannot give it, and why


LINES = [
    Line("Resultaträkning", "Verksamhetens intäkter", category="intäkter"),
    Line("Resultaträkning", "Verksamhetens kostnader", category="kostnader"),
    Line("Resultaträkning", "därav personalkostnader (konto 57)", lacks=NO_ACCOUNTS),
    Line("Resultaträkning", "därav förändring av pensionsavsättningar (konto 572)", lacks=NO_ACCOUNTS),
    Line("Resultaträkning", "Avskrivningar", lacks="ekonomi.yaml har ingen kategori för avskrivningar"),
    Line("Resultaträkning", "Finansiella intäkter", lacks="ekonomi.yaml har ingen kategori för finansiella poster"),
    Line("Resultaträkning", "Finansiella kostnader", lacks="ekonomi.yaml har ingen kategori för finansiella poster"),
    Line("Resultaträkning", "Årets resultat", result=True),
    Line("Balansräkning", "Summa tillgångar", category="tillgångar"),
    Line("Balansräkning", "Anläggningstillgångar", names=("anläggningstillgångar",), within="tillgångar"),
    Line("Balansräkning", "Omsättningstillgångar", names=("omsättningstillgångar",), within="tillgångar"),
    Line("Balansräkning", "därav kassa och bank", names=("kassa och bank", "likvida medel"), within="tillgångar"),
    Line("Balansräkning", "Eget kapital", category="eget kapital"),
    Line("Balansräkning", "Avsättningar för pensioner (kontogrupp 221–222)",
         names=("avsättningar för pensioner", "avsättningar till pensioner", "pensionsavsättningar"),
         within="skulder"),
    Line("Balansräkning", "Övriga avsättningar (kontogrupp 22 utom 221–222)", names=("övriga avsättningar",),
         within="skulder"),
    Line("Balansräkning", "Långfristiga skulder", names=("långfristiga skulder",), within="skulder"),
    Line("Balansräkning", "Kortfristiga skulder", names=("kortfristiga skulder",), within="skulder"),
    Line("Balansräkning", "Summa skulder och avsättningar", category="skulder"),
]


@dataclass(frozen=True)
class Figure:
    line: Line
    value: Decimal | None  # kronor; costs as a positive amount
    sources: tuple[str, ...]  # "content/…/ekonomi.yaml:14: Kansli" for each row it is made from
    missing: str = ""  # why there is no value


def figures(report: DocumentContent) -> list[Figure]:
    """Every line of the form for an årsredovisning (its ``budget`` entry is its ekonomi.yaml)."""
    entry = report.budget
    found = _utfall(entry, report.year) if entry is not None else None
    if entry is None or found is None:
        why = "årsredovisningen har ingen ekonomi.yaml" if entry is None else f"ingen kolumn utfall {report.year}"
        return [Figure(line, None, (), line.lacks or why) for line in LINES]
    return [_figure(line, entry, *found) for line in LINES]


def _utfall(entry: Entry[Budget], year: int) -> list[tuple[Table, Loc, int]] | None:
    """Every table with an *utfall* column of ``year``: the table, its place in the file and the column."""
    found: list[tuple[Table, Loc, int]] = [
        (table, ("tabeller", t), c)
        for t, table in enumerate(entry.model.tables)
        for c, column in enumerate(table.columns)
        if column.kind == "utfall" and column.year == year
    ]
    return found or None


def _figure(line: Line, entry: Entry[Budget], *tables: tuple[Table, Loc, int]) -> Figure:
    if line.lacks:
        return Figure(line, None, (), line.lacks)
    for table, loc, column in tables:
        rows = _rows(line, table, loc)
        if rows is None:
            continue
        values = [sums.to_kronor(sums.row_sums(row, len(table.columns))[column], table.unit) for row, _ in rows]
        if line.result:
            printed = table.result
            source = f"{entry.path}:{_line(entry, (*loc, 'resultat'))}: {printed.label}" if printed else (
                "beräknat: intäkter minus kostnader")
            return Figure(line, _result(table, column), (source,))
        if any(v is None for v in values):
            return Figure(line, None, _sources(entry, rows), "ett belopp är okänt")
        total = sum((v for v in values if v is not None), Decimal(0))
        return Figure(line, abs(total) if line.category == "kostnader" else total, _sources(entry, rows))
    if line.result:
        return Figure(line, None, (), "ekonomi.yaml anger inget resultat")
    where = f"kategori {line.category}" if line.category else "rad " + " eller ".join(f"”{n}”" for n in line.names)
    year = tables[0][0].columns[tables[0][2]].year
    return Figure(line, None, (), f"ekonomi.yaml har ingen {where} med utfall {year}")


def _rows(line: Line, table: Table, loc: Loc) -> list[tuple[Row, Loc]] | None:
    """The rows a line sums (None: the table has none)."""
    if line.result:
        return [] if table.result is not None or sums.find_category(table, "intäkter") else None
    found: list[tuple[Row, Loc]] = []
    for at in sums.walk(table, loc, enter=lambda group: group.category != line.category if line.category else True):
        if line.category and at.row.category == line.category:
            found.append((at.row, at.loc))
        elif line.names and at.category == line.within and _plain(at.row.label) in line.names:
            return [(at.row, at.loc)]
    return found or None


def _result(table: Table, column: int) -> Decimal | None:
    if table.result is not None:
        printed = sums.cell_at(table.result.amounts, column)
        if isinstance(printed, Decimal):
            return sums.to_kronor(printed, table.unit)
    return sums.to_kronor(sums.computed_result(table)[column], table.unit)


def _plain(text: str) -> str:
    words = " ".join(text.casefold().split())
    return words.removeprefix("summa ")


def _sources(entry: Entry[Budget], rows: list[tuple[Row, Loc]]) -> tuple[str, ...]:
    return tuple(f"{entry.path}:{_line(entry, loc)}: {row.label}" for row, loc in rows)


def _line(entry: Entry[Budget], loc: Loc) -> int:
    return entry.doc.mark(loc).line if entry.doc.marks else 0
