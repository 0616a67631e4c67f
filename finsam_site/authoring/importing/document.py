"""The neutral model of a text document, as both document readers (word.py, writer.py) deliver it.

A document is its properties and a list of blocks in reading order: headings (with their level), paragraphs and
list items (as Markdown: bold, italic, links and footnote marks already written), tables (rows of cells as short
Markdown) and images (their bytes and alt text). plan.py turns it into a plan's files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Image:
    name: str  # a file name for the image: bild-1.png
    data: bytes
    alt: str = ""
    linked: str = ""  # a linked (not embedded) image's address: never fetched


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "item", "table", "image", "title"
    text: str = ""  # Markdown (for a heading: its plain text)
    level: int = 0  # a heading's level (1 = top), a list item's depth (0 = top)
    ordered: bool = False  # a numbered list item
    rows: list[list[str]] = field(default_factory=list)  # a table's cells
    image: Image | None = None


@dataclass
class Document:
    source: str  # the file's name, for messages
    title: str = ""  # from the document's properties
    subject: str = ""
    blocks: list[Block] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)  # mark → Markdown


_ESCAPE = re.compile(r"([\\`*_\[\]<>])")
_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])(\s)")


def escape(text: str) -> str:
    """Text as Markdown that shows it as it is."""
    return _ESCAPE.sub(r"\\\1", text)


def escape_start(markdown: str) -> str:
    """A paragraph that would start a heading, quote or list if left alone."""
    return _LINE_START.sub(lambda m: f"{m[1]}{m[2][:-1]}\\{m[2][-1]}{m[3]}" if m[2][-1] in ".)" else
                           f"{m[1]}\\{m[2]}{m[3]}", markdown)


def styled(text: str, bold: bool, italic: bool) -> str:
    """``text`` (already escaped) in bold and/or italic, with its outer spaces outside the marks."""
    if not text.strip() or not (bold or italic):
        return text
    core = text.strip()
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    mark = "***" if bold and italic else "**" if bold else "*"
    return f"{lead}{mark}{core}{mark}{trail}"


def join_runs(parts: list[tuple[str, bool, bool]]) -> str:
    """Runs of (escaped text, bold, italic) → Markdown, neighbouring runs of the same style joined first."""
    merged: list[list[object]] = []
    for text, bold, italic in parts:
        if merged and merged[-1][1] == bold and merged[-1][2] == italic:
            merged[-1][0] = str(merged[-1][0]) + text
        else:
            merged.append([text, bold, italic])
    return "".join(styled(str(t), bool(b), bool(i)) for t, b, i in merged)
