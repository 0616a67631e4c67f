"""At scale: the benchmark's synthetic corpus (benchmarks/generate.py) is valid and reproducible, and loading and
rendering on several cores give byte for byte the site (and the diagnostics) that one core gives."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run_cli, snapshot

from finsam_site import parallel as pool
from finsam_site.build import build, check

sys.path.insert(0, str(REPO / "benchmarks"))

from generate import generate


def test_the_synthetic_corpus_passes_check_and_is_deterministic(tmp_path: Path) -> None:
    files = generate(tmp_path / "a", forbund=2, years=2, seed=7)
    generate(tmp_path / "b", forbund=2, years=2, seed=7)
    assert files == 1 + 2 * (1 + 2 * 27)  # site.yaml; per förbund forbund.yaml and 27 files per plan
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    result = run_cli("check", "--strict", "--site", tmp_path / "a")
    assert result.returncode == 0, result.stderr
    assert "inga fel, 0 varningar" in result.stderr
    plan = (tmp_path / "a" / "content").glob("*/2017")
    folder = next(iter(plan))
    assert len(list((folder / "mal").glob("*.md"))) == 10 and len(list((folder / "insatser").glob("*.md"))) == 10


def test_loading_and_rendering_on_all_cores_give_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    generate(site, forbund=16, years=1, seed=3)  # 16 förbund: enough for forked workers to load and to render
    with (site / "site.yaml").open("a", encoding="utf-8") as file:
        file.write("sök: false\n")
    stray = next((site / "content").glob("*/2017")) / "anteckningar.txt"
    stray.write_text("Ett utkast.\n", "utf-8")  # a warning, which a worker sends back with the rest
    forks: list[str] = []
    get_context = pool.multiprocessing.get_context

    def spy(method: str) -> Any:
        forks.append(method)
        return get_context(method)

    monkeypatch.setattr(pool.multiprocessing, "get_context", spy)
    cores = max(2, os.cpu_count() or 1)  # a 1-CPU machine forks too, so that two ways of building are compared
    monkeypatch.setattr(pool.os, "cpu_count", lambda: cores)
    parallel = build(site, tmp_path / "parallel")
    assert parallel.written and parallel.pages > 400
    assert forks == ["fork", "fork"]  # the workers loaded and rendered
    monkeypatch.setattr(pool, "PARALLEL_MIN", 10**9)
    single = build(site, tmp_path / "single")
    assert single.written
    assert [d.format() for d in parallel.diagnostics] == [d.format() for d in single.diagnostics]
    assert any(d.rule == "okänd-fil" for d in single.diagnostics)
    assert snapshot(tmp_path / "parallel") == snapshot(tmp_path / "single")


def test_a_forked_check_places_a_site_wide_error_as_one_process_does(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Two förbund whose members would share a party page: the error points at the member's line in
    forbund.yaml, although the workers that loaded the förbund sent them back without the plans' positions."""
    site = tmp_path / "site"
    generate(site, forbund=16, years=1, seed=3)
    first, *_, last = sorted((site / "content").glob("*/forbund.yaml"))
    match = re.search(r"namn: (Region .+)", last.read_text("utf-8"))
    assert match is not None
    first.write_text(re.sub(r"namn: Region .+", f"namn: {match.group(1)}!", first.read_text("utf-8"), count=1), "utf-8")
    cores = max(2, os.cpu_count() or 1)
    monkeypatch.setattr(pool.os, "cpu_count", lambda: cores)
    forked = check(site)
    monkeypatch.setattr(pool, "PARALLEL_MIN", 10**9)
    single = check(site)
    assert [d.format() for d in forked.diagnostics] == [d.format() for d in single.diagnostics]
    clash = [d for d in forked.diagnostics if d.rule == "part-namn"]
    assert [d.path for d in clash] == [last.relative_to(site).as_posix()] and clash[0].line > 0
