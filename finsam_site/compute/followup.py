"""Follow-up: outcomes against a plan's goals and insatser (uppfoljning.yaml), and their status.

Only aggregates: counts, numerators and denominators, values as printed, and free text. Nothing that is computed
is typed by hand: the status of a measure comes from its target (``målvärde``), its outcome and the förbund's
status scale (check/targets.py); a share or status printed in a report is checked against them (rules
``utfall-andel``, ``utfall-status``). Where a report prints a status, the site shows it, and the computed one
beside it when they differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..check.targets import Assessment, assess
from ..formatting import percent
from ..load.outcomes import DEFAULT_SCALE, FollowUp, Level, Occasion, Outcome, Status, level_named

SYMBOLS = {"uppfyllt": "✓", "delvis uppfyllt": "◐", "inte uppfyllt": "✗", "inte mätt än": "–",
           "kan inte prövas": "?"}


def small_count(value: int | None, threshold: int) -> str | None:
    """The small-number guard: a count below the threshold is shown as ``färre än N``."""
    if value is None:
        return None
    return f"färre än {threshold}" if value < threshold else str(value)


@dataclass(frozen=True)
class Shown:
    """A status as the site shows it (partials/status.html): a symbol and words, never colour alone; ``status`` is
    what it means (and names its CSS class), ``word`` the scale's word, ``reason`` why it cannot be judged."""

    status: Status
    word: str
    reason: str = ""

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.status]

    @property
    def css(self) -> str:
        return "status-" + self.status.replace(" ", "-")


NOT_MEASURED = Shown("inte mätt än", "inte mätt än")
NO_TARGET = Shown("kan inte prövas", "kan inte prövas", "En insats har inget målvärde att pröva utfallet mot.")


def _shown(assessment: Assessment) -> Shown:
    return Shown(assessment.status, assessment.word, assessment.reason)


@dataclass(frozen=True)
class OutcomeView:
    occasion: Occasion
    text: str
    status: Shown  # the status the site shows: the report's where it prints one, else the computed one
    comment: str
    description: str = ""  # an outcome in words (a description, a case study), as Markdown
    printed: bool = False  # ``status`` is the one the report prints
    computed: Shown | None = None  # the computed status, where the report prints another


@dataclass(frozen=True)
class MeasureView:
    label: str
    text: str
    target: str | None
    outcomes: list[OutcomeView]
    not_measured: Shown = NOT_MEASURED

    @property
    def latest(self) -> Status:
        return self.outcomes[-1].status.status if self.outcomes else "inte mätt än"


def describe(outcome: Outcome, threshold: int) -> str:
    """The outcome in words, with the small-number guard applied; empty for one only in words (``beskrivning``)."""
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
    if outcome.baseline:
        parts.append(f"baslinje {outcome.baseline}")
    if outcome.participants is not None:
        parts.append(f"{small_count(outcome.participants, threshold)} deltagare")
    if outcome.to_work_or_studies is not None:
        parts.append(f"{small_count(outcome.to_work_or_studies, threshold)} till arbete eller studier")
    return ", ".join(parts) or ("" if outcome.description else "–")


def outcome_view(
    outcome: Outcome, occasion: Occasion, target: str | None, scale: tuple[Level, ...], threshold: int
) -> OutcomeView:
    """One outcome of a measure: its text, and the report's status beside the computed one where they differ."""
    computed = _shown(assess(target, outcome, scale))
    printed = level_named(scale, outcome.printed_status) if outcome.printed_status else None
    shown, beside = computed, None
    if printed is not None:
        shown = Shown(printed.meaning, printed.word)
        beside = computed if computed.word.casefold() != printed.word.casefold() else None
    text = describe(outcome, threshold)
    return OutcomeView(occasion, text, shown, outcome.comment, outcome.description, printed is not None, beside)


def measure_views(
    follow_up: FollowUp | None,
    goal_id: str,
    measures: list[Any],
    threshold: int,
    scale: tuple[Level, ...] = DEFAULT_SCALE,
) -> list[MeasureView]:
    """Each measure of a goal with its outcomes, in the order of the reporting occasions."""
    order = {o.id: i for i, o in enumerate(follow_up.occasions)} if follow_up else {}
    occasions = {o.id: o for o in follow_up.occasions} if follow_up else {}
    views = []
    for number, measure in enumerate(measures, start=1):
        found = sorted(
            (
                o
                for o in (follow_up.outcomes if follow_up else [])
                if o.goal == goal_id and o.measure == number and o.occasion in occasions
            ),
            key=lambda o: order[o.occasion],
        )
        outcomes = [outcome_view(o, occasions[o.occasion], measure.target, scale, threshold) for o in found]
        views.append(MeasureView(measure.label, measure.text, measure.target, outcomes))
    return views


def insats_outcomes(follow_up: FollowUp | None, insats_id: str, threshold: int) -> list[OutcomeView]:
    if follow_up is None:
        return []
    occasions = {o.id: o for o in follow_up.occasions}
    return [
        OutcomeView(occasions[o.occasion], describe(o, threshold), NO_TARGET, o.comment, o.description)
        for o in follow_up.outcomes
        if o.insats == insats_id and o.occasion in occasions
    ]


def plan_measures(
    follow_up: FollowUp | None, goals: list[Any], threshold: int, scale: tuple[Level, ...] = DEFAULT_SCALE
) -> list[tuple[Any, list[MeasureView]]]:
    """Every goal that has measures, with their follow-up: for the plan's follow-up page and the comparison."""
    return [(g, measure_views(follow_up, g.id, g.model.measures, threshold, scale)) for g in goals if g.model.measures]


def scale_text(scale: tuple[Level, ...]) -> str:
    """The scale in words, for the follow-up page: ``uppfyllt när utfallet når målvärdet, delvis uppfyllt när det
    når minst 80 % av målvärdet, annars inte uppfyllt``."""
    parts = []
    for i, level in enumerate(scale):
        limit = level.limit if level.limit is not None or i else Decimal(100)
        if i == len(scale) - 1:
            parts.append(f"annars {level.word}")
        elif limit is None:
            parts.append(f"{level.word} (källan anger ingen gräns)")
        elif limit >= 100 and i == 0:
            parts.append(f"{level.word} när utfallet når målvärdet")
        else:
            exponent = limit.normalize().as_tuple().exponent
            shown = percent(limit, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
            parts.append(f"{level.word} när {'utfallet' if i == 0 else 'det'} når minst {shown} av målvärdet")
    return ", ".join(parts)
