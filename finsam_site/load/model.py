"""The content schema of a plan's files: plan.yaml, mal/*.md, insatser/*.md, avsnitt/*.md, tabeller/*.yaml and
kvitteringar.yaml, one pydantic model per kind of file (load/kinds.py says which file is which).

Field names are English (see docs/glossary.md); each has the Swedish alias that authors write in their YAML. The
field types are in fields.py, forbund.yaml's model in forbund.py, the budget's in accounts.py.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from .accounts import Table
from .documents import Document
from .fields import Date, Flag, Kronor, Percent, Slug, Slugs, Strict, Texts, Year, as_list
from .values import Hinted

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
InsatsKind = Literal["individinriktad", "strukturövergripande"]
# Uppföljning Finsam's two kinds of insats, and the older or local words for them (in the seeds: individstödjande,
# strukturstödjande, strukturinriktad, strukturpåverkande; the goal kinds' individinriktat, strukturinriktat).
INSATS_KIND_SYNONYMS: dict[str, InsatsKind] = {
    **dict.fromkeys(["individinriktad", "individinriktat", "individstödjande", "individstödjande insats",
                     "individanpassad", "individinsats"], "individinriktad"),
    **dict.fromkeys(["strukturövergripande", "strukturinriktad", "strukturinriktat", "strukturstödjande",
                     "strukturpåverkande", "strukturell", "strukturinsats"], "strukturövergripande"),
}
_BOTH = re.compile(r"\s*(?:,|/|&|\+|\boch\b|\bsamt\b)\s*")


def _insats_kind(value: Any) -> Any:
    """An insats kind in Uppföljning Finsam's terms; an older word is its synonym, and both kinds at once are two
    insatser (Uppföljning Finsam registers such an insats as two)."""
    if value is None:
        return None
    parts = [str(v) for v in value] if isinstance(value, list) else _BOTH.split(str(value))
    words = [" ".join(part.lower().split()) for part in parts if part.strip()]
    if any(word in ("båda", "bägge", "både") for word in words):
        words = ["individinriktad", "strukturövergripande"]
    kinds = {INSATS_KIND_SYNONYMS.get(word.removesuffix(" insats"), word) for word in words}
    if len(kinds) > 1 and kinds <= {"individinriktad", "strukturövergripande"}:
        raise Hinted("Insatsen anges som både individinriktad och strukturövergripande; i Uppföljning Finsam är en "
                     "sådan insats två insatser.",
                     "Dela upp den i två filer i insatser/, en individinriktad och en strukturövergripande, med var "
                     "sitt belopp, och låt dem hänvisa till varandra i texten.")
    if len(kinds) == 1:
        (kind,) = kinds
        return kind
    return value


# --- content/<förbund>/<år>/plan.yaml --------------------------------------------


class BudgetTarget(Strict):
    """A target the förbund sets itself on its budget, e.g. administration ≤ 15 % of costs."""

    kind: Literal["administration_max", "insatser_min", "eget_kapital_max"] = Field(alias="typ")
    limit: Percent = Field(alias="procent")
    source: str = Field("", alias="källa", description="Var i planen målet står")


class Plan(Document):
    """plan.yaml: the verksamhetsplan och budget's own facts (the common ones are in documents.Document)."""

    year: Year = Field(alias="år", description="Budgetåret, planens första år")
    plan_years: list[Year] | None = Field(
        None, alias="planår", description="Följande år som planen omfattar; utelämnas (eller `ej angivet`) om planen "
        "inte anger dem"
    )
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
    kind: GoalKind | None = Field(None, alias="typ", description="Utelämnas om planen inte anger vad slags mål det är")
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
    financiers: str = Field("", alias="finansiärer", description="T.ex. Europeiska socialfonden 54 %")
    description: str = Field("", alias="beskrivning")
    budget: Table | None = None


class Financing(Strict):
    """Who pays for an insats instead of the förbund (a national programme, ESF, a member alone): the site shows the
    insats and its amounts but never counts them as the förbund's cost."""

    by: str = Field("", alias="av", description="Finansiären, t.ex. Europeiska socialfonden eller ett nationellt "
                    "program")
    member: Slug | None = Field(None, alias="medlem", description="Medlemmens id, när en medlem ensam finansierar")
    note: str = Field("", alias="anm")

    @model_validator(mode="after")
    def _named(self) -> Financing:
        if not self.by and self.member is None:
            raise ValueError("Ange vem som finansierar insatsen: `av:` (till exempel Europeiska socialfonden) eller "
                             "`medlem:` med medlemmens id.")
        return self


class Insats(Strict):
    name: str = Field(alias="namn")
    kind: Annotated[InsatsKind | None, BeforeValidator(_insats_kind)] = Field(
        None, alias="typ", description="individinriktad eller strukturövergripande; utelämnas om planen inte anger "
        "typen")
    parties: Texts | None = Field(
        None, alias="parter", description="Medlemmarnas id; utelämnas (eller `ej angivet`) om planen inte anger dem"
    )
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
    financed_by: Financing | None = Field(None, alias="finansiering",
                                          description="Finansieras av någon annan än förbundet")
    esf: Flag | None = Field(None, alias="esf", description="Finansieras helt eller delvis av Europeiska socialfonden")

    @property
    def own_cost(self) -> bool:
        """Whether the insats's granted amounts are the förbund's own cost (not financed by someone else)."""
        return self.financed_by is None


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
