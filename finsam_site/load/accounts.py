"""The model of a budget or accounts table: ``budget.yaml``, and an insats's co-financing budget.

A table has columns (each a kind and a year), rows (a line with its amounts, or a group of lines with its printed
sum) and the printed result and equity; check/sums.py does its arithmetic.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .fields import Cells, Slug, Strict, Year

ColumnKind = Literal["budget", "plan", "prognos", "utfall", "förväntat utfall"]
Category = Literal[
    "intäkter", "kostnader", "administration", "insatser", "övrigt",
    "tillgångar", "skulder", "eget kapital",  # a balance sheet (balansräkning) of a report's ekonomi.yaml
]
Unit = Literal["kr", "tkr"]

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
    member: str | None = Field(None, alias="medlem", description="Medlemmens id för en intäktsrad")
    insats: Slug | None = Field(None, alias="insats", description="Insatsens id för en kostnadsrad")
    amounts: Cells | None = Field(None, alias="belopp")
    rows: list[Row] | None = Field(None, alias="rader")
    total: Total | None = Field(None, alias="summa")
    note: str = Field("", alias="anm")

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


class Table(Strict):
    id: Slug | None = None
    title: str = Field(alias="rubrik")
    unit: Unit = Field(alias="enhet")
    columns: list[Column] = Field(alias="kolumner", min_length=1)
    rows: list[Row] = Field(alias="rader")
    result: Total | None = Field(None, alias="resultat")
    equity_opening: Total | None = Field(None, alias="ingående_eget_kapital")
    equity_closing: Total | None = Field(None, alias="utgående_eget_kapital")
    notes: str = Field("", alias="noter")


class Budget(Strict):
    tables: list[Table] = Field(alias="tabeller", min_length=1)
    notes: str = Field("", alias="noter")
