"""`finsam-site export MAPP`: the forms a förbund fills in by hand, made from its content, for its staff.

For each förbund, into ``MAPP/<förbund>/``:

- ``uppfoljning-finsam.csv``: a row per insats of every plan with the fields Uppföljning Finsam's registration asks
  for (compute/registration.py), for Swedish Excel like the open data's CSV (output/opendata.py: UTF-8 with BOM,
  ``;``, CRLF, a decimal comma, text that Excel would run as a formula neutralised);
- ``uppfoljning-finsam.html``: the same as a page to read (templates/export/uppfoljning-finsam.html);
- for each årsredovisning, ``<år>-rakenskapssammandrag.csv`` and ``.html``: the figures SCB's Räkenskapssammandrag
  asks for, grouped as the form groups them, each with the lines of ekonomi.yaml it comes from, and the figures the
  model lacks (compute/rs.py, which names the form's edition).

These files are for the förbund, not the public: the folder must lie outside the built site (a folder with the
writer's marker, or inside one, is refused), and nothing of it is published. The content is checked first, as
for a build; with an error nothing is written.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..build import check
from ..compute import rs
from ..compute.registration import Row, sheet
from ..diagnostics import ERROR, Diagnostic, has_errors, os_reason
from ..load.loader import Loader
from ..output.opendata import csv_number, csv_text
from ..output.templates import make_env, page_problem
from ..output.writer import MARKER
from ..report import Reporter

SHEET = "uppfoljning-finsam"
RS_COLUMNS = ["avsnitt", "rad", "belopp_kr", "källa", "saknas"]
COLUMNS = ["förbund", "plan", "insats", "namn", "inriktning", "uppföljningsmetod", "esf", "start", "slut", "parter",
           "budget_kr", "varning"]


@dataclass
class Exported:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    sheets: int = 0  # förbund with an Uppföljning Finsam sheet
    reports: int = 0  # årsredovisningar with a Räkenskapssammandrag


def export(root: Path, folder: Path) -> Exported:
    """Check the site, then write each förbund's sheets into ``folder``."""
    result = check(root)
    if result.failed() or result.site is None:
        return Exported(result.diagnostics)
    refused = _refused(folder)
    if refused:
        return Exported([*result.diagnostics, refused])
    site = Loader(root).load()  # in this process, so that the warnings keep the positions of their files
    assert site is not None  # it loaded a moment ago
    env = make_env(root / site.config.model.templates, site.config.model.markdown.allow_html)
    made = Exported(list(result.diagnostics))
    try:
        for forbund in site.forbund:
            rows, found = sheet(forbund)
            made.diagnostics += found
            target = folder / forbund.id
            target.mkdir(parents=True, exist_ok=True)
            template = f"export/{SHEET}.html"
            try:
                page = env.get_template(template).render(forbund=forbund.info.model, rows=rows, columns=COLUMNS)
            except jinja2.TemplateError as exc:
                made.diagnostics.append(page_problem(f"{forbund.id}/{SHEET}.html", template, exc))
                continue
            files = [(target / f"{SHEET}.csv", sheet_csv(rows)), (target / f"{SHEET}.html", page.encode("utf-8"))]
            for report in (d for d in forbund.documents if d.kind == "årsredovisning"):
                figures = rs.figures(report)
                stem = f"{report.year}-rakenskapssammandrag"
                context = {"forbund": forbund.info.model, "report": report.meta.model, "figures": figures,
                           "edition": rs.EDITION}
                try:
                    html = env.get_template("export/rakenskapssammandrag.html").render(**context)
                except jinja2.TemplateError as exc:
                    name = "export/rakenskapssammandrag.html"
                    made.diagnostics.append(page_problem(f"{forbund.id}/{stem}.html", name, exc))
                    continue
                files += [(target / f"{stem}.csv", rs_csv(figures)), (target / f"{stem}.html", html.encode("utf-8"))]
                made.reports += 1
            for path, content in files:
                path.write_bytes(content)
                made.files.append(path)
            made.sheets += 1
    except OSError as exc:
        made.diagnostics.append(Diagnostic(str(folder), 0, 0, ERROR, "utdata",
                                           f"Blanketterna kunde inte skrivas: {os_reason(exc)}."))
    return made


def _refused(folder: Path) -> Diagnostic | None:
    """A folder inside a built site (or a built site itself) would publish what is for the förbund only."""
    resolved = folder.resolve()
    for place in (resolved, *resolved.parents):
        if (place / MARKER).is_file():
            return Diagnostic(str(folder), 0, 0, ERROR, "export-mapp",
                              f"{folder} ligger i en byggd webbplats ({place}); blanketterna är för förbundet, "
                              "inte för allmänheten.",
                              "Välj en mapp utanför webbplatsens utdata, till exempel `blanketter`.")
    return None


def sheet_csv(rows: list[Row]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for row in rows:
        end = row.end if isinstance(row.end, str) else row.end.isoformat() if row.end else ""
        writer.writerow([
            row.forbund_id, row.year, row.insats_id, csv_text(row.name), row.direction or "",
            csv_text(row.follow_up), "ja" if row.esf else "nej", row.start.isoformat() if row.start else "", end,
            csv_text(", ".join(row.parties)), csv_number(row.budget), csv_text(" ".join(row.warnings)),
        ])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def rs_csv(found: list[rs.Figure]) -> bytes:
    """The Räkenskapssammandrag's lines: section, line, amount in kronor, the ekonomi.yaml lines, what is missing."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(RS_COLUMNS)
    for figure in found:
        writer.writerow([figure.line.section, csv_text(figure.line.name), csv_number(figure.value),
                         csv_text(" | ".join(figure.sources)), csv_text(figure.missing)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def run_export(root: Path, folder: Path, reporter: Reporter) -> int:
    made = export(root, folder)
    reporter.diagnostics(made.diagnostics)
    if has_errors(made.diagnostics) or not made.files:
        reporter.summary(made.diagnostics, "Exporten", "Exporten är klar", False)
        return 1
    reports = f", Räkenskapssammandraget för {made.reports} årsredovisning{'ar' if made.reports > 1 else ''}"
    reporter.info(f"Skrev {len(made.files)} filer till {folder}: Uppföljning Finsam för {made.sheets} förbund"
                  f"{reports if made.reports else ''}.")
    reporter.summary(made.diagnostics, "Exporten", "Exporten är klar", False)
    return 0
