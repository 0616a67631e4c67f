"""The Uppföljning Finsam sheet: each insats of every plan as Försäkringskassan's registration asks for it.

Uppföljning Finsam (Försäkringskassan's follow-up system since 2023) registers each insats with its name, its
*inriktning* (individinriktad or strukturövergripande: an insats with both is registered as two), its method of
follow-up, whether it is ESF-financed, its period, the parties and its budget. Once registered, the inriktning,
the method of follow-up and the ESF financing cannot be changed (finsam.se, Användarhandledning: "Efter att insatsen
är skapad kan du inte ändra på följande uppgifter: insatsinriktning, val av uppföljningsmetod och ESF
finansiering."). :func:`sheet` gives a förbund's rows, one per insats of every plan, oldest plan first, and a
warning wherever a later plan gives an insats (the same id) another inriktning or ESF financing than the plan it
first appears in.

What the content does not state stays empty (``None``), never guessed, with one reading: ESF financing is "ja" where
the insats's ``medfinansiering`` names the European Social Fund (ESF, socialfonden), otherwise "nej". The content
has no field for the registration's choice of follow-up method; the sheet gives the plan's own text on follow-up
(``uppföljning``), from which the staff choose, and cannot compare it between plans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from ..diagnostics import WARNING, Diagnostic
from ..load.content import DocumentContent, Entry, ForbundContent
from ..load.model import Insats

DIRECTIONS = {"individinriktad": "individinriktad", "strukturinriktad": "strukturövergripande",
              "strukturövergripande": "strukturövergripande"}  # the content's kinds → the registration's words
ESF = re.compile(r"\bESF\b|socialfond", re.IGNORECASE)
STATE = "Försäkringskassan och Arbetsförmedlingen"  # a party `staten`


@dataclass(frozen=True)
class Row:
    """One insats of one plan, with exactly the registration's fields (and where it comes from)."""

    forbund_id: str
    year: int
    insats_id: str
    path: str
    name: str
    direction: str | None  # individinriktad, strukturövergripande; None: the plan does not say
    follow_up: str  # the plan's text on follow-up ("": none)
    esf: bool
    start: date | None
    end: date | str | None  # a date, "löpande", or None
    parties: tuple[str, ...]
    budget: Decimal | None  # granted for the plan's year, in kronor
    warnings: tuple[str, ...] = field(default=())


def sheet(forbund: ForbundContent) -> tuple[list[Row], list[Diagnostic]]:
    """The förbund's rows (oldest plan first, insatser in the plan's order) and a located warning for every
    field a later plan changes that the registration cannot change."""
    members = {m.id: m.name for m in forbund.info.model.members}
    first: dict[str, Row] = {}
    rows: list[Row] = []
    problems: list[Diagnostic] = []
    for plan in sorted(forbund.plans, key=lambda p: p.year):
        for entry in plan.insatser:
            row = _row(forbund.id, plan, entry, members)
            earlier = first.setdefault(entry.id, row)
            found = [] if earlier is row else _changes(earlier, row, entry)
            problems += found
            rows.append(replace(row, warnings=tuple(d.message for d in found)))
    return rows, problems


def _row(forbund_id: str, plan: DocumentContent, entry: Entry[Insats], members: dict[str, str]) -> Row:
    insats = entry.model
    period = insats.period
    co = insats.co_financing
    parties = [STATE if p == "staten" else members.get(p, p) for p in insats.parties or ()] + list(insats.other_parties)
    return Row(
        forbund_id, plan.year, entry.id, entry.path, insats.name,
        DIRECTIONS.get(insats.kind) if insats.kind else None,
        " ".join(insats.follow_up.split()),
        co is not None and bool(ESF.search(f"{co.financiers} {co.description}")),
        period.start if period else None, period.end if period else None,
        tuple(parties), insats.granted.get(plan.year),
    )


def _changes(earlier: Row, later: Row, entry: Entry[Insats]) -> list[Diagnostic]:
    found = []
    if earlier.direction is not None and later.direction is not None and earlier.direction != later.direction:
        found.append(_warning(entry, "typ", f"Insatsen `{later.name}` har inriktningen {later.direction} i planen "
                              f"{later.year} men {earlier.direction} i planen {earlier.year}: inriktningen kan inte "
                              "ändras i Uppföljning Finsam när insatsen väl är registrerad."))
    if earlier.esf != later.esf:
        now, then = ("är" if later.esf else "är inte"), ("var" if earlier.esf else "var inte")
        found.append(_warning(entry, "medfinansiering", f"Insatsen `{later.name}` {now} ESF-finansierad i planen "
                              f"{later.year} men {then} det i planen {earlier.year}: ESF-finansieringen kan inte "
                              "ändras i Uppföljning Finsam när insatsen väl är registrerad."))
    return found


def _warning(entry: Entry[Insats], key: str, message: str) -> Diagnostic:
    mark = entry.doc.mark((key,)) if entry.doc.marks else None
    return Diagnostic(entry.path, mark.line if mark else 0, mark.column if mark else 0, WARNING,
                      "uppföljning-finsam-ändrad", message,
                      "Är det en ny insats, ge den ett nytt id (ett nytt filnamn) och registrera den som en ny insats "
                      "i Uppföljning Finsam; annars skriv samma uppgift som i den tidigare planen.")
