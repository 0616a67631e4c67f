"""Follow-up rules: printed shares and statuses follow from the reported numbers and the förbund's status scale.

A subject names the goal, the measure and the occasion (``fler-i-arbete / mått 2 / Årsredovisning 2024``), or the
insats and the occasion, so that an acknowledgement covers exactly one outcome.
"""

from __future__ import annotations

from ... import urls
from ...formatting import percent
from ...load.outcomes import FollowUp, Outcome, level_named, scale_for
from .. import targets
from .arithmetic import ack_hint
from .base import CheckResult, Finding, PlanContext, Rule, finding


def subject(follow_up: FollowUp, outcome: Outcome) -> str:
    """What an outcome's finding is about: goal / mått N / occasion, or insats / occasion."""
    occasion = next((o.name for o in follow_up.occasions if o.id == outcome.occasion), outcome.occasion)
    if outcome.goal is not None:
        return f"{outcome.goal} / mått {outcome.measure} / {occasion}"
    return f"{outcome.insats} / {occasion}"


def check_shares(ctx: PlanContext) -> list[Finding] | None:
    entry = ctx.plan.followup
    if entry is None or not any(o.value and o.numerator is not None and o.denominator for o in entry.model.outcomes):
        return None  # no printed share beside its numbers: nothing to compare
    found = []
    for index, outcome in enumerate(entry.model.outcomes):
        differs = targets.printed_share_differs(outcome)
        if differs is None:
            continue
        printed, computed = differs
        about = subject(entry.model, outcome)
        message = (f"Utfallet anges som {percent(printed)} men {outcome.numerator} av {outcome.denominator} är "
                   f"{percent(computed, 1)}.")
        found.append(finding("utfall-andel", about, message, entry, ("utfall", index, "värde"),
                             ack_hint("utfall-andel", about), urls.followup(ctx.plan)))
    return found


def check_statuses(ctx: PlanContext) -> CheckResult:
    entry = ctx.plan.followup
    if entry is None or not any(o.printed_status and o.goal for o in entry.model.outcomes):
        return None  # the report prints no status of a measure: nothing to compare
    scale = scale_for(entry.model, ctx.forbund.info.model.status_scale)
    goals = targets.followed_goals(ctx.forbund, ctx.plan)
    found, untested = [], []
    for index, outcome in enumerate(entry.model.outcomes):
        printed = level_named(scale, outcome.printed_status) if outcome.printed_status else None
        if printed is None or outcome.goal is None:  # no status, or a word the form check reports
            continue
        about = subject(entry.model, outcome)
        computed = targets.assess(targets.measure_target(goals, outcome.goal, outcome.measure), outcome, scale)
        if computed.status == "kan inte prövas" and not computed.candidates:
            untested.append(f"{about}: {computed.reason}")
            continue
        possible = computed.candidates or (computed.word,)
        if printed.word.casefold() in (word.casefold() for word in possible):
            continue
        words = " eller ".join(f"”{word}”" for word in possible)
        message = f"Rapporten anger status ”{outcome.printed_status}” men målvärdet och utfallet ger {words}."
        found.append(finding("utfall-status", about, message, entry, ("utfall", index, "status_i_rapporten"),
                             ack_hint("utfall-status", about), urls.followup(ctx.plan)))
    return (found, untested) if untested else found


RULES = [
    Rule("utfall-andel", "fel", "Andelar i uppföljningen", "Aritmetik: en andel följer av täljare och nämnare.",
         "En andel som rapporten anger (till exempel 19 %) är densamma som täljaren delad med nämnaren.",
         check_shares),
    Rule("utfall-status", "fel", "Status i uppföljningen", "Målvärdet, utfallet och förbundets statusskala",
         "En status som rapporten anger (uppfyllt, delvis uppfyllt, inte uppfyllt, eller förbundets egna ord i "
         "`statusskala`) är densamma som finsam-site räknar fram ur målvärdet, utfallet och skalans gränser. Ett "
         "målvärde eller ett utfall i ord kan inte prövas.", check_statuses),
]
