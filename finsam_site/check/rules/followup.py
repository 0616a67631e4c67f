"""Follow-up rules: printed shares and statuses follow from the reported numbers."""

from __future__ import annotations

from ... import urls
from ...formatting import percent
from .. import targets
from .arithmetic import ack_hint
from .base import Finding, PlanContext, Rule, finding


def _measure_target(ctx: PlanContext, goal_id: str | None, number: int | None) -> targets.Target | None:
    goal = next((g for g in ctx.forbund.followed_up(ctx.plan).goals if g.id == goal_id), None)
    if goal is None or number is None or not 1 <= number <= len(goal.model.measures):
        return None
    text = goal.model.measures[number - 1].target
    return targets.parse_target(text) if text else None


def check_shares(ctx: PlanContext) -> list[Finding] | None:
    entry = ctx.plan.followup
    if entry is None:
        return None
    found = []
    for index, outcome in enumerate(entry.model.outcomes):
        differs = targets.printed_share_differs(outcome)
        if differs is None:
            continue
        printed, computed = differs
        subject = f"{outcome.goal or outcome.insats} / {outcome.occasion}"
        message = (f"Utfallet anges som {percent(printed)} men {outcome.numerator} av {outcome.denominator} är "
                   f"{percent(computed, 1)}.")
        found.append(finding("utfall-andel", subject, message, entry, ("utfall", index, "värde"),
                             ack_hint("utfall-andel", subject), urls.followup(ctx.plan)))
    return found


def check_statuses(ctx: PlanContext) -> list[Finding] | None:
    entry = ctx.plan.followup
    if entry is None:
        return None
    found = []
    for index, outcome in enumerate(entry.model.outcomes):
        if outcome.printed_status is None or outcome.goal is None:
            continue
        computed = targets.status(_measure_target(ctx, outcome.goal, outcome.measure), outcome)
        if computed != outcome.printed_status:
            subject = f"{outcome.goal} / {outcome.occasion}"
            message = (f"Rapporten anger status ”{outcome.printed_status}” men målvärdet och utfallet ger "
                       f"”{computed}”.")
            found.append(finding("utfall-status", subject, message, entry, ("utfall", index, "status_i_rapporten"),
                                 ack_hint("utfall-status", subject), urls.followup(ctx.plan)))
    return found


RULES = [
    Rule("utfall-andel", "fel", "Andelar i uppföljningen", "Aritmetik: en andel följer av täljare och nämnare.",
         "En andel som rapporten anger (till exempel 19 %) är densamma som täljaren delad med nämnaren.",
         check_shares),
    Rule("utfall-status", "fel", "Status i uppföljningen", "Målvärdet och utfallet",
         "En status som rapporten anger (uppfyllt, delvis uppfyllt, inte uppfyllt) är densamma som finsam-site "
         "räknar fram ur målvärdet och utfallet.", check_statuses),
]
