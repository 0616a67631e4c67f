"""The field types of the content schema: how a scalar of an author's YAML becomes a typed value.

Every scalar arrives as text (see yamlload.py), so a number or a date is converted only where a field asks for
one. Validators raise ``ValueError`` (or ``Hinted``) with a Swedish message; explain.py turns pydantic's errors
into located diagnostics. The models themselves are in model.py (a plan's files), forbund.py (forbund.yaml) and
accounts.py (budget and accounts tables).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict

from .amounts import UNIT_FACTOR, parse_amount
from .unstated import is_unstated
from .values import Hinted, parse_flag, parse_number, parse_percent, slugify

UNKNOWN = "okänt"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # use fullmatch: `$` also matches before a final newline
UNSAFE_IN_ADDRESS = re.compile(r"[\x00-\x20\x7f-\x9f\\\u2028\u2029\ufeff\u200b-\u200f\u202a-\u202e\u2060]")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=True)


def as_list(value: Any) -> Any:
    """A single value where a list is expected is a list of one."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _parse_date(value: Any) -> Any:
    if isinstance(value, str):
        short = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value.strip())
        if short and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            padded = f"{short.group(1)}-{int(short.group(2)):02}-{int(short.group(3)):02}"
            raise Hinted(f"`{value}` är inte skrivet som ÅÅÅÅ-MM-DD.",
                         f"Skriv månad och dag med två siffror: `{padded}`.")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError(f"`{value}` är inte ett datum; skriv ÅÅÅÅ-MM-DD, till exempel 2023-11-30.")
        try:
            return date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"`{value}` är inte ett giltigt datum.") from exc
    return value


def _parse_year(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(r"(19|20)\d{2}", value.strip()):
        raise ValueError(f"`{value}` är inte ett årtal; skriv fyra siffror, till exempel 2024.")
    return value


def _parse_slug(value: Any) -> Any:
    if isinstance(value, str) and not SLUG.fullmatch(value):
        suggestion = slugify(value)
        raise Hinted(
            f"`{value}` är inte ett giltigt id; använd små bokstäver a–z, siffror och bindestreck.",
            f"Skriv `{suggestion}`." if suggestion else "Till exempel `region-varmland`.",
        )
    return value


def web_address_problem(value: str) -> str | None:
    """Why ``value`` cannot be a link on the site (a full ``https://`` or ``http://`` address), or None."""
    if UNSAFE_IN_ADDRESS.search(value):
        return f"`{value}` innehåller mellanslag, kontrolltecken eller omvänt snedstreck"
    scheme, _, rest = value.partition("://")
    if scheme.lower() not in ("https", "http") or not rest or rest.startswith("/"):
        return f"`{value}` är inte en fullständig webbadress som börjar med https://"
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if not host or "@" in host:
        return f"`{value}` är inte en fullständig webbadress som börjar med https://"
    return None


def _parse_web_address(value: Any) -> Any:
    if isinstance(value, str):
        problem = web_address_problem(value)
        if problem is not None:
            raise ValueError(f"{problem}; skriv hela adressen, till exempel https://www.example.se/.")
    return value


def _parse_kronor(value: Any) -> Any:
    """An amount of money in kronor; ``tkr`` after it multiplies by 1 000, ``mnkr`` by 1 000 000."""
    if value is None or isinstance(value, Decimal):
        return value
    amount, unit = parse_amount(str(value))
    return amount * UNIT_FACTOR.get(unit or "kr", 1)


def _parse_cell(value: Any) -> Any:
    """A budget cell: a number in the table's unit, empty, or ``okänt``."""
    if value is None or isinstance(value, Decimal):
        return value
    text = str(value).strip()
    if text in ("", "~", "-", "–"):
        return None
    if text.lower() in (UNKNOWN, "?"):
        return UNKNOWN
    if is_unstated(text):  # the source prints no figure here: an empty cell
        return None
    amount, unit = parse_amount(text)
    if unit is not None:
        raise ValueError(f"`{text}`: skriv beloppet utan enhet; tabellens enhet anges en gång i `enhet:`.")
    return amount


def _parse_cells(value: Any) -> Any:
    """``"1 255,5 | 1 255,5 | 1 255,5"`` or a YAML list."""
    if isinstance(value, str):
        return [part.strip() for part in value.split("|")]
    return as_list(value)


def _parse_date_or_year(value: Any) -> Any:
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}\s*", value):
        return int(value)
    return _parse_date(value)


Year = Annotated[int, BeforeValidator(_parse_year)]
Percent = Annotated[Decimal, BeforeValidator(parse_percent)]
Number = Annotated[Decimal, BeforeValidator(parse_number)]
Flag = Annotated[bool, BeforeValidator(parse_flag)]
DateOrYear = Annotated[date | int, BeforeValidator(_parse_date_or_year)]
Date = Annotated[date, BeforeValidator(_parse_date)]
Slug = Annotated[str, BeforeValidator(_parse_slug)]
WebAddress = Annotated[str, BeforeValidator(_parse_web_address)]
Kronor = Annotated[Decimal, BeforeValidator(_parse_kronor)]
Cell = Annotated[Decimal | Literal["okänt"] | None, BeforeValidator(_parse_cell)]
Cells = Annotated[list[Cell], BeforeValidator(_parse_cells)]
Texts = Annotated[list[str], BeforeValidator(as_list)]
Slugs = Annotated[list[Slug], BeforeValidator(as_list)]
