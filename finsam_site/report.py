"""The one place that prints to the console.

Commands and the build report through a :class:`Reporter`; tests use
:class:`BufferReporter` to read what would have been printed.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TextIO

from .diagnostics import ERROR, Diagnostic, printable, to_json
from .formatting import number

COLOURS = {"fel": "\033[31m", "varning": "\033[33m", "ok": "\033[32m", "dim": "\033[2m"}
RESET = "\033[0m"
PROGRESS_AFTER = 0.5  # seconds before a build shows its progress


class Reporter:
    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        quiet: bool = False,
        verbose: bool = False,
        colour: bool | None = None,
        data: TextIO | None = None,
    ) -> None:
        self.stream = stream or sys.stderr
        self.data = data or stream or sys.stdout
        self.quiet = quiet
        self.verbose = verbose
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        if colour is None:
            colour = self.tty and "NO_COLOR" not in os.environ
        self.colour = colour
        self._line_open = False
        self._progress: tuple[int, float, float] = (0, 0.0, 0.0)  # pages done, started, last shown

    def _paint(self, text: str, colour: str) -> str:
        return f"{COLOURS[colour]}{text}{RESET}" if self.colour else text

    def write(self, text: str) -> None:
        if self._line_open:
            self.stream.write("\n")
            self._line_open = False
        self.stream.write(text + "\n")
        self.stream.flush()

    def ok(self, text: str) -> None:
        if not self.quiet:
            self.write(self._paint(printable(text, lines=True), "ok"))

    def error(self, text: str) -> None:
        self.write(self._paint(printable(text, lines=True), "fel"))

    def progress(self, done: int, total: int) -> None:
        """Pages rendered so far. Shown once a build has taken a while (at once with --verbose):
        on a terminal as one line that updates itself, elsewhere as a line at most every second."""
        now = time.monotonic()
        if done <= self._progress[0] or self._progress[1] == 0.0:
            self._progress = (0, now, now)
        _, started, shown = self._progress
        self._progress = (done, started, shown)
        if done == 0 or self.quiet or (now - started < PROGRESS_AFTER and not self.verbose):
            return
        if not self.tty and now - shown < 1.0 and done < total:
            return
        text = f"Skapar sidor: {done} av {total} ({number(Decimal(f'{now - started:.1f}'), 1)} s)"
        if self.tty:
            self.stream.write("\r" + text + ("\n" if done >= total else ""))
            self._line_open = done < total
            self.stream.flush()
        else:
            self.write(text)
        self._progress = (done, started, now)

    def info(self, text: str) -> None:
        if not self.quiet:
            self.write(printable(text, lines=True))  # file names in it come from the author

    def page(self, text: str) -> None:
        """Text the user asked for (the help), on the data stream; a character the console cannot show is replaced."""
        encoding = getattr(self.data, "encoding", None) or "utf-8"
        self.data.write(text.encode(encoding, "replace").decode(encoding) + "\n")
        self.data.flush()

    def detail(self, text: str) -> None:
        if self.verbose and not self.quiet:
            self.write(self._paint(printable(text, lines=True), "dim"))

    def diagnostics(self, diagnostics: list[Diagnostic], fmt: str = "text") -> None:
        if fmt == "json":
            self.data.write(to_json(diagnostics) + "\n")
            return
        errors = [d for d in diagnostics if d.severity == ERROR]  # the causes first, warnings after
        for diag in errors + [d for d in diagnostics if d.severity != ERROR]:
            where, message, hint = printable(diag.location()), printable(diag.message), printable(diag.hint)
            head = f"{where}: {self._paint(diag.severity, diag.severity)} [{diag.rule}] {message}"
            self.write(head + (f"\n    tips: {hint}" if hint else ""))

    def postponed(self, reports: Mapping[str, Any]) -> None:
        """Say so when the substance rules waited for errors of form (``PlanReport.postponed``): fixing those may
        bring new messages."""
        count = sum(1 for report in reports.values() if getattr(report, "postponed", False))
        if count:
            plans = "1 plan" if count == 1 else f"{count} planer"
            self.info(f"Innehållsreglerna (summor, fördelningen 50/25/25, eget kapital) väntar i {plans} tills "
                      "felen ovan är rättade.")

    def summary(self, diagnostics: list[Diagnostic], what: str, done: str, strict: bool = False) -> None:
        """``what`` names the command ("Bygget"), ``done`` says it went well ("Bygget är klart"); with ``strict``
        a warning fails it too, and the line says so."""
        errors = sum(1 for d in diagnostics if d.severity == ERROR)
        warnings = len(diagnostics) - errors
        if errors:
            self.write(self._paint(f"{what} misslyckades: {errors} fel, {_warnings(warnings)}.", "fel"))
        elif strict and warnings:
            line = f"{what} misslyckades: inga fel men {_warnings(warnings)}, som räknas som fel med --strict."
            self.write(self._paint(line, "fel"))
        elif not self.quiet:
            self.write(self._paint(f"{done}: inga fel, {_warnings(warnings)}.", "ok"))


def _warnings(count: int) -> str:
    return "1 varning" if count == 1 else f"{count} varningar"


class BufferReporter(Reporter):
    """Collects the output in memory (for tests)."""

    def __init__(self, *, quiet: bool = False, verbose: bool = False) -> None:
        import io

        self.buffer = io.StringIO()
        super().__init__(self.buffer, colour=False, quiet=quiet, verbose=verbose)

    @property
    def text(self) -> str:
        return self.buffer.getvalue()
