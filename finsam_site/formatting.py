"""Swedish formatting of numbers, money, shares and dates: the site's few filters."""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
MINUS = "\u2212"
MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def number(value: Decimal | int | None, decimals: int | None = None) -> str:
    """``Decimal("1255.5")`` → ``1 255,5`` (no-break space, decimal comma, real minus sign)."""
    if value is None:
        return ""
    amount = Decimal(value)
    if decimals is not None:
        amount = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = MINUS if amount < 0 else ""
    text = f"{abs(amount):f}"
    whole, _, fraction = text.partition(".")
    if decimals is None:
        fraction = fraction.rstrip("0")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = NBSP.join(groups)
    return f"{sign}{result},{fraction}" if fraction else f"{sign}{result}"


def money(value: Decimal | int | None, unit: str = "kr") -> str:
    """``1255500`` → ``1 255 500 kr``, ``(Decimal("5.8"), "mnkr")`` → ``5,8 mnkr``, ``(1255.5, "tkr")`` →
    ``1 255,5 tkr``: the figure in the unit it is given in; ``None`` → ``uppgift saknas``. An amount in kronor is
    shown to the öre at most (a figure converted from tkr or mnkr has no more decimals than it was printed with)."""
    if value is None:
        return "uppgift saknas"
    amount = Decimal(value)
    if unit == "kr" and amount != amount.quantize(Decimal("0.01")):
        amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{number(amount)}{NBSP}{unit}"


def percent(value: Decimal | None, decimals: int = 0) -> str:
    """``Decimal("21.3")`` → ``21 %``."""
    if value is None:
        return "–"
    return f"{number(value, decimals)}{NBSP}%"


def swedish_date(value: date | int | None) -> str:
    """``date(2023, 11, 30)`` → ``30 november 2023``; a year alone stays a year."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def missing(noun: str = "planen") -> str:
    """What the site shows where a fact would be that the document (``noun``: planen, årsredovisningen …) does not
    state: the one wording of it (the templates' ``uppgift_saknas``)."""
    return f"uppgift saknas i {noun}"


def cell(value: Decimal | str | None) -> str:
    """A budget cell as printed: a number, empty, or ``okänt``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return number(value)


UNIT_NAMES = {"kr": "kronor", "tkr": "tusentals kronor (tkr)", "mnkr": "miljoner kronor (mnkr)"}


def unit_name(unit: str) -> str:
    return UNIT_NAMES.get(unit, unit)


SHORT_HEADING = 15  # characters: a column heading this short is kept on one line


def heading(text: str) -> str:
    """A column heading: a short one (``Budget 2024``) never breaks, a longer one breaks only between words, never
    between a word and the number after it (``Förväntat utfall 2023`` keeps ``utfall 2023`` together)."""
    if len(text) <= SHORT_HEADING:
        return text.replace(" ", NBSP)
    return re.sub(r" (?=[0-9])", NBSP, text)


def seconds(value: float) -> str:
    """A duration the Swedish way: ``4,64 s``."""
    return f"{number(Decimal(f'{value:.2f}'), 2)} s"
