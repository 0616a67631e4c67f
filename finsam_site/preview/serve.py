"""Live preview: ``finsam-site serve`` builds the site, serves it and rebuilds it on every change.

The site is built into a temporary folder (through write.py, so a build is
swapped into place whole and a half-built tree is never served) before the
server starts. The folders the site is made of are watched; a change is
debounced, rebuilt incrementally (session.Session) and the open browser
pages are reloaded (livereload). When a build fails, the last good site stays
in the folder and every HTML request gets an error page that lists the
problems as ``check`` prints them; the page reloads by itself once they are
fixed. Bad content never stops the server: only the command's own user errors
(a busy port) end it.

Serving and watching happen on livereload's event loop thread; a change is
rebuilt on a thread of its own (:class:`Rebuilds`), one build at a time, so
the server keeps answering with the last good site while a slow rebuild runs
(a rebuild writes each file atomically, see write.py). The search index is
refreshed on a third thread (:class:`SearchRefresh`): Pagefind writes a new
bundle beside the served one and swaps it in whole; when the preview stops,
so does Pagefind. Requests whose ``Host`` is not the preview's own address
are refused (DNS rebinding).
"""

from __future__ import annotations

import logging
import mimetypes
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from livereload import Server  # type: ignore[import-untyped]
from livereload.handlers import LiveReloadHandler  # type: ignore[import-untyped]
from livereload.watcher import Watcher  # type: ignore[import-untyped]
from tornado.ioloop import IOLoop

from ..build import build
from ..diagnostics import ERROR, Diagnostic, os_reason
from ..formatting import seconds as format_seconds
from ..load.kinds import SITE
from ..load.stamps import Stamp, stamp, tree_stamps
from ..memory import Stats
from ..output import search
from ..output.templates import default_theme_dir
from ..report import Reporter
from .overlay import error_page
from .overlay import page as _page
from .rebuilds import Rebuilds, allowed_hosts, host_name
from .session import Session

SETTLE = 0.15  # a change counts once the watched files have been still this long (seconds)
SETTLE_MAX = 3.0
StartResponse = Callable[[str, list[tuple[str, str]]], object]


