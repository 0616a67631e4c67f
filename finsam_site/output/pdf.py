"""An accessible PDF of each plan (PDF/UA-1, tagged, language sv), rendered with WeasyPrint.

The PDF is made from the same content and computed figures as the site,
through the template ``pdf/plan.html`` and the stylesheet ``static/pdf.css``.
WeasyPrint needs Pango from the system (Debian: libpango-1.0-0,
libpangoft2-1.0-0); without it the site is built without PDFs and a warning
says why (an error when PDFs were asked for with ``--pdf``).

The PDF reads like the decided document: the plan's sections (avsnitt) in
their own order and words, then the chapters made from the structured content
(goals, insatser, budget). A goal or insats whose text already stands in the
sections (see :func:`in_prose`) is not printed a second time in its chapter;
its findings follow the section that holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2

from .. import urls
from ..check import sums
from ..check.rules import PlanReport
from ..compute import budget as compute
from ..diagnostics import ERROR, WARNING, Diagnostic
from ..load.accounts import Table
from ..load.content import DocumentContent, Entry
from ..load.model import FreeTable, Goal, Insats
from ..pages.page import Page
from .templates import default_theme_dir, page_problem, render_pages

PDF_VARIANT = "pdf/ua-1"
COVERED = 0.8  # share of an entry's words that the sections must hold for it to count as printed there
MIN_WORDS = 5  # an entry of fewer words (a bare title) is always printed in its chapter

_WORD = re.compile(r"\w+")
_PIECE = re.compile(r"(?<=[.!?:;])\s+|\n+|\s[-*•]\s|\|")  # sentences, lines, list items, table cells


def unavailable(required: bool) -> Diagnostic | None:
    """Why PDFs cannot be made here, or None."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        first_line = (str(exc).splitlines() or [type(exc).__name__])[0]
        return Diagnostic(
            "site.yaml",
            0,
            0,
            ERROR if required else WARNING,
            "pdf",
            f"PDF av planerna kan inte skapas här: {first_line}",
            "WeasyPrint behöver Pango från systemet (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0).",
        )
    return None


@dataclass(frozen=True)
class InProse:
    """What the plan's sections already print: goal ids, and for each insats the id of the section holding it."""

    goals: frozenset[str]
    insatser: dict[str, str]
    budget_notes: str  # the budget's notes without the paragraphs that a section holds
    co_budgets: frozenset[str]  # the insatser whose co-financing budget a section's table already shows


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _goal_texts(goal: Entry[Goal]) -> list[str]:
    g = goal.model
    return [g.title, goal.body, *g.how, *(m.text for m in g.measures), g.follow_up]


def _insats_texts(insats: Entry[Insats]) -> list[str]:
    i = insats.model
    co = [i.co_financing.financiers, i.co_financing.description] if i.co_financing else []
    return [i.name, i.purpose, insats.body, i.target_group, *i.own_goals, i.management, i.follow_up, *co]


def _found(texts: list[str], prose: str) -> tuple[int, int]:
    """(words of ``texts`` whose sentence, item or cell stands in ``prose``, all their words)."""
    found = total = 0
    for text in texts:
        for piece in _PIECE.split(text):
            words = _words(piece)
            count = words.count(" ") + 1 if words else 0
            total += count
            if count and f" {words} " in prose:
                found += count
    return found, total


