"""The true cause of a YAML syntax error, read from the lines around it.

PyYAML names the symptom ("mapping values are not allowed here"), often on the line after the mistake. The
mistakes authors make are few and can be seen in the text: quotes from Word (”…”), which YAML does not take for
quotes; a colon with no space after it (``vision:Alla``); a line indented more than the field above it. Each is
named here, on the line where the author must act, with the line as it should be written. Pure functions.
"""

from __future__ import annotations

import re
from typing import Any

WORD_QUOTES = "”“„‘’‚"
_DOUBLE = str.maketrans({"”": '"', "“": '"', "„": '"'})
_VALUE_QUOTE = re.compile(r"(?:^\s*|:\s+|^\s*-\s+|[\[,{]\s*)([”“„‘’‚])")
_NO_SPACE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-zÅÄÖåäöÉé_][\w-]*):(?=[^\s/:])")
_KEY = re.compile(r"^(\s*(?:-\s+)?)([^\s:#\-\"'][^:#]*?):(\s|$)")
_KEY_WITH_VALUE = re.compile(r"^(\s*(?:-\s+)?)([^\s:#\-\"'][^:#]*?):\s+[^\s#|>]")

Found = tuple[tuple[int, int], str, str]  # (0-based line, 0-based column), message, hint


def straighten(value: str) -> str:
    """A value from inside typographic quotes, written with straight YAML quotes."""
    inner = value[1:-1] if value[:1] in WORD_QUOTES and value[-1:] in WORD_QUOTES else value
    return "'" + inner.replace("'", "''") + "'" if '"' in inner else f'"{inner}"'


def _straighten_line(line: str) -> str:
    text = line.strip().translate(_DOUBLE)
    match = _VALUE_QUOTE.search(text)
    if match and match.group(1) in "‘’‚":
        start = match.start(1)
        end = max(text.rfind("’"), text.rfind("‘"))
        if end > start:
            text = text[:start] + "'" + text[start + 1 : end] + "'" + text[end + 1 :]
    return text


def explain_in_text(text: str, exc: Any) -> Found | None:
    """The cause of the YAML error ``exc`` in ``text`` when it is one of the known mistakes, else None."""
    problem_mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if problem_mark is None:
        return None
    lines = text.split("\n")
    last = min(problem_mark.line, len(lines) - 1)
    context_mark = getattr(exc, "context_mark", None)
    first = min(context_mark.line, last) if context_mark is not None else last
    return (
        _word_quotes(lines, max(0, first - 1), last)
        or _no_space(lines, max(0, last - 3), last)
        or _over_indented(lines, last, problem_mark.column, str(getattr(exc, "problem", "") or ""))
    )


def _word_quotes(lines: list[str], first: int, last: int) -> Found | None:
    for number in range(last, first - 1, -1):
        match = _VALUE_QUOTE.search(lines[number])
        if match:
            quote = match.group(1)
            return (
                (number, match.start(1)),
                f"Texten börjar med ett typografiskt citattecken (`{quote}`), som Word och andra ordbehandlare "
                "skriver; YAML räknar bara raka citattecken (`\"` och `'`) som citattecken.",
                f"Skriv raka citattecken: `{_straighten_line(lines[number])}`.",
            )
    return None


def _no_space(lines: list[str], first: int, last: int) -> Found | None:
    for number in range(last, first - 1, -1):
        match = _NO_SPACE.match(lines[number])
        if match:
            key = match.group(2)
            colon = match.end(2)
            fixed = lines[number][:colon + 1].strip() + " " + lines[number][colon + 1 :].strip()
            return (
                (number, colon),
                f"Efter kolonet i `{key}:` saknas ett mellanslag.",
                f"Skriv ett mellanslag efter kolonet: `{fixed}`.",
            )
    return None


def _over_indented(lines: list[str], number: int, column: int, problem: str) -> Found | None:
    if "mapping values are not allowed" not in problem:
        return None
    match = _KEY.match(lines[number])
    if match is None or match.end(2) != column:  # the colon YAML stopped at is not the line's first key's
        return None
    indent = len(match.group(1))
    above = next((n for n in range(number - 1, -1, -1) if lines[n].strip() and not lines[n].lstrip().startswith("#")),
                 None)
    if above is None:
        return None
    field = _KEY_WITH_VALUE.match(lines[above])
    if field is None or indent <= len(field.group(1)):
        return None
    extra = indent - len(field.group(1))
    key, parent = match.group(2).strip(), field.group(2).strip()
    spaces = "1 mellanslag" if extra == 1 else f"{extra} mellanslag"
    return (
        (number, indent),
        f"Raden är indragen {spaces} mer än fältet `{parent}:` ovanför, så YAML läser den som en fortsättning "
        f"på texten i `{parent}:`.",
        f"Ta bort {spaces} i början av raden, så att `{key}:` står rakt under `{parent}:`.",
    )