class Preview:
    """The state of one preview: where the last good site is and what the last build reported."""

    def __init__(
        self, root: Path, out_dir: Path, reporter: Reporter, strict: bool = False, host: str = "127.0.0.1"
    ) -> None:
        self.root = root
        self.hosts = allowed_hosts(host)
        self.out_dir = out_dir
        self.reporter = reporter
        self.strict = strict
        self.session = Session(progress=reporter.progress)
        self.stats = Stats()  # what the last build did
        self.problems: list[Diagnostic] = []  # non-empty while the last build failed
        self.stamps: dict[str, Stamp] = {}
        self.search = SearchRefresh(self)

    def watched(self) -> list[Path]:
        """The site's content and template folders, its site.yaml and the default theme."""
        names = {("content", "templates")}
        site = self.session.site
        if site is not None:
            names.add((site.config.model.content, site.config.model.templates))
        folders = [self.root / name for pair in sorted(names) for name in pair]
        return [*folders, self.root / "site.yaml", default_theme_dir()]

    def snapshot(self) -> dict[str, Stamp]:
        paths = self.watched()
        stamps = tree_stamps(p for p in paths if p.is_dir())
        for path in paths:
            found = stamp(path) if path.is_file() else None
            if found is not None:
                stamps[path.as_posix()] = found
        return stamps

    def settle(self) -> dict[str, Stamp]:
        """Wait until the watched files stop changing (an editor may save in several steps)."""
        current, deadline = self.snapshot(), time.monotonic() + SETTLE_MAX
        while time.monotonic() < deadline:
            time.sleep(SETTLE)
            latest = self.snapshot()
            if latest == current:
                break
            current = latest
        return current

    def rebuild(self, first: bool = False) -> bool:
        """Build if anything changed; True when the browsers should reload."""
        stamps = self.settle()
        if not first and stamps == self.stamps:
            return False
        return self.update(stamps, first)

    def update(self, stamps: dict[str, Stamp], first: bool = False) -> bool:
        """Build after the files changed to ``stamps``: the session reads again only what changed."""
        keys = {k for k, _ in set(self.stamps.items()) ^ set(stamps.items())}  # added, removed or changed
        changed = sorted(_relative(Path(k), self.root) for k in keys) if self.stamps else []
        if not first:
            self.session.notice(Path(k) for k in keys)
        self.stamps = stamps
        if changed:
            self.reporter.info("Ändrat: " + _names(changed))
        started = time.perf_counter()
        result = build(self.root, self.out_dir, strict=self.strict, memory=self.session)
        self.stats = result.stats
        seconds = time.perf_counter() - started
        if result.written:
            self.search.refresh()
        was_failing, self.problems = bool(self.problems), list(result.diagnostics) if not result.written else []
        errors = [d for d in result.diagnostics if d.severity == ERROR]
        self.reporter.diagnostics(result.diagnostics if self.reporter.verbose else errors)
        if self.problems:
            self.reporter.postponed(result.reports)
            self.reporter.summary(result.diagnostics, "Bygget", "Bygget är klart", self.strict)
            self.reporter.info("Webbläsaren visar felen tills de är rättade; förhandsvisningen fortsätter.")
            return True
        stats = self.stats
        if len(errors) < len(result.diagnostics) and not self.reporter.verbose:
            self.reporter.info(f"{len(result.diagnostics) - len(errors)} varningar (`finsam-site check` listar dem).")
        if was_failing:
            self.reporter.ok("Felen är rättade.")
        self.reporter.info(
            f"{'Byggde' if first else 'Byggde om'} på {format_seconds(seconds)}: {stats.describe()}."
        )
        self.reporter.detail("Omlästa filer: " + (", ".join(stats.parsed) or "inga"))
        return True

    def app(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        """WSGI: :meth:`answer`; an address no file can have (a NUL, a name too long) is not found, not an error."""
        try:
            return self.answer(environ, start_response)
        except (OSError, ValueError):
            return _respond(start_response, "404 Not Found", _page("Sidan finns inte", "<p>Adressen är ogiltig.</p>"))

    def answer(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        """The last good site, or the error page while the last build failed."""
        if self.hosts is not None and host_name(str(environ.get("HTTP_HOST") or "")) not in self.hosts:
            body = _page("Okänd adress", "<p>Förhandsvisningen svarar bara på adressen den visades på, till exempel "
                         "<code>http://127.0.0.1:8000/</code>.</p>")
            return _respond(start_response, "421 Misdirected Request", body)
        raw = str(environ.get("PATH_INFO") or "/")
        path = raw.encode("latin-1", "replace").decode("utf-8", "replace")
        root = self.out_dir.resolve()
        target = (root / path.lstrip("/")).resolve()
        if not target.is_relative_to(root):
            return _respond(start_response, "404 Not Found", _page("Sidan finns inte", "<p>Adressen är ogiltig.</p>"))
        if target.is_dir() and not path.endswith("/"):
            start_response("301 Moved Permanently", [("Location", path + "/")])
            return [b""]
        if target.is_dir() or (not target.exists() and not target.suffix):
            target = target / "index.html"
        if self.problems and target.suffix == ".html":
            return _respond(start_response, "500 Internal Server Error", error_page(self.problems, self.root))
        if not target.is_file():
            body = _page("Sidan finns inte", '<p>Här finns ingen sida. <a href="/">Till startsidan</a>.</p>')
            return _respond(start_response, "404 Not Found", body)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml"):
            kind += "; charset=utf-8"
        return _respond(start_response, "200 OK", target.read_bytes(), kind)


class SearchRefresh:
    """Keeps the preview's search index up to date without holding up a rebuild.

    The first build indexes the site itself (build.py, on the staging folder). After each rebuild written in
    place, Pagefind indexes the served folder again on a background thread and swaps the new bundle in
    (search.index); a rebuild while it runs asks for one more run. Searching shows the previous index until then.
    """

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self.thread: threading.Thread | None = None
        self.again = False
        self.stopped = False
        self.process: subprocess.Popen[str] | None = None
        self.lock = threading.Lock()

    def stop(self) -> None:
        """Stop indexing, the Pagefind process included (the preview is ending)."""
        with self.lock:
            self.stopped, self.again = True, False
            process = self.process
        if process is not None and process.poll() is None:
            process.kill()
        thread = self.thread
        if thread is not None:
            thread.join(timeout=10)

    def _started(self, process: subprocess.Popen[str]) -> None:
        with self.lock:
            self.process = process
            stopped = self.stopped
        if stopped:
            process.kill()

    def refresh(self) -> None:
        """After a build was written: index again, unless that build made its own index and none is running
        (one running may have read some of the pages the build replaced, so it runs once more)."""
        site = self.preview.session.site
        if site is None or not site.config.model.search:
            return
        with self.lock:
            running = self.thread is not None  # cleared under the lock when the thread ends
            if self.stopped or (not running and not self.preview.session.in_place):
                return
            self.again = True
            if not running:
                self.thread = threading.Thread(target=self._run, name="finsam-site-sok", daemon=True)
                self.thread.start()

    def _run(self) -> None:
        while True:
            with self.lock:
                if not self.again:
                    self.thread = None
                    return
                self.again = False
            try:
                _, problems = search.index(self.preview.out_dir, self._started)
                with self.lock:
                    self.process = None
                    if self.stopped:
                        self.thread = None
                        return
                if problems:
                    self.preview.reporter.diagnostics(problems)
            except Exception as exc:  # the preview must survive anything Pagefind does
                self.preview.reporter.error(f"Sökindexet kunde inte uppdateras: {exc!r}.")

    def wait(self) -> None:
        """For tests and benchmarks: until the index is up to date."""
        while (thread := self.thread) is not None:
            thread.join()


def _respond(start_response: StartResponse, status: str, body: bytes, kind: str = "text/html; charset=utf-8") -> list[
    bytes
]:
    start_response(status, [("Content-Type", kind), ("Cache-Control", "no-store")])
    return [body]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()


def _names(paths: list[str]) -> str:
    shown = ", ".join(paths[:3])
    return shown + (f" och {len(paths) - 3} filer till" if len(paths) > 3 else "")


class _QuietWatcher(Watcher):  # type: ignore[misc]
    """livereload's polling watcher; the preview reloads the browsers itself, after each build."""

    def examine(self) -> tuple[None, None]:
        super().examine()
        return None, None


class LiveServer:
    """The small interface the preview needs from livereload 2.x."""

    def __init__(self, app: Callable[..., list[bytes]]) -> None:
        self.watcher = _QuietWatcher()
        self.server = Server(app=app, watcher=self.watcher)
        self.server._setup_logging = lambda: None  # the Reporter prints; livereload stays silent
        self.loop: IOLoop | None = None
        for name in ("livereload", "tornado.access", "tornado.application", "tornado.general"):
            logging.getLogger(name).setLevel(logging.CRITICAL)

    def watch(self, paths: Iterable[Path], callback: Callable[[], None]) -> None:
        for path in paths:
            self.watcher.watch(str(path), callback, delay="forever")

    @staticmethod
    def reload() -> None:
        LiveReloadHandler.reload_waiters("*")

    def reload_soon(self) -> None:
        """From another thread: reload the browsers on the server's own thread."""
        if self.loop is not None:
            self.loop.add_callback(self.reload)

    def serve(self, host: str, port: int) -> None:
        """Blocks until Ctrl+C or SIGTERM."""
        loop = self.loop = IOLoop.current()
        signal.signal(signal.SIGTERM, lambda *_: loop.add_callback_from_signal(loop.stop))
        self.server.serve(port=port, host=host, debug=False, restart_delay=0)


def serve(root: Path, host: str, port: int, reporter: Reporter, strict: bool = False) -> int:
    """``finsam-site serve``: returns the exit code."""
    if not (root / SITE.path).is_file():  # the loader's own message: the preview would only show it as a page
        reporter.diagnostics([Diagnostic(SITE.path, 0, 0, ERROR, SITE.rule, SITE.missing, SITE.missing_hint)])
        return 1
    if not 0 < port < 65536:
        reporter.diagnostics([Diagnostic("--port", 0, 0, ERROR, "serve", f"Porten {port} finns inte.",
                                         "Välj en port mellan 1 och 65535 med --port, t.ex. 8001.")])
        return 1
    temp = Path(tempfile.mkdtemp(prefix="finsam-site-serve-"))
    preview = Preview(root, temp / "site", reporter, strict, host)
    rebuilds: Rebuilds | None = None
    try:
        reporter.info("Bygger webbplatsen …")
        preview.rebuild(first=True)
        live = LiveServer(preview.app)
        rebuilds = Rebuilds(preview, live.reload_soon)
        live.watch(preview.watched(), rebuilds.request)
        if host not in ("127.0.0.1", "localhost", "::1"):
            reporter.write(f"Obs: förhandsvisningen kan nås från andra datorer via {host}.")
        reporter.write(f"Förhandsvisning på http://{host}:{port}/ (avsluta med Ctrl+C)")
        try:
            live.serve(host, port)
        except OSError as exc:
            reporter.diagnostics([Diagnostic("--port", 0, 0, "fel", "serve", f"Porten {port} kan inte användas: "
                                             f"{os_reason(exc)}.", "Välj en annan port med --port, t.ex. 8001.")])
            return 1
        reporter.info("Förhandsvisningen är avslutad.")
        return 0
    finally:
        if rebuilds is not None:
            rebuilds.stop()
        preview.search.stop()
        shutil.rmtree(temp, ignore_errors=True)
