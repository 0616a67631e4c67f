"""The check of form: references between files and the shape of tables.

Each check is a small function ``check_…(site) -> Iterator[Diagnostic]``;
:func:`validate_site` runs them all. The substance rules (arithmetic, the
Finsam law) live in the rules package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..diagnostics import WARNING, Diagnostic
from ..load.accounts import COLLECTIVE
from ..load.content import DocumentContent, Entry, SiteContent
from ..load.fields import UNKNOWN
from ..load.forbund import Forbund
from ..load.kinds import GOALS, INSATSER, SECTIONS, TABLES
from ..load.yamlload import Loc
from .outcomerefs import check_followup_refs
from .refs import at, unknown_ref
from .sums import budget_tables, walk

Check = Callable[[SiteContent], Iterator[Diagnostic]]


def plans(site: SiteContent) -> Iterator[tuple[dict[str, str], DocumentContent]]:
    """Each plan with its förbund's members (id → name), of every year: :func:`_member_ref` tells a member of
    another year from one that never was."""
    for forbund in site.forbund:
        members = {m.id: m.name for m in forbund.info.model.members}
        for plan in forbund.documents:
            yield members, plan


def _not_member_then(entry: Entry[Any], loc: Loc, what: str, value: str, forbund: Forbund,
                     year: int) -> Diagnostic | None:
    """A member of the förbund, but not in the document's year; None where it is one that year."""
    member = next((m for m in forbund.members if m.id == value), None)
    if member is None or member.member_in(year):
        return None
    return at(entry, loc, "medlem-år", f"{what} `{value}` ({member.name}) var inte medlem i förbundet {year}; "
              f"enligt forbund.yaml är den medlem {member.period}.",
              f"Ta bort `{value}` här om dokumentet avser {year}, eller rätta `från:`/`till:` för medlemmen "
              "i forbund.yaml.")


def _member_ref(entry: Entry[Any], loc: Loc, what: str, value: str, members: dict[str, str]) -> Diagnostic:
    """An unknown member; one written by its name (``Försäkringskassan``) gets its id offered."""
    by_name = {_fold(name): ident for ident, name in members.items()}
    ident = by_name.get(_fold(value))
    if ident is None:
        return unknown_ref(entry, loc, "ref-part", what, value, list(members))
    return at(entry, loc, "ref-part", f"{what} `{value}` är skriven med sitt namn; här anges medlemmens id.",
              f"Skriv `{ident}` (id:t för {members[ident]} i forbund.yaml).")


def _goal_ref(entry: Entry[Any], loc: Loc, value: str, goals: list[Entry[Any]]) -> Diagnostic:
    """An unknown goal; one written by its number or title (``Mål 1``) gets its id offered."""
    by_name = {_fold(text): g.id for g in goals for text in (g.model.number, g.model.title) if text}
    ident = by_name.get(_fold(value))
    if ident is None:
        return unknown_ref(entry, loc, "ref-mål", "Målet", value, [g.id for g in goals])
    message = f"Målet `{value}` är skrivet med sitt nummer eller sin rubrik; här anges målets id."
    return at(entry, loc, "ref-mål", message, f"Skriv `{ident}` (målets filnamn utan nummer och .md).")


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split()).rstrip(".")


def check_plan_year(site: SiteContent) -> Iterator[Diagnostic]:
    for _, plan in plans(site):
        folder = plan.folder.rsplit("/", 1)[-1]
        folder_year, expected = folder[:4], plan.type.folder(plan.year)
        if folder != expected:
            yield at(
                plan.meta,
                ("år",),
                "plan-år",
                f"{plan.type.genitive.capitalize()} år {plan.year} stämmer inte med mappens namn {folder}.",
                f"Byt `år:` till {folder_year} eller mappens namn till {expected}.",
            )


def check_unique_members(site: SiteContent) -> Iterator[Diagnostic]:
    for forbund in site.forbund:
        seen: set[str] = set()
        for index, member in enumerate(forbund.info.model.members):
            if member.id in seen:
                yield at(
                    forbund.info,
                    ("medlemmar", index, "id"),
                    "id-dubblett",
                    f"Medlemmen `{member.id}` finns två gånger.",
                    "Ta bort den ena, eller ge den ett eget id om det är två olika medlemmar.",
                )
            seen.add(member.id)


