"""Rules from the Finsam law, the national recommendations and the förbund's own targets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ... import urls
from ...formatting import money, percent, swedish_date
from ...load.accounts import Row, Table
from ...load.model import Plan
from .. import sums
from .arithmetic import ack_hint
from .base import Finding, Note, PlanContext, Rule, finding

STATE_KINDS = {"försäkringskassan", "arbetsförmedlingen", "staten"}
PARTY_NAMES = {"staten": "staten", "region": "regionen", "kommun": "kommunerna"}
EXPECTED = {"staten": Decimal(50), "region": Decimal(25), "kommun": Decimal(25)}
PLANS = frozenset({"verksamhetsplan"})  # a rule of the plan's budget and decision, not of the reports
LAW = "Lag (2003:1210) om finansiell samordning av rehabiliteringsinsatser"


def party_of(ctx: PlanContext, member_id: str) -> str | None:
    """The party a member belongs to: the state (FK and AF together), the region, or the kommuner together."""
    if member_id == "staten":
        return "staten"
    member = next((m for m in ctx.forbund.info.model.members if m.id == member_id), None)
    if member is None:
        return None
    return "staten" if member.kind in STATE_KINDS else member.kind


def _plan(ctx: PlanContext) -> Plan:
    """plan.yaml's facts, for a rule that applies to plans only (``Rule.documents``)."""
    plan = ctx.plan.plan_meta
    assert plan is not None, "a rule of plans only ran on another document"
    return plan


def _main(ctx: PlanContext) -> Table | None:
    budget = ctx.plan.budget
    return budget.model.tables[0] if budget is not None else None


def _member_rows(table: Table) -> list[tuple[Row, tuple[str | int, ...]]]:
    return [(at.row, at.loc) for at in sums.lines(table, ("tabeller", 0)) if at.row.member]


def contributions(ctx: PlanContext, table: Table, column: int) -> dict[str, sums.Value]:
    totals: dict[str, sums.Value] = {"staten": Decimal(0), "region": Decimal(0), "kommun": Decimal(0)}
    for row, _ in _member_rows(table):
        party = party_of(ctx, row.member or "")
        value = sums.add([sums.cell_at(row.amounts, column)])
        if party in totals:
            current = totals[party]
            totals[party] = None if current is None or value is None else current + value
    return totals


def check_shares(ctx: PlanContext) -> list[Finding] | None:
    table = _main(ctx)
    if table is None or ctx.plan.budget is None or not _member_rows(table):
        return None
    found = []
    first_loc = _member_rows(table)[0][1]
    for index, column in enumerate(table.columns):
        parts = contributions(ctx, table, index)
        known = [v for v in parts.values() if v is not None]
        if len(known) < len(parts) or sum(known, Decimal(0)) == 0:
            continue
        total = sum(known, Decimal(0))
        for party, value in parts.items():
            assert value is not None
            actual = value / total * 100
            if abs(actual - EXPECTED[party]) > ctx.settings.share_tolerance:
                subject = f"{PARTY_NAMES[party]} / {column.label}"
                message = (
                    f"{PARTY_NAMES[party].capitalize()}s andel av medlemsbidragen ({column.label}) är "
                    f"{percent(actual, 1)} ({money(value, table.unit)} av {money(total, table.unit)}); "
                    f"lagen anger {percent(EXPECTED[party])}."
                )
                found.append(
                    finding(
                        "finsam-fördelning",
                        subject,
                        message,
                        ctx.plan.budget,
                        (*first_loc, "belopp"),
                        ack_hint("finsam-fördelning", subject),
                        urls.budget(ctx.plan),
                    )
                )
    return found


def check_balance(ctx: PlanContext) -> list[Finding] | None:
    table = _main(ctx)
    if table is None or ctx.plan.budget is None:
        return None
    revenues, costs = sums.category_sums(table, "intäkter"), sums.category_sums(table, "kostnader")
    if all(v is None for v in revenues) or all(v is None for v in costs):
        return None
    if _plan(ctx).exceptional_reasons:
        return []
    found = []
    for index, column in enumerate(table.columns):
        rev, cost = revenues[index], costs[index]
        if column.kind == "utfall" or rev is None or cost is None or abs(cost) <= rev:
            continue
        subject = column.label
        message = (
            f"Kostnaderna ({column.label}, {money(abs(cost), table.unit)}) är större än intäkterna "
            f"({money(rev, table.unit)}); budgeten ska upprättas så att intäkterna överstiger kostnaderna."
        )
        hint = (
            "Ange skälet i `synnerliga_skäl:` i plan.yaml om planen anger sådana, till exempel att ett för stort eget "
            f"kapital förbrukas; eller kvittera avvikelsen med `regel: intäkter-kostnader` och `gäller: \"{subject}\"`."
        )
        page = urls.budget(ctx.plan)
        found.append(finding("intäkter-kostnader", subject, message, ctx.plan.budget, ("tabeller", 0), hint, page))
    return found


