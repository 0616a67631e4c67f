"""At scale: the benchmark's synthetic corpus (benchmarks/generate.py) is valid and reproducible, and rendering
on several cores gives byte for byte the site that one core gives."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run_cli, snapshot

from finsam_site import render
from finsam_site.build import build

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


def test_rendering_on_every_core_gives_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    generate(site, forbund=2, years=9, seed=3)  # 18 plans, about 470 pages: enough for the forked workers
    with (site / "site.yaml").open("a", encoding="utf-8") as file:
        file.write("sök: false\n")
    forks: list[str] = []
    get_context = render.multiprocessing.get_context

    def spy(method: str) -> Any:
        forks.append(method)
        return get_context(method)

    monkeypatch.setattr(render.multiprocessing, "get_context", spy)
    parallel = build(site, tmp_path / "parallel")
    assert parallel.written and parallel.pages >= render.PARALLEL_MIN
    assert forks == (["fork"] if (os.cpu_count() or 1) > 1 else [])  # the workers did render
    monkeypatch.setattr(render, "PARALLEL_MIN", 10**9)
    single = build(site, tmp_path / "single")
    assert single.written
    assert snapshot(tmp_path / "parallel") == snapshot(tmp_path / "single")
