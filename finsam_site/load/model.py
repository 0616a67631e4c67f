"""The content schema of a plan's files: plan.yaml, mal/*.md, insatser/*.md, avsnitt/*.md, tabeller/*.yaml and
kvitteringar.yaml, one pydantic model per kind of file (load/kinds.py says which file is which).

Field names are English (see docs/glossary.md); each has the Swedish alias that authors write in their YAML. The
field types are in fields.py, forbund.yaml's model in forbund.py, the budget's in accounts.py.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from .accounts import Table
from .documents import Document
from .fields import Date, Kronor, Percent, Slugs, Strict, Texts, Year, as_list

GoalKind = Literal[
    "vision",
    "övergripande",
    "strategiskt",
    "effektmål",
    "aktivitetsmål",
    "verksamhetsmål",
    "kvalitetsmål",
    "finansiellt",
    "individinriktat",
    "strukturinriktat",
    "projektmål",
]
InsatsKind = Literal["individinriktad", "strukturinriktad"]


# --- content/<förbund>/<år>/plan.yaml --------------------------------------------


class BudgetTarget(Strict):
    """A target the förbund sets itself on its budget, e.g. administration ≤ 15 % of costs."""

    kind: Literal["administration_max", "insatser_min", "eget_kapital_max"] = Field(alias="typ")
    limit: Percent = Field(alias="procent")
    source: str = Field("", alias="källa", description="Var i planen målet står")


class Plan(Document):
    """plan.yaml: the verksamhetsplan och budget's own facts (the common ones are in documents.Document)."""

    year: Year = Field(alias="år", description="Budgetåret, planens första år")
    plan_years: list[Year] = Field(default_factory=list, alias="planår", description="Följande år som planen omfattar")
    vision: str = Field("", alias="vision")
    priorities: Texts = Field(default_factory=list, alias="prioriteringar")
    proposed_decision: Texts = Field(default_factory=list, alias="förslag_till_beslut")
    exceptional_reasons: str = Field("", alias="synnerliga_skäl")
    budget_targets: list[BudgetTarget] = Field(default_factory=list, alias="budgetmål")


# --- mal/*.md, insatser/*.md, avsnitt/*.md, tabeller/*.yaml ---------------------------


class Measure(Strict):
    text: str
    label: str = Field("Mått", alias="etikett", description="Mått, Mätbart, Indikator, Mätpunkt …")
    target: str | None = Field(None, alias="målvärde", description="Till exempel ≥ 60 eller högst 15 %")


def _as_measures(value: Any) -> Any:
    return [{"text": v} if isinstance(v, str) else v for v in as_list(value)]


class Goal(Strict):
    title: str = Field(alias="rubrik")
    kind: GoalKind = Field(alias="typ")
    number: str = Field("", alias="nummer", description="Numrering som i planen, t.ex. Mål 1")
    parent: str | None = Field(None, alias="överordnat", description="Id för målet som det här målet hör under")
    how: Texts = Field(default_factory=list, alias="hur")
    measures: Annotated[list[Measure], BeforeValidator(_as_measures)] = Field(default_factory=list, alias="mått")
    follow_up: str = Field("", alias="uppföljning")
    responsible: str = Field("", alias="ansvarig")
    year: str = Field("", alias="år")
    strategic_areas: Slugs = Field(default_factory=list, alias="strategiska_områden")
    focus_areas: Slugs = Field(default_factory=list, alias="fokusområden")
    target_groups: Slugs = Field(default_factory=list, alias="målgrupper")
    agenda2030: Annotated[list[int], BeforeValidator(as_list)] = Field(default_factory=list, alias="agenda2030")


class Period(Strict):
    start: Date | None = None
    end: Date | Literal["löpande"] | None = Field(None, alias="slut")


class CoFinancing(Strict):
    financiers: str = Field(alias="finansiärer", description="T.ex. Europeiska socialfonden 54 %")
    description: str = Field("", alias="beskrivning")
    budget: Table | None = None


class Insats(Strict):
    name: str = Field(alias="namn")
    kind: InsatsKind | None = Field(None, alias="typ", description="Utelämnas om planen inte anger typen")
    parties: Texts = Field(alias="parter", description="Medlemmarnas id")
    other_parties: Texts = Field(default_factory=list, alias="övriga_parter")
    owner: str = Field("", alias="ägare")
    period: Period | None = None
    granted: dict[Year, Kronor | None] = Field(default_factory=dict, alias="beviljat")
    granted_note: str = Field("", alias="beviljat_anm")
    purpose: str = Field("", alias="syfte")
    target_group: str = Field("", alias="målgrupp")
    goals: Texts = Field(default_factory=list, alias="mål", description="Id för planens mål som insatsen bidrar till")
    own_goals: Texts = Field(default_factory=list, alias="insatsmål")
    management: str = Field("", alias="ledning")
    follow_up: str = Field("", alias="uppföljning")
    co_financing: CoFinancing | None = Field(None, alias="medfinansiering")


class Section(Strict):
    title: str = Field(alias="rubrik")
    tables: Slugs = Field(default_factory=list, alias="tabeller", description="Tabeller som visas efter texten")


class FreeTable(Strict):
    title: str = Field(alias="rubrik")
    description: str = Field("", alias="beskrivning")
    columns: Texts = Field(alias="kolumner", min_length=1)
    rows: list[Texts] = Field(alias="rader")


class Acknowledgement(Strict):
    """A finding the board has explained (kvitteringar.yaml)."""

    rule: str = Field(alias="regel")
    subject: str | None = Field(None, alias="gäller", description="Vad avvikelsen gäller, som i meddelandet")
    explanation: str = Field(alias="förklaring")


class Acknowledgements(Strict):
    items: list[Acknowledgement] = Field(alias="kvitteringar")
