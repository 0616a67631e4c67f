"""Deploy (``finsam-site publish <destination>``): bring a folder up to date with the built site.

The destination is a folder of its own on the web host, for example a mounted web share. Only new and changed
files are copied and files that are no longer in the site are removed, in an order a visitor does not notice:

1. new and changed files that pages use (style sheets, data files, the search index's parts), so a page never
   points at something that is not there yet;
2. the files that point at others: the search index's entry file, then the pages, sitemap.xml and robots.txt;
3. last, the files that no page points at any more, and folders left empty.

Every file is written beside its final place and renamed over it, so no one ever reads half a file. Like the
build, publish refuses a non-empty destination that finsam-site did not create (the marker file ``.finsam-site``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import ERROR, Diagnostic, os_reason
from .output.writer import BUILDING, MARKER
from .report import Reporter

POINTING = (".html", ".xml", ".txt")
INDEX_ENTRY = "pagefind/pagefind-entry.json"


class PublishError(Exception):
    """Raised with a Swedish message when the destination cannot be brought up to date safely."""


@dataclass
class Plan:
    """What publishing will do: site-relative paths, in the order they are done."""

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def copies(self) -> list[str]:
        return sorted(self.new + self.changed, key=_order)


def _order(path: str) -> tuple[int, str]:
    if path == MARKER:
        return (0, path)
    if path == INDEX_ENTRY:
        return (2, path)
    return (3 if path.endswith(POINTING) else 1, path)


def _files(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file() and not _temp(p)}


def _temp(path: Path) -> bool:
    return path.name.startswith(".finsam-ny-") or path.name == BUILDING


def _same(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            chunk = fa.read(1 << 16)
            if chunk != fb.read(1 << 16):
                return False
            if not chunk:
                return True


def _no_links_on_the_way(destination: Path, paths: Iterable[str]) -> None:
    """Refuse a folder of the destination that is a link (to somewhere else): publish would write through it."""
    folders = sorted({"/".join(path.split("/")[:end]) for path in paths for end in range(1, path.count("/") + 1)})
    for folder in folders:
        if (destination / folder).is_symlink():
            raise PublishError(
                f"{destination / folder} är en länk till en annan mapp; publish skriver inte genom länkar. "
                "Ta bort länken och publicera igen."
            )


def plan(source: Path, destination: Path) -> Plan:
    """Compare the built site with the destination; raise PublishError when either is not what it should be."""
    if not (source / MARKER).is_file():
        raise PublishError(f"Hittar ingen byggd webbplats i {source}. Kör `finsam-site build` först.")
    if destination.exists() and not destination.is_dir():
        raise PublishError(f"{destination} är en fil, inte en mapp.")
    src, dst = source.resolve(), destination.resolve()
    if src == dst or dst.is_relative_to(src) or src.is_relative_to(dst):
        raise PublishError(f"Målet {destination} får inte ligga i eller omkring {source}; välj en egen mapp.")
    if destination.is_dir() and any(destination.iterdir()) and not (destination / MARKER).exists():
        raise PublishError(
            f"Mappen {destination} finns redan och skapades inte av finsam-site; den skrivs inte över. "
            "Publicera till en tom mapp."
        )
    have, want = _files(destination), _files(source)
    _no_links_on_the_way(destination, want)
    result = Plan()
    for path, file in want.items():
        if path not in have:
            result.new.append(path)
            continue
        try:
            same = _same(file, have[path])
        except OSError as exc:
            unreadable = exc.filename or destination / path
            raise PublishError(f"Filen {unreadable} kan inte läsas ({exc.strerror or exc}).") from exc
        if not same:
            result.changed.append(path)
        else:
            result.unchanged += 1
    result.removed = sorted((p for p in have if p not in want), key=_order, reverse=True)
    return result


def apply(work: Plan, source: Path, destination: Path) -> None:
    """Carry out a plan made by :func:`plan`."""
    destination.mkdir(parents=True, exist_ok=True)
    for leftover in sorted(destination.rglob(".finsam-ny-*")):  # from a publish that was interrupted
        leftover.unlink()
    for path in work.copies:
        _copy(source / path, destination / path)
    for path in work.removed:
        (destination / path).unlink(missing_ok=True)
    folders = (p for p in destination.rglob("*") if p.is_dir() and not p.is_symlink())
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".finsam-ny-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(source.read_bytes())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def publish(source: Path, destination: Path, dry_run: bool = False) -> Plan:
    try:
        work = plan(source, destination)
    except OSError as exc:
        raise PublishError(f"{destination} kan inte läsas ({exc.strerror or exc}): {exc.filename or ''}") from exc
    if not dry_run:
        try:
            apply(work, source, destination)
        except OSError as exc:
            where = f" ({exc.filename})" if exc.filename else ""
            raise PublishError(f"Publiceringen till {destination} avbröts: {os_reason(exc)}{where}.") from exc
    return work


def command(source: Path, destination: Path, reporter: Reporter, dry_run: bool = False) -> int:
    """``finsam-site publish``: what it did (or would do) goes to the reporter; the exit code is returned."""
    try:
        work = publish(source, destination, dry_run)
    except PublishError as exc:
        problem = Diagnostic(str(destination), 0, 0, ERROR, "publicera", str(exc))
        reporter.diagnostics([problem])
        reporter.summary([problem], "Publiceringen", "Publiceringen är klar")
        return 1
    for path in work.copies:
        reporter.detail(("ny: " if path in work.new else "ändrad: ") + path)
    for path in work.removed:
        reporter.detail("borttagen: " + path)
    verb = "Skulle publicera" if dry_run else "Publicerade"
    reporter.info(
        f"{verb} {source} till {destination}: {len(work.new)} nya, {len(work.changed)} ändrade, "
        f"{len(work.removed)} borttagna och {work.unchanged} oförändrade filer."
    )
    return 0
