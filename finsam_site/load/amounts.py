"""Amounts as Swedes write them: ``1 255 500``, ``1 255,5``, ``-785``, ``5 022 000 kr``, ``5 778 tkr``, ``5,8 mnkr``.

:func:`parse_amount` is pure and raises :class:`AmountError` (a ``ValueError``
with a Swedish message) for anything else, such as ``1.000.000`` or ``1,5e3``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

UNITS = {"kr": "kr", "kronor": "kr", "kr.": "kr", ":-": "kr", "tkr": "tkr", "tusen kronor": "tkr", "mnkr": "mnkr"}
UNIT_FACTOR = {"kr": 1, "tkr": 1000, "mnkr": 1_000_000}  # kronor per unit
_LONGEST_FIRST = sorted(UNITS, key=len, reverse=True)  # "tkr" before "kr"
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})
_GROUPED = re.compile(r"^-?\d{1,3}( \d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^-?\d+(,\d+)?$")
_POINT_DECIMAL = re.compile(r"^-?\d+\.\d{1,2}$")
_MILLIONS = re.compile(r"^(-?[\d\s\u00a0,.]+?)\s*(mnkr|mkr|msek|milj\.?\s*kr|miljoner(\s+kronor)?)\.?$", re.I)
_POINT_GROUPS = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")


# Python's decimal arithmetic keeps 28 digits: with amounts this size every sum of a plan stays exact.
MAX_WHOLE, MAX_FRACTION = 16, 6


class AmountError(ValueError):
    pass


def split_unit(text: str) -> tuple[str, str | None]:
    """``"5 022 000 kr"`` → ``("5 022 000", "kr")``."""
    stripped = text.strip()
    lowered = stripped.lower()
    for suffix in _LONGEST_FIRST:
        if lowered.endswith(suffix):
            number = stripped[: len(stripped) - len(suffix)].strip()
            if number and (suffix == ":-" or not number[-1].isalpha()):
                return number, UNITS[suffix]
    return stripped, None


def parse_amount(text: str) -> tuple[Decimal, str | None]:
    """Parse an amount; returns its value and the unit written after it, if any."""
    number, unit = split_unit(str(text))
    number = _SPACES.sub(" ", number.translate(_MINUS)).strip()
    number = re.sub(r"^- +", "-", number)
    if _GROUPED.match(number) or _PLAIN.match(number):
        return _decimal(number.replace(" ", "").replace(",", ".")), unit
    if _POINT_DECIMAL.match(number):
        return _decimal(number), unit
    if _POINT_GROUPS.match(number):
        grouped = number.replace(".", " ")
        raise AmountError(f"`{text}`: punkt som tusentalsavgränsare är tvetydigt; skriv `{grouped}`.")
    millions = _MILLIONS.match(str(text).strip())
    if millions:
        value, _ = parse_amount(millions.group(1))
        kronor, tkr = _written(value * 1_000_000), _written(value * 1_000)
        raise AmountError(f"`{text}`: miljoner kronor skrivs ut, som `{kronor}` kronor eller `{tkr}` tusental kronor "
                          f"(tkr), eller med enheten mnkr: `{_written(value)} mnkr`.")
    if re.search(r"\d[eE][-+]?\d", number):
        raise AmountError(f"`{text}` ser ut som ett tal med exponent; skriv ut hela talet, till exempel `1 500`.")
    raise AmountError(f"`{text}` är inte ett belopp; skriv till exempel `1 255 500` eller `1 255,5`.")


def _written(value: Decimal) -> str:
    """``Decimal("1250000.5")`` → ``1 250 000,5``."""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", " ")
    fraction = fraction.rstrip("0")
    return ("-" if value < 0 else "") + grouped + (f",{fraction}" if fraction else "")


def _decimal(text: str) -> Decimal:
    whole, _, fraction = text.lstrip("-").partition(".")
    if len(whole.lstrip("0")) > MAX_WHOLE or len(fraction) > MAX_FRACTION:
        raise AmountError(
            f"`{text}` har fler siffror än ett belopp i en plan kan ha (högst {MAX_WHOLE} före och {MAX_FRACTION} "
            "efter decimaltecknet); kontrollera beloppet."
        )
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the patterns exclude this
        raise AmountError(f"`{text}` är inte ett belopp.") from exc
