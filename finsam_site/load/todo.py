"""Markers an author must revisit: ``ATT GÖRA`` anywhere in a content file, in a value, a text or a comment.

``finsam-site new`` leaves such markers where a plan needs the author's
attention (a new decision date, next year's amounts, text carried over from
last year); anyone can write one. Each is a warning with its file and line, so
``check`` lists what is left to do and ``build --strict`` refuses to publish
a plan that still has any. Only the capitals count: "att göra" in running text
is ordinary Swedish.
"""

from __future__ import annotations

from ..diagnostics import WARNING, Diagnostic

MARKER = "ATT GÖRA"


def find_markers(text: str, path: str) -> list[Diagnostic]:
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        column = line.find(MARKER)
        if column < 0:
            continue
        rest = line[column + len(MARKER) :].strip(" :–-\t")
        found.append(
            Diagnostic(
                path,
                number,
                column + 1,
                WARNING,
                "att-göra",
                f"Kvar att göra: {rest}" if rest else "Här finns något kvar att göra.",
                f"Gör det som står och ta sedan bort markeringen {MARKER} (hela raden om den är en kommentar).",
            )
        )
    return found
