"""A Word document (.docx) → a document (document.py), with python-docx.

python-docx reads the document's parts as Word wrote them: paragraphs with their styles (Heading 1–9, Title,
List …), runs with bold and italic, hyperlinks, tables, inline images and the document's properties. Its XML
parser does not resolve entities. The footnotes part, which python-docx does not model, is read through the same
package and parser. Nothing is executed: a .docm's macros are never loaded, and a linked image is never fetched.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from .document import Block, Document, Image, escape, escape_start, join_runs
from .safety import ImportRefused

HEADING = re.compile(r"^(heading|rubrik)\s*(\d)$", re.I)
SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.I)


def read_docx(path: Path, notes: list[str]) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        word = docx.Document(str(path))
    except ValueError as exc:
        if "macroEnabled" in str(exc):
            raise ImportRefused(str(path), "Dokumentet innehåller makron (.docm) och läses inte.",
                                "Spara det i Word som Word-dokument (*.docx), utan makron, och importera den "
                                "filen.") from exc
        raise _corrupt(path) from exc
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, OSError, SyntaxError) as exc:
        raise _corrupt(path) from exc
    props = word.core_properties
    doc = Document(path.name, (props.title or "").strip(), (props.subject or "").strip())
    reader = _Reader(word, doc, notes)
    notes_by_id = reader.footnotes()
    for item in word.iter_inner_content():
        if item.__class__.__name__ == "Table":
            reader.table(item)
        else:
            reader.paragraph(item)
    doc.footnotes = {mark: notes_by_id.get(wid, "") for wid, mark in reader.marks.items()}
    margins = {" ".join(p.text.split()) for section in word.sections for part in (section.header, section.footer)
               if not part.is_linked_to_previous for p in part.paragraphs if p.text.strip()}
    if margins:
        shown = "; ".join(f"”{text[:60]}”" for text in sorted(margins)[:3])
        notes.append(f"{path.name}: sidhuvudet och sidfoten ({shown}) togs inte med; det som ska stå i planen skrivs "
                     "in i plan.yaml eller ett avsnitt.")
    return doc


def _corrupt(path: Path) -> ImportRefused:
    return ImportRefused(str(path), "Dokumentet är skadat och kan inte läsas.",
                         "Öppna det i Word eller LibreOffice och spara det igen som .docx.")


class _Reader:
    def __init__(self, word: Any, doc: Document, notes: list[str]) -> None:
        self.word, self.doc, self.notes = word, doc, notes
        self.marks: dict[str, str] = {}  # footnote id → its number in the text
        self.images = 0
        self.pending: list[Image] = []

    def footnotes(self) -> dict[str, str]:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml import parse_xml

        try:
            part = self.word.part.part_related_by(RT.FOOTNOTES)
        except KeyError:
            return {}
        found = {}
        root = parse_xml(part.blob)
        for note in root.iterchildren(_w("footnote")):
            wid = note.get(_w("id"))
            if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice") or wid is None:
                continue
            text = " ".join("".join(t.text or "" for t in p.iter(_w("t"))).strip() for p in note.iter(_w("p")))
            found[wid] = escape(" ".join(text.split()))
        return found

    def paragraph(self, paragraph: Any) -> None:
        style = paragraph.style.name if paragraph.style is not None else ""
        text = self.inline(paragraph)
        plain = " ".join(paragraph.text.split())
        level = self.heading_level(paragraph, style)
        images = [Block("image", image=image) for image in self.pending]
        if not plain and not text.strip():
            self.doc.blocks.extend(images)
            return
        if style.lower() == "title":
            self.doc.blocks.append(Block("title", plain))
        elif level:
            self.doc.blocks.append(Block("heading", plain, level))
        elif self.is_item(paragraph, style):
            depth = paragraph._p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
            self.doc.blocks.append(Block("item", text.strip(), int(depth[0]) if depth else 0,
                                         self.ordered(paragraph, style)))
        else:
            self.doc.blocks.append(Block("paragraph", escape_start(text.strip())))
        self.doc.blocks.extend(images)

    def heading_level(self, paragraph: Any, style: str) -> int:
        match = HEADING.match(style)
        if match:
            return int(match[2])
        outline = paragraph._p.xpath("./w:pPr/w:outlineLvl/@w:val")
        return int(outline[0]) + 1 if outline and int(outline[0]) < 9 else 0

    def is_item(self, paragraph: Any, style: str) -> bool:
        return style.lower().startswith(("list", "liststycke")) or bool(paragraph._p.xpath("./w:pPr/w:numPr"))

    def ordered(self, paragraph: Any, style: str) -> bool:
        if "number" in style.lower() or "numrer" in style.lower():
            return True
        num = paragraph._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        level = paragraph._p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val") or ["0"]
        if not num:
            return False
        try:
            numbering = self.word.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return False
        abstract = numbering.xpath(f'./w:num[@w:numId="{num[0]}"]/w:abstractNumId/@w:val')
        if not abstract:
            return False
        fmt = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract[0]}"]/w:lvl[@w:ilvl="{level[0]}"]'
                              "/w:numFmt/@w:val")
        return bool(fmt) and fmt[0] not in ("bullet", "none")

    def inline(self, paragraph: Any) -> str:
        self.pending = []
        parts: list[tuple[str, bool, bool]] = []
        self._children(paragraph._p, paragraph, parts)
        return join_runs(parts)

    def _children(self, element: Any, paragraph: Any, parts: list[tuple[str, bool, bool]]) -> None:
        """Runs and links in reading order, also inside tracked insertions, fields and content controls; a tracked
        deletion is left out, as Word shows the text once the changes are accepted."""
        from docx.text.hyperlink import Hyperlink
        from docx.text.run import Run

        for child in element.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "r":
                parts.extend(self.run(Run(child, paragraph)))
            elif tag == "hyperlink":
                link = Hyperlink(child, paragraph)
                label = escape(link.text)
                address = link.address or ""
                if address and SAFE_LINK.match(address):
                    parts.append((f"[{label}](<{address}>)" if " " in address else f"[{label}]({address})",
                                  False, False))
                else:
                    parts.append((label, False, False))
            elif tag in ("ins", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml", "moveTo"):
                self._children(child, paragraph, parts)

    def run(self, run: Any) -> list[tuple[str, bool, bool]]:
        found: list[tuple[str, bool, bool]] = []
        bold, italic = bool(run.bold), bool(run.italic)
        for child in run._r.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "t":
                found.append((escape(child.text or ""), bold, italic))
            elif tag == "tab":
                found.append((" ", False, False))
            elif tag in ("br", "cr"):
                found.append(("  \n" if child.get(_w("type")) in (None, "textWrapping") else " ", False, False))
            elif tag == "footnoteReference":
                wid = child.get(_w("id")) or ""
                mark = self.marks.setdefault(wid, str(len(self.marks) + 1))
                found.append((f"\\[{mark}\\]", False, False))
            elif tag in ("drawing", "pict"):
                boxed = " ".join(" ".join(t.text or "" for t in child.iter(_w("t"))).split())
                if boxed:  # a text box: its text is not part of the paragraph's flow
                    self.notes.append(f"{self.doc.source}: texten i en textruta (”{boxed[:80]}”) togs inte med; "
                                      "skriv in den i avsnittet där den hör hemma.")
                self.image(child)
        return found

    def image(self, element: Any) -> None:
        alt = " ".join(element.xpath(".//wp:docPr/@descr") or element.xpath(".//wp:docPr/@title") or [])
        embedded = element.xpath(".//a:blip/@r:embed")
        linked = element.xpath(".//a:blip/@r:link")
        self.images += 1
        if embedded:
            part = self.word.part.related_parts.get(embedded[0])
            if part is not None:
                suffix = Path(getattr(part, "partname", "bild.png")).suffix or ".png"
                self.pending.append(Image(f"bild-{self.images}{suffix.lower()}", part.blob, alt.strip()))
                return
        if linked:
            target = self.word.part.rels[linked[0]].target_ref if linked[0] in self.word.part.rels else ""
            self.pending.append(Image(f"bild-{self.images}", b"", alt.strip(), str(target)))

    def table(self, table: Any) -> None:
        rows = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                text = " ".join(" ".join(p.text.split()) for p in cell.paragraphs if p.text.strip())
                if cell.tables:
                    self.notes.append(f"{self.doc.source}: en tabell inuti en tabellcell (”{text[:60]}”) togs inte "
                                      "med; skriv in den som en egen tabell.")
                cells.append(escape(text))
            rows.append(cells)
        width = max((len(r) for r in rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in rows if any(c.strip() for c in r)]
        if rows:
            self.doc.blocks.append(Block("table", rows=rows))


def _w(name: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name
