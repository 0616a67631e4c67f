"""The one diagnostic type every stage reports problems with.

A :class:`Diagnostic` carries where (path relative to the site root, line,
column, all 1-based), how bad (``fel`` or ``varning``), which rule (a short id
such as ``yaml-syntax`` or ``budget-summa``), a Swedish message for the author
and, where possible, a hint.
"""

from __future__ import annotations

import errno
import json
import re
from dataclasses import asdict, dataclass
from typing import Literal

# What a terminal would act on rather than show: C0 controls (newline included: a value must not fake a line of
# its own), DEL, C1 controls, and the bidirectional overrides that reorder what is shown.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, lines: bool = False) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), never sent raw to a terminal;
    with ``lines``, newlines stay (a text of several lines written by the program itself)."""
    if lines:
        return "\n".join(printable(line) for line in text.split("\n"))
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)

Severity = Literal["fel", "varning"]

ERROR: Severity = "fel"
WARNING: Severity = "varning"


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str
    hint: str = ""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.rule, self.message)

    def location(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"

    def format(self) -> str:
        text = f"{self.location()}: {self.severity} [{self.rule}] {self.message}"
        if self.hint:
            text += f"\n    tips: {self.hint}"
        return text


OS_REASONS = {
    errno.ENOENT: "den finns inte",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.EISDIR: "det är en mapp",
    errno.ENOTDIR: "en del av sökvägen är inte en mapp",
    errno.ENOSPC: "disken är full",
    errno.EROFS: "platsen är skrivskyddad",
    errno.EBUSY: "den används av ett annat program",
    errno.ENAMETOOLONG: "namnet är för långt",
    errno.ELOOP: "för många länkar i rad",
    errno.EADDRINUSE: "den används redan av ett annat program",
    errno.EADDRNOTAVAIL: "adressen finns inte på den här datorn",
}


def os_reason(exc: BaseException) -> str:
    """Why a file or network operation failed, in Swedish (the system's own text is English)."""
    code = getattr(exc, "errno", None)
    if code in OS_REASONS:
        return OS_REASONS[code]
    return f"systemfel {code}" if code else "okänt systemfel"


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file and position, duplicates removed."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def has_errors(diagnostics: list[Diagnostic], strict: bool = False) -> bool:
    return any(d.severity == ERROR or strict for d in diagnostics)


def to_json(diagnostics: list[Diagnostic]) -> str:
    return json.dumps([asdict(d) for d in diagnostics], ensure_ascii=False, indent=2)