def equity_limit(ctx: PlanContext) -> Decimal:
    plan = ctx.plan.plan_meta
    own = [t.limit for t in plan.budget_targets if t.kind == "eget_kapital_max"] if plan else []
    return own[0] if own else ctx.settings.equity_max


def check_equity_share(ctx: PlanContext) -> list[Finding] | None:
    table = _main(ctx)
    if table is None or ctx.plan.budget is None or table.equity_closing is None:
        return None
    limit = equity_limit(ctx)
    found = []
    computed = sums.computed_closing_equity(table)
    for index, column in enumerate(table.columns):
        printed = sums.cell_at(table.equity_closing.amounts, index)
        equity = printed if isinstance(printed, Decimal) else computed[index]
        if ctx.settings.equity_base == "intäkter":
            base = sums.category_sums(table, "intäkter")[index]
        else:
            known = [v for v in contributions(ctx, table, index).values() if v is not None]
            base = sum(known, Decimal(0)) if known else None
        share = sums.share(equity, base)
        if share is None or share <= limit:
            continue
        subject = column.label
        message = (
            f"Eget kapital vid årets slut ({column.label}) är {money(equity, table.unit)}, {percent(share)} "
            f"av årets {ctx.settings.equity_base}; rekommendationen är högst {percent(limit)}."
        )
        found.append(
            finding(
                "eget-kapital-andel",
                subject,
                message,
                ctx.plan.budget,
                ("tabeller", 0, "utgående_eget_kapital", "belopp", index),
                ack_hint("eget-kapital-andel", subject),
                urls.budget(ctx.plan),
            )
        )
    return found


def check_decision_date(ctx: PlanContext) -> list[Finding] | None:
    meta = ctx.plan.meta.model
    if meta.decided is None:
        return None
    deadline = date(meta.year - 1, 11, 30)
    if meta.decided <= deadline:
        return []
    message = (
        f"Budgeten för {meta.year} beslutades {swedish_date(meta.decided)}, efter den "
        f"{swedish_date(deadline)}; styrelsen ska fastställa budgeten senast den 30 november året före."
    )
    hint = ack_hint("beslut-senast", "")
    return [finding("beslut-senast", "", message, ctx.plan.meta, ("beslutad",), hint, urls.plan(ctx.plan))]


def check_three_years(ctx: PlanContext) -> list[Finding] | None:
    meta = _plan(ctx)
    table = _main(ctx)
    found = []
    if meta.plan_years != [meta.year + 1, meta.year + 2]:
        years = ", ".join(str(y) for y in meta.plan_years)
        stated = f"anger planåren {years}" if years else "anger inga planår"
        message = f"Planen ska omfatta tre år, {meta.year}–{meta.year + 2}, men {stated}."
        hint = ack_hint("tre-år", "planår")
        found.append(finding("tre-år", "planår", message, ctx.plan.meta, ("planår",), hint, urls.plan(ctx.plan)))
    if (
        table is not None
        and ctx.plan.budget is not None
        and not any(c.kind == "budget" and c.year == meta.year for c in table.columns)
    ):
        message = f"Budgeten har ingen kolumn av typen budget för {meta.year}, planens första år."
        found.append(
            finding(
                "tre-år",
                "budgetår",
                message,
                ctx.plan.budget,
                ("tabeller", 0, "kolumner"),
                ack_hint("tre-år", "budgetår"),
                urls.budget(ctx.plan),
            )
        )
    return found


