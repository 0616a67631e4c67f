"""Open data: every plan's budget, goals and insatser as files anyone can reuse (lag 2022:818).

Per plan, under ``<förbund>/<år>/data/``:

* ``<förbund>-<år>-budget.csv``: one line per budget cell, for Swedish Excel (UTF-8 with BOM, ``;`` between
  fields, decimal comma, CRLF line ends);
* ``<förbund>-<år>-budget.json``: the budget tables as in ``budget.yaml``, with the tool's own group sums;
* ``<förbund>-<år>-mal-och-insatser.json``: the plan's facts, its goals and its insatser;

and one site-wide index ``data/index.json`` of every förbund and plan with its files and key figures.
The JSON keys are the Swedish field names of the content format (docs/content-format.md); the formats are
described in docs/open-data.md. Everything is computed from the loaded content: no clocks, fixed order.

Each file is a page of format ``json`` or ``csv`` (pages/plan.py, pages/site.py): :func:`render_json` and
:func:`render_csv` are those formats' renderers (output/render.py). A page's ``template`` names the file's shape
(``budget_csv``, ``budget_json``, ``mal_och_insatser_json``: the keys of ``urls.plan_downloads``; ``index_json``),
its context holds the plan's content and its förbund's card (``plan``, ``forbund``) or the förbund cards
(``forbund``), and the site's settings (``site.yaml``: address, licence) come from the renderer's ``site``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .. import urls
from ..check import sums
from ..diagnostics import Diagnostic
from ..load.accounts import Row, Table, Total
from ..load.content import DocumentContent
from ..load.settings import Licence, SiteConfig
from ..pages.page import Page
from ..pages.site import CSV_COLUMNS
from ..urls import absolute_url

if TYPE_CHECKING:
    import jinja2

    from ..compute.cards import ForbundCard, PlanCard

GROUP_SEPARATOR = " > "
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP: text that a spreadsheet would take for a formula

Rendered = tuple[dict[str, bytes], list[Diagnostic]]
Context = dict[str, Any]


def render_json(env: jinja2.Environment, pages: list[Page], site: dict[str, Any]) -> Rendered:
    """The JSON files among ``pages``, by URL (``env`` is unused: the shapes are Python, not templates)."""
    config: SiteConfig = site["config"]
    return {page.url: to_json(_JSON_SHAPES[page.template](page.context, config)) for page in pages}, []


def render_csv(env: jinja2.Environment, pages: list[Page], site: dict[str, Any]) -> Rendered:
    """The CSV files among ``pages``, by URL."""
    return {page.url: _CSV_SHAPES[page.template](page.context) for page in pages}, []


_JSON_SHAPES: dict[str, Callable[[Context, SiteConfig], dict[str, Any]]] = {
    "budget_json": lambda c, config: budget_json(c["forbund"], c["plan"], config.licence),
    "mal_och_insatser_json": lambda c, config: goals_json(c["forbund"], c["plan"], config.base_url, config.licence),
    "index_json": lambda c, config: site_index(config, c["forbund"]),
}
_CSV_SHAPES: dict[str, Callable[[Context], bytes]] = {"budget_csv": lambda c: budget_csv(c["plan"])}


# --- JSON -----------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return dump(value)
    raise TypeError(f"{type(value).__name__} kan inte skrivas som JSON")


def to_json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, default=_encode) + "\n").encode("utf-8")


def dump(model: BaseModel, compact: bool = False) -> dict[str, Any]:
    """A content model with the Swedish field names of the content format; ``compact`` leaves out empty fields."""
    return model.model_dump(by_alias=True, exclude={"rules"}, exclude_none=compact)


def licence_json(licence: Licence | None) -> dict[str, Any] | None:
    """``{"namn": …, "url": …}``, or None (JSON null) when site.yaml states no licence: none is assumed."""
    return dump(licence) if licence is not None else None


def _plan_head(forbund: ForbundCard, plan: DocumentContent, licence: Licence | None) -> dict[str, Any]:
    info = forbund.info
    return {
        "förbund": {"id": forbund.id, "namn": info.name, "kortnamn": info.short_name, "orgnr": info.org_nr},
        "år": plan.year,
        "titel": plan.meta.model.title,
        "källa": urls.plan_dir(plan) + "/",
        "licens": licence_json(licence),
    }


def _table_json(table: Table) -> dict[str, Any]:
    width = len(table.columns)

    def rows(items: list[Row]) -> list[dict[str, Any]]:
        result = []
        for row in items:
            data = dump(row, compact=True)
            if row.rows is not None:
                data["rader"] = rows(row.rows)
                data["beräknad_summa"] = sums.row_sums(row, width)
            result.append(data)
        return result

    data = dump(table, compact=True)
    data["rader"] = rows(table.rows)
    data["beräknat_resultat"] = sums.computed_result(table)
    return data


def budget_json(forbund: ForbundCard, plan: DocumentContent, licence: Licence | None = None) -> dict[str, Any]:
    budget = plan.budget.model if plan.budget else None
    return {
        **_plan_head(forbund, plan, licence),
        "tabeller": [_table_json(t) for t in budget.tables] if budget else [],
        "noter": budget.notes if budget else "",
    }


def goals_json(
    forbund: ForbundCard, plan: DocumentContent, base_url: str | None, licence: Licence | None = None
) -> dict[str, Any]:
    def insats(entry: Any) -> dict[str, Any]:
        data = {"id": entry.id, **dump(entry.model), "text": entry.body.strip()}
        co = entry.model.co_financing
        if co is not None and co.budget is not None:
            data["medfinansiering"]["budget"] = _table_json(co.budget)
        return {**data, "sida": absolute_url(base_url, urls.insats(plan, entry.id))}

    return {
        **_plan_head(forbund, plan, licence),
        "plan": dump(plan.meta.model),
        "mål": [
            {
                "id": g.id,
                **dump(g.model),
                "text": g.body.strip(),
                "insatser": [i.id for i in plan.insatser if g.id in i.model.goals],
                "sida": absolute_url(base_url, urls.goal(plan, g.id)),
            }
            for g in plan.goals
        ],
        "insatser": [insats(i) for i in plan.insatser],
    }


def site_index(config: SiteConfig, forbund: list[ForbundCard]) -> dict[str, Any]:
    return {
        "titel": config.title,
        "utgivare": config.publisher,
        "adress": config.base_url,
        "beskrivning": absolute_url(config.base_url, urls.DATA_PAGE),
        "licens": licence_json(config.licence),
        "förbund": [
            {
                "id": card.id,
                **dump(card.info),
                "planer": [_plan_entry(plan, config.base_url) for plan in card.plans],
                "rapporter": [{"slag": r.kind, **_plan_entry(r, config.base_url)} for r in card.reports],
            }
            for card in forbund
        ],
    }


def _plan_entry(plan: PlanCard, base_url: str | None) -> dict[str, Any]:
    figures = plan.figures
    return {
        "år": plan.year,
        "titel": plan.title,
        "beslutad": plan.decided,
        "sida": absolute_url(base_url, plan.url),
        "filer": {d.key: absolute_url(base_url, d.url) for d in plan.downloads},
        "nyckeltal": {
            "kolumn": figures.column,
            "intäkter_kr": figures.revenues,
            "kostnader_kr": figures.costs,
            "administration_kr": figures.administration,
            "administrationens_andel_procent": None if figures.admin_share is None else round(figures.admin_share, 1),
            "medlemsbidrag_kr": figures.contributions,
            "eget_kapital_kr": figures.equity,
            "antal_insatser": figures.insatser_count,
            "beviljat_insatser_kr": figures.insatser_granted,
            "insatser_i_budgeten_kr": figures.insatser_budget,
        },
    }


# --- CSV ------------------------------------------------------------------------------


def csv_number(value: Decimal | str | None) -> str:
    """``Decimal("-1255.5")`` → ``-1255,5``: what Swedish Excel reads as a number; ``okänt`` stays."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return f"{value.normalize():f}".replace(".", ",") if value != 0 else "0"


