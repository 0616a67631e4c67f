"""Wall time and peak memory of a command, for the benchmarks (run.py, others.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed_child(command: list[str], cwd: Path | None = None) -> tuple[float, float, str]:
    """Run ``command``; returns wall seconds, peak resident memory in MB and its output."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        child = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        log.seek(0)
        output = log.read()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n{output[-4000:]}")
    return seconds, usage.ru_maxrss / 1024, output


# timed_child in a fresh Python process, which prints the seconds and megabytes.
MEASURE = ("import sys; sys.path.insert(0, sys.argv[1]); from measure import timed_child; "
           "seconds, memory, _ = timed_child(sys.argv[2:]); print(seconds, memory)")


def measured(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak MB of ``command``, through ``timed_child`` called in a fresh, small Python process.
    A child's peak resident set (``ru_maxrss``) starts at the resident set of the process that started it:
    called from this process after the serve session below, it would give this process's memory instead of the
    child's. (Every figure counts the small Python process's 10 MB or so.)"""
    _, _, output = timed_child([sys.executable, "-c", MEASURE, str(HERE), *command], cwd)
    seconds, memory = output.split()[-2:]
    return float(seconds), float(memory)
