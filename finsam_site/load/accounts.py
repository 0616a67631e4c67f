"""The model of a budget or accounts table: ``budget.yaml``, and an insats's co-financing budget.

A table has columns (each a kind and, where stated, a year), rows (a line with its amounts, a "varav" part of the
line before it, or a group of lines with its printed sum), the printed result and equity, and optionally the key by
which the members share their contributions (``fördelningsnyckel``); check/sums.py does its arithmetic. A member
row may name a member, ``staten`` (Försäkringskassan and Arbetsförmedlingen) or ``kommunerna`` (the kommuner
together).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .fields import Cells, Flag, Percent, Slug, Strict, Year

ColumnKind = Literal["budget", "plan", "prognos", "utfall", "förväntat utfall"]
Category = Literal[
    "intäkter", "kostnader", "administration", "insatser", "övrigt",
    "tillgångar", "skulder", "eget kapital",  # a balance sheet (balansräkning) of a report's ekonomi.yaml
]
Unit = Literal["kr", "tkr", "mnkr"]
COLLECTIVE = ("staten", "kommunerna")  # a member row for several members together

class Column(Strict):
    label: str = Field(alias="rubrik")
    kind: ColumnKind = Field(alias="typ")
    year: Year | None = Field(None, alias="år")


class Total(Strict):
    label: str = Field(alias="rubrik")
    amounts: Cells = Field(alias="belopp")
    note: str = Field("", alias="anm")


class Row(Strict):
    item: str | None = Field(None, alias="post", description="En budgetrad")
    group: str | None = Field(None, alias="grupp", description="En grupp av rader med egen summa")
    category: Category | None = Field(None, alias="kategori")
    member: str | None = Field(None, alias="medlem", description="Medlemmens id för en intäktsrad, eller staten "
                               "(Försäkringskassan och Arbetsförmedlingen) eller kommunerna (kommunerna tillsammans)")
    insats: Slug | None = Field(None, alias="insats", description="Insatsens id för en kostnadsrad")
    amounts: Cells | None = Field(None, alias="belopp")
    rows: list[Row] | None = Field(None, alias="rader")
    total: Total | None = Field(None, alias="summa")
    note: str = Field("", alias="anm")
    part: Flag | None = Field(None, alias="varav", description="Raden är en del (varav) av raden före; den räknas inte "
                       "två gånger")
    split: Flag | None = Field(None, alias="fördelas", description="Raden är medlemmarnas bidrag tillsammans, som "
                        "fördelas enligt tabellens fördelningsnyckel")

    @model_validator(mode="after")
    def _item_or_group(self) -> Row:
        if (self.item is None) == (self.group is None):
            raise ValueError("En rad är antingen en `post:` med `belopp:` eller en `grupp:` med `rader:`.")
        if self.item is not None and self.amounts is None:
            raise ValueError(f"Posten `{self.item}` saknar `belopp:`.")
        if self.group is not None and self.rows is None:
            raise ValueError(f"Gruppen `{self.group}` saknar `rader:`.")
        return self

    @property
    def label(self) -> str:
        return self.item if self.item is not None else self.group or ""


class KeyShare(Strict):
    """One member's share in a key of the members' contributions (``fördelningsnyckel``)."""

    member: str = Field(alias="medlem", description="Medlemmens id, eller staten eller kommunerna")
    share: Percent = Field(alias="procent", description="Medlemmens andel av medlemsbidragen i procent")
    note: str = Field("", alias="anm")


class Table(Strict):
    id: Slug | None = None
    title: str = Field(alias="rubrik")
    unit: Unit = Field(alias="enhet")
    columns: list[Column] = Field(alias="kolumner", min_length=1)
    rows: list[Row] = Field(alias="rader")
    result: Total | None = Field(None, alias="resultat")
    equity_opening: Total | None = Field(None, alias="ingående_eget_kapital")
    equity_closing: Total | None = Field(None, alias="utgående_eget_kapital")
    key: list[KeyShare] | None = Field(None, alias="fördelningsnyckel",
                                description="Medlemmarnas andelar av medlemsbidragen i procent")
    notes: str = Field("", alias="noter")

    @property
    def shares(self) -> list[KeyShare]:
        """The shares of the table's key (none without one)."""
        return self.key or []


class Budget(Strict):
    tables: list[Table] = Field(alias="tabeller", min_length=1)
    notes: str = Field("", alias="noter")
