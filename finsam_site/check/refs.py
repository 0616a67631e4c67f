"""The located diagnostic of a check of form (``at``) and the message of a reference to something that does not
exist (``unknown_ref``: a near miss named, or the known ids listed), which form.py and outcomerefs.py share."""

from __future__ import annotations

from typing import Any

from ..diagnostics import ERROR, Diagnostic, Severity
from ..load.content import Entry
from ..load.explain import closest
from ..load.yamlload import Loc


def at(
    entry: Entry[Any], loc: Loc, rule: str, message: str, hint: str = "", severity: Severity = ERROR, key: bool = False
) -> Diagnostic:
    mark = entry.doc.mark(loc, key=key)
    return Diagnostic(entry.path, mark.line, mark.column, severity, rule, message, hint)


def unknown_ref(entry: Entry[Any], loc: Loc, rule: str, what: str, value: str, known: list[str]) -> Diagnostic:
    parts = [part.strip() for part in value.split(",")]
    if len(parts) > 1 and all(part in known for part in parts):  # `mål: a, b` is one text, not a list
        key = next((step for step in reversed(loc) if isinstance(step, str)), "")
        return at(entry, loc, rule, f"`{value}` är en enda text, inte en lista med {len(parts)} id.",
                  f"Skriv listan inom hakparenteser: `{key}: [{', '.join(parts)}]`.")
    segment = [k for k in known if value.lower() in k.split("-")]  # `region` for `region-vasternorrland`
    guess = segment[0] if len(segment) == 1 else closest(value, known)
    hint = f"menade du `{guess}`?" if guess else ("kända: " + ", ".join(f"`{k}`" for k in known) if known else
                                                  "Här finns inget att hänvisa till ännu; skapa det först eller ta "
                                                  "bort hänvisningen.")
    return at(entry, loc, rule, f"{what} `{value}` finns inte.", hint)
