"""Follow-up rules: printed shares and statuses follow from the reported numbers."""

from __future__ import annotations

from ... import urls
from ...formatting import percent
from ...load.outcomes import Outcome
from .. import targets
from .arithmetic import ack_hint
from .base import CheckResult, Finding, PlanContext, Rule, finding


def _measure_target(ctx: PlanContext, goal_id: str | None, number: int | None) -> targets.Target | None:
    goal = next((g for g in ctx.plan.goals if g.id == goal_id), None)
    if goal is None or number is None or not 1 <= number <= len(goal.model.measures):
        return None
    text = goal.model.measures[number - 1].target
    return targets.parse_target(text) if text else None


def _printed_share(outcome: Outcome) -> bool:
    """Whether an outcome prints a share beside its numerator and denominator (so that the two can be compared)."""
    printed = targets.parse_target(outcome.value) if outcome.value else None
    return printed is not None and printed.percent and outcome.numerator is not None and bool(outcome.denominator)


def check_shares(ctx: PlanContext) -> list[Finding] | None:
    entry = ctx.plan.followup
    if entry is None or not any(_printed_share(o) for o in entry.model.outcomes):
        return None  # no printed share to compare: nothing was tested
    found = []
    for index, outcome in enumerate(entry.model.outcomes):
        differs = targets.printed_share_differs(outcome)
        if differs is None:
            continue
        printed, computed = differs
        subject = _subject(outcome)
        message = (f"Utfallet anges som {percent(printed)} men {outcome.numerator} av {outcome.denominator} är "
                   f"{percent(computed, 1)}.")
        found.append(finding("utfall-andel", subject, message, entry, ("utfall", index, "värde"),
                             ack_hint(ctx, "utfall-andel", subject), urls.followup(ctx.plan)))
    return found


def _subject(outcome: Outcome) -> str:
    """What one outcome is about: the goal and its measure (a goal has several), or the insats, at one occasion."""
    measure = f" / mått {outcome.measure}" if outcome.goal and outcome.measure is not None else ""
    return f"{outcome.goal or outcome.insats}{measure} / {outcome.occasion}"


def check_statuses(ctx: PlanContext) -> CheckResult:
    entry = ctx.plan.followup
    if entry is None:
        return None
    found = []
    untested = []
    tested = 0
    for index, outcome in enumerate(entry.model.outcomes):
        if outcome.printed_status is None or outcome.goal is None:
            continue
        target = _measure_target(ctx, outcome.goal, outcome.measure)
        absent = target is None or targets.outcome_value(outcome)[0] is None
        if absent and outcome.printed_status != "inte mätt än":  # a status cannot follow from what is absent
            what = "målvärde som går att jämföra" if target is None else "utfall i siffror"
            untested.append(f"{_subject(outcome)}: planen eller rapporten anger inget {what}.")
            continue
        tested += 1
        computed = targets.status(target, outcome)
        if computed != outcome.printed_status:
            subject = _subject(outcome)
            message = (f"Rapporten anger status ”{outcome.printed_status}” men målvärdet och utfallet ger "
                       f"”{computed}”.")
            found.append(finding("utfall-status", subject, message, entry, ("utfall", index, "status_i_rapporten"),
                                 ack_hint(ctx, "utfall-status", subject), urls.followup(ctx.plan)))
    return (found, untested) if tested or untested else None


RULES = [
    Rule("utfall-andel", "fel", "Andelar i uppföljningen", "Aritmetik: en andel följer av täljare och nämnare.",
         "En andel som rapporten anger (till exempel 19 %) är densamma som täljaren delad med nämnaren.",
         check_shares),
    Rule("utfall-status", "fel", "Status i uppföljningen", "Målvärdet och utfallet",
         "En status som rapporten anger (uppfyllt, delvis uppfyllt, inte uppfyllt) är densamma som finsam-site "
         "räknar fram ur målvärdet och utfallet.", check_statuses),
]