def csv_text(value: str) -> str:
    """Text that Excel must not run as a formula gets a leading apostrophe."""
    text = " ".join(value.split())
    return "'" + text if text.startswith(FORMULA_START) else text


@dataclass(frozen=True)
class _Line:
    groups: list[str]
    label: str
    kind: str
    category: str
    member: str
    insats: str
    amounts: list[Decimal | str | None]
    note: str


def _total_line(groups: list[str], total: Total, kind: str, category: str = "") -> _Line:
    return _Line(groups, total.label, kind, category, "", "", list(total.amounts), total.note)


def table_lines(table: Table) -> Iterator[_Line]:
    """The table's lines in print order: posts and printed sums, then the result and the equity."""
    for at in sums.walk(table, closing=True):
        row = at.row
        if row.rows is None:
            yield _Line(list(at.groups), row.label, "post", at.category, row.member or "", row.insats or "",
                        list(row.amounts or []), row.note)
        elif at.closing and row.total is not None:
            yield _total_line([*at.groups, row.label], row.total, "summa", at.category)
    for total, kind in (
        (table.result, "resultat"),
        (table.equity_opening, "ingående eget kapital"),
        (table.equity_closing, "utgående eget kapital"),
    ):
        if total is not None:
            yield _total_line([], total, kind)


def budget_csv(plan: DocumentContent) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([name for name, _ in CSV_COLUMNS])
    for table in plan.budget.model.tables if plan.budget else []:
        for line in table_lines(table):
            for index, column in enumerate(table.columns):
                amount = sums.cell_at(line.amounts, index)
                kronor = sums.to_kronor(amount, table.unit) if isinstance(amount, Decimal) else amount
                writer.writerow(
                    [
                        plan.forbund_id,
                        plan.year,
                        csv_text(table.title),
                        csv_text(GROUP_SEPARATOR.join(line.groups)),
                        csv_text(line.label),
                        line.kind,
                        line.category,
                        line.member,
                        line.insats,
                        csv_text(column.label),
                        column.kind,
                        column.year or "",
                        csv_number(amount),
                        table.unit,
                        csv_number(kronor),
                        csv_text(line.note),
                    ]
                )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
