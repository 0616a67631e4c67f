"""The check of form: references between files and the shape of tables.

Each check is a small function ``check_…(site) -> Iterator[Diagnostic]``;
:func:`validate_site` runs them all. The substance rules (arithmetic, the
Finsam law) live in the rules package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..diagnostics import ERROR, WARNING, Diagnostic, Severity
from ..load.content import DocumentContent, Entry, SiteContent
from ..load.explain import closest
from ..load.fields import UNKNOWN
from ..load.kinds import GOALS, INSATSER, SECTIONS, TABLES
from ..load.outcomes import FollowUp, Level, level_named, scale_for
from ..load.yamlload import Loc
from .sums import budget_tables, walk

Check = Callable[[SiteContent], Iterator[Diagnostic]]


def at(
    entry: Entry[Any], loc: Loc, rule: str, message: str, hint: str = "", severity: Severity = ERROR, key: bool = False
) -> Diagnostic:
    mark = entry.doc.mark(loc, key=key)
    return Diagnostic(entry.path, mark.line, mark.column, severity, rule, message, hint)


def _unknown_ref(entry: Entry[Any], loc: Loc, rule: str, what: str, value: str, known: list[str]) -> Diagnostic:
    parts = [part.strip() for part in value.split(",")]
    if len(parts) > 1 and all(part in known for part in parts):  # `mål: a, b` is one text, not a list
        key = next((step for step in reversed(loc) if isinstance(step, str)), "")
        return at(entry, loc, rule, f"`{value}` är en enda text, inte en lista med {len(parts)} id.",
                  f"Skriv listan inom hakparenteser: `{key}: [{', '.join(parts)}]`.")
    segment = [k for k in known if value.lower() in k.split("-")]  # `region` for `region-vasternorrland`
    guess = segment[0] if len(segment) == 1 else closest(value, known)
    hint = f"menade du `{guess}`?" if guess else ("kända: " + ", ".join(f"`{k}`" for k in known) if known else
                                                  "Här finns inget att hänvisa till ännu; skapa det först eller ta "
                                                  "bort hänvisningen.")
    return at(entry, loc, rule, f"{what} `{value}` finns inte.", hint)


def plans(site: SiteContent) -> Iterator[tuple[dict[str, str], DocumentContent]]:
    """Each plan with its förbund's members (id → name)."""
    for forbund in site.forbund:
        members = {m.id: m.name for m in forbund.info.model.members}
        for plan in forbund.documents:
            yield members, plan


def _member_ref(entry: Entry[Any], loc: Loc, what: str, value: str, members: dict[str, str]) -> Diagnostic:
    """An unknown member; one written by its name (``Försäkringskassan``) gets its id offered."""
    by_name = {_fold(name): ident for ident, name in members.items()}
    ident = by_name.get(_fold(value))
    if ident is None:
        return _unknown_ref(entry, loc, "ref-part", what, value, list(members))
    return at(entry, loc, "ref-part", f"{what} `{value}` är skriven med sitt namn; här anges medlemmens id.",
              f"Skriv `{ident}` (id:t för {members[ident]} i forbund.yaml).")


