"""The fork pool: results in order from every core, a killed worker's share redone, an unsendable result a loud bug."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Any

import pytest
from conftest import REPO

from finsam_site import parallel
from finsam_site.check.examine import load_and_examine


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Two workers for a few items, and the fork contexts asked for (none when the pool stayed in this process)."""
    asked: list[str] = []
    get_context = parallel.multiprocessing.get_context

    def spy(method: str | None = None) -> Any:
        asked.append(str(method))
        return get_context(method)

    monkeypatch.setattr(parallel.multiprocessing, "get_context", spy)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 2)
    return asked


def test_results_come_in_order_from_every_worker(forks: list[str]) -> None:
    results = parallel.spread(list(range(10)), lambda n: (n * n, os.getpid()))
    assert [square for square, _ in results] == [n * n for n in range(10)]
    assert len({pid for _, pid in results}) == 2 and forks == ["fork"]


def test_a_killed_worker_s_share_is_done_here(forks: list[str]) -> None:
    parent = os.getpid()

    def work(n: int) -> int:
        if os.getpid() != parent:
            os._exit(1)  # the worker dies without a word
        return n + 1

    assert parallel.spread(list(range(6)), work) == [1, 2, 3, 4, 5, 6] and forks == ["fork"]


def test_a_result_that_cannot_be_sent_back_is_an_error_not_a_silent_redo(forks: list[str]) -> None:
    def work(n: int) -> Callable[[], int]:
        return lambda: n  # a lambda cannot be pickled

    with pytest.raises(RuntimeError, match="cannot be sent back"):
        parallel.spread(list(range(4)), work)
    assert forks == ["fork"]


def test_what_a_build_s_checking_workers_send_back_can_be_pickled() -> None:
    """The reports and content a forked check sends back (rules and their notes included) survive pickling."""
    whole = load_and_examine(REPO)
    assert whole.site is not None and whole.reports
    assert pickle.loads(pickle.dumps(whole.reports)).keys() == whole.reports.keys()
    pickle.dumps(whole.site.forbund)
