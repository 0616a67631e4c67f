"""Rules on how the members share their contributions (a budget table's ``fördelningsnyckel``) and on the "varav"
parts of budget lines."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ... import urls
from ...formatting import money, percent
from ...load.accounts import Row, Table
from ...load.content import Entry
from ...load.yamlload import Loc
from .. import sums
from .arithmetic import SOURCE, ack_hint
from .base import CheckResult, Finding, PlanContext, Rule, finding
from .finsam import EXPECTED, LAW, PARTY_NAMES, party_of


def _page(ctx: PlanContext, entry: Entry[Any]) -> str:
    return urls.budget(ctx.plan) if entry is ctx.plan.budget else urls.insats(ctx.plan, entry.id)


def check_key(ctx: PlanContext) -> CheckResult:
    """A key sums to 100 %, gives the state 50 %, the region 25 % and the kommuner together 25 %, and agrees with
    the members' printed contributions where the table prints them."""
    tables = [(e, t, loc) for e, t, loc in sums.budget_tables(ctx.plan) if t.key]
    if not tables:
        return None
    found: list[Finding] = []
    untested: list[str] = []
    tolerance = ctx.settings.share_tolerance
    regions = [m for m in ctx.forbund.info.model.members_in(ctx.plan.year) if m.kind == "region"]
    for entry, table, loc in tables:
        key_loc: Loc = (*loc, "fördelningsnyckel")
        page = _page(ctx, entry)
        total = sum((share.share for share in table.shares), Decimal(0))
        if abs(total - 100) > tolerance:
            subject = f"{table.title} / summa"
            message = (f"Fördelningsnyckelns andelar i tabellen ”{table.title}” är sammanlagt {percent(total, 1)}; "
                       "de ska vara 100 %.")
            found.append(finding("fördelningsnyckel", subject, message, entry, key_loc,
                                 "Rätta procentsatserna så att de blir 100 % tillsammans. " +
                                 ack_hint(ctx, "fördelningsnyckel", subject), page))
        parties: dict[str, tuple[Decimal, int]] = {}
        for index, share in enumerate(table.shares):
            party = party_of(ctx, share.member)
            if party is not None:
                before = parties.get(party, (Decimal(0), index))
                parties[party] = (before[0] + share.share, before[1])
        for party, expected in EXPECTED.items():
            if party == "region" and not regions and party not in parties:
                untested.append(f"Förbundet har ingen region som medlem {ctx.plan.year}; regionens andel i "
                                f"fördelningsnyckeln prövas inte.")
                continue
            actual, first = parties.get(party, (Decimal(0), -1))
            if abs(actual - expected) <= tolerance:
                continue
            subject = f"{table.title} / {PARTY_NAMES[party]}"
            message = (f"Enligt fördelningsnyckeln i ”{table.title}” bidrar {PARTY_NAMES[party]} med "
                       f"{percent(actual, 1)} av medlemsbidragen; lagen anger {percent(expected)}.")
            where = (*key_loc, first, "procent") if first >= 0 else key_loc
            found.append(finding("fördelningsnyckel", subject, message, entry, where,
                                 ack_hint(ctx, "fördelningsnyckel", subject), page))
        found += _against_rows(ctx, entry, table, key_loc, page)
    return (found, untested) if untested else found


def _against_rows(ctx: PlanContext, entry: Entry[Any], table: Table, key_loc: Loc, page: str) -> list[Finding]:
    """Each key share against the members' printed contributions, column by column."""
    members = [at.row for at in sums.lines(table) if at.row.member]
    found: list[Finding] = []
    for column_index, column in enumerate(table.columns):
        cells = [sums.cell_at(row.amounts, column_index) for row in members]
        if not members or not all(isinstance(c, Decimal) for c in cells):
            continue
        whole = sum((c for c in cells if isinstance(c, Decimal)), Decimal(0))
        for index, share in enumerate(table.shares):
            rows = [row for row in members if _covers(ctx, share.member, row)]
            part = sums.add(sums.cell_at(row.amounts, column_index) for row in rows)
            actual = sums.share(part, whole)
            if not rows or actual is None or abs(actual - share.share) <= ctx.settings.share_tolerance:
                continue
            subject = f"{share.member} / {column.label}"
            message = (f"`{share.member}` bidrar med {money(part, table.unit)} av {money(whole, table.unit)} "
                       f"({column.label}), {percent(actual, 1)}; fördelningsnyckeln anger {percent(share.share, 1)}.")
            found.append(finding("fördelningsnyckel", subject, message, entry, (*key_loc, index, "procent"),
                                 ack_hint(ctx, "fördelningsnyckel", subject), page))
    return found


def _covers(ctx: PlanContext, key_member: str, row: Row) -> bool:
    """Whether a member row is (part of) a key share: the same member, or a member of a collective share."""
    if row.member == key_member:
        return True
    return key_member in ("staten", "kommunerna") and party_of(ctx, row.member or "") == party_of(ctx, key_member)


def check_parts(ctx: PlanContext) -> list[Finding] | None:
    """The "varav" parts of a line are together no larger than the line."""
    tables = list(sums.budget_tables(ctx.plan))
    found: list[Finding] = []
    applies = False
    for entry, table, loc in tables:
        width = len(table.columns)
        wholes: list[tuple[Row, list[tuple[Row, Loc]]]] = []
        current: dict[Loc, int] = {}  # per list of rows, the index in ``wholes`` of its last line that is not a part
        for at in sums.walk(table, loc):
            siblings = at.loc[:-1]
            if not at.row.part:
                current[siblings] = len(wholes)
                wholes.append((at.row, []))
            elif siblings in current:
                wholes[current[siblings]][1].append((at.row, at.loc))
        for whole, parts in wholes:
            if not parts:
                continue
            applies = True
            amounts = sums.row_sums(whole, width)
            for c, column in enumerate(table.columns):
                together = sums.add_values([sums.row_sums(part, width)[c] for part, _ in parts])
                whole_amount = amounts[c]
                if whole_amount is None or together is None or abs(together) <= abs(whole_amount):
                    continue
                subject = f"{whole.label} / {column.label}"
                message = (f"Varav-raderna under ”{whole.label}” ({column.label}) är sammanlagt "
                           f"{money(together, table.unit)}, mer än raden själv ({money(whole_amount, table.unit)}).")
                found.append(finding("budget-varav", subject, message, entry, (*parts[0][1], "belopp", c),
                                     ack_hint(ctx, "budget-varav", subject), _page(ctx, entry)))
    return found if applies else None


RULES = [
    Rule(
        "fördelningsnyckel",
        "fel",
        "Fördelningsnyckel",
        f"{LAW}, 5 §",
        "En fördelningsnyckel för medlemsbidragen är sammanlagt 100 %, med hälften för staten, en fjärdedel för "
        "regionen och en fjärdedel för kommunerna tillsammans, och stämmer med medlemmarnas tryckta bidrag.",
        check_key,
    ),
    Rule(
        "budget-varav",
        "fel",
        "Varav-rader",
        SOURCE,
        "Varav-raderna under en budgetrad är tillsammans högst lika stora som raden; de räknas inte två gånger.",
        check_parts,
    ),
]
