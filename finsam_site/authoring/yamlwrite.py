"""Write plain data (dicts, lists, text, None) as YAML an author can read and edit.

The counterpart of yamlload.py for the files ``finsam-site new`` writes: block
style, a field per line, long text as ``|`` blocks, short lists of ids on one
line, and quotes only where a value would otherwise be read differently; every
plain scalar is checked by reading it back with yamlload. Comments can be put
on their own line before a field or list item (``comments`` maps the item's
location, as in ``Document.marks``, to its comment lines).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..load.yamlload import Loc, parse_yaml

SIMPLE = re.compile(r"^[0-9A-Za-zÅÄÖåäöÉé_.-]+$")
INDENT = "  "
# What an editor (YAML 1.2) reads as a number, true/false or nothing: quoted, except in fields that take a number.
NOT_TEXT = re.compile(r"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|true|false|null|~)$", re.I)
NUMBER_FIELDS = {"år", "planår", "procent", "agenda2030", "mått", "minsta_antal", "tolerans_fördelning",
                 "eget_kapital_max", "avrundning"}


def dump(data: Mapping[str, Any], comments: Mapping[Loc, Sequence[str]] | None = None) -> str:
    lines: list[str] = []
    _mapping(data, (), 0, lines, comments or {})
    return "\n".join(lines) + "\n"


def scalar(value: str | None, number: bool = False) -> str:
    """One value as it is written after ``key: `` or ``- ``: plain where that reads back the same (and, unless
    the field takes a ``number``, an editor would not read it as one), else quoted."""
    if value is None:
        return "~"
    if value and value == value.strip() and "\n" not in value and (number or not NOT_TEXT.match(value)):
        doc, problems = parse_yaml(f"k: {value}", "")
        if not problems and doc is not None and doc.data == {"k": value}:
            return value
    return json.dumps(value, ensure_ascii=False)


def _comment(loc: Loc, indent: int, lines: list[str], comments: Mapping[Loc, Sequence[str]]) -> None:
    for text in comments.get(loc, ()):
        lines.append(f"{INDENT * indent}# {text}")


def _mapping(data: Mapping[str, Any], loc: Loc, indent: int, lines: list[str], comments: Mapping[Loc, Any]) -> None:
    pad = INDENT * indent
    for key, value in data.items():
        here = (*loc, key)
        _comment(here, indent, lines, comments)
        head = f"{pad}{scalar(str(key), True)}:"  # a key is text to an editor too
        _value(value, here, indent, head, lines, comments)


def _value(value: Any, loc: Loc, indent: int, head: str, lines: list[str], comments: Mapping[Loc, Any]) -> None:
    """``head`` is ``key:`` or ``-``; the value follows on the same line or, for blocks, below it."""
    if isinstance(value, Mapping):
        if not value:
            lines.append(f"{head} {{}}")
        elif head.lstrip().startswith("-") and not any((*loc, k) in comments for k in value):
            first = len(lines)
            _mapping(value, loc, indent + 1, lines, comments)
            lines[first] = head + lines[first][len(head) :]  # "- " takes the place of the first key's indent
        else:
            lines.append(head)
            _mapping(value, loc, indent + 1, lines, comments)
    elif isinstance(value, list):
        if not value:
            lines.append(f"{head} []")
        elif (
            all(isinstance(v, str) and SIMPLE.match(v) and (loc[-1:] == ("planår",) or not NOT_TEXT.match(v))
                for v in value)
            and len(", ".join(value)) < 80
        ):
            lines.append(f"{head} [{', '.join(value)}]")
        else:
            lines.append(head)
            for index, item in enumerate(value):
                here = (*loc, index)
                _comment(here, indent + 1, lines, comments)
                _value(item, here, indent + 1, f"{INDENT * (indent + 1)}-", lines, comments)
    elif value is None:
        lines.append(head)
    elif isinstance(value, str) and "\n" in value and not value.startswith((" ", "\n")):
        chomp = "" if value.endswith("\n") else "-"
        lines.append(f"{head} |{chomp}")
        body = value[:-1] if value.endswith("\n") else value
        lines.extend(f"{INDENT * (indent + 1)}{line}" if line else "" for line in body.split("\n"))
    else:
        field = next((part for part in reversed(loc) if isinstance(part, str)), "")
        lines.append(f"{head} {scalar(str(value), field in NUMBER_FIELDS)}")
