"""Arithmetic rules: printed sums, results and equity follow from their lines."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ... import urls
from ...formatting import money
from ...load.accounts import Column, Table, Total
from ...load.content import Entry
from ...load.yamlload import Loc
from .. import sums
from .base import Finding, PlanContext, Rule, finding

SOURCE = "Aritmetik: varje tryckt summa ska följa av sina rader."


def ack_hint(rule: str, subject: str) -> str:
    """How to acknowledge a finding; one without a subject is acknowledged by its rule alone."""
    which = f' och `gäller: "{subject}"`' if subject else ""
    return (
        f"Rätta uppgiften, eller, om den beslutade planen själv har avvikelsen, kvittera den i kvitteringar.yaml "
        f"med `regel: {rule}`{which} och en `förklaring:`."
    )


def _differs(printed: Any, computed: sums.Value, rounding: Decimal) -> bool:
    return isinstance(printed, Decimal) and computed is not None and abs(printed - computed) > rounding


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
) -> list[Finding]:
    found = []
    for index, (column, value, expected) in enumerate(zip(table.columns, printed, computed, strict=False)):
        if _differs(value, expected, ctx.settings.rounding):
            subject = f"{label} / {column.label}"
            message = (
                f"{label} ({column.label}) är {money(value, table.unit)} men {what} ger {money(expected, table.unit)}."
            )
            page = urls.budget(ctx.plan) if entry is ctx.plan.budget else urls.insats(ctx.plan, entry.id)
            found.append(finding(rule, subject, message, entry, (*loc, index), ack_hint(rule, subject), page))
    return found


def check_sums(ctx: PlanContext) -> list[Finding] | None:
    tables = list(sums.budget_tables(ctx.plan))
    if not tables:
        return None
    found: list[Finding] = []
    for entry, table, loc in tables:
        width = len(table.columns)
        groups = [(at.row, at.loc) for at in sums.walk(table, loc, closing=True) if at.closing]  # after their rows
        for row, row_loc in groups:
            if row.total is not None:
                found += _compare(
                    ctx,
                    "budget-summa",
                    entry,
                    table,
                    row.total.label,
                    row.total.amounts,
                    sums.row_sums(row, width),
                    (*row_loc, "summa", "belopp"),
                    "raderna",
                )
    return found


def _check_printed(
    ctx: PlanContext,
    rule: str,
    key: str,
    what: str,
    printed: Callable[[Table], Total | None],
    computed: Callable[[Table], list[sums.Value]],
) -> list[Finding] | None:
    """A printed total row (``key`` in the YAML) against the tool's own figures; None where no table prints it."""
    tables = [(e, t, loc, total) for e, t, loc in sums.budget_tables(ctx.plan) if (total := printed(t)) is not None]
    if not tables:
        return None
    found: list[Finding] = []
    for entry, table, loc, total in tables:
        found += _compare(
            ctx, rule, entry, table, total.label, total.amounts, computed(table), (*loc, key, "belopp"), what
        )
    return found


def check_result(ctx: PlanContext) -> list[Finding] | None:
    return _check_printed(
        ctx, "budget-resultat", "resultat", "intäkter och kostnader", lambda t: t.result, sums.computed_result
    )


def check_equity(ctx: PlanContext) -> list[Finding] | None:
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


def check_insats_amounts(ctx: PlanContext) -> list[Finding] | None:
    plan = ctx.plan
    if plan.budget is None:
        return None
    insatser = {i.id: i for i in plan.insatser}
    found: list[Finding] = []
    linked = False
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
                line = sums.to_kronor(sums.add([cell]), table.unit)
                if (isinstance(cell, Decimal) and line is not None
                        and abs(abs(line) - granted) > sums.printed_precision(cell, table.unit)):
                    subject = f"{insats.model.name} / {column.year}"
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
                            ack_hint("insats-belopp", subject),
                            urls.insats(ctx.plan, insats.id),
                        )
                    )
    return found if linked else None


RULES = [
    Rule(
        "budget-summa",
        "fel",
        "Summor",
        SOURCE,
        "Varje tryckt delsumma och summa är lika med summan av sina rader, kolumn för kolumn. Gäller även "
        "medfinansierade projekts budgetar.",
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
