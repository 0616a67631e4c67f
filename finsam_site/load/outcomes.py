"""The schema of ``uppfoljning.yaml``: the follow-up occasions and their outcomes, as aggregates only.

Only counts, numerators and denominators, and free text: nothing that is computed is typed by hand (see
check/targets.py and compute/followup.py).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from .amounts import parse_amount
from .fields import Date, Slug, Strict

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
