"""Limits on one Markdown text, checked when it is loaded (parse.py) and again when it is rendered (markup.py).

Limits on one text (see docs/security.md). Python-Markdown recurses once per level of nested lists and quotes
(260 levels exhaust Python's stack) and scans from every opening `[`, `](` or `<` to its end, so thousands that
never close take quadratic time (10 KB of `[`: 30 s). What the limits refuse, `check` refuses too (parse.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_NESTING = 100  # levels of lists, quotes and indentation on one line
MAX_OPEN_TAGS = 1000  # raw HTML elements open at once
MAX_SCAN = 2_000_000  # characters Python-Markdown would scan from unclosed or far-closed openers
TIME_LIMIT = 30.0  # seconds per text: a backstop for what the limits above do not foresee, generous for a busy machine
_DEEP = re.compile(rf"^[ \t>*+\-\d.)]{{{MAX_NESTING + 1},}}", re.M)
_MARKER = re.compile(r"[>*+-]|\d{1,9}[.)]")
_BLOCK = re.compile(r"\n[ \t]*\n")
_BRACKET = re.compile(r"[\[\]]")
_LINK_TARGET = re.compile(r"\]\(|\)")
_ANGLE = re.compile(r"[<>]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class MarkdownLimit(ValueError):
    """A text beyond the limits above; the message is Swedish and says which limit."""


def limit_problem(text: str) -> tuple[int, str] | None:
    """The first line (1-based) of ``text`` and a Swedish message when the text is beyond the limits, else None.

    Cheap (regular expressions over the few characters that matter), so ``check`` runs it on every text.
    """
    for lead in _DEEP.finditer(text):  # a level takes at least one character: only long line starts can be deep
        if _depth(lead.group()) > MAX_NESTING:
            return _line(text, lead.start()), (
                f"Texten är nästlad i fler än {MAX_NESTING} nivåer (listor i listor, citat eller indrag) och kan "
                "inte göras om till en webbsida."
            )
    if len(text) < 3 * MAX_OPEN_TAGS and len(text) ** 2 < MAX_SCAN:
        return None  # too short to open that many elements or to scan that far
    depth = 0
    for match in _TAG.finditer(text):
        name = match.group(2).lower()
        if match.group(1):
            depth = max(0, depth - 1)
        elif name not in _VOID and not match.group(3):
            depth += 1
            if depth > MAX_OPEN_TAGS:
                return _line(text, match.start()), (
                    f"Texten har fler än {MAX_OPEN_TAGS} HTML-element som öppnas utan att stängas."
                )
    scanned, start = 0, 0
    for block in _blocks(text):
        scanned += _scan(block)
        if scanned > MAX_SCAN:
            return _line(text, text.find(block, start) if block else 0), (
                "Texten har så många `[`, `(` eller `<` som aldrig stängs att den inte kan göras om till en webbsida "
                "inom rimlig tid."
            )
        start += len(block)
    return None


def _depth(run: str) -> int:
    """Levels in the start of a line: each list marker and `>`, and each four columns of indentation."""
    return len(_MARKER.findall(run)) + (run.count(" ") + 4 * run.count("\t")) // 4


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, max(0, offset)) + 1


def _blocks(text: str) -> Iterator[str]:
    yield from _BLOCK.split(text)


def _scan(block: str) -> int:
    """What Python-Markdown's inline patterns would scan in one block: from each `[` to its `]` (nested), from
    each `](` to the next `)` and from each `<` to the next `>`, or to the end of the block when none comes."""
    cost, end = 0, len(block)
    opened: list[int] = []
    for match in _BRACKET.finditer(block):
        if match.group() == "[":
            opened.append(match.start())
        elif opened:
            cost += match.start() - opened.pop()
    cost += sum(end - at for at in opened)
    for pattern, opener in ((_LINK_TARGET, "]("), (_ANGLE, "<")):
        waiting: list[int] = []
        for match in pattern.finditer(block):
            if match.group() == opener:
                waiting.append(match.start())
            else:
                cost += sum(match.start() - at for at in waiting)
                waiting.clear()
        cost += sum(end - at for at in waiting)
    return cost
