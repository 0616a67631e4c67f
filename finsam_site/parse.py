"""Pure parsers: text in, a validated model and diagnostics out. No file I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from .errors import ERROR, WARNING, Diagnostic
from .schema import validate_model
from .yamlhints import straighten
from .yamlload import Document, Loc, parse_yaml

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


@dataclass(frozen=True)
class Parsed(Generic[T]):
    """A parsed file: its model, its Markdown body (for .md files) and its positions."""

    model: T
    body: str
    doc: Document


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


def parse_yaml_file(cls: type[M], text: str, path: str) -> tuple[Parsed[M] | None, list[Diagnostic]]:
    doc, problems = parse_yaml(text, path)
    if doc is None:
        return None, problems
    warnings = word_quote_warnings(doc)
    model, diags = validate_model(cls, doc)
    return (Parsed(model, "", doc) if model else None), warnings + diags


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
    model, diags = validate_model(cls, doc)
    return (Parsed(model, body.strip("\n") + "\n" if body.strip() else "", doc) if model else None), warnings + diags
