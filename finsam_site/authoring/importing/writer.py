"""A Writer document (.odt) → a document (document.py), with odfpy.

odfpy reads the OpenDocument XML into elements: ``text:h`` headings with their outline level, ``text:p``
paragraphs (the ``Title`` style is the title), ``text:list`` items (numbered where the list's style numbers them),
``table:table``, spans whose automatic style is bold or italic, ``text:a`` links, ``text:note`` footnotes and
``draw:image`` images with their ``svg:title``/``svg:desc`` as alt text. Macros and linked images are never run or
fetched.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .document import Block, Document, Image, escape, escape_start, join_runs
from .safety import ImportRefused
from .word import SAFE_LINK

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
XLINK = "http://www.w3.org/1999/xlink"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"


def read_odt(path: Path, notes: list[str]) -> Document:
    from odf import opendocument

    try:
        odt = opendocument.load(str(path))
    except Exception as exc:  # odfpy raises whatever its XML parser or zipfile raises
        raise ImportRefused(str(path), "Dokumentet är skadat och kan inte läsas.",
                            "Öppna det i LibreOffice Writer och spara det igen som .odt.") from exc
    doc = Document(path.name, _meta(odt, "title"), _meta(odt, "subject"))
    reader = _Reader(odt, doc)
    for node in odt.text.childNodes:
        reader.block(node, 0)
    del notes
    return doc


def _name(node: Any) -> tuple[str, str]:
    name: tuple[str, str] = getattr(node, "qname", ("", ""))
    return name


def _meta(odt: Any, what: str) -> str:
    for node in odt.meta.childNodes:
        if _name(node)[1] == what:
            return " ".join(str(node).split())
    return ""


class _Reader:
    def __init__(self, odt: Any, doc: Document) -> None:
        self.odt, self.doc = odt, doc
        self.bold, self.italic, self.numbered, self.titles = self._styles()
        self.images = 0
        self.pending: list[Image] = []

    def _styles(self) -> tuple[set[str], set[str], set[str], set[str]]:
        bold, italic, numbered, titles = set(), set(), set(), {"Title"}
        for container in (self.odt.automaticstyles, self.odt.styles):
            for style in container.childNodes:
                name = str(style.getAttrNS(STYLE, "name") or "")
                kind = _name(style)[1]
                if kind == "list-style":
                    if any(_name(c)[1] == "list-level-style-number" for c in style.childNodes):
                        numbered.add(name)
                    continue
                if style.getAttrNS(STYLE, "parent-style-name") == "Title":
                    titles.add(name)
                for props in style.childNodes:
                    if _name(props)[1] == "text-properties":
                        if props.getAttrNS(FO, "font-weight") in ("bold", "700"):
                            bold.add(name)
                        if props.getAttrNS(FO, "font-style") == "italic":
                            italic.add(name)
        return bold, italic, numbered, titles

    def block(self, node: Any, depth: int, ordered: bool = False) -> None:
        kind = _name(node)[1]
        if kind == "h":
            level = int(node.getAttrNS(TEXT, "outline-level") or 1)
            self.doc.blocks.append(Block("heading", _plain(self.inline(node)), level))
        elif kind == "p":
            text = self.inline(node).strip()
            style = str(node.getAttrNS(TEXT, "style-name") or "")
            if text:
                if style in self.titles:
                    self.doc.blocks.append(Block("title", _plain(text)))
                else:
                    self.doc.blocks.append(Block("paragraph", escape_start(text)))
        elif kind == "list":
            style = str(node.getAttrNS(TEXT, "style-name") or "")
            numbered = ordered or style in self.numbered
            for item in node.childNodes:
                for child in item.childNodes:
                    if _name(child)[1] == "list":
                        self.block(child, depth + 1, numbered)
                    elif _name(child)[1] in ("p", "h"):
                        text = self.inline(child).strip()
                        if text:
                            self.doc.blocks.append(Block("item", text, depth, numbered))
        elif kind == "table":
            self.table(node)
        elif kind == "section":
            for child in node.childNodes:
                self.block(child, depth)
        for image in self.pending:
            self.doc.blocks.append(Block("image", image=image))
        self.pending = []

    def inline(self, node: Any, bold: bool = False, italic: bool = False) -> str:
        parts: list[tuple[str, bool, bool]] = []
        self._inline(node, bold, italic, parts)
        return join_runs(parts)

    def _inline(self, node: Any, bold: bool, italic: bool, parts: list[tuple[str, bool, bool]]) -> None:
        for child in node.childNodes:
            if child.nodeType == child.TEXT_NODE:
                parts.append((escape(str(child.data)), bold, italic))
                continue
            kind = _name(child)[1]
            if kind == "span":
                style = str(child.getAttrNS(TEXT, "style-name") or "")
                self._inline(child, bold or style in self.bold, italic or style in self.italic, parts)
            elif kind == "a":
                href = str(child.getAttrNS(XLINK, "href") or "")
                label = join_runs(self._collect(child))
                parts.append((f"[{label}]({href})" if SAFE_LINK.match(href) and " " not in href else label,
                              False, False))
            elif kind == "s":
                parts.append((" " * int(child.getAttrNS(TEXT, "c") or 1), False, False))
            elif kind == "tab":
                parts.append((" ", False, False))
            elif kind == "line-break":
                parts.append(("  \n", False, False))
            elif kind == "note":
                self._note(child, parts)
            elif kind == "frame":
                self._image(child)
            elif kind not in ("bookmark", "bookmark-start", "bookmark-end", "soft-page-break"):
                self._inline(child, bold, italic, parts)

    def _collect(self, node: Any) -> list[tuple[str, bool, bool]]:
        parts: list[tuple[str, bool, bool]] = []
        self._inline(node, False, False, parts)
        return parts

    def _note(self, node: Any, parts: list[tuple[str, bool, bool]]) -> None:
        mark = str(len(self.doc.footnotes) + 1)
        body = [c for c in node.childNodes if _name(c)[1] == "note-body"]
        text = " ".join(self.inline(p) for b in body for p in b.childNodes if _name(p)[1] == "p")
        self.doc.footnotes[mark] = " ".join(text.split())
        parts.append((f"\\[{mark}\\]", False, False))

    def _image(self, frame: Any) -> None:
        alt = " ".join(str(c) for c in frame.childNodes if _name(c)[1] in ("title", "desc")).strip()
        for image in frame.childNodes:
            if _name(image)[1] != "image":
                continue
            href = str(image.getAttrNS(XLINK, "href") or "")
            self.images += 1
            stored = self.odt.Pictures.get(href)
            if stored is not None and not re.match(r"^[a-z]+:", href):
                suffix = Path(href).suffix.lower() or ".png"
                self.pending.append(Image(f"bild-{self.images}{suffix}", stored[1], alt))
            else:
                self.pending.append(Image(f"bild-{self.images}", b"", alt, href))

    def table(self, node: Any) -> None:
        rows: list[list[str]] = []
        for row in _rows(node):
            cells = []
            for cell in row.childNodes:
                if _name(cell)[1] not in ("table-cell", "covered-table-cell"):
                    continue
                repeat = min(int(cell.getAttrNS(TABLE, "number-columns-repeated") or 1), 50)
                text = " ".join(_plain_text(self.inline(p)) for p in cell.childNodes if _name(p)[1] in ("p", "h"))
                cells.extend([" ".join(text.split())] * repeat)
            rows.append(cells)
        width = max((len(r) for r in rows), default=0)
        rows = [r + [""] * (width - len(r)) for r in rows if any(c.strip() for c in r)]
        if rows:
            self.doc.blocks.append(Block("table", rows=rows))


def _rows(node: Any) -> list[Any]:
    found = []
    for child in node.childNodes:
        kind = _name(child)[1]
        if kind == "table-row":
            found.append(child)
        elif kind in ("table-header-rows", "table-rows", "table-row-group"):
            found.extend(_rows(child))
    return found


def _plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", re.sub(r"\*{1,3}", "", markdown)).strip()


def _plain_text(markdown: str) -> str:
    return markdown.strip()
