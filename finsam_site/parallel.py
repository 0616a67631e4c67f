"""``[work(item) for item in items]`` on every core, with forked workers: the one pool every stage uses."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
PARALLEL_MIN = 16  # below this many items (groups of pages) a second process costs more than it saves
MAX_WORKERS = 4


def spread(
    items: list[T], work: Callable[[T], R], progress: Callable[[int, int], None] | None = None, fork: bool = True
) -> list[R]:
    """``[work(item) for item in items]`` on every core: forked workers take every n-th item.

    The workers inherit everything (fork, no pickling) and send back only the results, which must be small
    and picklable (build.py's workers write their pages to the staging folder themselves); this process does
    its own share meanwhile. The results come in the order of ``items``, as in one process. ``progress`` gets
    (items done, items) as this process's share advances, scaled. Everything stays in this process when
    ``fork`` is False (the work keeps its results in this process's memory), where fork is not available, for
    a few items, or in a process that runs other threads (a fork copies only this one, and a lock another
    thread holds would stay locked in the worker).
    """
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    report = (lambda done: progress(min(done, len(items)), len(items))) if progress is not None else None
    if (
        not fork
        or workers < 2
        or len(items) < PARALLEL_MIN
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return _share(items, work, report, 1)
    context = multiprocessing.get_context("fork")
    children = []
    for index in range(1, workers):
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_send_share, args=(items[index::workers], work, sender), daemon=True)
        child.start()
        sender.close()
        children.append((index, child, receiver))
    shares = {0: _share(items[0::workers], work, report, workers)}
    for index, child, receiver in children:
        try:
            share = receiver.recv()
        except (EOFError, OSError):  # the worker died: do its share here instead
            share = _share(items[index::workers], work, None, 1)
        child.join()
        receiver.close()
        if isinstance(share, Unsendable):
            raise RuntimeError(f"a worker's results cannot be sent back: {share.reason}")
        shares[index] = share
    if report is not None:
        report(len(items))
    return [shares[i % workers][i // workers] for i in range(len(items))]


@dataclass(frozen=True)
class Unsendable:
    """What a worker sends instead of results that cannot be pickled (a lambda, say): a bug, never to be hidden by
    doing the share again in this process, which would make the build silently run on one core."""

    reason: str


def _send_share(items: list[T], work: Callable[[T], R], sender: Any) -> None:
    results = _share(items, work, None, 1)
    try:
        sender.send(results)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:  # pickled whole before a byte is sent
        sender.send(Unsendable(f"{type(exc).__name__}: {exc}"))
    sender.close()


def _share(items: list[T], work: Callable[[T], R], progress: Callable[[int], None] | None, scale: int) -> list[R]:
    results = []
    for done, item in enumerate(items, 1):
        results.append(work(item))
        if progress is not None:
            progress(done * scale)
    return results
