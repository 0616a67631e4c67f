"""finsam-site as users get it: built into an sdist and a wheel, installed in a fresh venv, run from elsewhere.

The rest of the suite runs on the developer's editable install, which imports from the source tree and so cannot
see a module, template or skeleton file that the package list leaves out. These tests build the sdist, build the
wheel from it (as ``python -m build`` does), compare the wheel's files with the source tree, install the wheel into
a new virtual environment outside the checkout and run the commands an author runs, from a copy of the
repository's site.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.xdist_group("install")  # one worker builds the wheel and the venv once


def _clean_env() -> dict[str, str]:
    """The environment without anything that would let the checkout's code leak into the installed tool."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(cmd: list[str | Path], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=_clean_env()
    )
    assert proc.returncode == 0, f"{cmd} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An sdist and a wheel built from a copy of the checkout's tracked files (as a clean clone has them)."""
    base = tmp_path_factory.mktemp("dist")
    src = base / "src"
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for rel in filter(None, tracked):
        if (REPO / rel).is_file():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, src / rel)
    out = base / "out"
    _run([sys.executable, "-m", "build", "--outdir", out, src], cwd=base)
    return out


def _one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, found
    return found[0]


# The authors' documents that `finsam-site hjälp` prints (pyproject installs them as finsam_site/docs/).
AUTHOR_DOCS = ("docs/authoring.md", "docs/content-format.md")


def _source_files() -> set[str]:
    """Every file of the source tree that belongs in the wheel, by its path inside the installed package."""
    tracked = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "finsam_site", "templates", *AUTHOR_DOCS],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    wanted: set[str] = set()
    for rel in tracked:
        if not (REPO / rel).is_file():
            continue
        if rel.startswith("templates/"):
            wanted.add("finsam_site/theme/" + rel.removeprefix("templates/"))
        elif rel.startswith("docs/"):
            wanted.add("finsam_site/docs/" + rel.removeprefix("docs/"))
        else:
            wanted.add(rel)
    return wanted


def test_wheel_holds_every_module_template_skeleton_and_static_file(dist: Path) -> None:
    wheel = _one(dist, "*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = {n for n in zf.namelist() if not n.startswith("finsam_site-")}  # leave out .dist-info
    wanted = _source_files()
    assert wanted - names == set(), f"missing from the wheel: {sorted(wanted - names)}"
    assert names - wanted == set(), f"in the wheel but not in the source tree: {sorted(names - wanted)}"
    # The sub-packages that an old explicit package list left out.
    assert "finsam_site/check/rules/__init__.py" in names
    assert "finsam_site/theme/pdf/plan.html" in names
    assert "finsam_site/docs/content-format.md" in names


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh venv outside the checkout with the wheel installed; yields its bin folder."""
    venv = tmp_path_factory.mktemp("venv") / "v"
    _run([sys.executable, "-m", "venv", venv], cwd=venv.parent)
    bindir = venv / "bin"
    _run([bindir / "python", "-m", "pip", "install", "-q", _one(dist, "*.whl")], cwd=venv.parent)
    yield bindir


def test_installed_tool_runs_from_another_folder(installed: Path, tmp_path: Path) -> None:
    tool = installed / "finsam-site"
    where = _run([installed / "python", "-c", "import finsam_site; print(finsam_site.__file__)"], cwd=tmp_path)
    assert str(REPO) not in where.stdout and str(installed.parent) in where.stdout

    # build --pdf, check and publish on a copy of the repository's site, run in that copy's folder.
    site = tmp_path / "webbplats"
    site.mkdir()
    shutil.copy2(REPO / "site.yaml", site / "site.yaml")
    shutil.copytree(REPO / "content", site / "content")
    built = _run([tool, "build", "--pdf"], cwd=site)
    assert "inga fel" in built.stdout + built.stderr
    assert (site / "output" / "index.html").is_file()
    pdfs = sorted((site / "output").rglob("*.pdf"))
    assert len(pdfs) == len(list((site / "content").glob("*/*/plan.yaml"))) >= 5
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    _run([tool, "check"], cwd=site)
    # The authors' documents come with the tool: `hjälp` prints a topic from the installed copy.
    shown = _run([tool, "hjälp", "budget"], cwd=site)
    assert "tabeller:" in shown.stdout and str(installed.parent) in shown.stdout, shown.stdout
    dest = tmp_path / "hemsida" / "planer"
    _run([tool, "publish", dest], cwd=site)
    assert (dest / "index.html").read_bytes() == (site / "output" / "index.html").read_bytes()

    # new forbund in an empty folder, then serve it and fetch one page.
    fresh = tmp_path / "nytt"
    fresh.mkdir()
    _run([tool, "new", "forbund", "solleftea", "--namn", "Samordningsförbundet i Sollefteå"], cwd=fresh)
    _run([tool, "check"], cwd=fresh)
    port = _free_port()
    server = subprocess.Popen(
        [str(tool), "serve", "--port", str(port)],
        cwd=fresh,
        env=_clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        body = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    body = response.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(0.3)
        assert "Sollefteå" in body, server.stderr.read() if server.poll() is not None else "no answer"
    finally:
        server.terminate()
        server.wait(timeout=30)
