"""The content schema: one pydantic model per kind of content file.

Field names are English (see docs/glossary.md); each has the Swedish alias
that authors write in their YAML. Every scalar arrives as text (see
yamlload.py), so a number or a date is converted only where a field asks for
one. Validators raise ``ValueError`` with a Swedish message; schema.py turns
pydantic's errors into located diagnostics.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from .amounts import parse_amount
from .values import Hinted, parse_flag, parse_number, parse_percent, slugify

UNKNOWN = "okänt"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # use fullmatch: `$` also matches before a final newline
UNSAFE_IN_ADDRESS = re.compile(r"[\x00-\x20\x7f-\x9f\\\u2028\u2029\ufeff\u200b-\u200f\u202a-\u202e\u2060]")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=True)


def _as_list(value: Any) -> Any:
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
    """An amount of money in kronor; ``tkr`` after it multiplies by 1 000."""
    if value is None or isinstance(value, Decimal):
        return value
    amount, unit = parse_amount(str(value))
    return amount * 1000 if unit == "tkr" else amount


def _parse_cell(value: Any) -> Any:
    """A budget cell: a number in the table's unit, empty, or ``okänt``."""
    if value is None or isinstance(value, Decimal):
        return value
    text = str(value).strip()
    if text in ("", "~", "-", "–"):
        return None
    if text.lower() in (UNKNOWN, "?"):
        return UNKNOWN
    amount, unit = parse_amount(text)
    if unit is not None:
        raise ValueError(f"`{text}`: skriv beloppet utan enhet; tabellens enhet anges en gång i `enhet:`.")
    return amount


def _parse_cells(value: Any) -> Any:
    """``"1 255,5 | 1 255,5 | 1 255,5"`` or a YAML list."""
    if isinstance(value, str):
        return [part.strip() for part in value.split("|")]
    return _as_list(value)


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
Texts = Annotated[list[str], BeforeValidator(_as_list)]
Slugs = Annotated[list[Slug], BeforeValidator(_as_list)]

MemberKind = Literal["försäkringskassan", "arbetsförmedlingen", "staten", "region", "kommun"]
ColumnKind = Literal["budget", "plan", "prognos", "utfall", "förväntat utfall"]
Category = Literal["intäkter", "kostnader", "administration", "insatser", "övrigt"]
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
BoardRole = Literal["ordförande", "vice ordförande", "ledamot", "ersättare"]
Unit = Literal["kr", "tkr"]


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

    @field_validator("org_nr")
    @classmethod
    def _org_nr(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{6}-\d{4}", value):
            raise ValueError(f"`{value}` är inte ett organisationsnummer; skriv tio siffror som 222000-2063.")
        return value


# --- content/<förbund>/<år>/plan.yaml --------------------------------------------


class Named(Strict):
    id: Slug
    name: str = Field(alias="namn")
    description: str = Field("", alias="beskrivning")


class BoardMember(Strict):
    name: str = Field(alias="namn")
    role: BoardRole = Field(alias="roll")
    member: Slug | None = Field(None, alias="medlem", description="Medlemmens id")
    title: str = Field("", alias="titel", description="Befattning eller parti")


class BudgetTarget(Strict):
    """A target the förbund sets itself on its budget, e.g. administration ≤ 15 % of costs."""

    kind: Literal["administration_max", "insatser_min", "eget_kapital_max"] = Field(alias="typ")
    limit: Percent = Field(alias="procent")
    source: str = Field("", alias="källa", description="Var i planen målet står")


PlanStatus = Literal["utkast", "förslag", "beslutad", "reviderad"]
DRAFT_LABELS = {"utkast": "Utkast – ej beslutad", "förslag": "Förslag – ej beslutat"}


class Plan(Strict):
    title: str = Field(alias="titel")
    year: Year = Field(alias="år", description="Budgetåret, planens första år")
    plan_years: list[Year] = Field(default_factory=list, alias="planår", description="Följande år som planen omfattar")
    status: PlanStatus | None = Field(
        None,
        alias="status",
        description="utkast eller förslag för en plan som inte är beslutad (visas som utkast), "
        "beslutad eller reviderad",
    )
    decided: Date | None = Field(None, alias="beslutad")
    decided_by: str = Field("Förbundsstyrelsen", alias="beslutad_av")
    vision: str = Field("", alias="vision")
    target_groups: list[Named] = Field(default_factory=list, alias="målgrupper")
    strategic_areas: list[Named] = Field(default_factory=list, alias="strategiska_områden")
    focus_areas: list[Named] = Field(default_factory=list, alias="fokusområden")
    priorities: Texts = Field(default_factory=list, alias="prioriteringar")
    board: list[BoardMember] = Field(default_factory=list, alias="styrelse")
    proposed_decision: Texts = Field(default_factory=list, alias="förslag_till_beslut")
    exceptional_reasons: str = Field("", alias="synnerliga_skäl")
    summary: str = Field("", alias="sammanfattning", description="En eller två meningar som beskriver planen")
    budget_targets: list[BudgetTarget] = Field(default_factory=list, alias="budgetmål")

    @property
    def draft_label(self) -> str:
        """``Utkast – ej beslutad`` for a plan that is not decided (status utkast or förslag), else empty."""
        return DRAFT_LABELS.get(self.status or "", "")


# --- budget.yaml and co-financing budgets -------------------------------------------


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


# --- mal/*.md, insatser/*.md, avsnitt/*.md, tabeller/*.yaml ---------------------------


class Measure(Strict):
    text: str
    label: str = Field("Mått", alias="etikett", description="Mått, Mätbart, Indikator, Mätpunkt …")
    target: str | None = Field(None, alias="målvärde", description="Till exempel ≥ 60 eller högst 15 %")


def _as_measures(value: Any) -> Any:
    return [{"text": v} if isinstance(v, str) else v for v in _as_list(value)]


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
    agenda2030: Annotated[list[int], BeforeValidator(_as_list)] = Field(default_factory=list, alias="agenda2030")


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
