"""``finsam-site new delarsrapport|arsredovisning|rapport FÖRBUND ÅR``: a report's folder, filled from its year's plan.

The report gets its anchor file (title, year, status utkast), a first section, and, where the förbund has a plan
for the year, its accounts (``ekonomi.yaml``: the plan's budget table with the year's budget as printed in the plan
and an empty column for the outcome, a forecast too in a delårsrapport) and a follow-up (``uppfoljning.yaml``)
that lists each of the plan's measures to fill in. What the author must write is marked ``ATT GÖRA``.
"""

from __future__ import annotations

from typing import Any

from ..load.content import DocumentContent, ForbundContent
from ..load.documents import DOCUMENT_TYPES, DocKind, DocumentType
from .nextyear import AMOUNT_KEYS, Comments, column_amounts, column_rows, raw_budget_column, todo
from .yamlwrite import dump

TITLES: dict[DocKind, str] = {
    "delårsrapport": "Delårsrapport januari–augusti {year}",
    "årsredovisning": "Årsredovisning {year}",
    "rapport": "Uppföljningsrapport {year}",
}
FIRST_SECTION: dict[DocKind, tuple[str, str]] = {
    "delårsrapport": ("01-forvaltningsberattelse.md", "Förvaltningsberättelse"),
    "årsredovisning": ("01-forvaltningsberattelse.md", "Förvaltningsberättelse"),
    "rapport": ("01-inledning.md", "Inledning"),
}
# The columns beside the year's budget: (label, kind) with {year} filled in.
OUTCOME_COLUMNS: dict[DocKind, tuple[tuple[str, str], ...]] = {
    "delårsrapport": (("Utfall januari–augusti {year}", "utfall"), ("Prognos {year}", "prognos")),
    "årsredovisning": (("Utfall {year}", "utfall"),),
    "rapport": (("Utfall {year}", "utfall"),),
}


def report_files(kind: DocKind, forbund: ForbundContent, year: int) -> dict[str, str]:
    """The new report's files (path inside its folder → text)."""
    document = DOCUMENT_TYPES[kind]
    plan = forbund.plan_of(year)
    name, heading = FIRST_SECTION[kind]
    files = {
        document.anchor: _anchor(kind, document, year),
        f"avsnitt/{name}": f"---\nrubrik: {heading}\n---\n{todo(f'skriv {document.genitive} text.')}\n",
    }
    if plan is not None and plan.budget is not None and isinstance(plan.budget.doc.data, dict):
        files[document.money_file] = _accounts(kind, plan, year)
    if plan is not None and any(g.model.measures for g in plan.goals):
        files["uppfoljning.yaml"] = _followup(kind, document, plan, year)
    return files


def _anchor(kind: DocKind, document: DocumentType, year: int) -> str:
    data: dict[str, Any] = {"titel": TITLES[kind].format(year=year), "år": str(year), "status": "utkast"}
    comments: Comments = {
        ("status",): [todo(f"när styrelsen har beslutat {document.noun}: ändra status till beslutad och skriv in "
                           "beslutad: ÅÅÅÅ-MM-DD")],
    }
    if kind == "delårsrapport":
        data["period_till"] = f"{year}-08-31"
        comments[("period_till",)] = [todo("kontrollera sista dagen som delårsrapporten omfattar.")]
    data["sammanfattning"] = ""
    comments[("sammanfattning",)] = [todo(f"en eller två meningar om {document.noun}.")]
    return dump(data, comments)


def _accounts(kind: DocKind, plan: DocumentContent, year: int) -> str:
    """The plan's first budget table with its column for ``year`` and empty outcome columns."""
    assert plan.budget is not None
    source = plan.budget.doc.data
    tables = source.get("tabeller") if isinstance(source, dict) else None
    table = tables[0] if isinstance(tables, list) and tables and isinstance(tables[0], dict) else {}
    found = table.get("kolumner")
    columns: list[Any] = found if isinstance(found, list) else []
    budget = raw_budget_column(columns, year)
    added = [{"rubrik": label.format(year=year), "typ": typ, "år": str(year)} for label, typ in OUTCOME_COLUMNS[kind]]
    chosen = ([columns[budget]] if budget is not None else []) + added
    sources = ([budget] if budget is not None else []) + [None] * len(added)
    comments: Comments = {}
    new: dict[str, Any] = {"rubrik": f"Resultaträkning {year}", "enhet": table.get("enhet", "kr"), "kolumner": chosen}
    new["rader"] = column_rows(table.get("rader") or [], sources, set(), year, ("tabeller", 0, "rader"), comments)
    for key in AMOUNT_KEYS:
        if isinstance(table.get(key), dict):
            new[key] = column_amounts(table[key], sources)
    comments[("tabeller", 0, "kolumner")] = [todo(
        "fyll i utfallet i varje rad; budgetkolumnen är planens budget som den beslutades" if budget is not None
        else "fyll i utfallet i varje rad (planen har ingen budgetkolumn för året)."
    )]
    comments[("tabeller",)] = [
        f"Resultaträkningen utgår från budgettabellen i planen för {year}. Lägg till en balansräkning som en tabell",
        "till, med raderna i grupperna tillgångar, skulder och eget kapital (kategori: tillgångar, skulder, eget",
        "kapital).",
    ]
    return dump({"tabeller": [new]}, comments)


def _followup(kind: DocKind, document: DocumentType, plan: DocumentContent, year: int) -> str:
    occasion = f"{DOCUMENT_TYPES[kind].suffix}-{year}"
    label = TITLES[kind].format(year=year)
    outcomes = [
        {"tillfälle": occasion, "mål": goal.id, "mått": str(number), "värde": ""}
        for goal in plan.goals
        for number, _ in enumerate(goal.model.measures, start=1)
    ]
    comments: Comments = {("utfall",): [
        todo(f"skriv varje måtts utfall enligt {document.noun} i `värde:` (eller täljare och nämnare), och ta bort "
             "de mått som den inte följer upp."),
    ]}
    for index, outcome in enumerate(outcomes):
        goal = next(g for g in plan.goals if g.id == outcome["mål"])
        measure = goal.model.measures[int(outcome["mått"]) - 1]
        about = f"{goal.model.title.rstrip('.')} – {measure.text}" + (
            f" (målvärde {measure.target})" if measure.target else ""
        )
        comments[("utfall", index)] = [" ".join(about.split())]
    data = {
        "tillfällen": [{"id": occasion, "namn": label, "typ": "delår" if kind == "delårsrapport" else "helår"}],
        "utfall": outcomes,
    }
    return dump(data, comments)
