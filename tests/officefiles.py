"""Real Office files for the import tests, made as a förbund's kansli would make them.

``xlsx_budget`` writes a budget workbook with openpyxl: headings merged over the year columns, formulas for every
sum, bold subtotals, a unit in the title. openpyxl writes formulas without the values Excel shows (Excel computes
them when it opens the file), so :func:`save_with_values` stores the shown values the way Excel does, in each
formula cell's ``<v>``, from values the test states.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Font


def save_with_values(workbook: Any, path: Path, values: dict[str, dict[str, float]]) -> Path:
    """Save ``workbook``; then put each formula cell's shown value (``values[sheet][cell]``) where Excel keeps it."""
    workbook.save(path)
    names = {ws.title: f"xl/worksheets/sheet{i}.xml" for i, ws in enumerate(workbook.worksheets, start=1)}
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for title, cells in values.items():
        xml = parts[names[title]].decode()
        for ref, value in cells.items():
            xml = re.sub(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?', rf"\g<1><v>{value!r}</v>", xml)
        parts[names[title]] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@dataclass
class Sheet:
    """A budget sheet being written: rows from row ``top`` on, amounts in columns B, C, D …; each formula's shown
    value is computed as the spreadsheet would and kept in ``shown``."""

    ws: Any
    years: int
    row: int = 1
    amounts: dict[int, list[float | None]] = field(default_factory=dict)
    shown: dict[str, float] = field(default_factory=dict)

    def columns(self) -> list[str]:
        return [chr(ord("B") + i) for i in range(self.years)]

    def text(self, *texts: str | None, bold: bool = False) -> int:
        for i, text in enumerate(texts):
            if text is not None:
                cell = self.ws.cell(self.row, i + 1, text)
                cell.font = Font(bold=bold)
        self.row += 1
        return self.row - 1

    def line(self, label: str, values: list[float | None], comment: str | None = None) -> int:
        self.ws.cell(self.row, 1, label)
        for i, value in enumerate(values):
            if value is not None:
                self.ws.cell(self.row, 2 + i, value)
        if comment:
            self.ws.cell(self.row, 2 + self.years, comment)
        self.amounts[self.row] = list(values)
        self.row += 1
        return self.row - 1

    def formula(self, label: str, rows: list[int], signs: list[int] | None = None, *, as_range: bool = False,
                bold: bool = True) -> int:
        """A row whose cells add ``rows`` (``=SUM(B4:B7)`` with ``as_range``, else ``=B4+B9-B12``)."""
        signs = signs or [1] * len(rows)
        self.ws.cell(self.row, 1, label).font = Font(bold=bold)
        values: list[float | None] = []
        for i, col in enumerate(self.columns()):
            if as_range:
                text = f"=SUM({col}{min(rows)}:{col}{max(rows)})"
                wanted = range(min(rows), max(rows) + 1)
                total = sum((self.amounts.get(r, [None] * self.years)[i] or 0) for r in wanted)
            else:
                text = "=" + "".join(f"{'+' if s > 0 else '-'}{col}{r}" for s, r in zip(signs, rows, strict=True))
                text = text.replace("=+", "=")
                total = sum(s * (self.amounts[r][i] or 0) for s, r in zip(signs, rows, strict=True))
            cell = self.ws.cell(self.row, 2 + i, text)
            cell.font = Font(bold=bold)
            self.shown[f"{col}{self.row}"] = total
            values.append(total)
        self.amounts[self.row] = values
        self.row += 1
        return self.row - 1


def three_year_budget(path: Path, *, year: int = 2025, unit_in_title: bool = True, hidden_row: bool = False,
                      note: bool = True) -> Path:
    """A three-year budget in tkr like Örnsköldsvik's: merged headings over the plan years, a formula for every
    sum, the result as revenues plus (negative) costs, equity at the start and end of each year."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    s = Sheet(ws, 3)
    s.text(f"Budget {year}, plan {year + 1}–{year + 2}" + (" (tkr)" if unit_in_title else ""), bold=True)
    s.text(None)
    s.text(None, "Budget", "Plan", None, "Kommentar")
    ws.merge_cells(start_row=s.row - 1, start_column=3, end_row=s.row - 1, end_column=4)
    s.text(None, str(year), str(year + 1), str(year + 2))
    s.text("Intäkter", bold=True)
    region = s.line("Region Exempel", [1255.5, 1255.5, 1255.5])
    kommun = s.line("Exempels kommun", [1255.5, 1255.5, 1255.5])
    staten = s.line("Försäkringskassan/Arbetsförmedlingen", [2511, 2511, 2511])
    revenue = s.formula("Summa intäkter", [region, kommun, staten], as_range=True)
    s.text(None)
    s.text("Kostnader", bold=True)
    s.text("Administration")
    chief = s.line("Förbundschef 100 %", [-785, -790, -795], comment="Inklusive processtöd")
    office = s.line("Kansli, hyra och IT", [-110, -110, -110])
    board = s.line("Arvoden styrelsen", [-120, -120, -120])
    if hidden_row:
        ws.row_dimensions[board].hidden = True
    admin = s.formula("Summa administration", [chief, office, board], as_range=True)
    s.text("Insatser")
    vidare = s.line("Vidare Vy", [-595, -595, None])
    lots = s.line("Resurslotsen", [-100, -100, -100])
    reserve = s.line("Reserverade medel för nya insatser", [-3307, -3307, -3897])
    insatser = s.formula("Summa insatser", [vidare, lots, reserve], as_range=True)
    costs = s.formula("Summa kostnader", [admin, insatser])
    s.text(None)
    result = s.formula("Årets resultat", [revenue, costs])
    opening = s.line("Ingående eget kapital", [900, None, None])
    s.formula("Utgående eget kapital", [opening, result], bold=False)
    share = s.line("Eget kapital i procent av intäkterna", [0.18, None, None])
    for col in "BCD":
        ws[f"{col}{share}"].number_format = "0%"
    if note:
        s.text("Beloppen är i tusentals kronor och beslutades av styrelsen.")
    return save_with_values(wb, path, {"Budget": s.shown})


# --- Word ----------------------------------------------------------------------------------------------------------

def png() -> bytes:
    """A 1×1 pixel PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + \
        chunk(b"IEND", b"")


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def add_hyperlink(paragraph: Any, text: str, url: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def add_footnotes(document: Any, notes: list[str]) -> None:
    """A footnotes part as Word writes it (python-docx makes none), with a footnote per text (ids 1, 2, …)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    body = "".join(f'<w:footnote w:id="{i}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
                   for i, text in enumerate(notes, start=1))
    xml = (f'<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>'
           f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p/></w:footnote>{body}</w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", xml.encode(),
                document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def footnote_mark(paragraph: Any, number: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(number))
    run.append(ref)
    paragraph._p.append(run)


def plan_document(path: Path, *, year: int = 2025, budget_table: bool = False) -> Path:
    """A verksamhetsplan as a kansli writes it in Word: a title page, numbered headings, text with bold, italic, a
    link and a footnote, a list, a year wheel table, an image, goals under ``Mål``, insatser with their facts."""
    import io

    import docx

    d = docx.Document()
    d.core_properties.title = f"Verksamhetsplan {year} med budget {year} och plan {year + 1}–{year + 2}"
    d.add_paragraph(f"Verksamhetsplan {year}", style="Title")
    d.add_paragraph("Samordningsförbundet Exempel")
    d.add_paragraph(f"Beslutad av förbundsstyrelsen {year - 1}-11-28")
    d.add_paragraph("Dnr 2024/15")
    d.add_heading("1. Inledning", 1)
    p = d.add_paragraph("Förbundet bildades 2008 enligt ")
    p.add_run("lagen om finansiell samordning").bold = True
    p.add_run(" och arbetar för att ")
    p.add_run("fler ska nå arbete").italic = True
    p.add_run(". Läs mer hos ")
    add_hyperlink(p, "Nationella rådet", "https://www.finsam.se/")
    p.add_run(".")
    footnote_mark(p, 1)
    add_footnotes(d, ["Lag (2003:1210) om finansiell samordning av rehabiliteringsinsatser."])
    d.add_paragraph("Förbundets medlemmar är:")
    for name in ("Försäkringskassan", "Arbetsförmedlingen", "Region Exempel", "Exempels kommun"):
        d.add_paragraph(name, style="List Bullet")
    d.add_heading("1.1 Årshjul", 2)
    table = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("Månad", "Händelse"), ("Februari", "Årsredovisning"), ("November",
                                                                                         "Budgetbeslut")]):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    d.add_picture(io.BytesIO(png()))
    d.inline_shapes[0]._inline.docPr.set("descr", "Karta över förbundets kommuner")
    d.add_heading("1.2 Förbundsstyrelsen", 2)
    board = d.add_table(rows=4, cols=3)
    for r, cells in enumerate([("Namn", "Uppdrag", "Organisation"), ("Anna Andersson", "Ordförande", "Region Exempel"),
                               ("Bo Berg", "Vice ordförande", "Exempels kommun"),
                               ("Cecilia Ceder", "Ledamot", "Försäkringskassan")]):
        for c, text in enumerate(cells):
            board.cell(r, c).text = text
    d.add_heading("2. Mål", 1)
    d.add_paragraph("Förbundets mål för året.")
    d.add_heading("Mål 1: Fler i arbete", 2)
    d.add_paragraph("Fler deltagare ska gå vidare till arbete eller studier.")
    d.add_paragraph("Mått: Minst 60 deltagare går vidare till arbete eller studier.")
    d.add_paragraph("Uppföljning: Uppföljning Finsam två gånger per år.")
    d.add_paragraph("Ansvarig: Förbundschef")
    d.add_heading("Effektmål: Minskat beroende av ersättning", 2)
    d.add_paragraph("Andelen som har försörjningsstöd ska minska.")
    d.add_heading("Målkarta", 2)
    goals = d.add_table(rows=2, cols=4)
    for r, cells in enumerate([("Mål", "Mått", "Ansvarig", "År"),
                               ("Fler unga i studier", "Minst 20 unga börjar studera", "Processledare", str(year))]):
        for c, text in enumerate(cells):
            goals.cell(r, c).text = text
    d.add_heading("3. Insatser", 1)
    d.add_heading("Vidare Vy", 2)
    d.add_paragraph("Typ: individinriktad")
    d.add_paragraph("Projektägare: Exempels kommun")
    d.add_paragraph("Parter: Försäkringskassan, Region Exempel och Exempels kommun")
    d.add_paragraph("Projekttid: 2025-01-01 – 2026-12-31")
    d.add_paragraph(f"Beviljat {year}: 595 000 kronor")
    d.add_paragraph().add_run("Syfte").bold = True
    d.add_paragraph("Att rehabilitera personer som uppbär sjukpenning.")
    d.add_paragraph("Ledning: Styrgruppen består av förbundschef och enhetschefer.")
    d.add_heading("Resurslotsen", 2)
    d.add_paragraph("En verksamhet för samordnat stöd.")
    d.add_heading("4. Budget", 1)
    d.add_paragraph("Budgeten för året och de två planåren.")
    if budget_table:
        rows = [["", f"Budget {year}", f"Plan {year + 1}"], ["Intäkter", "", ""],
                ["Försäkringskassan", "500", "500"], ["Region Exempel", "250", "250"],
                ["Exempels kommun", "250", "250"], ["Summa intäkter", "1 000", "1 000"],
                ["Kostnader", "", ""], ["Vidare Vy", "-595", "-595"], ["Kansli", "-405", "-405"],
                ["Summa kostnader", "-1 000", "-1 000"], ["Resultat", "0", "0"]]
        t = d.add_table(rows=len(rows), cols=3)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                t.cell(r, c).text = text
        d.add_paragraph("Beloppen är i tusentals kronor (tkr).")
    d.save(str(path))
    return path


# --- OpenDocument (LibreOffice) ------------------------------------------------------------------------------------


def ods_budget(path: Path, year: int = 2025) -> Path:
    """A Calc budget in kronor: a heading merged over two plan years, formulas with their computed values (as
    Calc saves them), a bold subtotal style and a hidden helper row."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableCellProperties, TextProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    bold = Style(name="fet", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold"))
    bold.addElement(TableCellProperties())
    doc.automaticstyles.addElement(bold)
    table = Table(name="Budget")
    table.addElement(TableColumn(numbercolumnsrepeated=4))

    def row(*cells: Any, hidden: bool = False) -> None:
        tr = TableRow(visibility="collapse") if hidden else TableRow()
        for cell in cells:
            tr.addElement(cell)
        table.addElement(tr)

    def text(value: str, **kw: Any) -> Any:
        cell = TableCell(valuetype="string", **kw)
        cell.addElement(P(text=value))
        return cell

    def number(value: float, formula: str = "", style: str = "") -> Any:
        kw: dict[str, Any] = {"valuetype": "float", "value": str(value)}
        if formula:
            kw["formula"] = formula
        if style:
            kw["stylename"] = style
        cell = TableCell(**kw)
        cell.addElement(P(text=f"{value:,.0f}".replace(",", " ")))
        return cell

    row(text(f"Budget {year} (kr)"))
    row(TableCell(), text("Budget"), text("Plan", numbercolumnsspanned=2), CoveredTableCell())
    row(TableCell(), text(str(year)), text(str(year + 1)), text(str(year + 2)))
    row(text("Intäkter"))
    row(text("Försäkringskassan"), number(1_000_000), number(1_000_000), number(1_000_000))
    row(text("Region Exempel"), number(500_000), number(500_000), number(500_000))
    row(text("Exempels kommun"), number(500_000), number(500_000), number(500_000))
    row(text("Summa intäkter", stylename="fet"),
        *(number(2_000_000, f"of:=SUM([.{c}5:.{c}7])", "fet") for c in "BCD"))
    row(text("Kostnader"))
    row(text("Kansli"), number(-400_000), number(-400_000), number(-400_000))
    row(text("Insatser"), number(-1_600_000), number(-1_600_000), number(-1_600_000))
    row(text("Hjälprad"), number(0), number(0), number(0), hidden=True)
    row(text("Summa kostnader", stylename="fet"),
        *(number(-2_000_000, f"of:=[.{c}10]+[.{c}11]+[.{c}12]", "fet") for c in "BCD"))
    row(text("Resultat"), *(number(0, f"of:=[.{c}8]+[.{c}13]") for c in "BCD"))
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def plan_odt(path: Path, year: int = 2025) -> Path:
    """A Writer plan: a title, numbered headings, bold and italic spans, a link, a footnote, a bullet list, a
    table, and an insats under ``Insatser``."""
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import A, H, List, ListItem, Note, NoteBody, NoteCitation, P, Span

    doc = OpenDocumentText()
    for name, props in (("fet", {"fontweight": "bold"}), ("kursiv", {"fontstyle": "italic"})):
        style = Style(name=name, family="text")
        style.addElement(TextProperties(**props))
        doc.automaticstyles.addElement(style)
    title = Style(name="Titel", family="paragraph", parentstylename="Title")
    doc.automaticstyles.addElement(title)
    doc.text.addElement(P(stylename="Titel", text=f"Verksamhetsplan {year}"))
    doc.text.addElement(P(text="Samordningsförbundet Exempel"))
    doc.text.addElement(H(outlinelevel=1, text="1. Inledning"))
    p = P(text="Förbundet följer ")
    p.addElement(Span(stylename="fet", text="lagen"))
    p.addElement(Span(text=" och "))
    p.addElement(Span(stylename="kursiv", text="rådets"))
    p.addElement(Span(text=" råd, se "))
    p.addElement(A(href="https://www.finsam.se/", text="finsam.se"))
    note = Note(noteclass="footnote", id="ftn1")
    note.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(P(text="Lag (2003:1210)."))
    note.addElement(body)
    p.addElement(note)
    doc.text.addElement(p)
    items = List()
    for name in ("Försäkringskassan", "Region Exempel"):
        item = ListItem()
        item.addElement(P(text=name))
        items.addElement(item)
    doc.text.addElement(items)
    from odf.draw import Frame
    from odf.draw import Image as DrawImage
    from odf.svg import Desc

    picture = P()
    frame = Frame(width="1cm", height="1cm", anchortype="as-char")
    frame.addElement(DrawImage(href=doc.addPictureFromString(png(), "image/png")))
    frame.addElement(Desc(text="Organisationsschema"))
    picture.addElement(frame)
    doc.text.addElement(picture)
    doc.text.addElement(H(outlinelevel=2, text="Årshjul"))
    table = Table(name="Årshjul")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for a, b in (("Månad", "Händelse"), ("Mars", "Årsredovisning")):
        tr = TableRow()
        for value in (a, b):
            cell = TableCell()
            cell.addElement(P(text=value))
            tr.addElement(cell)
        table.addElement(tr)
    doc.text.addElement(table)
    doc.text.addElement(H(outlinelevel=1, text="2. Insatser"))
    doc.text.addElement(H(outlinelevel=2, text="Navet"))
    for line in ("Parter: Försäkringskassan, Region Exempel, Exempels kommun", f"Beviljat {year}: 400 000 kr",
                 "Typ: strukturinriktad"):
        doc.text.addElement(P(text=line))
    doc.save(str(path))
    return path
