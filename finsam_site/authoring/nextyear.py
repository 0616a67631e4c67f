"""Next year's plan from last year's: the yearly cycle of ``finsam-site new plan``.

Pure: takes a loaded plan (its files' raw YAML data, as written, and their
text) and returns the new plan's files as text. What carries over and how:

* ``plan.yaml``: the years shift (title, ``år``, ``planår``); the decision date
  is removed until the board has decided again.
* ``budget.yaml``: the old plan years become the new budget and plan years,
  the old budget year stays as last year's column, older columns go, and the
  new last plan year gets an empty column to fill in.
* goals, prose and free tables are copied as written; insatser still running
  in the new year carry over, with the granted amount for the new year taken
  from the budget line.
* acknowledgements carry over for the author to prune (one that no longer
  matches a finding is reported by ``check``); the follow-up belongs to the
  old plan and stays there.

Everything the author must revisit gets an ``ATT GÖRA`` comment (todo.py), so
``check`` lists it with file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..formatting import MINUS, NBSP, number
from ..load.amounts import UNIT_FACTOR, AmountError, parse_amount
from ..load.content import DocumentContent, Entry
from ..load.kinds import ACKNOWLEDGEMENTS, BUDGET, FOLLOWUP, GOALS, INSATSER, PLAN, SECTIONS, TABLES, Kind
from ..load.parse import split_front_matter
from ..load.todo import MARKER
from ..load.unstated import restore_unstated
from ..load.yamlload import Loc
from .yamlwrite import dump

Comments = dict[Loc, list[str]]
AMOUNT_KEYS = ("resultat", "ingående_eget_kapital", "utgående_eget_kapital")


@dataclass
class NewPlan:
    files: dict[str, str] = field(default_factory=dict)  # path inside the new plan's folder → text
    left: list[str] = field(default_factory=list)  # what did not carry over, for the author


def todo(text: str) -> str:
    return f"{MARKER}: {text}"


def shift_years(text: str, old: int, new: int) -> str:
    """Years of the old plan period (and the two after it) move by ``new - old``: 2024–2026 → 2025–2027."""
    return re.sub(r"\b(\d{4})\b", lambda m: str(int(m[1]) + new - old) if old <= int(m[1]) <= old + 4 else m[1], text)


def next_plan(plan: DocumentContent, year: int, read: Callable[[str], str]) -> NewPlan:
    """``read`` gives the text of a file by its path relative to the site."""
    old = plan.year
    result = NewPlan()
    ended = {i.id for i in plan.insatser if not _running(i.doc.data, year)}
    result.files[PLAN.path] = _plan_file(restore_unstated(plan.meta.doc.data, plan.meta.unstated), old, year)
    budget: dict[str, Any] = {}
    if plan.budget is not None:
        budget, comments = _budget(plan.budget.doc.data, old, year, ended)
        result.files[BUDGET.path] = dump(budget, comments)
    for insats in plan.insatser:
        if insats.id in ended:
            result.left.append(f"Insatsen {insats.model.name} ({_name(insats)}) avslutades före {year}.")
        else:
            result.files[_name(insats, INSATSER.folder)] = _insats_file(insats, read(insats.path), budget, year)
    texts: list[tuple[Kind[Any], list[Entry[Any]]]] = [(GOALS, list(plan.goals)), (SECTIONS, list(plan.sections))]
    for kind, entries in texts:
        what = "målet (mått, målvärden och år)" if kind is GOALS else "texten"
        for entry in entries:
            text = _front_comment(read(entry.path), todo(f"läs igenom {what} inför {year}; från planen för {old}."))
            if kind is GOALS and entry.doc.data.get("år") == str(old):
                text = _replace_on_line(text, entry.doc.mark(("år",)).line + 1, str(old), str(year))
            result.files[_name(entry, kind.folder)] = text
    for table in plan.tables:
        note = f"# {todo(f'se över tabellen inför {year}; den är från planen för {old}.')}\n"
        result.files[_name(table, TABLES.folder)] = note + read(table.path)
    if plan.acknowledgements is not None:
        note = todo(f"kvitteringarna är från planen för {old}; behåll bara dem som gäller också {year}.")
        result.files[ACKNOWLEDGEMENTS.path] = f"# {note}\n" + read(plan.acknowledgements.path)
    if plan.followup is not None:
        result.left.append(f"{FOLLOWUP.path} följer upp planen för {old}; uppföljningen av {year} skrivs under året.")
    return result


def _name(entry: Entry[Any], folder: str = "") -> str:
    name = entry.path.rsplit("/", 1)[-1]
    return f"{folder}/{name}" if folder else name


def _running(data: Any, year: int) -> bool:
    period = data.get("period") if isinstance(data, dict) else None
    end = period.get("slut") if isinstance(period, dict) else None
    return not (isinstance(end, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", end) and int(end[:4]) < year)


DECIDE = "när styrelsen har beslutat planen: ändra status till beslutad och skriv in beslutad: ÅÅÅÅ-MM-DD"


def _plan_file(data: dict[str, Any], old: int, year: int) -> str:
    new: dict[str, Any] = {}
    comments: Comments = {}
    keys = list(data)
    for key in keys:
        value = data[key]
        if key in ("titel", "sammanfattning"):
            value = shift_years(value, old, year) if isinstance(value, str) else value
        elif key == "år":
            value = str(year)
        elif key == "planår":
            value = [str(year + 1), str(year + 2)]
        elif key == "förslag_till_beslut":
            value = [shift_years(v, old, year) if isinstance(v, str) else v for v in _as_list(value)]
            comments[(key,)] = [todo("kontrollera förslaget till beslut.")]
        elif key in ("beslutad", "status"):
            continue
        new[key] = value
    new = {"status": "utkast", **new} if "titel" not in new else _after(new, "titel", "status", "utkast")
    comments[("status",)] = [todo(DECIDE)]
    if "planår" not in new:
        new["planår"] = [str(year + 1), str(year + 2)]
    return dump(new, comments)


def _after(data: dict[str, Any], anchor: str, key: str, value: Any) -> dict[str, Any]:
    """``data`` with ``key: value`` placed right after ``anchor``."""
    result: dict[str, Any] = {}
    for k, v in data.items():
        result[k] = v
        if k == anchor:
            result[key] = value
    return result


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _budget(data: dict[str, Any], old: int, year: int, ended: set[str]) -> tuple[dict[str, Any], Comments]:
    comments: Comments = {}
    tables = []
    for index, table in enumerate(_as_list(data.get("tabeller"))):
        tables.append(_table(table, old, year, ended, ("tabeller", index), comments) if isinstance(table, dict)
                      else table)
    return {**data, "tabeller": tables}, comments


def raw_budget_column(columns: list[Any], year: int) -> int | None:
    """In a budget table's raw ``kolumner``, the index of the budget column of ``year``, or None."""
    return next((i for i, c in enumerate(columns) if _year(c) == year and c.get("typ") == "budget"), None)


