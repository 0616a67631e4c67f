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
_VALUE_QUOTE = re.compile(r"(?:^\s*|:\s+|^\s*-\s+)([”“„‘’‚])")
_FLOW_QUOTE = re.compile(r"[\[,{]\s*([”“„‘’‚])")  # only in a line that opens a `[ ]` or `{ }`


def _quote_at_value(line: str) -> re.Match[str] | None:
    """A typographic quote where a value begins: after `key: `, `- `, or in a `[ ]` list after `[` or `,`."""
    return _VALUE_QUOTE.search(line) or (_FLOW_QUOTE.search(line) if re.search(r":\s+[\[{]", line) else None)
_NO_SPACE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-zÅÄÖåäöÉé_][\w-]*):(?=[^\s/:])")
_KEY = re.compile(r"^(\s*(?:-\s+)?)([^\s:#\-\"'][^:#]*?):(\s|$)")
_KEY_WITH_VALUE = re.compile(r"^(\s*(?:-\s+)?)([^\s:#\-\"'][^:#]*?):\s+[^\s#|>]")

Found = tuple[tuple[int, int], str, str]  # (0-based line, 0-based column), message, hint


def straighten(value: str) -> str:
    """A value from inside typographic quotes, written with straight YAML quotes."""
    inner = value[1:-1] if len(value) > 1 and value[0] in WORD_QUOTES and value[-1] in WORD_QUOTES else value
    return "'" + inner.replace("'", "''") + "'" if '"' in inner else f'"{inner}"'


def _straighten_line(line: str) -> str:
    text = line.strip().translate(_DOUBLE)
    match = _quote_at_value(text)
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
    problem = str(getattr(exc, "problem", "") or "")
    return (
        _word_quotes(lines, max(0, first - 1), last)
        or _no_space(lines, max(0, last - 3), last)
        or _unclosed_quote(lines, last)
        or _over_indented(lines, last, problem_mark.column, problem)
        or _text_after_quote(lines, last)
        or _colon_in_text(lines, last, problem)
        or _by_problem(problem, str(getattr(exc, "context", "") or ""), context_mark or problem_mark, problem_mark,
                       lines[last])
    )


_QUOTED_VALUE = re.compile(r"^(\s*(?:-\s+)?[^\s:#\"'][^:#]*?:\s+)([\"'])(.*?)\s*$")


def _unclosed_quote(lines: list[str], last: int) -> Found | None:
    """A value that opens a quote and does not close it on its line: YAML reads on to the next quote, and the
    error it finds there is a consequence."""
    for number in range(0, last + 1):
        match = _QUOTED_VALUE.match(lines[number])
        if match is None:
            continue
        quote, rest = match.group(2), match.group(3)
        closed = re.search(r'(?<!\\)"', rest) if quote == '"' else rest.replace("''", "").count("'")
        if not closed:
            return (
                (number, match.start(2)),
                "Citattecknet som börjar texten här stängs aldrig på raden.",
                f"Avsluta texten med samma sorts citattecken: `{match.group(1).strip()} {quote}{rest}{quote}`.",
            )
    return None


_AFTER_QUOTE = re.compile(r"^(\s*(?:-\s+)?[^\s:#][^:#]*?:\s+)(([\"'])[^\"']*\3\s*[^\s#].*?)\s*$")


def _text_after_quote(lines: list[str], number: int) -> Found | None:
    match = _AFTER_QUOTE.match(lines[number])
    if match is None:
        return None
    value = match.group(2)
    return (
        (number, match.start(2)),
        "Texten fortsätter efter citattecknet som avslutar den.",
        f"Sätt hela texten inom citattecken: `{match.group(1).strip()} '{value.replace(chr(39), chr(39) * 2)}'`.",
    )


_FIELD = re.compile(r"^\s*((?:-\s+)?[^\s:#\"'][^:#]*?:)\s+(.+?)\s*$")


def _colon_in_text(lines: list[str], number: int, problem: str) -> Found | None:
    """``rubrik: Mål: fler i arbete``: the text has a colon and a space, which YAML takes for a new field."""
    match = _FIELD.match(lines[number])
    if "mapping values are not allowed" not in problem or match is None or ": " not in match.group(2):
        return None
    text = match.group(2)
    quoted = f'"{text}"' if '"' not in text else "'" + text.replace("'", "''") + "'"
    return (
        (number, match.start(2)),
        "Texten innehåller ett kolon följt av mellanslag, som YAML läser som början på ett nytt fält.",
        f"Sätt texten inom citattecken: `{match.group(1)} {quoted}`.",
    )


def _by_problem(problem: str, context: str, start: Any, mark: Any, line: str) -> Found | None:
    """PyYAML's other problems, by their English wording, in Swedish."""
    at = (mark.line, mark.column)
    field = re.match(r"^\s*((?:-\s+)?[^\s:#][^:#]*?:)\s+(.+?)\s*$", line)
    quote_it = "Sätt värdet inom citattecken."
    if field:
        quote_it = f"Sätt värdet inom citattecken: `{field.group(1)} \"{field.group(2).replace(chr(34), chr(39))}\"`."
    if "end of stream" in problem and "quoted scalar" in context:
        return ((start.line, start.column), "Citattecknet som börjar texten här stängs aldrig.",
                "Avsluta texten med samma sorts citattecken (`\"` eller `'`), eller ta bort citattecknet.")
    if "unknown escape character" in problem:
        return (at, "Ett omvänt snedstreck (`\\`) inom dubbla citattecken inleder ett specialtecken i YAML.",
                "Sätt texten inom enkla citattecken i stället, till exempel `'C:\\Mappen'`.")
    if "cannot start any token" in problem and "\\t" not in problem:
        char = re.search(r"character '(.+?)'", problem)
        what = f"`{char.group(1)}`" if char else "det här tecknet"
        return (at, f"Ett värde kan inte börja med {what} i YAML.", quote_it)
    if "alphabetic or numeric character" in problem:
        return (at, "Ett värde som börjar med `&`, `*` eller `!` betyder något särskilt i YAML.", quote_it)
    if "chomping or indentation indicators" in problem:
        return (at, "Efter `|` eller `>` ska raden ta slut: texten börjar på nästa rad.",
                "Flytta texten till nästa rad och dra in den, eller ta bort `|`.")
    if "another document" in problem:
        return (at, "En rad `---` står mitt bland fälten.",
                "Ta bort raden; i en .md-fil står fälten mellan den första och den andra raden `---`.")
    return None


def _word_quotes(lines: list[str], first: int, last: int) -> Found | None:
    for number in range(last, first - 1, -1):
        match = _quote_at_value(lines[number])
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
