"""Search: a static index made by Pagefind, and the search page that uses it.

Pagefind (the ``pagefind-bin`` package from PyPI ships the binary) reads the rendered HTML pages and writes a
search bundle (``pagefind/``: an index split into small files, WebAssembly and the search UI). ``build`` runs
it on the staging folder once every page is written there (output/writer.py), so the index reaches the output folder
in the same atomic swap as the pages it indexes. A preview (preview/serve.py) refreshes it in the background after
each rebuild. Only what is inside ``data-pagefind-body`` (each page's ``<main>``) is indexed.
Pagefind's output depends only on the pages: two builds give the same bytes.

The search page works from the published folder with no server code; opened from disk (``file://``) or
without JavaScript it says so and lists the plans' goals and insatser instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from .. import urls
from ..diagnostics import ERROR, WARNING, Diagnostic

BUNDLE = urls.SEARCH_BUNDLE
TIMEOUT = 300


def pagefind_binary() -> Path | None:
    try:
        import pagefind_bin
    except ImportError:
        return None
    try:
        return Path(pagefind_bin.get_executable())
    except (FileNotFoundError, OSError):
        return None


def unavailable() -> Diagnostic | None:
    """Why the search index cannot be made here, or None."""
    if pagefind_binary() is not None:
        return None
    return Diagnostic(
        "site.yaml",
        0,
        0,
        WARNING,
        "sök",
        "Sökindexet kan inte skapas här: Pagefind är inte installerat. Webbplatsen byggs utan sökning.",
        "Installera finsam-site på nytt (python3 -m pip install -e .), som också installerar pagefind-bin.",
    )


def index(
    folder: Path, started: Callable[[subprocess.Popen[str]], None] | None = None
) -> tuple[list[str], list[Diagnostic]]:
    """Index the HTML pages below ``folder`` into ``folder/pagefind`` (replaced whole when done); its URLs.
    ``started`` is given the Pagefind process as it starts (the preview stops it when the preview stops)."""
    binary = pagefind_binary()
    if binary is None:
        return [], []
    folder = folder.resolve()  # Pagefind runs in the folder itself
    fresh, target, old = folder / f".{BUNDLE}-ny", folder / BUNDLE, folder / f".{BUNDLE}-gammal"
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    command = [str(binary), "--site", str(folder), "--output-path", str(fresh), "--keep-index-url", "--quiet"]
    try:
        with subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=folder
        ) as process:
            if started is not None:
                started(process)
            try:
                stdout, stderr = process.communicate(timeout=TIMEOUT)
            except BaseException:
                process.kill()
                raise
    except (OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        return [], [_failed(str(exc))]
    if process.returncode != 0 or not (fresh / "pagefind.js").is_file():
        shutil.rmtree(fresh, ignore_errors=True)
        return [], [_failed((stderr or stdout).strip().splitlines()[-1:] or "okänt fel")]
    if target.exists():
        os.replace(target, old)
    os.replace(fresh, target)
    shutil.rmtree(old, ignore_errors=True)
    return sorted(f"{BUNDLE}/{path.relative_to(target).as_posix()}" for path in target.rglob("*") if path.is_file()), []


def _failed(detail: str | list[str]) -> Diagnostic:
    text = detail if isinstance(detail, str) else " ".join(detail)
    return Diagnostic(
        "site.yaml",
        0,
        0,
        ERROR,
        "sök",
        f"Sökindexet kunde inte skapas: Pagefind misslyckades ({text}).",
        "Installera om pagefind-bin (python3 -m pip install -e .) och bygg igen.",
    )
