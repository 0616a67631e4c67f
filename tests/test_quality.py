"""The code stays ruff- and mypy-clean: run as part of the test suite so CI enforces it."""

import subprocess
import sys

from conftest import REPO


def test_ruff() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "finsam_site", "tests"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_modules_stay_small() -> None:
    sizes = {p.name: len(p.read_text("utf-8").splitlines()) for p in (REPO / "finsam_site").rglob("*.py")}
    assert {name: n for name, n in sizes.items() if n > 400} == {}


def test_every_package_is_in_the_wheel() -> None:
    """pyproject.toml lists the packages explicitly (the theme and the docs are mapped from other folders), so a new
    package folder must be listed too, or an installed finsam-site lacks it while the editable install hides that."""
    import tomllib

    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "finsam_site").rglob("__init__.py")}
    assert found - listed == set()
