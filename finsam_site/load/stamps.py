"""Stamps: a file's modification time and size, by which the preview sees what changed (and the build whether
the templates did)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

Stamp = tuple[int, int]


def stamp(path: Path) -> Stamp | None:
    """A file's modification time (ns) and size, or None when it cannot be read."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def tree_stamps(folders: Iterable[Path]) -> dict[str, Stamp]:
    """The stamp of every file below the given folders (missing folders are skipped; links to folders are
    not followed). One ``scandir`` walk: at national scale (20,000 files) a tenth of a second."""
    stamps: dict[str, Stamp] = {}
    pending = [str(folder) for folder in folders]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                        continue
                    try:
                        info = entry.stat()
                    except OSError:
                        continue
                    stamps[entry.path.replace(os.sep, "/")] = (info.st_mtime_ns, info.st_size)
        except OSError:
            continue
    return stamps
