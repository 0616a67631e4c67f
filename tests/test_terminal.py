"""What the commands print: progress, --quiet, --verbose, colour only on a terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from conftest import SiteFactory, run_cli


def test_verbose_shows_progress_and_what_was_read_and_rendered(make_site: SiteFactory) -> None:
    result = run_cli("build", "--verbose", "--site", make_site())
    assert result.returncode == 0, result.stderr
    progress = [line for line in result.stderr.splitlines() if line.startswith("Skapar sidor: ")]
    assert progress, result.stderr
    done, total = progress[-1].removeprefix("Skapar sidor: ").split(" (")[0].split(" av ")
    assert done == total
    assert "läste 8 av 8 filer (" in result.stderr
    assert "\033[" not in result.stderr  # not a terminal: no colour codes


def test_quiet_prints_nothing_when_all_is_well(make_site: SiteFactory) -> None:
    result = run_cli("build", "--quiet", "--site", make_site())
    assert result.returncode == 0
    assert result.stderr == "" and result.stdout == ""


def test_colour_on_a_terminal(make_site: SiteFactory) -> None:
    root = make_site()
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    process = subprocess.Popen(
        [sys.executable, "-m", "finsam_site", "check", "--site", str(root)], stderr=follower, stdout=follower, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal is closed once the process has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0
    text = b"".join(chunks).decode("utf-8")
    assert "\033[32mKontrollen är klar: inga fel, 0 varningar.\033[0m" in text