def _goal_ref(entry: Entry[Any], loc: Loc, value: str, goals: list[Entry[Any]]) -> Diagnostic:
    """An unknown goal; one written by its number or title (``Mål 1``) gets its id offered."""
    by_name = {_fold(text): g.id for g in goals for text in (g.model.number, g.model.title) if text}
    ident = by_name.get(_fold(value))
    if ident is None:
        return _unknown_ref(entry, loc, "ref-mål", "Målet", value, [g.id for g in goals])
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
        goals = [g.id for g in plan.goals]
        failed = plan.failed_ids(GOALS.name)
        for entry in plan.insatser:
            for i, party in enumerate(entry.model.parties):
                if party not in members:
                    yield _member_ref(entry, ("parter", i), "Parten", party, members)
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
                        yield _unknown_ref(entry, (key, i), "ref-område", f"`{key}`: id", value, known[key])
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
                    yield _unknown_ref(entry, ("tabeller", i), "ref-tabell", "Tabellen", table, tables)
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
            for at in walk(table, loc):
                row, row_loc = at.row, at.loc
                cells = [(row.amounts, (*row_loc, "belopp"), row.note)] if row.amounts is not None else []
                if row.total is not None:
                    cells.append((row.total.amounts, (*row_loc, "summa", "belopp"), row.total.note))
                if row.member is not None and row.member != "staten" and row.member not in members:
                    yield _member_ref(entry, (*row_loc, "medlem"), "Medlemmen", row.member, members)
                if row.insats is not None and row.insats not in insatser and row.insats not in failed:
                    yield _unknown_ref(entry, (*row_loc, "insats"), "ref-insats", "Insatsen", row.insats, insatser)
                yield from _check_cells(entry, cells, width)
            yield from _check_cells(entry, [(t.amounts, (*loc, key, "belopp"), t.note) for t, key in totals], width)


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


def check_followup_refs(site: SiteContent) -> Iterator[Diagnostic]:
    for forbund in site.forbund:
        for document in forbund.documents:
            if document.followup is None:
                continue
            plan = forbund.followed_up(document)  # a report's outcomes are of its year's plan's goals
            scale = scale_for(document.followup.model, forbund.info.model.status_scale)
            for i, _outcome in enumerate(document.followup.model.outcomes):
                yield from _outcome_refs(plan, document.followup, ("utfall", i))
                yield from _printed_status(document.followup, i, scale)


def _printed_status(entry: Entry[FollowUp], index: int, scale: tuple[Level, ...]) -> Iterator[Diagnostic]:
    """A status copied from a report is a word of the scale its statuses are judged by."""
    printed = entry.model.outcomes[index].printed_status
    if printed is not None and level_named(scale, printed) is None:
        words = ", ".join(f"`{level.word}`" for level in scale)
        hint = (f"Skriv ett av orden i statusskalan: {words}; förbundets egna ord skrivs under `statusskala:` i "
                "forbund.yaml eller uppfoljning.yaml.")
        yield at(entry, ("utfall", index, "status_i_rapporten"), "ref-status", f"Statusen `{printed}` finns inte i "
                 "statusskalan.", hint)


def _outcome_refs(plan: DocumentContent, entry: Entry[Any], loc: Loc) -> Iterator[Diagnostic]:
    """The references of one outcome of ``entry`` to the goals and insatser of ``plan`` (the followed-up document)."""
    outcome = entry.model.outcomes[loc[-1]]
    goals = {g.id: g for g in plan.goals}
    occasions = [o.id for o in entry.model.occasions]
    if outcome.occasion not in occasions:
        yield _unknown_ref(entry, (*loc, "tillfälle"), "ref-tillfälle", "Tillfället", outcome.occasion, occasions)
    if (outcome.goal is None) == (outcome.insats is None):
        message = "Ett utfall gäller antingen ett mål (`mål:` och `mått:`) eller en insats (`insats:`)."
        yield at(entry, loc, "utfall-form", message)
    if outcome.goal is not None and outcome.goal in plan.failed_ids(GOALS.name):
        pass  # the goal's file has its own error
    elif outcome.goal is not None and outcome.goal not in goals:
        yield _unknown_ref(entry, (*loc, "mål"), "ref-mål", "Målet", outcome.goal, list(goals))
    elif outcome.goal is not None:
        count = len(goals[outcome.goal].model.measures)
        if outcome.measure is None or not 1 <= outcome.measure <= count:
            message = f"Målet `{outcome.goal}` har {count} mått; ange `mått:` som ett nummer från 1 till {count}."
            yield at(entry, (*loc, "mått"), "ref-mått", message)
    insatser = [i.id for i in plan.insatser]
    failed = plan.failed_ids(INSATSER.name)
    if outcome.insats is not None and outcome.insats not in insatser and outcome.insats not in failed:
        yield _unknown_ref(entry, (*loc, "insats"), "ref-insats", "Insatsen", outcome.insats, insatser)


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
