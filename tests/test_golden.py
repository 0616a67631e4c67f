"""The repository's site builds byte for byte as recorded in tests/golden/site.sha256.

A refactoring must not change the built site; a deliberate change must be seen. When a change is meant, rebuild
the record and commit it with the change, naming what changed:

    FINSAM_UPDATE_GOLDEN=1 python -m pytest -n 0 tests/test_golden.py

The record leaves out the search bundle (``pagefind/``, written by the Pagefind binary, whose bytes change with
its version) and the PDFs (WeasyPrint's bytes change with its version); tests/test_pdf*.py read the PDFs' text.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from conftest import run_cli

REPO = Path(__file__).resolve().parent.parent
RECORD = REPO / "tests" / "golden" / "site.sha256"
LEFT_OUT = ("pagefind/",)


def _manifest(folder: Path) -> dict[str, str]:
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and not name.startswith(LEFT_OUT) and not name.endswith(".pdf"):
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _read(record: Path) -> dict[str, str]:
    pairs = (line.split("  ", 1) for line in record.read_text(encoding="utf-8").splitlines() if line)
    return {name: digest for digest, name in pairs}


def test_the_repository_site_builds_as_recorded(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", "--site", REPO, "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    built = _manifest(out)
    assert len(built) > 100
    if os.environ.get("FINSAM_UPDATE_GOLDEN"):
        RECORD.parent.mkdir(exist_ok=True)
        RECORD.write_text("".join(f"{digest}  {name}\n" for name, digest in built.items()), encoding="utf-8")
    recorded = _read(RECORD)
    changed = sorted(name for name in built.keys() & recorded.keys() if built[name] != recorded[name])
    assert (sorted(built.keys() - recorded.keys()), sorted(recorded.keys() - built.keys()), changed) == ([], [], []), (
        "the built site differs from tests/golden/site.sha256 (new files, missing files, changed files); if the "
        "change is meant, run FINSAM_UPDATE_GOLDEN=1 python -m pytest -n 0 tests/test_golden.py and commit the record"
    )


def test_the_record_tells_a_changed_file(tmp_path: Path) -> None:
    """The comparison itself: one changed byte in one page is a changed file."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_bytes(b"<p>1</p>")
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "x.js").write_bytes(b"left out")
    before = _manifest(tmp_path)
    assert list(before) == ["a/index.html"]
    (tmp_path / "a" / "index.html").write_bytes(b"<p>2</p>")
    assert _manifest(tmp_path)["a/index.html"] != before["a/index.html"]
    record = tmp_path / "record"
    record.write_text("".join(f"{d}  {n}\n" for n, d in before.items()), encoding="utf-8")
    assert _read(record) == before
