"""The model of a förbund's own file, ``content/<förbund>/forbund.yaml``: its facts, members and rule settings
(site.yaml's ``regler:`` too), and the board members a document lists."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from .fields import DateOrYear, Number, Percent, Slug, Strict, WebAddress
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


class Member(Strict):
    id: Slug = Field(description="Kort id som används i parter och budgetrader, t.ex. region-varmland")
    name: str = Field(alias="namn")
    kind: MemberKind = Field(alias="typ")


class Forbund(Strict):
    name: str = Field(alias="namn")
    short_name: str = Field(alias="kortnamn", description="Kort namn i menyer, t.ex. Örnsköldsvik")
    org_nr: str | None = Field(None, alias="orgnr")
    founded: DateOrYear | None = Field(None, alias="bildat", description="Datum ÅÅÅÅ-MM-DD, eller bara året")
    county: str | None = Field(None, alias="län")
    website: WebAddress | None = Field(None, alias="webbplats")
    members: list[Member] = Field(alias="medlemmar", min_length=1)
    rules: RuleConfig | None = Field(None, alias="regler")
    # the scale's model is in outcomes.py, with the follow-up that uses it
    status_scale: Scale | None = Field(None, alias="statusskala", description="Förbundets egna ord och gränser för "
                                       "status i uppföljningen, t.ex. grön, gul och röd")

    @field_validator("org_nr")
    @classmethod
    def _org_nr(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{6}-\d{4}", value):
            raise ValueError(f"`{value}` är inte ett organisationsnummer; skriv tio siffror som 222000-2063.")
        return value


class BoardMember(Strict):
    name: str = Field(alias="namn")
    role: BoardRole = Field(alias="roll")
    member: Slug | None = Field(None, alias="medlem", description="Medlemmens id")
    title: str = Field("", alias="titel", description="Befattning eller parti")
