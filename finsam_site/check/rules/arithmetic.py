"""Arithmetic rules: printed sums, results and equity follow from their lines."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NamedTuple

from ... import urls
from ...formatting import money
from ...load.accounts import Column, Table, Total
from ...load.content import Entry
from ...load.fields import UNKNOWN
from ...load.yamlload import Loc
from .. import sums
from .base import CheckResult, Finding, PlanContext, Rule, finding

SOURCE = "Aritmetik: varje tryckt summa ska följa av sina rader."


UNREADABLE = "går inte att läsa i källan (okänt)"


def source_phrase(ctx: PlanContext) -> str:
    """The document as the author's source, in a hint: ``den beslutade planen``, ``förslaget till årsredovisning``;
    a proposal or a draft is never called decided (load/documents.py ``DocumentType.decided``)."""
    return ctx.plan.type.decided(ctx.plan.meta.model.status)


def ack_hint(ctx: PlanContext, rule: str, subject: str) -> str:
    """How to correct or acknowledge a finding that comes from what the document states."""
    return (
        f"Rätta uppgiften om den är fel avskriven. Står den så i {source_phrase(ctx)}, kvittera avvikelsen i "
        f'kvitteringar.yaml med `regel: {rule}`, `gäller: "{subject}"` och en `förklaring:`.'
    )


def _differs(printed: Any, computed: sums.Value, rounding: Decimal) -> bool:
    return isinstance(printed, Decimal) and computed is not None and abs(printed - computed) > rounding


class Compared(NamedTuple):
    """A rule's comparisons of printed figures with computed ones: its findings, how many cells it compared, and
    why the others (printed, but unreadable or with an unreadable line) could not be compared."""

    findings: list[Finding]
    tested: int
    untested: list[str]

    def __add__(self, other: object) -> Compared:
        assert isinstance(other, Compared)
        return Compared(self.findings + other.findings, self.tested + other.tested, self.untested + other.untested)

    def result(self) -> CheckResult:
        """None where nothing was printed to compare (the rule does not apply), else the findings and reasons."""
        if not self.tested and not self.untested:
            return None
        return self.findings, self.untested


NOTHING = Compared([], 0, [])


def _compare(
    ctx: PlanContext,
    rule: str,
    entry: Entry[Any],
    table: Table,
    label: str,
    printed: list[Any],
    computed: list[sums.Value],
    loc: Loc,
    what: str,
    named: str = "",
    stated: list[bool] | None = None,
) -> Compared:
    """``named`` is the printed figure's name in the subject, where its label alone would name several; ``stated``
    says per column whether any line of a sum has a figure (a printed sum of lines that print none is untested)."""
    found, tested, untested = [], 0, []
    for index, (column, value, expected) in enumerate(zip(table.columns, printed, computed, strict=False)):
        if value is None:  # nothing printed in this column: nothing to compare
            continue
        if stated is not None and index < len(stated) and not stated[index]:
            untested.append(f"{label} ({column.label}): raderna anger inga belopp.")
            continue
        if value == UNKNOWN or expected is None:
            why = f"summan {UNREADABLE}" if value == UNKNOWN else f"{what} går inte att räkna ut (ett belopp är okänt)"
            untested.append(f"{label} ({column.label}): {why}.")
            continue
        tested += 1
        if _differs(value, expected, ctx.settings.rounding):
            subject = f"{named or label} / {column.label}"
            message = (
                f"{label} ({column.label}) är {money(value, table.unit)} men {what} ger {money(expected, table.unit)}."
            )
            page = urls.budget(ctx.plan) if entry is ctx.plan.budget else urls.insats(ctx.plan, entry.id)
            found.append(finding(rule, subject, message, entry, (*loc, index), ack_hint(ctx, rule, subject), page))
    return Compared(found, tested, untested)


def check_sums(ctx: PlanContext) -> CheckResult:
    """Every printed sum of a group against its lines; a budget that prints no sum has nothing to check."""
    compared = NOTHING
    tables = list(sums.budget_tables(ctx.plan))
    totals = [(t, at.row) for _, t, loc in tables for at in sums.walk(t, loc, closing=True)
              if at.closing and at.row.total is not None]
    labels = Counter(row.total.label for _, row in totals if row.total is not None)
    within = Counter((id(t), row.total.label) for t, row in totals if row.total is not None)
    for entry, table, loc in tables:
        width = len(table.columns)
        figures = _figures(table)
        groups = [(at.row, at.loc) for at in sums.walk(table, loc, closing=True) if at.closing]  # after their rows
        for row, row_loc in groups:
            if row.total is not None:
                label = row.total.label
                named = f"{row.group}: {label}" if within[(id(table), label)] > 1 else label
                named = f"{table.title}: {named}" if labels[label] > within[(id(table), label)] else named
                compared += _compare(
                    ctx,
                    "budget-summa",
                    entry,
                    table,
                    row.total.label,
                    row.total.amounts,
                    sums.row_sums(row, width),
                    (*row_loc, "summa", "belopp"),
                    "raderna",
                    named,
                    figures.get(id(row), [False] * width),
                )
    return compared.result()


def _figures(table: Table) -> dict[int, list[bool]]:
    """Per group (by ``id``), per column: whether any of its lines has a figure there (or an unreadable one)."""
    found: dict[int, list[bool]] = {}
    for at in sums.lines(table):
        for group in at.ancestors:
            flags = found.setdefault(id(group), [False] * len(table.columns))
            for c in range(len(table.columns)):
                flags[c] = flags[c] or sums.cell_at(at.row.amounts, c) is not None
    return found


def _check_printed(
    ctx: PlanContext,
    rule: str,
    key: str,
    what: str,
    printed: Callable[[Table], Total | None],
    computed: Callable[[Table], list[sums.Value]],
) -> CheckResult:
    """A printed total row (``key`` in the YAML) against the tool's own figures; None where no table prints it."""
    compared = NOTHING
    found = [(entry, table, loc, total) for entry, table, loc in sums.budget_tables(ctx.plan)
             if (total := printed(table)) is not None]
    labels = Counter(total.label for *_, total in found)
    for entry, table, loc, total in found:
        named = f"{table.title}: {total.label}" if labels[total.label] > 1 else ""
        compared += _compare(
            ctx, rule, entry, table, total.label, total.amounts, computed(table), (*loc, key, "belopp"), what, named
        )
    return compared.result()


