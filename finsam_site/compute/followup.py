"""Follow-up: outcomes against a plan's goals and insatser (uppfoljning.yaml), and their computed status.

Only aggregates: counts, numerators and denominators, and free text. Nothing
that is computed is typed by hand: the status of a measure comes from its
target (``målvärde``) and its outcome; a share or status printed in a report
is checked against the numbers (rule ``utfall-andel``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..check.targets import parse_target, status
from ..formatting import percent
from ..load.outcomes import FollowUp, Occasion, Outcome, Status


def small_count(value: int | None, threshold: int) -> str | None:
    """The small-number guard: a count below the threshold is shown as ``färre än N``."""
    if value is None:
        return None
    return f"färre än {threshold}" if value < threshold else str(value)


@dataclass(frozen=True)
class OutcomeView:
    occasion: Occasion
    text: str
    status: Status
    comment: str


@dataclass(frozen=True)
class MeasureView:
    label: str
    text: str
    target: str | None
    outcomes: list[OutcomeView]

    @property
    def latest(self) -> Status:
        return self.outcomes[-1].status if self.outcomes else "inte mätt än"


def describe(outcome: Outcome, threshold: int) -> str:
    """The outcome in words, with the small-number guard applied."""
    parts = []
    if outcome.numerator is not None and outcome.denominator is not None:
        if outcome.denominator < threshold or outcome.numerator < threshold:
            parts.append(
                f"{small_count(outcome.numerator, threshold)} av {small_count(outcome.denominator, threshold)}"
            )
        elif outcome.denominator == 0:  # no share of nothing (`minsta_antal: 0` hides no count)
            parts.append(f"{outcome.numerator} av 0")
        else:
            share = Decimal(outcome.numerator) / Decimal(outcome.denominator) * 100
            parts.append(f"{outcome.numerator} av {outcome.denominator} ({percent(share)})")
    elif outcome.value:
        parts.append(outcome.value)
    if outcome.participants is not None:
        parts.append(f"{small_count(outcome.participants, threshold)} deltagare")
    if outcome.to_work_or_studies is not None:
        parts.append(f"{small_count(outcome.to_work_or_studies, threshold)} till arbete eller studier")
    return ", ".join(parts) or "–"


def measure_views(follow_up: FollowUp | None, goal_id: str, measures: list[Any], threshold: int) -> list[MeasureView]:
    """Each measure of a goal with its outcomes, in the order of the reporting occasions."""
    order = {o.id: i for i, o in enumerate(follow_up.occasions)} if follow_up else {}
    occasions = {o.id: o for o in follow_up.occasions} if follow_up else {}
    views = []
    for number, measure in enumerate(measures, start=1):
        target = parse_target(measure.target) if measure.target else None
        found = sorted(
            (
                o
                for o in (follow_up.outcomes if follow_up else [])
                if o.goal == goal_id and o.measure == number and o.occasion in occasions
            ),
            key=lambda o: order[o.occasion],
        )
        outcomes = [
            OutcomeView(occasions[o.occasion], describe(o, threshold), status(target, o), o.comment) for o in found
        ]
        views.append(MeasureView(measure.label, measure.text, measure.target, outcomes))
    return views


def insats_outcomes(follow_up: FollowUp | None, insats_id: str, threshold: int) -> list[OutcomeView]:
    if follow_up is None:
        return []
    occasions = {o.id: o for o in follow_up.occasions}
    return [
        OutcomeView(occasions[o.occasion], describe(o, threshold), "inte mätt än", o.comment)
        for o in follow_up.outcomes
        if o.insats == insats_id and o.occasion in occasions
    ]


def plan_measures(follow_up: FollowUp | None, goals: list[Any], threshold: int) -> list[tuple[Any, list[MeasureView]]]:
    """Every goal that has measures, with their follow-up: for the plan's follow-up page and the comparison."""
    return [(g, measure_views(follow_up, g.id, g.model.measures, threshold)) for g in goals if g.model.measures]