def check_parties(ctx: PlanContext) -> list[Finding] | None:
    if not ctx.plan.insatser:
        return None
    found = []
    for insats in ctx.plan.insatser:
        parties = {party_of(ctx, p) for p in insats.model.parties} - {None}
        if len(parties) < 2:
            names = ", ".join(sorted(PARTY_NAMES.get(str(p), str(p)) for p in parties)) or "ingen"
            subject = insats.model.name
            message = (
                f"Insatsen {insats.model.name} involverar {len(parties)} av medlemsparterna ({names}); "
                "en insats ska involvera minst två (staten och kommunerna räknas som en part var)."
            )
            found.append(
                finding(
                    "insats-parter",
                    subject,
                    message,
                    insats,
                    ("parter",),
                    ack_hint("insats-parter", subject),
                    urls.insats(ctx.plan, insats.id),
                )
            )
    return found


TARGETS = {
    "administration_max": ("administration", "kostnader", "Administrationens andel av kostnaderna", "högst"),
    "insatser_min": ("insatser", "intäkter", "Insatsernas andel av intäkterna", "minst"),
}


def check_own_targets(ctx: PlanContext) -> list[Finding] | None:
    targets = [(i, t) for i, t in enumerate(_plan(ctx).budget_targets) if t.kind in TARGETS]
    table = _main(ctx)
    if not targets or table is None:
        return None
    found = []
    for t_index, target in targets:
        part_category, whole_category, what, bound = TARGETS[target.kind]
        parts, wholes = sums.category_sums(table, part_category), sums.category_sums(table, whole_category)
        for column, part, whole in zip(table.columns, parts, wholes, strict=True):
            share = sums.share(None if part is None else abs(part), None if whole is None else abs(whole))
            if share is None or (share <= target.limit if bound == "högst" else share >= target.limit):
                continue
            subject = f"{target.kind} / {column.label}"
            message = (f"{what} ({column.label}) är {percent(share, 1)}; "
                       f"planens eget mål är {bound} {percent(target.limit)}.")
            found.append(finding("budgetmål", subject, message, ctx.plan.meta, ("budgetmål", t_index),
                                 ack_hint("budgetmål", subject), urls.plan(ctx.plan)))
    return found


def exceptional_reasons(ctx: PlanContext) -> str:
    """The plan's own "synnerliga skäl" (a module-level function: a rule's report crosses processes, pickled)."""
    plan = ctx.plan.plan_meta
    return plan.exceptional_reasons if plan else ""


RULES = [
    Rule(
        "finsam-fördelning",
        "fel",
        "Medlemmarnas andelar",
        f"{LAW}, 5 §",
        "Staten (Försäkringskassan och Arbetsförmedlingen) bidrar med hälften av medlemsbidragen, regionen med en "
        "fjärdedel och kommunerna tillsammans med en fjärdedel.",
        check_shares,
    ),
    Rule(
        "intäkter-kostnader",
        "fel",
        "Intäkter och kostnader",
        f"{LAW}, 21 §",
        "Budgeten upprättas så att intäkterna överstiger kostnaderna, om inte planen anger synnerliga skäl.",
        check_balance,
        Note("Planen anger synnerliga skäl", exceptional_reasons),
        documents=PLANS,
    ),
    Rule(
        "eget-kapital-andel",
        "varning",
        "Eget kapitalets storlek",
        "Nationella rådets rekommendation",
        "Eget kapital vid årets slut är högst 20 % av årets medlemsbidrag (gränsen och basen kan ställas in).",
        check_equity_share,
    ),
    Rule(
        "beslut-senast",
        "fel",
        "Beslut i tid",
        f"{LAW}, 23 §",
        "Styrelsen fastställer budgeten senast den 30 november året före budgetåret.",
        check_decision_date,
        documents=PLANS,
    ),
    Rule(
        "tre-år",
        "varning",
        "Tre år",
        "Förbundsordningen och lagen: plan för de tre närmaste åren",
        "Planen omfattar tre år, och det första har en budget.",
        check_three_years,
        documents=PLANS,
    ),
    Rule(
        "insats-parter",
        "fel",
        "Minst två parter",
        f"{LAW}, 7 §",
        "Varje insats involverar minst två av medlemsparterna (staten, regionen, kommunerna).",
        check_parties,
    ),
    Rule(
        "budgetmål",
        "varning",
        "Förbundets egna budgetmål",
        "Planens egna finansiella mål",
        "Mål som förbundet själv sätter på budgeten, till exempel att administrationen är högst 15 % av kostnaderna.",
        check_own_targets,
        documents=PLANS,
    ),
]
