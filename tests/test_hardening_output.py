"""The hardening of issue 18 for the output and publishing, case by case from the security test: a symlinked output,
kills during the swap, stale staging folders, output folders inside what the build reads, publishing through links,
unreadable files (as an ordinary user), a strict umask and the schema command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PLAN, run_cli, snapshot
from hardening import TIMEOUT, as_author, build_cli, edit


@pytest.mark.parametrize("target", [f"{PLAN}/avsnitt", "content", "templates/base.html"])
def test_unreadable_folders_and_templates_are_located(site: Path, target: str) -> None:
    if target.startswith("templates"):
        (site / "templates").mkdir()
        shutil.copy(Path(__file__).parent.parent / "templates/base.html", site / target)
    before = snapshot(site / "output")
    (site / target).chmod(0o300 if target == "content" else 0)
    try:
        result = as_author(site, "build", "--site", str(site))
    finally:
        (site / target).chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Process " not in result.stderr, result.stderr
    assert any(line.startswith(target) and "kan inte läsas" in line for line in result.stderr.splitlines()) or (
        target == "content" and "content: fel" in result.stderr
    ), result.stderr
    assert snapshot(site / "output") == before


def test_publish_reports_an_unreadable_file_in_the_destination(site: Path) -> None:
    dest = site.parent / "webb"
    assert run_cli("publish", "-q", "--site", site, dest).returncode == 0
    size = (dest / "index.html").stat().st_size
    (dest / "index.html").write_bytes(b"x" * size)  # the same size: only reading it tells it has changed
    (dest / "index.html").chmod(0)
    result = as_author(site, "publish", "--site", str(site), str(dest))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "kan inte läsas" in result.stderr


# --- output and publishing --------------------------------------------------------------------------------------


def test_a_symlinked_output_folder_is_written_through_every_time(site: Path) -> None:
    web = site.parent / "var-www/planer"
    web.parent.mkdir()
    shutil.rmtree(site / "output")
    os.symlink(web, site / "output")
    for title in ("Första", "Andra"):
        edit(site, "site.yaml", "titel: Exempelplaner" if title == "Första" else "titel: Första",
             f"titel: {title}")
        result = build_cli(site)
        assert result.returncode == 0, result.stderr
        assert (site / "output").is_symlink() and os.readlink(site / "output") == str(web)
        assert f"{title}" in (web / "index.html").read_text("utf-8")
    assert sorted(p.name for p in web.parent.iterdir()) == ["planer"]  # no old or staging folder left
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == [".finsam-cache"]  # the build cache


@pytest.mark.parametrize("out", ["content/webb", "templates/static/webb", "content/exempel/2024/webb"])
def test_an_output_folder_inside_what_the_build_reads_is_refused(site: Path, out: str) -> None:
    (site / "templates/static").mkdir(parents=True, exist_ok=True)
    result = build_cli(site, "--out", site / out)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "som finsam-site läser" in result.stderr
    assert not (site / out).exists()
    assert build_cli(site).returncode == 0  # and the next build is not broken


def test_a_kill_between_the_two_renames_leaves_the_old_site(site: Path) -> None:
    """The state a kill leaves when the swap falls back to two renames: the next run puts the old site back,
    even one that fails; on Linux the swap is one atomic exchange and never leaves this state."""
    before = snapshot(site / "output")
    os.rename(site / "output", site / ".output-old")
    edit(site, f"{PLAN}/plan.yaml", "år: 2024", "år: tjugotjugofyra")
    assert build_cli(site).returncode == 1
    assert snapshot(site / "output") == before and not (site / ".output-old").exists()


def test_the_swap_is_one_exchange_on_linux(tmp_path: Path) -> None:
    from finsam_site.output.writer import _exchange

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a/x").write_text("a")
    (tmp_path / "b/x").write_text("b")
    if not sys.platform.startswith("linux"):
        pytest.skip("renameat2 is Linux's")
    assert _exchange(tmp_path / "a", tmp_path / "b")
    assert (tmp_path / "a/x").read_text() == "b" and (tmp_path / "b/x").read_text() == "a"


def test_staging_folders_of_killed_builds_are_removed(site: Path) -> None:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True)
    stale, live, own = site / ".output-dod", site / ".output-lever", site / ".output-egen"
    for folder, pid in ((stale, finished.stdout.strip()), (live, str(os.getpid()))):
        folder.mkdir()
        (folder / ".finsam-bygge").write_text(pid + "\n")
        (folder / "index.html").write_text("halv")
    own.mkdir()  # a folder of the author's own by a similar name
    assert build_cli(site).returncode == 0
    assert not stale.exists() and live.is_dir() and own.is_dir()
    assert not list((site / "output").rglob(".finsam-bygge"))


def test_publish_never_writes_through_a_folder_link(site: Path) -> None:
    dest, other = site.parent / "webb", site.parent / "annan"
    assert run_cli("publish", "-q", "--site", site, dest).returncode == 0
    other.mkdir()
    (other / "style.css").write_text("annans", "utf-8")
    shutil.rmtree(dest / "assets")
    os.symlink(other, dest / "assets")
    result = run_cli("publish", "--site", site, dest)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "är en länk till en annan mapp" in result.stderr
    assert sorted(p.name for p in other.iterdir()) == ["style.css"]
    assert (other / "style.css").read_text("utf-8") == "annans"


def test_schema_does_not_overwrite_a_file_it_did_not_write(site: Path) -> None:
    folder = site.parent / "scheman"
    folder.mkdir()
    (folder / "plan.schema.json").write_text('{"mitt": "eget"}', "utf-8")
    result = run_cli("schema", "--site", site, "--out", folder)
    assert result.returncode == 1 and "skrevs inte av finsam-site" in result.stderr, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["plan.schema.json"]
    (folder / "plan.schema.json").unlink()
    assert run_cli("schema", "--site", site, "--out", folder).returncode == 0
    assert run_cli("schema", "--site", site, "--out", folder).returncode == 0  # its own files: written again


def test_an_output_folder_with_a_marker_folder_is_not_ours(site: Path) -> None:
    foreign = site.parent / "främmande"
    (foreign / ".finsam-site").mkdir(parents=True)
    (foreign / "viktig.txt").write_text("viktig", "utf-8")
    result = build_cli(site, "--out", foreign)
    assert result.returncode == 1 and "skapades inte av finsam-site" in result.stderr, result.stderr
    assert (foreign / "viktig.txt").read_text("utf-8") == "viktig"


def test_a_site_built_under_a_strict_umask_is_readable_by_the_web_server(site: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "finsam_site", "build", "--site", str(site)], capture_output=True,
                            text=True, timeout=TIMEOUT, umask=0o077)
    assert result.returncode == 0, result.stderr
    modes = {p.relative_to(site).as_posix(): p.stat().st_mode & 0o777 for p in (site / "output").rglob("*")}
    assert {path: oct(mode) for path, mode in modes.items() if mode not in (0o644, 0o755)} == {}
    assert (site / "output").stat().st_mode & 0o777 == 0o755


KILLED_AFTER_EXCHANGE = """
import os, sys
from pathlib import Path
from finsam_site.output import writer as write
from finsam_site.build import build

exchange = write._exchange

def killed(a, b):  # the kill comes just after the exchange, before the previous site is removed
    if exchange(a, b):
        os._exit(9)
    return False

write._exchange = killed
build(Path(sys.argv[1]), Path(sys.argv[1]) / "output")
"""


def test_a_kill_just_after_the_exchange_leaves_the_new_site_and_the_next_build_cleans_up(site: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the exchange is Linux's")
    edit(site, "site.yaml", "titel: Exempelplaner", "titel: Ny titel")
    killed = subprocess.run([sys.executable, "-c", KILLED_AFTER_EXCHANGE, str(site)], capture_output=True,
                            text=True, timeout=TIMEOUT)
    assert killed.returncode == 9, killed.stderr
    assert "Ny titel" in (site / "output/index.html").read_text("utf-8")
    left = [p for p in site.iterdir() if p.name.startswith(".output-")]
    assert len(left) == 1 and (left[0] / ".finsam-bygge").is_file()  # the previous site, marked
    assert build_cli(site).returncode == 0
    assert [p for p in site.iterdir() if p.name.startswith(".output")] == []
    assert not list((site / "output").rglob(".finsam-bygge"))