def check_result(ctx: PlanContext) -> CheckResult:
    return _check_printed(
        ctx, "budget-resultat", "resultat", "intäkter och kostnader", lambda t: t.result, sums.computed_result
    )


def check_equity(ctx: PlanContext) -> CheckResult:
    return _check_printed(
        ctx,
        "eget-kapital-summa",
        "utgående_eget_kapital",
        "ingående eget kapital plus resultatet",
        lambda t: t.equity_closing if t.equity_opening is not None else None,
        sums.computed_closing_equity,
    )


def _budget_cell(column: Column, year: int) -> bool:
    return column.kind == "budget" and column.year == year


def check_insats_amounts(ctx: PlanContext) -> CheckResult:
    plan = ctx.plan
    if plan.budget is None:
        return None
    insatser = {i.id: i for i in plan.insatser}
    found: list[Finding] = []
    untested: list[str] = []
    linked = False
    rows = Counter(at.row.insats for table in plan.budget.model.tables for at in sums.lines(table) if at.row.insats)
    for table in plan.budget.model.tables:
        for row in [at.row for at in sums.lines(table)]:
            insats = insatser.get(row.insats or "")
            if insats is None:
                continue
            for c_index, column in enumerate(table.columns):
                granted = insats.model.granted.get(column.year or 0)
                cell = sums.cell_at(row.amounts, c_index)
                if not _budget_cell(column, column.year or 0) or granted is None:
                    continue
                linked = True
                if not isinstance(cell, Decimal):
                    why = UNREADABLE if cell == UNKNOWN else "anger inget belopp"
                    untested.append(f"{insats.model.name} ({column.label}): budgetraden ”{row.label}” {why}.")
                    continue
                line = sums.to_kronor(cell, table.unit)
                if line is not None and abs(abs(line) - granted) > sums.printed_precision(cell, table.unit):
                    named = f"{insats.model.name} / {row.label}" if rows[insats.id] > 1 else insats.model.name
                    subject = f"{named} / {column.year}"
                    message = (
                        f"{insats.model.name} har beviljats {money(granted)} för {column.year} men budgetraden "
                        f"”{row.label}” ({column.label}) är {money(abs(line))}."
                    )
                    found.append(
                        finding(
                            "insats-belopp",
                            subject,
                            message,
                            insats,
                            ("beviljat", str(column.year)),
                            ack_hint(ctx, "insats-belopp", subject),
                            urls.insats(ctx.plan, insats.id),
                        )
                    )
    if not linked:
        return None
    return (found, untested)


RULES = [
    Rule(
        "budget-summa",
        "fel",
        "Summor",
        SOURCE,
        "Varje tryckt delsumma och summa är lika med summan av sina rader, kolumn för kolumn. Gäller även "
        "medfinansierade projekts budgetar. En budget utan tryckta summor har inget att pröva (ej tillämplig).",
        check_sums,
    ),
    Rule(
        "budget-resultat",
        "fel",
        "Resultat",
        SOURCE,
        "Det tryckta resultatet är lika med intäkterna minus kostnaderna.",
        check_result,
    ),
    Rule(
        "eget-kapital-summa",
        "fel",
        "Eget kapital",
        SOURCE,
        "Utgående eget kapital är lika med ingående eget kapital plus årets resultat.",
        check_equity,
    ),
    Rule(
        "insats-belopp",
        "fel",
        "Beviljade belopp",
        SOURCE,
        "En insats beviljade belopp för budgetåret är detsamma som dess rad i budgeten (en rad i tkr eller mnkr "
        "får skilja sig med en halv enhet i sista tryckta siffran, som avrundning).",
        check_insats_amounts,
    ),
]
