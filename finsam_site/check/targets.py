"""Whether an outcome meets its target (``målvärde``): the status the rules check and the follow-up pages show.

Förbund write targets and outcomes in many forms, and :func:`parse_target` reads them all into a :class:`Target`:
a number (``minst 60``, ``> 4 ggr/år``), a percentage (``≥ 85 %``), a ratio (``3 av 4``), index points
(``≥ 7,5 indexpoäng``) or a change against a baseline (``öka med 5 procentenheter``, ``minska med 10 %``, ``ska
minska``). A target in words (``En rapport är framtagen senast 2024``) is no Target: :func:`assess` then gives "kan
inte prövas" with the reason, as it does for an outcome in words (``beskrivning``) or one in another unit than its
target. The status is the level of the förbund's scale (load/outcomes.py) that the share of the target reached
falls in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from ..load.amounts import AmountError, parse_amount
from ..load.outcomes import DEFAULT_SCALE, Level, Outcome, Status

if TYPE_CHECKING:
    from ..load.content import DocumentContent, Entry, ForbundContent
    from ..load.model import Goal

Op = Literal[">=", "<=", ">", "<"]
Unit = Literal["", "%", "poäng"]  # a plain number, a percentage (or percentage points), index points


@dataclass(frozen=True)
class Quantity:
    """A value as printed: ``value`` in ``unit``, ``of`` another number (a ratio, ``3 av 4``), or a ``change``
    against a baseline (``+6 procentenheter``; ``relative``: in percent of the baseline, ``ökat med 10 %``)."""

    value: Decimal
    unit: Unit = ""
    of: Decimal | None = None
    change: bool = False
    relative: bool = False

    @property
    def level(self) -> Decimal:
        """The value to compare: a ratio as a percentage, anything else as it is."""
        return self.value / self.of * 100 if self.of else self.value

    @property
    def in_percent(self) -> bool:
        return self.unit == "%" or self.of is not None


@dataclass(frozen=True)
class Target:
    op: Op
    amount: Quantity
    baseline: Quantity | None = None  # ``öka med 5 procentenheter från 62 %``

    @property
    def value(self) -> Decimal:
        return self.amount.value

    @property
    def percent(self) -> bool:
        return self.amount.unit == "%" and not self.amount.change


_PREFIXES: tuple[tuple[str, Op], ...] = (
    ("≥", ">="), (">=", ">="), ("minst", ">="), ("≤", "<="), ("<=", "<="), ("högst", "<="), ("max", "<="),
    ("över", ">"), ("mer än", ">"), (">", ">"), ("under", "<"), ("mindre än", "<"), ("färre än", "<"), ("<", "<"),
)
_DIRECTION = re.compile(r"^(?:ska\s+|skall\s+)?(?:ha\s+)?(öka\w*|ökning\w*|höj\w*|minska\w*|minskning\w*|sänk\w*)\s*")
_NUMBER = re.compile(r"^([+\-\u2212]?)\s*(\d[\d\s\u00a0]*(?:,\d+)?)")
_UNITS: tuple[tuple[str, Unit, bool], ...] = (  # (written, unit, a change in percentage points)
    ("procentenheter", "%", True), ("procentenhet", "%", True), ("%-enheter", "%", True), ("p.e.", "%", True),
    ("%", "%", False), ("procent", "%", False), ("indexpoäng", "poäng", False), ("poäng", "poäng", False),
    ("index", "poäng", False), ("enheter", "poäng", False),
)
_BASELINE = re.compile(r"\b(?:från|jämfört med|mot)\s+(.+)$")


def _number(text: str) -> tuple[Decimal, str, str] | None:
    """A leading number: (value, its sign as written, the rest of the text)."""
    match = _NUMBER.match(text)
    if not match:
        return None
    try:
        value, _ = parse_amount(match.group(2).strip())
    except AmountError:
        return None
    return value, match.group(1), text[match.end() :].strip()


def _quantity(text: str) -> tuple[Quantity, str] | None:
    """``3 av 4``, ``88 %``, ``7,2 indexpoäng``, ``index 72``, ``+6 procentenheter``, ``64`` → the quantity and the
    rest of the text."""
    index = text.startswith("index")
    read = _number(text.removeprefix("indexvärde").removeprefix("index").strip() if index else text)
    if read is None:
        return None
    value, sign, rest = read
    value = -value if sign in "-\u2212" and sign else value
    ratio = re.match(r"^av\s+(\d[\d\s\u00a0]*)", rest)
    if ratio:
        whole = _number(ratio.group(1).strip())
        if whole and whole[0] > 0:
            return Quantity(value, "%", of=whole[0]), rest[ratio.end() :].strip()
    for written, unit, points in _UNITS:
        if rest.startswith(written):
            rest = rest[len(written) :].strip()
            if sign and unit == "%" and not points:  # "+10 %": a change in percent of the baseline
                return Quantity(value, change=True, relative=True), rest
            return Quantity(value, unit, change=bool(sign) or points), rest
    return Quantity(value, "poäng" if index else "", change=bool(sign)), rest


def _comparison(text: str) -> tuple[Op | None, str]:
    """A leading ``≥``, ``minst``, ``högst`` … as an operator, and the rest of the text."""
    for prefix, found in _PREFIXES:
        if text.startswith(prefix):
            return found, text[len(prefix) :].strip()
    return None, text


def _change(direction: str, rest: str) -> Target | None:
    """``öka med minst 5 procentenheter från 62 %``, ``minska med 10 %``, ``ska minska`` → a change target."""
    up = direction.startswith(("ök", "höj"))
    rest = re.sub(r"^med\s+", "", rest)
    limit, rest = _comparison(rest)
    read = _quantity(rest)
    if read is None:  # a direction only: any increase, any decrease
        return Target(">" if up else "<", Quantity(Decimal(0), change=True), _baseline(rest))
    amount, rest = read
    relative = amount.unit == "%" and not amount.change  # "med 10 %": of the baseline; "procentenheter": points
    step = Quantity(abs(amount.value) if up else -abs(amount.value), "" if relative else amount.unit,
                    change=True, relative=relative)
    at_most = limit in ("<=", "<")
    op: Op = (">=" if not at_most else "<=") if up else ("<=" if not at_most else ">=")
    return Target(op, step, _baseline(rest))


def _baseline(rest: str) -> Quantity | None:
    match = _BASELINE.search(rest)
    read = _quantity(match.group(1).strip()) if match else None
    return read[0] if read and not read[0].change else None


def parse_target(text: str) -> Target | None:
    """A target or a printed outcome as a Target; ``None`` for one in words. ``"90 %"`` alone means at least."""
    lowered = " ".join(text.strip().lower().split())
    direction = _DIRECTION.match(lowered)
    if direction:
        return _change(direction.group(1), lowered[direction.end() :])
    index = re.match(r"^index(?:värde)?\s+(?=\D)", lowered)  # "index minst 70"
    lowered = lowered[index.end() :] if index else lowered
    op, lowered = _comparison(lowered)
    read = _quantity(lowered)
    if read is None:
        return None
    amount, rest = read
    if op is None:  # "90 %": at least; "−10 %": a decrease of at least 10 %
        op = "<=" if amount.change and amount.value < 0 else ">="
    if index and not amount.unit and amount.of is None:
        amount = Quantity(amount.value, "poäng", change=amount.change)
    return Target(op, amount, _baseline(rest) if amount.change else None)


def outcome_quantity(outcome: Outcome) -> Quantity | None:
    """The outcome as a quantity: täljare/nämnare as a ratio, else its printed `värde`; None for one in words."""
    if outcome.numerator is not None and outcome.denominator:
        return Quantity(Decimal(outcome.numerator), "%", of=Decimal(outcome.denominator))
    if outcome.value:
        read = parse_target(outcome.value)
        if read is not None:
            return read.amount
    return None


def _fits(target: Quantity, got: Quantity) -> str:
    """Why ``got`` cannot be compared with ``target`` (a different unit), or empty."""
    if target.of is not None and not got.in_percent:
        return "Målvärdet är en andel (till exempel 3 av 4) men utfallet anger inte av hur många."
    units = {"%": "procent", "poäng": "poäng", "": ""}
    a, b = ("%" if target.in_percent else target.unit), ("%" if got.in_percent else got.unit)
    if a and b and a != b:
        return f"Målvärdet anges i {units[a]} men utfallet i {units[b]}."
    return ""


def measured(target: Target, outcome: Outcome) -> Decimal | str:
    """The outcome in the target's terms (a level, or a change against the baseline), or why it cannot be."""
    got = outcome_quantity(outcome)
    if got is None:
        words = outcome.description or outcome.value
        return "Utfallet beskrivs i ord." if words else "Utfallet anger inget tal."
    base_text = parse_target(outcome.baseline) if outcome.baseline else None
    base = base_text.amount if base_text and not base_text.amount.change else target.baseline
    if target.amount.change:
        if got.change and (got.relative == target.amount.relative or not target.amount.value):
            return got.value
        if got.change or base is None:
            return ("Målvärdet är en förändring men utfallet anger ingen baslinje att räkna från (skriv "
                    "`baslinje:`).")
        problem = _fits(base, got)
        if problem:
            return problem
        if target.amount.relative:
            return (got.level - base.level) / base.level * 100 if base.level else "Baslinjen är 0."
        return got.level - base.level
    problem = _fits(target.amount, got if not got.change or base is None else base)
    if problem:
        return problem
    if got.change:
        if base is None:
            return "Utfallet är en förändring men anger ingen baslinje att räkna från (skriv `baslinje:`)."
        return base.level * (1 + got.value / 100) if got.relative else base.level + got.value
    return got.level


