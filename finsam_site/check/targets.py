"""Whether an outcome meets its target (``målvärde``): the status the rules check and the follow-up pages show."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ..load.amounts import AmountError, parse_amount
from ..load.outcomes import PARTLY, Outcome, Status


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
