"""Reading a site's files safely: sorted walks, encodings, size limits, links that lead out of the site.

:class:`Reader` holds the file-system concerns of the load stage and collects each problem as a diagnostic;
loader.py's :class:`~.loader.Loader` builds on it to read a site, its förbund and their documents.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from ..diagnostics import ERROR, WARNING, Diagnostic, os_reason
from .content import Entry
from .fields import SLUG
from .kinds import Kind
from .parse import Parsed, parse_markdown_file, parse_yaml_file
from .textfile import decode
from .todo import find_markers

M = TypeVar("M", bound=BaseModel)
MAX_BYTES = 2_000_000
MAX_ID = 100  # characters of a file or folder name that becomes a part of a URL (file systems stop at 255 bytes)
ORDERED = re.compile(r"^(\d+)-(.+)\Z")
NOT_REGULAR = "Det här är ingen vanlig fil (utan till exempel en namngiven pipe eller en enhet); den läses inte."
NOT_REGULAR_HINT = "Ersätt den med en vanlig textfil."


class Reader:
    """Reads the files of one site. Diagnostics accumulate in ``self.diagnostics``."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.diagnostics: list[Diagnostic] = []
        self.forbund_folders: list[Path] = []
        self.read: list[str] = []  # every content file read, relative to the site

    def problem(self, path: str, message: str, hint: str = "", rule: str = "fil", severity: str = ERROR) -> None:
        self.diagnostics.append(Diagnostic(path, 0, 0, ERROR if severity == ERROR else WARNING, rule, message, hint))

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def within(self, path: Path, what: str = "Filen") -> bool:
        """Whether ``path``, every link on the way followed, stays inside the site's folder; if not, a problem.
        Every path the loader reads starts inside the site, so one that leads out went through a link."""
        try:
            inside = path.resolve().is_relative_to(self.root)
        except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError for a loop of links
            self.problem(self.rel(path), "Länken går inte att följa; den leder i en slinga.", "Ta bort länken.")
            return False
        if not inside:
            self.problem(
                self.rel(path),
                f"{what} är en länk till en plats utanför webbplatsens mapp.",
                "Kopiera in den i stället; finsam-site läser inget utanför webbplatsens mapp.",
            )
        return inside

    def is_file(self, path: Path) -> bool:
        """Whether ``path`` is a file; a folder by a content file's name is reported as such, not as missing,
        and so is anything else that is not a regular file (a named pipe, a device)."""
        if path.is_dir():
            self.problem(
                self.rel(path),
                f"`{path.name}` är en mapp, inte en fil.",
                "Ta bort mappen och skapa en fil med samma namn.",
            )
        elif path.exists() and not path.is_file():
            self.problem(self.rel(path), NOT_REGULAR, NOT_REGULAR_HINT)
        return path.is_file()

    def entries(self, folder: Path) -> list[Path]:
        """A folder's entries, sorted; a folder that cannot be read is reported and has none."""
        try:
            return sorted(folder.iterdir())
        except OSError as exc:
            self.problem(self.rel(folder), f"Mappen kan inte läsas ({exc.strerror or exc}).",
                         "Ge dig själv läsrätt till mappen, eller ta bort den.")
            return []

    def read_text(self, path: Path) -> str | None:
        rel = self.rel(path)
        if path.is_symlink() and not self.within(path):  # the folders on the way were checked (subfolders)
            return None
        try:
            # O_NONBLOCK: a named pipe is never waited on; fstat then tells what was opened
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
            with os.fdopen(descriptor, "rb") as file:
                info = os.fstat(file.fileno())
                if not stat.S_ISREG(info.st_mode):
                    self.problem(rel, NOT_REGULAR, NOT_REGULAR_HINT)
                    return None
                if info.st_size > MAX_BYTES:
                    self.problem(
                        rel,
                        f"Filen är för stor ({info.st_size // 1_000_000} MB).",
                        f"En innehållsfil får vara högst {MAX_BYTES // 1_000_000} MB.",
                    )
                    return None
                data = file.read(MAX_BYTES + 1)
        except OSError as exc:
            self.problem(rel, f"Filen kan inte läsas: {os_reason(exc)}.")
            return None
        if len(data) > MAX_BYTES:  # it grew while it was read
            self.problem(rel, "Filen är för stor.", f"En innehållsfil får vara högst {MAX_BYTES // 1_000_000} MB.")
            return None
        return decode(data, rel, self.diagnostics)

    def load_file(self, cls: type[M], path: Path, markdown: bool) -> Parsed[M] | None:
        self.read.append(self.rel(path))
        text = self.read_text(path)
        if text is None:
            return None
        parse = parse_markdown_file if markdown else parse_yaml_file
        parsed, diags = parse(cls, text, self.rel(path))
        self.diagnostics.extend(diags + find_markers(text, self.rel(path)))
        return parsed

    def entry(self, kind: Kind[M], path: Path, ident: str, order: int = 0) -> Entry[M] | None:
        parsed = self.load_file(kind.model, path, kind.markdown)
        if parsed is None:
            return None
        return Entry(parsed.model, parsed.body, parsed.doc, id=ident, order=order, path=self.rel(path))

    def missing(self, kind: Kind[Any], where: str, forbund_id: str = "", year: str = "") -> None:
        """The problem of a missing anchor or required file, as its row in the table words it."""
        self.problem(where, kind.missing,
                     kind.missing_hint.format(file=kind.path, forbund=forbund_id, year=year, document=""), kind.rule)

    def subfolders(self, folder: Path, known_files: tuple[str, ...] = ()) -> list[Path]:
        """Sorted subfolders; a file that is not one of ``known_files`` gets a warning."""
        result = []
        for child in self.entries(folder):
            if child.name.startswith(".") or child.name.endswith("~") or child.name in known_files:
                continue
            if child.is_symlink() and not self.within(child, "Mappen" if child.is_dir() else "Filen"):
                continue
            if child.is_dir():
                result.append(child)
            else:
                self.problem(
                    self.rel(child),
                    "Okänd fil här; den används inte.",
                    "Flytta eller ta bort den.",
                    rule="okänd-fil",
                    severity=WARNING,
                )
        return result

    def check_id(self, path: Path, ident: str) -> bool:
        if SLUG.fullmatch(ident) and len(ident) <= MAX_ID:
            return True
        if SLUG.fullmatch(ident):
            self.problem(self.rel(path), f"Namnet är för långt för en webbadress ({len(ident)} tecken).",
                         f"Korta det till högst {MAX_ID} tecken.", rule="id")
            return False
        self.problem(
            self.rel(path),
            f"Namnet `{ident}` kan inte bli en webbadress.",
            "Använd små bokstäver a–z, siffror och bindestreck, till exempel `vagen-till-halsa`.",
            rule="id",
        )
        return False
