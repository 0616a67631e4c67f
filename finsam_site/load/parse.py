"""Pure parsers: text in, a validated model and diagnostics out. No file I/O here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from ..diagnostics import ERROR, WARNING, Diagnostic
from .explain import validate_model
from .limits import limit_problem
from .unstated import may_hold, strip_unstated
from .yamlhints import straighten
from .yamlload import Document, Loc, parse_yaml

M = TypeVar("M", bound=BaseModel)
SHORT = 100  # a text this short is within every Markdown limit (markup.py)
# C0 but tab and newline, DEL, C1, and the bidirectional overrides that make a name read as another
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
T = TypeVar("T")


@dataclass(frozen=True)
class Parsed(Generic[T]):
    """A parsed file: its model, its Markdown body (for .md files) and its positions. ``unstated`` holds the paths
    of the values written ``ej angivet`` (load/unstated.py): the model has their fields' defaults instead."""

    model: T
    body: str
    doc: Document
    unstated: tuple[Loc, ...] = field(default=(), kw_only=True)


def word_quote_warnings(doc: Document) -> list[Diagnostic]:
    """A warning for each plain value inside typographic quotes: they would be published as part of the text."""
    diagnostics = []
    for loc in doc.word_quoted:
        mark, value = doc.marks[loc], _value_at(doc.data, loc)
        diagnostics.append(Diagnostic(
            doc.path, mark.line, mark.column, WARNING, "citattecken",
            f"Texten står inom typografiska citattecken (`{value[0]}…{value[-1]}`), som publiceras som en del "
            "av texten.",
            f"Var de menade som YAML-citattecken, skriv raka: `{straighten(value)}`. Ska de synas på sidan, sätt "
            f"hela texten inom raka citattecken: `'{value.replace(chr(39), chr(39) * 2)}'`.",
        ))
    return diagnostics


def _value_at(data: Any, loc: Loc) -> str:
    for step in loc:
        data = data[step]
    return str(data)


def _validate(cls: type[M], doc: Document, text: str) -> tuple[M | None, tuple[Loc, ...], list[Diagnostic]]:
    """The model of ``doc``, its values written ``ej angivet`` taken out first (and their paths)."""
    if not may_hold(text):
        model, diags = validate_model(cls, doc)
        return model, (), diags
    doc.data, removed, emptied = strip_unstated(doc.data)
    model, diags = validate_model(cls, doc, removed, emptied)
    return model, (*removed, *emptied), diags


def parse_yaml_file(cls: type[M], text: str, path: str) -> tuple[Parsed[M] | None, list[Diagnostic]]:
    doc, problems = parse_yaml(text, path)
    if doc is None:
        return None, problems
    warnings = word_quote_warnings(doc)
    model, unstated, diags = _validate(cls, doc, text)
    diags += _text_limits(doc)
    return (Parsed(model, "", doc, unstated=unstated) if model else None), warnings + diags


def _text_limits(doc: Document, body: str = "", body_line: int = 0) -> list[Diagnostic]:
    """Every text of a file (each value, and a Markdown body) with a control character, or beyond what markup.py
    renders: refused here, in ``check`` as in ``build``, where the file and line are known."""
    texts: list[tuple[Loc, str]] = []

    def collect(value: object, loc: Loc) -> None:
        if isinstance(value, str):
            texts.append((loc, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                collect(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                collect(item, (*loc, index))

    collect(doc.data, ())
    found: list[Diagnostic] = []
    suspect = CONTROL.search("".join(text for _, text in texts)) is not None  # one search for the usual case
    for loc, text in texts:
        control = CONTROL.search(text) if suspect else None
        problem = limit_problem(text) if len(text) > SHORT else None
        if control is not None or problem is not None:
            mark = doc.mark(loc)
            found.append(_control(doc.path, mark.line, mark.column, control.group()) if control else
                         _limit(doc.path, mark.line, mark.column, problem[1] if problem else ""))
    if body and (control := CONTROL.search(body)) is not None:
        found.append(_control(doc.path, body_line + body.count("\n", 0, control.start()), 1, control.group()))
    if body and (problem := limit_problem(body)) is not None:
        found.append(_limit(doc.path, body_line + problem[0] - 1, 1, problem[1]))
    return found


def _control(path: str, line: int, column: int, char: str) -> Diagnostic:
    return Diagnostic(path, line, column, ERROR, "kontrolltecken",
                      f"Texten innehåller ett kontrolltecken (kod 0x{ord(char):04X}) som inte hör hemma i en text.",
                      "Ta bort tecknet; det kommer ofta med när text klistras in från ett annat program.")


def _limit(path: str, line: int, column: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, column, ERROR, "markdown-gräns", message,
                      "Dela upp texten, eller ta bort tecken som öppnar men aldrig stänger något.")


def split_front_matter(text: str, path: str) -> tuple[str, str, int, list[Diagnostic]]:
    """Split ``---`` YAML front matter from a Markdown body.

    Returns the YAML text, the body, the line offset of the YAML text in the
    file and any diagnostics.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return (
            "",
            text,
            0,
            [
                Diagnostic(
                    path,
                    1,
                    1,
                    ERROR,
                    "framsida-saknas",
                    "Filen ska börja med en rad `---` följd av fälten.",
                    "Fälten står mellan två rader `---`, texten efter; se `finsam-site hjälp avsnitt`.",
                )
            ],
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), 1, []
    return (
        "",
        "",
        0,
        [
            Diagnostic(
                path,
                1,
                1,
                ERROR,
                "framsida-saknas",
                "Fälten överst i filen avslutas aldrig med en rad `---`.",
                "Lägg till en rad med bara `---` efter fälten.",
            )
        ],
    )


def parse_markdown_file(cls: type[M], text: str, path: str) -> tuple[Parsed[M] | None, list[Diagnostic]]:
    front, body, offset, diags = split_front_matter(text, path)
    if diags:
        return None, diags
    doc, problems = parse_yaml(front, path, line_offset=offset)
    if doc is None:
        return None, problems
    warnings = word_quote_warnings(doc)
    model, unstated, diags = _validate(cls, doc, front)
    diags += _text_limits(doc, body, text.count("\n", 0, len(text) - len(body)) + 1)
    body = body.strip("\n") + "\n" if body.strip() else ""
    return (Parsed(model, body, doc, unstated=unstated) if model else None), warnings + diags
