"""Rules of a report against the plan of its year: the budget a delårsrapport or an årsredovisning compares its
outcome with is the budget the plan decided."""

from __future__ import annotations

from decimal import Decimal

from ... import urls
from ...formatting import money
from ...load.amounts import UNIT_FACTOR
from ...load.documents import REPORT_KINDS
from .. import sums
from .arithmetic import ack_hint
from .base import Finding, PlanContext, Rule, Untested, finding

COMPARED = (("intäkter", "intäkterna"), ("kostnader", "kostnaderna"))


def check_budget_as_planned(ctx: PlanContext) -> list[Finding] | Untested | None:
    report = ctx.plan
    if report.budget is None:
        return None
    table = report.budget.model.tables[0]
    column = sums.budget_column(table, report.year)
    if column is None:
        return None  # the report does not restate the year's budget
    plan = ctx.forbund.plan_of(report.year)
    if plan is None or plan.budget is None:
        what = "ingen plan" if plan is None else "en plan utan budgettabell"
        return Untested(f"Förbundet har {what} för {report.year} att jämföra budgeten med.")
    planned = plan.budget.model.tables[0]
    plan_column = sums.budget_column(planned, report.year)
    if plan_column is None:
        return Untested(f"Planen för {report.year} har ingen budgetkolumn för {report.year}.")
    step = Decimal(max(UNIT_FACTOR[table.unit], UNIT_FACTOR[planned.unit]))  # compare in the coarser unit
    found = []
    for category, words in COMPARED:
        stated = sums.to_kronor(sums.category_sums(table, category)[column], table.unit)
        decided = sums.to_kronor(sums.category_sums(planned, category)[plan_column], planned.unit)
        if stated is None or decided is None or abs(abs(stated) - abs(decided)) < step / 2:
            continue
        subject = f"{category} / {table.columns[column].label}"
        message = (
            f"{report.type.noun.capitalize()} anger budgeten för {words} {report.year} till "
            f"{money(abs(stated), 'kr')}, men planen för {report.year} budgeterar {money(abs(decided), 'kr')}."
        )
        hint = f"Jämför med budget.yaml i planen för {report.year}. " + ack_hint(ctx, "utfall-mot-budget", subject)
        loc = ("tabeller", 0, "kolumner", column)
        found.append(finding("utfall-mot-budget", subject, message, report.budget, loc, hint, urls.budget(report)))
    return found



def check_balance_sheet(ctx: PlanContext) -> list[Finding] | None:
    """In every table with assets (tillgångar), they equal equity and liabilities (eget kapital, skulder)."""
    budget = ctx.plan.budget
    if budget is None:
        return None
    found, tested = [], False
    for index, table in enumerate(budget.model.tables):
        if not sums.find_category(table, "tillgångar"):
            continue
        tested = True
        assets = sums.category_sums(table, "tillgångar")
        equity, debts = sums.category_sums(table, "eget kapital"), sums.category_sums(table, "skulder")
        for column, (a, e, d) in enumerate(zip(assets, equity, debts, strict=True)):
            if a is None or e is None or d is None or abs(a - (e + d)) <= ctx.settings.rounding:
                continue
            label = table.columns[column].label
            subject = f"{table.title} / {label}"
            message = (f"Tillgångarna ({label}, {money(a, table.unit)}) är inte lika med eget kapital och skulder "
                       f"({money(e, table.unit)} + {money(d, table.unit)} = {money(e + d, table.unit)}).")
            found.append(finding("balansräkning", subject, message, budget, ("tabeller", index, "kolumner", column),
                                 ack_hint(ctx, "balansräkning", subject), urls.budget(ctx.plan)))
    return found if tested else None


RULES = [
    Rule(
        "utfall-mot-budget",
        "varning",
        "Budgeten i årets verksamhetsplan",
        "Förbundets verksamhetsplan och budget för samma år",
        "En delårsrapport eller årsredovisning jämför utfallet med den budget som förbundets plan för året "
        "beslutade (intäkter och kostnader).",
        check_budget_as_planned,
        documents=REPORT_KINDS,
    ),
    Rule(
        "balansräkning",
        "fel",
        "Balansräkningen går ihop",
        "Aritmetik: tillgångar = eget kapital + skulder",
        "I en balansräkning är summan av tillgångarna lika med summan av eget kapital och skulder.",
        check_balance_sheet,
        documents=REPORT_KINDS,
    ),
]
