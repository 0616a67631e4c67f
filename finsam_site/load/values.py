"""Value parsers for the content schema: percentages, plain numbers, yes/no, and the ids made from names.

Each raises :class:`Hinted`, a ``ValueError`` whose Swedish message schema.py shows with a hint of what to
write instead.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any


class Hinted(ValueError):
    """A validator's Swedish message with a hint of what to write instead (schema.py shows both)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def slugify(text: str) -> str:
    """``Försäkringskassan`` → ``forsakringskassan``, ``Region Värmland`` → ``region-varmland``."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def party_slug(name: str) -> str:
    """A party's page name: ``Region Värmland`` → ``region-varmland`` (``x`` for a name with no letters or digits)."""
    return slugify(name) or "x"


def parse_percent(value: Any) -> Any:
    """A percentage as authors write it: ``15``, ``12,5``, ``12.5``, ``15 %``."""
    if value is None or isinstance(value, Decimal):
        return value
    text = str(value).strip().removesuffix("%").strip().replace(",", ".").replace("\u2212", "-")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise Hinted(f"`{value}` är inte ett tal.",
                     "Skriv ett tal, till exempel `15` eller `12,5` (ett `%` efter får stå).")
    return Decimal(text)


def parse_flag(value: Any) -> Any:
    """Yes or no: ``ja``/``nej`` as well as YAML's ``true``/``false``."""
    if isinstance(value, str):
        folded = value.strip().lower()
        if folded in ("ja", "true", "yes", "on", "sant"):
            return True
        if folded in ("nej", "false", "no", "off", "falskt"):
            return False
        raise Hinted(f"`{value}` är varken ja eller nej.", "Skriv `true` eller `false` (eller `ja` eller `nej`).")
    return value


def parse_number(value: Any) -> Any:
    """A plain number (a tolerance or a rounding): ``0,5``, ``0.5`` or ``2``."""
    if value is None or isinstance(value, Decimal):
        return value
    text = str(value).strip().replace(",", ".").replace("\u2212", "-")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise Hinted(f"`{value}` är inte ett tal.", "Skriv ett tal, till exempel `0,5` eller `2`.")
    return Decimal(text)