def check_insats_refs(site: SiteContent) -> Iterator[Diagnostic]:
    for members, plan in plans(site):
        info = plan_forbund(site, plan)
        goals = [g.id for g in plan.goals]
        failed = plan.failed_ids(GOALS.name)
        for entry in plan.insatser:
            for i, party in enumerate(entry.model.parties or []):
                if party not in members:
                    yield _member_ref(entry, ("parter", i), "Parten", party, members)
                elif (late := _not_member_then(entry, ("parter", i), "Parten", party, info, plan.year)) is not None:
                    yield late
            funder = entry.model.financed_by
            if funder is not None and funder.member is not None:
                loc = ("finansiering", "medlem")
                if funder.member not in members:
                    yield _member_ref(entry, loc, "Medlemmen", funder.member, members)
                elif (late := _not_member_then(entry, loc, "Medlemmen", funder.member, info, plan.year)) is not None:
                    yield late
            for i, goal in enumerate(entry.model.goals):
                if goal not in goals and goal not in failed:
                    yield _goal_ref(entry, ("mål", i), goal, plan.goals)


def check_goal_refs(site: SiteContent) -> Iterator[Diagnostic]:
    for _, plan in plans(site):
        meta = plan.meta.model
        known = {
            "strategiska_områden": [a.id for a in meta.strategic_areas],
            "fokusområden": [a.id for a in meta.focus_areas],
            "målgrupper": [a.id for a in meta.target_groups],
        }
        goals = [g.id for g in plan.goals]
        for entry in plan.goals:
            goal = entry.model
            for key, values in (
                ("strategiska_områden", goal.strategic_areas),
                ("fokusområden", goal.focus_areas),
                ("målgrupper", goal.target_groups),
            ):
                for i, value in enumerate(values):
                    if value not in known[key]:
                        yield unknown_ref(entry, (key, i), "ref-område", f"`{key}`: id", value, known[key])
            if goal.parent is not None and goal.parent not in goals and goal.parent not in plan.failed_ids(GOALS.name):
                yield _goal_ref(entry, ("överordnat",), goal.parent, plan.goals)
            if goal.parent == entry.id:
                yield at(entry, ("överordnat",), "ref-mål", "Ett mål kan inte vara överordnat sig självt.",
                         "Ta bort `överordnat:` eller ange målet som det här målet hör under.")


def check_section_tables(site: SiteContent) -> Iterator[Diagnostic]:
    for _, plan in plans(site):
        tables = [t.id for t in plan.tables]
        failed = plan.failed_ids(TABLES.name)
        used: set[str] = set()
        for entry in plan.sections:
            for i, table in enumerate(entry.model.tables):
                used.add(table)
                if table not in tables and table not in failed:
                    yield unknown_ref(entry, ("tabeller", i), "ref-tabell", "Tabellen", table, tables)
        for table_entry in plan.tables:
            if table_entry.id not in used and not plan.failed_ids(SECTIONS.name):
                yield at(
                    table_entry,
                    (),
                    "tabell-oanvänd",
                    "Tabellen visas inte på någon sida.",
                    f"Lägg till `tabeller: [{table_entry.id}]` i det avsnitt där den hör hemma.",
                    WARNING,
                )


def check_free_tables(site: SiteContent) -> Iterator[Diagnostic]:
    for _, plan in plans(site):
        for entry in plan.tables:
            width = len(entry.model.columns)
            for i, row in enumerate(entry.model.rows):
                if len(row) != width:
                    yield at(
                        entry,
                        ("rader", i),
                        "tabell-bredd",
                        f"Raden har {len(row)} celler men tabellen har {width} kolumner.",
                        'Lägg till tomma celler `""` eller ta bort överflödiga.',
                    )


def check_budget_rows(site: SiteContent) -> Iterator[Diagnostic]:
    followed = {d.folder: f.followed_up(d) for f in site.forbund for d in f.documents}
    for members, plan in plans(site):
        info = plan_forbund(site, plan)
        source = followed[plan.folder]  # a report's accounts name the insatser of its year's plan
        insatser = [i.id for i in source.insatser]
        failed = source.failed_ids(INSATSER.name)
        for entry, table, loc in budget_tables(plan):
            width = len(table.columns)
            totals = [
                (t, key)
                for t, key in (
                    (table.result, "resultat"),
                    (table.equity_opening, "ingående_eget_kapital"),
                    (table.equity_closing, "utgående_eget_kapital"),
                )
                if t is not None
            ]
            for walked in walk(table, loc):
                row, row_loc = walked.row, walked.loc
                cells = [(row.amounts, (*row_loc, "belopp"), row.note)] if row.amounts is not None else []
                if row.total is not None:
                    cells.append((row.total.amounts, (*row_loc, "summa", "belopp"), row.total.note))
                if row.member is not None and row.member not in COLLECTIVE and row.member not in members:
                    yield _member_ref(entry, (*row_loc, "medlem"), "Medlemmen", row.member, members)
                elif row.member is not None and (late := _not_member_then(
                        entry, (*row_loc, "medlem"), "Medlemmen", row.member, info, plan.year)) is not None:
                    yield late
                if row.insats is not None and row.insats not in insatser and row.insats not in failed:
                    yield unknown_ref(entry, (*row_loc, "insats"), "ref-insats", "Insatsen", row.insats, insatser)
                yield from _check_cells(entry, cells, width)
                if row.part and (row.rows is not None or row_loc[-1] == 0):
                    yield at(entry, (*row_loc, "varav"), "varav-plats",
                              "En `varav:`-rad är en del av posten före den i samma lista, men här finns ingen post "
                              "före den." if row.rows is None else "En grupp kan inte vara en `varav:`-rad.",
                              "Flytta raden direkt efter den post den är en del av, eller ta bort `varav: ja`.")
                if row.split and not table.key:
                    yield at(entry, (*row_loc, "fördelas"), "fördelas-nyckel",
                              "Raden ska fördelas enligt tabellens fördelningsnyckel, men tabellen har ingen "
                              "`fördelningsnyckel:`.",
                              "Lägg till `fördelningsnyckel:` i tabellen med varje medlems andel i procent, eller "
                              "ta bort `fördelas: ja`.")
            yield from _check_cells(entry, [(t.amounts, (*loc, key, "belopp"), t.note) for t, key in totals], width)
            for i, share in enumerate(table.shares):
                share_loc = (*loc, "fördelningsnyckel", i, "medlem")
                if share.member not in COLLECTIVE and share.member not in members:
                    yield _member_ref(entry, share_loc, "Medlemmen", share.member, members)
                elif (late := _not_member_then(entry, share_loc, "Medlemmen", share.member, info,
                                               plan.year)) is not None:
                    yield late


