"""Shared fixtures: scratch sites written from the minimal fixture plus overrides."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent
PLAN = "content/exempel/2024"

SiteFactory = Callable[..., Path]
pytest_plugins = ["hardening"]  # the scratch-site fixtures of the hardening tests


@pytest.fixture
def make_site(tmp_path: Path) -> SiteFactory:
    """Copy the minimal fixture site to a temporary folder and apply file overrides.

    ``make_site({"content/exempel/2024/plan.yaml": "…"})`` replaces a file; a value of ``None`` deletes it.
    Text is dedented, so tests can write YAML inline.
    """

    counter = iter(range(1, 1000))

    def factory(files: dict[str, str | bytes | None] | None = None, name: str = "site") -> Path:
        root = tmp_path / name
        if root.exists():
            root = tmp_path / f"{name}-{next(counter)}"
        shutil.copytree(FIXTURES / "minimal", root)
        for rel, content in (files or {}).items():
            target = root / rel
            if content is None:
                target.unlink()
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(textwrap.dedent(content).lstrip("\n"), "utf-8")
        return root

    return factory


def add_second_forbund(root: Path, ident: str = "grannby") -> Path:
    """A second förbund beside the fixture's (a copy of it under another id and name): the site then has the pages
    across förbund, which a one-förbund site leaves out."""
    shutil.copytree(root / "content/exempel", root / "content" / ident)
    info = root / "content" / ident / "forbund.yaml"
    text = info.read_text("utf-8").replace("Samordningsförbundet Exempel", "Samordningsförbundet Grannby")
    info.write_text(text.replace("kortnamn: Exempel", "kortnamn: Grannby"), "utf-8")
    return root


def run_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m finsam_site`` as a subprocess, as an author would."""
    return subprocess.run(
        [sys.executable, "-m", "finsam_site", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def skip_or_fail(reason: str) -> None:
    """Skip a test whose tool is missing on this machine; in CI (FINSAM_REQUIRE_BROWSER set) fail instead."""
    if os.environ.get("FINSAM_REQUIRE_BROWSER"):
        pytest.fail(f"CI needs this test to run: {reason}")
    pytest.skip(reason)


def figure_in(figure: str, text: str) -> bool:
    """Whether a printed figure (``1 255,5``, ``−645``) stands in an OCR text as a whole number, not inside a longer
    one; the OCR may drop or add a space between digits, and a minus may be lost."""
    digits = figure.replace(" ", "").replace("\u00a0", "").replace("−", "-").lstrip("-")
    pattern = r"(?<![\d,])" + r"\s?".join(re.escape(c) for c in digits) + r"(?!\d|,\d)"
    return re.search(pattern, text) is not None
