"""The preview's two guards around its server (serve.py): which ``Host`` a request may name, and the thread its
rebuilds run on so that the server answers while one runs."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from ..report import Reporter


class Rebuilding(Protocol):
    """What :class:`Rebuilds` needs of a preview (serve.Preview)."""

    reporter: Reporter

    def rebuild(self, first: bool = False) -> bool: ...


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def allowed_hosts(host: str) -> set[str] | None:
    """The names a request's ``Host`` may give (DNS rebinding: a page of another site whose name comes to point at
    127.0.0.1 must not read the preview); None when the preview listens on every address (``--host 0.0.0.0``)."""
    if host in ("0.0.0.0", "::", ""):
        return None
    return LOOPBACK | {host.strip("[]").lower()}


def host_name(header: str) -> str:
    """``[::1]:8000`` → ``::1``, ``Localhost:8000`` → ``localhost``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    name, _, port = header.rpartition(":") if header.count(":") == 1 else (header, "", "")
    return name if port.isdigit() or not port else header



class Rebuilds:
    """Runs the preview's rebuilds on a thread of their own, one at a time, so that the server answers requests
    (with the last good site) while a slow rebuild runs; a change during a rebuild asks for one more."""

    def __init__(self, preview: Rebuilding, done: Callable[[], None]) -> None:
        self.preview = preview
        self.done = done  # after a rebuild that the browsers should see
        self.thread: threading.Thread | None = None
        self.again = False
        self.stopped = False
        self.lock = threading.Lock()

    def request(self) -> None:
        with self.lock:
            if self.stopped:
                return
            self.again = True
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="finsam-site-bygge", daemon=True)
                self.thread.start()

    def _run(self) -> None:
        while True:
            with self.lock:
                if not self.again or self.stopped:
                    self.thread = None
                    return
                self.again = False
            try:
                if self.preview.rebuild():
                    self.done()
            except Exception as exc:  # the preview must survive anything a build does
                self.preview.reporter.error(f"Bygget avbröts oväntat: {exc!r}. Förhandsvisningen fortsätter.")

    def stop(self) -> None:
        with self.lock:
            self.stopped = True
            thread = self.thread
        if thread is not None:
            thread.join(timeout=60)

    def wait(self) -> None:
        """For tests: until no rebuild runs."""
        while (thread := self.thread) is not None:
            thread.join()
