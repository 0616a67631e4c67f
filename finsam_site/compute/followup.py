"""Follow-up: outcomes against a plan's goals and insatser (uppfoljning.yaml), and their computed status.

Only aggregates: counts, numerators and denominators, and free text. Nothing
that is computed is typed by hand: the status of a measure comes from its
target (``målvärde``) and its outcome; a share or status printed in a report
is checked against the numbers (rule ``utfall-andel``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from ..formatting import percent
from ..load.amounts import AmountError, parse_amount
from ..load.model import Date, Slug, Strict

Status = Literal["uppfyllt", "delvis uppfyllt", "inte uppfyllt", "inte mätt än"]
PARTLY = Decimal("0.8")  # an outcome that reaches 80 % of the target counts as partly met


def _count(value: Any) -> Any:
    if isinstance(value, str):
        amount, _ = parse_amount(value)
        if amount != amount.to_integral_value() or amount < 0:
            raise ValueError(f"`{value}` är inte ett antal; skriv ett heltal, till exempel 141.")
        return int(amount)
    return value


Count = Annotated[int, BeforeValidator(_count)]


class Occasion(Strict):
    id: Slug
    name: str = Field(alias="namn", description="T.ex. Delårsrapport 2024 eller Årsredovisning 2024")
    kind: Literal["delår", "helår"] = Field(alias="typ")
    date: Date | None = Field(None, alias="datum")


class Outcome(Strict):
    """One outcome: for a goal's measure (``mål`` + ``mått``) or for an insats."""

    occasion: Slug = Field(alias="tillfälle")
    goal: Slug | None = Field(None, alias="mål")
    measure: int | None = Field(None, alias="mått", description="Måttets nummer i målets lista, från 1")
    insats: Slug | None = Field(None, alias="insats")
    numerator: Count | None = Field(None, alias="täljare")
    denominator: Count | None = Field(None, alias="nämnare")
    value: str | None = Field(None, alias="värde", description="Utfallet som det står i rapporten, t.ex. 88 %")
    participants: Count | None = Field(None, alias="deltagare")
    to_work_or_studies: Count | None = Field(None, alias="till_arbete_eller_studier")
    printed_status: Status | None = Field(None, alias="status_i_rapporten")
    comment: str = Field("", alias="kommentar")


class FollowUp(Strict):
    occasions: list[Occasion] = Field(alias="tillfällen", min_length=1)
    outcomes: list[Outcome] = Field(default_factory=list, alias="utfall")


@dataclass(frozen=True)
class Target:
    op: Literal[">=", "<=", ">", "<"]
    value: Decimal
    percent: bool


def parse_target(text: str) -> Target | None:
    """``"≥ 85 %"``, ``"minst 60"``, ``"högst 15 %"``, ``"90 %"`` (at least) → a Target; anything else → None."""
    lowered = text.strip().lower()
    op: Literal[">=", "<=", ">", "<"] = ">="
    prefixes = (("≥", ">="), (">=", ">="), ("minst", ">="), ("≤", "<="), ("<=", "<="), ("högst", "<="),
                ("över", ">"), (">", ">"), ("under", "<"), ("<", "<"))
    for prefix, found in prefixes:
        if lowered.startswith(prefix):
            op, lowered = found, lowered[len(prefix) :].strip()  # type: ignore[assignment]
            break
    match = re.match(r"^(-?[\d\s\u00a0]+(?:,\d+)?)\s*(%|procent)?", lowered)
    if not match:
        return None
    try:
        value, _ = parse_amount(match.group(1))
    except AmountError:
        return None
    return Target(op, value, bool(match.group(2)))


def outcome_value(outcome: Outcome) -> tuple[Decimal | None, bool]:
    """The outcome as a number, and whether it is a percentage: from täljare/nämnare, else from `värde`."""
    if outcome.numerator is not None and outcome.denominator:
        return Decimal(outcome.numerator) / Decimal(outcome.denominator) * 100, True
    if outcome.value:
        target = parse_target(outcome.value)
        if target is not None:
            return target.value, target.percent
    return None, False


def status(target: Target | None, outcome: Outcome | None) -> Status:
    if outcome is None or target is None:
        return "inte mätt än"
    value, _ = outcome_value(outcome)
    if value is None:
        return "inte mätt än"
    met = {">=": value >= target.value, ">": value > target.value, "<=": value <= target.value,
           "<": value < target.value}[target.op]
    if met:
        return "uppfyllt"
    if target.op in (">=", ">"):
        return "delvis uppfyllt" if value >= target.value * PARTLY else "inte uppfyllt"
    return "delvis uppfyllt" if target.value and value <= target.value / PARTLY else "inte uppfyllt"


def printed_share_differs(outcome: Outcome) -> tuple[Decimal, Decimal] | None:
    """A printed share that is not täljare/nämnare rounded as printed: (printed, computed), else None."""
    if outcome.value is None or outcome.numerator is None or not outcome.denominator:
        return None
    printed = parse_target(outcome.value)
    if printed is None or not printed.percent:
        return None
    computed = Decimal(outcome.numerator) / Decimal(outcome.denominator) * 100
    exponent = printed.value.as_tuple().exponent
    step = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    return (printed.value, computed) if abs(computed - printed.value) > step / 2 else None


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


def summary(follow_up: FollowUp | None, goals: list[Any], threshold: int) -> str | None:
    """``"3 av 5 mått uppfyllda"`` at the latest occasion, or None for a plan without follow-up."""
    if follow_up is None:
        return None
    views = [m for _, measures in plan_measures(follow_up, goals, threshold) for m in measures if m.outcomes]
    met = sum(1 for m in views if m.latest == "uppfyllt")
    return f"{met} av {len(views)} uppföljda mått uppfyllda"