def plan_forbund(site: SiteContent, plan: DocumentContent) -> Forbund:
    """The forbund.yaml of a plan's förbund."""
    return next(f.info.model for f in site.forbund if f.id == plan.forbund_id)


def _check_cells(entry: Entry[Any], cells: list[tuple[list[Any], Loc, str]], width: int) -> Iterator[Diagnostic]:
    for amounts, loc, note in cells:
        split, written = _comma_split(entry, loc)
        comma = (f"Kommatecknet i `{split}` delade talet i två: inom `[ ]` skiljer kommatecken värdena åt. "
                 f"Skriv beloppen med `|` emellan i stället: `belopp: {written}`.")
        if len(amounts) != width:
            yield at(
                entry,
                loc,
                "budget-bredd",
                f"Raden har {len(amounts)} belopp men tabellen har {width} kolumner.",
                comma if split else "Skriv ett belopp per kolumn; en tom cell skrivs `~`.",
            )
        elif split and " " in split:  # `[1 200 000,5, 1 200 000]`: a grouped number, so surely a decimal comma
            yield at(entry, loc, "budget-komma", f"Beloppet `{split}` har delats i två av sitt decimalkomma.", comma)
        if UNKNOWN in amounts and not note:
            yield at(
                entry,
                loc,
                "okänt-utan-anm",
                "Ett belopp är `okänt` men raden förklarar inte varför.",
                "Lägg till `anm:` med en förklaring, till exempel att siffran inte går att läsa i källan.",
            )


def _raw(data: Any, loc: Loc) -> Any:
    """The value the author wrote at ``loc`` (None where the data is gone or the path leads nowhere)."""
    for step in loc:
        if isinstance(data, dict) and isinstance(step, str):
            data = data.get(step)
        elif isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            data = data[step]
        else:
            return None
    return data


def _comma_split(entry: Entry[Any], loc: Loc) -> tuple[str, str]:
    """In a `[ ]` list of amounts, a decimal comma splits a number in two (``[1 255,5, 1 255,5]`` is four values):
    a value that begins right after the comma that ends the one before it, with no space, continues it. Returns
    the first number so split and the amounts as they should be written, or ``("", "")``."""
    raw = _raw(entry.doc.data, loc)
    if not isinstance(raw, list) or len(raw) < 2:
        return "", ""
    texts = ["~" if value is None else str(value) for value in raw]
    marks = [entry.doc.marks.get((*loc, i)) for i in range(len(raw))]
    merged, split = [texts[0]], ""
    for i in range(1, len(texts)):
        before, here = marks[i - 1], marks[i]
        glued = (before is not None and here is not None and before.line == here.line
                 and here.column == before.column + len(texts[i - 1]) + 1 and texts[i].isdigit()
                 and len(texts[i]) <= 2 and merged[-1][-1:].isdigit() and "," not in merged[-1])
        if glued:
            merged[-1] += "," + texts[i]
            split = split or merged[-1]
        else:
            merged.append(texts[i])
    return (split, " | ".join(merged)) if split else ("", "")


CHECKS: list[Check] = [
    check_plan_year,
    check_unique_members,
    check_insats_refs,
    check_goal_refs,
    check_section_tables,
    check_free_tables,
    check_budget_rows,
    check_followup_refs,
]


def validate_site(site: SiteContent) -> list[Diagnostic]:
    return [diag for check in CHECKS for diag in check(site)]
