"""Pure parsers: text in, a validated model and diagnostics out. No file I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel

from .errors import ERROR, Diagnostic
from .schema import validate_model
from .yamlload import Document, parse_yaml

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


@dataclass(frozen=True)
class Parsed(Generic[T]):
    """A parsed file: its model, its Markdown body (for .md files) and its positions."""

    model: T
    body: str
    doc: Document


def parse_yaml_file(cls: type[M], text: str, path: str) -> tuple[Parsed[M] | None, list[Diagnostic]]:
    doc, warnings = parse_yaml(text, path)
    if doc is None:
        return None, warnings
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
                    "Se docs/content-format.md: fälten står mellan två rader `---`, texten efter.",
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
    doc, warnings = parse_yaml(front, path, line_offset=offset)
    if doc is None:
        return None, warnings
    model, diags = validate_model(cls, doc)
    return (Parsed(model, body.strip("\n") + "\n" if body.strip() else "", doc) if model else None), warnings + diags