@dataclass(frozen=True)
class Assessment:
    """A computed status: a level of the scale (``status`` is what it means, ``word`` the scale's word), or none
    ("inte mätt än", "kan inte prövas" with ``reason``). ``candidates``: the words it may be when the scale states
    no limit between them."""

    status: Status
    word: str
    reason: str = ""
    candidates: tuple[str, ...] = ()


def _level(scale: tuple[Level, ...], degree: Decimal | None) -> Assessment:
    """The level that ``degree`` (the share of the target reached, in percent; None: not met, by how much unknown)
    falls in; levels without a stated limit make the status uncertain between them."""
    pending: list[Level] = []
    for i, level in enumerate(scale):
        limit = level.limit if level.limit is not None or i else Decimal(100)
        if i == len(scale) - 1 or (limit is not None and degree is not None and degree >= limit):
            if not pending:
                return Assessment(level.meaning, level.word)
            words = tuple(p.word for p in [*pending, level])
            reason = f"Statusskalan anger ingen gräns för {' och '.join(p.word for p in pending)}."
            return Assessment("kan inte prövas", "kan inte prövas", reason, words)
        if limit is None:
            pending.append(level)
        else:
            pending = []
    raise AssertionError("a scale has a last level")


def assess(target_text: str | None, outcome: Outcome | None, scale: tuple[Level, ...] = DEFAULT_SCALE) -> Assessment:
    """The status of ``outcome`` against the target written ``target_text``, on ``scale``."""
    if outcome is None:
        return Assessment("inte mätt än", "inte mätt än")
    if not target_text:
        return Assessment("kan inte prövas", "kan inte prövas", "Måttet har inget målvärde.")
    target = parse_target(target_text)
    if target is None:
        return Assessment("kan inte prövas", "kan inte prövas", "Målvärdet står i ord.")
    value = measured(target, outcome)
    if isinstance(value, str):
        return Assessment("kan inte prövas", "kan inte prövas", value)
    goal, op = target.amount.level, target.op
    if {">=": value >= goal, ">": value > goal, "<=": value <= goal, "<": value < goal}[op]:
        return _level(scale, Decimal("Infinity"))
    degree = None
    if (op in (">=", ">") and goal > 0) or (op in ("<=", "<") and goal < 0):
        degree = value / goal * 100
    elif op in ("<=", "<") and goal > 0 and value > 0:
        degree = goal / value * 100
    return _level(scale, min(degree, Decimal("99.99")) if degree is not None else None)


def status(target_text: str | None, outcome: Outcome | None, scale: tuple[Level, ...] = DEFAULT_SCALE) -> Status:
    """What the computed status means (:func:`assess` has its word and reason)."""
    return assess(target_text, outcome, scale).status


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


def followed_goals(forbund: ForbundContent, document: DocumentContent) -> list[Entry[Goal]]:
    """The goals whose measures a document's outcomes (uppfoljning.yaml) refer to: the one lookup that the rules,
    the form checks and the pages use. A document's own mal/; for a report without goals of its own, the goals of
    its year's plan (``ForbundContent.followed_up``)."""
    return forbund.followed_up(document).goals


def measure_target(goals: list[Entry[Goal]], goal_id: str | None, number: int | None) -> str | None:
    """The target (``målvärde``) of measure ``number`` (from 1) of goal ``goal_id``, as written; None if none."""
    goal = next((g for g in goals if g.id == goal_id), None)
    if goal is None or number is None or not 1 <= number <= len(goal.model.measures):
        return None
    return goal.model.measures[number - 1].target