def _section_texts(plan: DocumentContent, tables: dict[str, Entry[FreeTable]]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for section in plan.sections:
        parts = [section.body]
        for table_id in section.model.tables:
            table = tables[table_id].model
            parts += [table.title, table.description, *table.columns, *(cell for row in table.rows for cell in row)]
        texts[section.id] = f" {_words(' | '.join(parts))} "
    return texts


def in_prose(plan: DocumentContent, tables: dict[str, Entry[FreeTable]]) -> InProse:
    """The goals and insatser whose words (at least ``COVERED`` of them, sentence by sentence) the sections hold,
    and the budget's notes less the paragraphs they hold."""
    sections = _section_texts(plan, tables)
    everything = " ".join(sections.values())

    def covered(texts: list[str]) -> bool:
        found, total = _found(texts, everything)
        return total >= MIN_WORDS and found >= COVERED * total

    goals = frozenset(g.id for g in plan.goals if covered(_goal_texts(g)))
    insatser = {
        i.id: max(sections, key=lambda s: _found(_insats_texts(i), sections[s])[0])
        for i in plan.insatser
        if covered(_insats_texts(i))
    }
    notes = plan.budget.model.notes if plan.budget else ""
    kept = [p for p in re.split(r"\n\s*\n", notes) if p.strip() and not covered([p])]
    co_budgets = frozenset(
        i.id
        for i in plan.insatser
        if (co := i.model.co_financing) and co.budget and covered([co.budget.title, *_labels(co.budget)])
    )
    return InProse(goals, insatser, "\n\n".join(kept), co_budgets)


def _labels(table: Table) -> list[str]:
    """A budget table's row labels, its groups' and their sums' (to find the table in a section's own table)."""
    labels: list[str] = []
    for at in sums.walk(table, closing=True):
        if not at.closing:
            labels.append(at.row.label)
        elif at.row.total is not None:
            labels.append(at.row.total.label)
    return labels


def _placement(context: dict[str, Any]) -> dict[str, Any]:
    """Where the PDF prints what: ``in_prose``, the insatser's co-financing budgets, and the findings that no budget
    or insats of the PDF holds."""
    plan: DocumentContent = context["plan"]
    report: PlanReport = context["links"].report
    placed = {urls.insats(plan, i.id) for i in plan.insatser} | ({urls.budget(plan)} if context["budget"] else set())
    remaining = [(o, f) for o in report.outcomes for f in o.findings if f.shown_on not in placed]
    co_budgets = {
        i.id: compute.table_view(co.budget, plan.year)
        for i in plan.insatser
        if (co := i.model.co_financing) and co.budget
    }
    return {"in_prose": in_prose(plan, context["tables"]), "remaining_findings": remaining, "co_budgets": co_budgets}


def local_fetcher(allowed: Path) -> Any:
    """WeasyPrint's fetcher, limited to ``data:`` addresses and files inside ``allowed``: a page's raw HTML (the
    ``tillåt_html`` opt-out) cannot make the PDF embed a file of the build machine or fetch from the network."""
    import weasyprint.urls

    root = allowed.resolve()

    def permitted(url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return True
        if parts.scheme != "file" or parts.netloc:
            return False
        path = Path(unquote(parts.path)).resolve()
        return path.is_relative_to(root) and path.is_file()

    def refuse(url: str) -> None:
        raise ValueError(f"finsam-site hämtar inte {url} till en PDF")

    base = getattr(weasyprint.urls, "URLFetcher", None)
    if base is None:  # WeasyPrint before 68: a function

        def fetch(url: str) -> Any:
            if not permitted(url):
                refuse(url)
            return weasyprint.urls.default_url_fetcher(url)

        return fetch

    class LocalFetcher(base):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not permitted(url):
                refuse(url)
            return super().fetch(url, headers)

    return LocalFetcher()


def render(
    env: jinja2.Environment, pages: list[Page], site: dict[str, Any]
) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The PDF of each page, from its template (``pdf/plan.html``; call only when :func:`unavailable` returned
    None). An error of the template is a diagnostic, as for an HTML page (templates.render_pages); so is one that
    WeasyPrint meets (a file it cannot read, a page nested too deep)."""
    import weasyprint

    if not pages:
        return {}, []
    static_dir = default_theme_dir() / "static"
    try:
        stylesheet = weasyprint.CSS(filename=str(static_dir / "pdf.css"))
    except OSError as exc:
        return {}, [_unreadable(page, exc) for page in pages]
    htmls, problems = render_pages(env, [replace(p, context={**p.context, **_placement(p.context)}) for p in pages],
                                   site)
    fetcher = local_fetcher(static_dir.parent)
    base_url = site["config"].base_url
    pdfs: dict[str, bytes] = {}
    for page in (p for p in pages if p.url in htmls):
        try:
            # Links resolve against the plan's published address (relative ones, as on the site, without one):
            # never against a folder of the machine that built it.
            address = urls.absolute_url(base_url, page.url) if base_url else None
            document = weasyprint.HTML(string=htmls[page.url], base_url=address, url_fetcher=fetcher)
            pdfs[page.url] = document.write_pdf(stylesheets=[stylesheet], pdf_variant=PDF_VARIANT)
        except RecursionError as exc:
            problems.append(page_problem(page.url, page.template, exc))
        except OSError as exc:
            problems.append(_unreadable(page, exc))
    return pdfs, problems


def _unreadable(page: Page, exc: OSError) -> Diagnostic:
    return Diagnostic(f"templates/{page.template}", 0, 0, ERROR, "mall-fel",
                      f"PDF:en {page.url} kunde inte skapas: en fil kan inte läsas ({exc.strerror or exc}).")
