"""Search: a static index made by Pagefind, and the search page that uses it.

Pagefind (the ``pagefind-bin`` package from PyPI ships the binary) reads the rendered HTML pages and writes a
search bundle (``pagefind/``: an index split into small files, WebAssembly and the search UI). It runs on the
in-memory output before anything is written: the pages go to a scratch folder, Pagefind writes the bundle to
another, and the bundle's files join the output, so the index reaches the output folder in the same atomic
swap as the pages it indexes. Only what is inside ``data-pagefind-body`` (each page's ``<main>``) is indexed.
Pagefind's output depends only on the pages: two builds give the same bytes.

The search page works from the published folder with no server code; opened from disk (``file://``) or
without JavaScript it says so and lists the plans' goals and insatser instead.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from .content import SiteContent
from .errors import ERROR, WARNING, Diagnostic
from .pages import Crumb, Page, plan_dir

SEARCH_URL = "sok/index.html"
BUNDLE = "pagefind"
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


def search_page(site: SiteContent) -> Page:
    plans = [(f, p, plan_dir(p)) for f in site.forbund for p in sorted(f.plans, key=lambda p: p.year, reverse=True)]
    return Page(
        SEARCH_URL,
        "search.html",
        "Sök",
        "Sök bland förbundens mål, insatser och planer.",
        [Crumb("Start", "index.html")],
        {"plans": plans},
    )


def index(pages: dict[str, bytes]) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The Pagefind bundle for these HTML pages, by URL (``pagefind/…``)."""
    binary = pagefind_binary()
    if binary is None:
        return {}, []
    with tempfile.TemporaryDirectory(prefix="finsam-sok-", dir=_memory_folder()) as scratch:
        source, bundle = Path(scratch) / "sidor", Path(scratch) / BUNDLE
        for url, content in sorted(pages.items()):
            if url.endswith(".html"):
                target = source / url
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
        command = [str(binary), "--site", str(source), "--output-path", str(bundle), "--keep-index-url", "--quiet"]
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, cwd=scratch)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return {}, [_failed(str(exc))]
        if run.returncode != 0 or not (bundle / "pagefind.js").is_file():
            return {}, [_failed((run.stderr or run.stdout).strip().splitlines()[-1:] or "okänt fel")]
        files = {
            f"{BUNDLE}/{path.relative_to(bundle).as_posix()}": path.read_bytes()
            for path in sorted(bundle.rglob("*"))
            if path.is_file()
        }
    return files, []


def _memory_folder() -> str | None:
    """A RAM-backed folder for the scratch copy of the pages where there is one (Linux), else the default."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


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
