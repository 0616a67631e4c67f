from decimal import Decimal

import pytest

from finsam_site.load.amounts import AmountError, parse_amount


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


# --- Units after the number (mutation testing: tools/mutation.py) ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("5 kr", ("5", "kr")),  # a one-digit number: the letter check looks at the number's last character
        ("1 255,5 tkr", ("1 255,5", "tkr")),  # "tkr", not "kr" after "1 255,5 t"
        ("100 kr.", ("100", "kr")),
        ("500:-", ("500", "kr")),
        ("5 000 tusen kronor", ("5 000", "tkr")),
        ("10 mkr", ("10 mkr", None)),  # "mkr" is not "kr" after "10 m": no unit, and the amount is refused
        ("595 000 Kronor", ("595 000", "kr")),
    ],
)
def test_the_unit_is_split_off_only_after_a_number(text: str, split: tuple[str, str | None]) -> None:
    from finsam_site.load.amounts import split_unit

    assert split_unit(text) == split


def test_an_amount_with_an_unknown_unit_is_refused() -> None:
    with pytest.raises(AmountError, match="`10 mkr`: miljoner kronor skrivs ut, som `10 000 000` kronor"):
        parse_amount("10 mkr")
    assert parse_amount("- 785 kr") == (Decimal(-785), "kr")
    assert parse_amount("−1 255,5 tkr") == (Decimal("-1255.5"), "tkr")
