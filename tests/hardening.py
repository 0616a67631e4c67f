"""Scratch sites for the hardening tests (test_hardening.py, test_hardening_output.py): the minimal fixture over a
good previous output, with a folder outside the site beside it, and the checks every refused case shares."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli, snapshot

from finsam_site.build import check
from finsam_site.diagnostics import printable

FORBUND = "content/exempel/forbund.yaml"
SECRET = "HEMLIG TEXT UTANFÖR WEBBPLATSEN"
TIMEOUT = 90  # a hang fails the test instead of stopping the run


@pytest.fixture(scope="module")
def good_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("good")
    shutil.copytree(FIXTURES / "minimal", home / "site")
    result = run_cli("build", "-q", "--site", home / "site")
    assert result.returncode == 0, result.stderr
    return home / "site"


@pytest.fixture
def site(good_build: Path, tmp_path: Path) -> Path:
    """A copy of the minimal site with its good output; beside it, ``../elsewhere`` outside the site."""
    shutil.copytree(good_build, tmp_path / "site", symlinks=True)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "forbund").mkdir(parents=True)
    shutil.copytree(FIXTURES / "minimal/content/exempel", elsewhere / "forbund", dirs_exist_ok=True)
    (elsewhere / "avsnitt").mkdir()
    (elsewhere / "avsnitt/01-hemlig.md").write_text(f"---\nrubrik: Hemlig\n---\n{SECRET}\n", "utf-8")
    (elsewhere / "secret.txt").write_text(SECRET, "utf-8")
    (elsewhere / "mallar/static").mkdir(parents=True)
    (elsewhere / "mallar/static/secret.txt").write_text(SECRET, "utf-8")
    return tmp_path / "site"


def build_cli(site: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "finsam_site", "build", "--site", str(site), *map(str, args)],
        capture_output=True, text=True, timeout=TIMEOUT,
    )


def assert_refused(site: Path, path: str, text: str, *, line: bool = True) -> str:
    """Build and check both refuse the site with a located message containing ``text``; the output stays."""
    before = snapshot(site / "output")
    result = build_cli(site)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr, result.stderr
    prefix = f"{printable(path)}:"  # as the terminal shows it
    located = [x for x in result.stderr.splitlines() if x.startswith(prefix) and text in x]
    assert located, result.stderr
    if line:
        assert located[0].split(":")[1].isdigit() and int(located[0].split(":")[1]) > 0, located
    assert snapshot(site / "output") == before
    checked = check(site)
    assert checked.failed(), "check passed what build refused"
    assert any(d.path == path and text in printable(d.message) and d.severity == "fel" for d in checked.diagnostics), [
        d.format() for d in checked.diagnostics
    ]
    assert SECRET not in "".join(p.read_text("utf-8", "replace") for p in (site / "output").rglob("*") if p.is_file())
    return result.stderr


def edit(site: Path, rel: str, old: str, new: str) -> None:
    path = site / rel
    text = path.read_text("utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def append(site: Path, rel: str, text: str) -> None:
    with (site / rel).open("a", encoding="utf-8") as file:
        file.write(text)


def as_author(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI as an ordinary user would run it. Root ignores file modes, so as root it runs without the
    capabilities that let it (util-linux setpriv)."""
    command = [sys.executable, "-m", "finsam_site", *args]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("as root, file modes are tested through setpriv")
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
