"""The model of a förbund's own file, ``content/<förbund>/forbund.yaml``: its facts, its members with the period
each was a member, its predecessors and successors (mergers), its rule settings (site.yaml's ``regler:`` too), and
the board members a document lists."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .fields import DateOrYear, Kronor, Number, Percent, Slug, Strict, WebAddress
from .outcomes import Scale

MemberKind = Literal["försäkringskassan", "arbetsförmedlingen", "staten", "region", "kommun"]
BoardRole = Literal["ordförande", "vice ordförande", "ledamot", "ersättare"]

# --- rule settings (site.yaml `regler:`, forbund.yaml `regler:`) ------------------------

Severity = Literal["fel", "varning", "av"]


class RuleConfig(Strict):
    """Thresholds and severities of the rules; a förbund's settings override the site's."""

    share_tolerance: Number | None = Field(None, alias="tolerans_fördelning",
                                            description="Tillåten avvikelse i procentenheter för 50/25/25")
    equity_max: Percent | None = Field(None, alias="eget_kapital_max", description="Högsta eget kapital i procent")
    equity_base: Literal["medlemsbidrag", "intäkter"] | None = Field(None, alias="eget_kapital_bas")
    rounding: Number | None = Field(None, alias="avrundning", description="Tillåten avrundningsskillnad i summor")
    severities: dict[str, Severity] = Field(default_factory=dict, alias="allvarlighet")


# --- content/<förbund>/forbund.yaml --------------------------------------------


def year_of(value: date | int | None) -> int | None:
    """The year of a date or a year."""
    return value.year if isinstance(value, date) else value


class Member(Strict):
    id: Slug = Field(description="Kort id som används i parter och budgetrader, t.ex. region-varmland")
    name: str = Field(alias="namn")
    kind: MemberKind = Field(alias="typ")
    joined: DateOrYear | None = Field(None, alias="från", description="Året eller dagen då medlemmen gick med")
    left: DateOrYear | None = Field(None, alias="till", description="Sista året eller dagen som medlem")
    note: str = Field("", alias="anm", description="Till exempel varför medlemmen gick med eller lämnade")

    @model_validator(mode="after")
    def _period(self) -> Member:
        first, last = year_of(self.joined), year_of(self.left)
        if first is not None and last is not None and last < first:
            raise ValueError(f"Medlemmen `{self.id}` lämnar ({last}) före den går med ({first}); "
                             "`till:` är medlemmens sista år och kommer efter `från:`.")
        return self

    def member_in(self, year: int) -> bool:
        """Whether the member is a member during (some of) ``year``."""
        first, last = year_of(self.joined), year_of(self.left)
        return (first is None or first <= year) and (last is None or year <= last)

    @property
    def period(self) -> str:
        """``från 2019``, ``till 2022``, ``2019–2022`` or empty (a member throughout)."""
        first, last = year_of(self.joined), year_of(self.left)
        if first is not None and last is not None:
            return f"{first}–{last}"
        return f"från {first}" if first is not None else f"till {last}" if last is not None else ""


class Succession(Strict):
    """A merger seen from one side: the förbund before it (``föregångare``) or after it (``efterträdare``)."""

    forbund: Slug | None = Field(None, alias="förbund", description="Förbundets id, om det finns på webbplatsen")
    name: str = Field("", alias="namn", description="Förbundets namn, om det inte finns på webbplatsen")
    effective: DateOrYear | None = Field(None, alias="datum",
                                         description="Dagen (eller året) då sammanslagningen gäller från")
    equity: Kronor | None = Field(None, alias="eget_kapital", description="Eget kapital som fördes över")
    note: str = Field("", alias="anm")

    @model_validator(mode="after")
    def _named(self) -> Succession:
        if self.forbund is None and not self.name:
            raise ValueError("Ange förbundets id med `förbund:` om det finns på webbplatsen, annars dess `namn:`.")
        return self


class Forbund(Strict):
    name: str = Field(alias="namn")
    short_name: str = Field(alias="kortnamn", description="Kort namn i menyer, t.ex. Örnsköldsvik")
    org_nr: str | None = Field(None, alias="orgnr")
    founded: DateOrYear | None = Field(None, alias="bildat", description="Datum ÅÅÅÅ-MM-DD, eller bara året")
    county: str | None = Field(None, alias="län")
    website: WebAddress | None = Field(None, alias="webbplats")
    ended: DateOrYear | None = Field(None, alias="upphört", description="Sista dagen (eller året) förbundet fanns")
    members: list[Member] = Field(alias="medlemmar", min_length=1)
    predecessors: list[Succession] = Field(default_factory=list, alias="föregångare",
                                           description="Förbund som gick upp i det här")
    successors: list[Succession] = Field(default_factory=list, alias="efterträdare",
                                         description="Förbund som det här gick upp i")
    rules: RuleConfig | None = Field(None, alias="regler")
    # the scale's model is in outcomes.py, with the follow-up that uses it
    status_scale: Scale | None = Field(None, alias="statusskala", description="Förbundets egna ord och gränser för "
                                       "status i uppföljningen, t.ex. grön, gul och röd")

    def members_in(self, year: int) -> list[Member]:
        """The members during ``year`` (a member who joins or leaves that year is one)."""
        return [m for m in self.members if m.member_in(year)]

    @property
    def member_changes(self) -> list[tuple[date | int, str, Member]]:
        """Every stated joining (``gick med``) and leaving (``lämnade``), oldest first (the förbund's page)."""
        changes = [(m.joined, "gick med", m) for m in self.members if m.joined is not None]
        changes += [(m.left, "lämnade", m) for m in self.members if m.left is not None]
        return sorted(changes, key=lambda c: (c[0] if isinstance(c[0], date) else date(c[0], 1, 1), c[1]))

    @field_validator("org_nr")
    @classmethod
    def _org_nr(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{6}-\d{4}", value):
            raise ValueError(f"`{value}` är inte ett organisationsnummer; skriv tio siffror som 222000-2063.")
        return value


class BoardMember(Strict):
    name: str = Field(alias="namn")
    role: BoardRole | None = Field(None, alias="roll", description="Utelämnas om dokumentet inte anger rollen")
    member: Slug | None = Field(None, alias="medlem", description="Medlemmens id")
    title: str = Field("", alias="titel", description="Befattning eller parti")
