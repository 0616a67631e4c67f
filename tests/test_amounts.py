from decimal import Decimal

import pytest

from finsam_site.amounts import AmountError, parse_amount


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1 255 500", "1255500", None),
        ("1\u00a0255\u00a0500", "1255500", None),
        ("1 255,5", "1255.5", None),
        ("-785", "-785", None),
        ("\u2212785", "-785", None),
        ("5 022 000 kr", "5022000", "kr"),
        ("595 000 kronor", "595000", "kr"),
        ("5 778 tkr", "5778", "tkr"),
        ("1255,5", "1255.5", None),
        ("12.5", "12.5", None),
        ("0", "0", None),
    ],
)
def test_swedish_amounts(text: str, value: str, unit: str | None) -> None:
    assert parse_amount(text) == (Decimal(value), unit)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1.000.000", "punkt som tusentalsavgränsare"),
        ("1,5e3", "exponent"),
        ("tio", "inte ett belopp"),
        ("12 34", "inte ett belopp"),
        ("", "inte ett belopp"),
    ],
)
def test_rejected_amounts_say_what_to_write(text: str, fragment: str) -> None:
    with pytest.raises(AmountError, match=fragment):
        parse_amount(text)
