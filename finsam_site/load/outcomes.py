"""The schema of ``uppfoljning.yaml``: the follow-up occasions and their outcomes, as aggregates only, and the status
scale (``statusskala``) a förbund judges its outcomes by.

Only counts, numerators and denominators, values as printed and free text: nothing that is computed is typed by
hand (see check/targets.py and compute/followup.py). A förbund's own scale (its words, such as grön / gul / röd or
uppnått / delvis uppnått, and its limits) is written once in forbund.yaml (``statusskala:``) or for one follow-up in
uppfoljning.yaml; :func:`scale_for` picks the one that applies, else the tool's :data:`DEFAULT_SCALE`.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from .amounts import parse_amount
from .fields import Date, Percent, Slug, Strict

# What a level of a scale means, in the tool's terms: the symbol and the comparison with the computed status use it.
Meaning = Literal["uppfyllt", "delvis uppfyllt", "inte uppfyllt"]
# The computed status of one outcome: a meaning, or no status at all (no outcome yet; or one the tool cannot judge).
Status = Literal["uppfyllt", "delvis uppfyllt", "inte uppfyllt", "inte mätt än", "kan inte prövas"]


def _count(value: Any) -> Any:
    if isinstance(value, str):
        amount, _ = parse_amount(value)
        if amount != amount.to_integral_value() or amount < 0:
            raise ValueError(f"`{value}` är inte ett antal; skriv ett heltal, till exempel 141.")
        return int(amount)
    return value


Count = Annotated[int, BeforeValidator(_count)]


class Level(Strict):
    """One step of a status scale: the förbund's word, what it means, and from which share of the target it holds."""

    word: str = Field(alias="status", min_length=1, description="Förbundets ord, t.ex. grön eller uppnått")
    meaning: Meaning = Field(alias="betyder", description="uppfyllt, delvis uppfyllt eller inte uppfyllt")
    limit: Percent | None = Field(
        None, alias="från", description="Andel av målvärdet som utfallet når minst, t.ex. 70 %; utelämnas om "
        "källan inte anger gränsen (den sista nivån gäller allt som är kvar)"
    )


_ORDER = {"uppfyllt": 0, "delvis uppfyllt": 1, "inte uppfyllt": 2}


def _scale(levels: list[Level]) -> list[Level]:
    """A scale lists its levels best first, each with a lower limit than the one before, and no word twice."""
    words = [level.word.casefold() for level in levels]
    if len(set(words)) != len(words):
        raise ValueError("Samma status står två gånger i `statusskala`.")
    if any(_ORDER[a.meaning] > _ORDER[b.meaning] for a, b in pairwise(levels)):
        raise ValueError("Skriv nivåerna i `statusskala` med den bästa först: uppfyllt, delvis uppfyllt, inte "
                         "uppfyllt.")
    limits = [level.limit for level in levels if level.limit is not None]
    if any(a <= b for a, b in pairwise(limits)):
        raise ValueError("Gränserna (`från`) i `statusskala` ska minska från den första nivån till den sista.")
    if levels[0].meaning != "uppfyllt":
        raise ValueError("Den första nivån i `statusskala` ska betyda uppfyllt.")
    return levels


Scale = Annotated[list[Level], Field(min_length=2), AfterValidator(_scale)]

# The tool's own scale, used where neither forbund.yaml nor uppfoljning.yaml has one: met when the target is
# reached, partly met from 80 % of it.
DEFAULT_SCALE: tuple[Level, ...] = (
    Level.model_validate({"status": "uppfyllt", "betyder": "uppfyllt", "från": "100"}),
    Level.model_validate({"status": "delvis uppfyllt", "betyder": "delvis uppfyllt", "från": "80"}),
    Level.model_validate({"status": "inte uppfyllt", "betyder": "inte uppfyllt"}),
)


class Occasion(Strict):
    id: Slug
    name: str = Field(alias="namn", description="T.ex. Delårsrapport 2024 eller Årsredovisning 2024")
    kind: Literal["delår", "helår"] | None = Field(None, alias="typ", description="delår eller helår; utelämnas om "
                                                   "rapporten inte anger det")
    date: Date | None = Field(None, alias="datum")


class Outcome(Strict):
    """One outcome: for a goal's measure (``mål`` + ``mått``) or for an insats."""

    occasion: Slug = Field(alias="tillfälle")
    goal: Slug | None = Field(None, alias="mål")
    measure: int | None = Field(None, alias="mått", description="Måttets nummer i målets lista, från 1")
    insats: Slug | None = Field(None, alias="insats")
    numerator: Count | None = Field(None, alias="täljare")
    denominator: Count | None = Field(None, alias="nämnare")
    value: str | None = Field(
        None, alias="värde", description="Utfallet som det står i rapporten: 88 %, 64, 3 av 4, 7,2 indexpoäng, "
        "+6 procentenheter eller en text"
    )
    baseline: str | None = Field(
        None, alias="baslinje", description="Värdet som en förändring räknas från, t.ex. 62 % (föregående år)"
    )
    description: str = Field("", alias="beskrivning", description="Ett utfall i ord: en beskrivning, ett fall")
    participants: Count | None = Field(None, alias="deltagare")
    to_work_or_studies: Count | None = Field(None, alias="till_arbete_eller_studier")
    printed_status: str | None = Field(
        None, alias="status_i_rapporten", min_length=1, description="Status som rapporten anger, med ett ord ur "
        "förbundets statusskala (standard: uppfyllt, delvis uppfyllt, inte uppfyllt)"
    )
    comment: str = Field("", alias="kommentar")


class FollowUp(Strict):
    occasions: list[Occasion] = Field(alias="tillfällen", min_length=1)
    outcomes: list[Outcome] = Field(default_factory=list, alias="utfall")
    scale: Scale | None = Field(
        None, alias="statusskala", description="Rapportens egen statusskala; annars förbundets (forbund.yaml)"
    )


def scale_for(follow_up: FollowUp | None, forbund_scale: list[Level] | None) -> tuple[Level, ...]:
    """The scale a follow-up's statuses are judged by: its own, else its förbund's, else the tool's default."""
    if follow_up is not None and follow_up.scale:
        return tuple(follow_up.scale)
    return tuple(forbund_scale) if forbund_scale else DEFAULT_SCALE


def level_named(scale: tuple[Level, ...], word: str) -> Level | None:
    """The level of ``scale`` whose word is ``word`` (case does not matter), or None."""
    return next((level for level in scale if level.word.casefold() == word.strip().casefold()), None)