def _year(column: Any) -> int | None:
    text = column.get("år") if isinstance(column, dict) else None
    return int(text) if isinstance(text, str) and re.fullmatch(r"\d{4}", text.strip()) else None


def _table(table: dict[str, Any], old: int, year: int, ended: set[str], loc: Loc, comments: Comments) -> dict[str, Any]:
    columns = [c if isinstance(c, dict) else {} for c in _as_list(table.get("kolumner"))]
    years = [_year(c) for c in columns]
    later = [y for y in years if y is not None and y > old]
    plan_kind = next((c.get("typ") for c, y in zip(columns, years, strict=True) if y in later), "plan") or "plan"
    wanted = sorted({year, *(range(year + 1, year + 3) if later else ()), *(y for y in later if y >= year)})
    chosen: list[tuple[dict[str, Any], int | None, str]] = []  # column, index in the old table, comment
    chosen += [(c, i, "") for i, (c, y) in enumerate(zip(columns, years, strict=True)) if y is None]
    chosen += [(c, i, "") for i, (c, y) in enumerate(zip(columns, years, strict=True)) if y == year - 1]
    for target in wanted:
        found = next((i for i, y in enumerate(years) if y == target), None)
        if found is None:
            kind = "budget" if target == year else plan_kind
            label = f"{str(kind).capitalize()} {target}"
            chosen.append(({"rubrik": label, "typ": kind, "år": str(target)}, None,
                           todo(f"fyll i beloppen för {label} i varje rad (kolumnen är tom).")))
        elif target == year and columns[found].get("typ") != "budget":
            label = str(columns[found].get("rubrik", ""))
            new_label = re.sub(r"^(plan|prognos)\b", "Budget", label, flags=re.I)
            new_label = new_label if new_label != label else f"Budget {year}"
            chosen.append(({**columns[found], "rubrik": new_label, "typ": "budget"}, found,
                           todo(f"kontrollera beloppen för {new_label}; de är från {label} i planen för {old}.")))
        else:
            chosen.append((columns[found], found, ""))
    for index, (_, _, comment) in enumerate(chosen):
        if comment:
            comments[(*loc, "kolumner", index)] = [comment]
    sources = [source for _, source, _ in chosen]
    new = {**table, "kolumner": [column for column, _, _ in chosen]}
    if isinstance(table.get("rubrik"), str):
        new["rubrik"] = shift_years(table["rubrik"], old, year)
    new["rader"] = column_rows(_as_list(table.get("rader")), sources, ended, year, (*loc, "rader"), comments)
    for key in AMOUNT_KEYS:
        if isinstance(table.get(key), dict):
            new[key] = column_amounts(table[key], sources)
    return new


def column_rows(rows: list[Any], sources: list[int | None], ended: set[str], year: int, loc: Loc,
          comments: Comments) -> list[Any]:
    result = []
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            result.append(row)
            continue
        new = column_amounts(row, sources)
        if isinstance(row.get("rader"), list):
            new["rader"] = column_rows(row["rader"], sources, ended, year, (*loc, index, "rader"), comments)
        if isinstance(row.get("summa"), dict):
            new["summa"] = column_amounts(row["summa"], sources)
        if row.get("insats") in ended:
            del new["insats"]
            comments[(*loc, index)] = [todo(f"insatsen `{row['insats']}` avslutades före {year}; ta bort raden "
                                            "eller koppla den till en ny insats med `insats:`.")]
        result.append(new)
    return result


def column_amounts(item: dict[str, Any], sources: list[int | None]) -> dict[str, Any]:
    if "belopp" not in item:
        return dict(item)
    value = item["belopp"]
    cells = [c.strip() for c in value.split("|")] if isinstance(value, str) else _as_list(value)
    picked = [cells[s] if s is not None and s < len(cells) else None for s in sources]
    return {**item, "belopp": re.sub(" {2,}", " ", " | ".join(c or "" for c in picked)).strip()}


def _insats_file(entry: Entry[Any], text: str, budget: dict[str, Any], year: int) -> str:
    front = dict(restore_unstated(entry.doc.data, entry.unstated))
    comments: Comments = {}
    granted = dict(front.get("beviljat") or {})
    if str(year) not in granted:
        amount = _granted_from_budget(budget, entry.id, year)
        if amount is not None:
            granted[str(year)] = amount
            comments[("beviljat", str(year))] = [todo(f"bekräfta beloppet för {year} (från budgetraden) och läs "
                                                      "igenom insatsen.")]
        else:
            comments[("beviljat",) if granted else ("namn",)] = [todo(f"skriv in beviljat belopp för {year} och läs "
                                                                      "igenom insatsen.")]
    if granted:
        front["beviljat"] = granted
    _, body, _, _ = split_front_matter(text, entry.path)
    return f"---\n{dump(front, comments)}---\n{body}"


def _granted_from_budget(budget: dict[str, Any], insats: str, year: int) -> str | None:
    """The insats's line in the new budget year, in kronor as an author writes it: ``595 000 kronor``."""
    for table in _as_list(budget.get("tabeller")):
        columns = _as_list(table.get("kolumner"))
        column = raw_budget_column(columns, year)
        line = _find_line(_as_list(table.get("rader")), insats)
        if column is None or line is None:
            continue
        cells = [c.strip() for c in str(line.get("belopp", "")).split("|")]
        try:
            amount, _ = parse_amount(cells[column]) if column < len(cells) and cells[column] else (None, None)
        except AmountError:
            return None
        if amount is None:
            return None
        kronor = abs(amount) * UNIT_FACTOR.get(str(table.get("enhet")), 1)
        return f"{number(kronor.quantize(Decimal(1))).replace(NBSP, ' ').replace(MINUS, '-')} kronor"
    return None


def _find_line(rows: list[Any], insats: str) -> dict[str, Any] | None:
    for row in rows:
        if isinstance(row, dict) and row.get("insats") == insats:
            return row
        found = _find_line(_as_list(row.get("rader")), insats) if isinstance(row, dict) else None
        if found is not None:
            return found
    return None


def _front_comment(text: str, comment: str) -> str:
    """A comment as the first line of a Markdown file's fields."""
    first, _, rest = text.partition("\n")
    return f"{first}\n# {comment}\n{rest}" if first.strip() == "---" else f"<!-- {comment} -->\n{text}"


def _replace_on_line(text: str, line: int, old: str, new: str) -> str:
    lines = text.split("\n")
    if 0 < line <= len(lines):
        lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)
