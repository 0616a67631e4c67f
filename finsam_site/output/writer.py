"""The writer: the only code that touches the output folder.

A :class:`Writer` claims every URL of a build: two pages on one URL is an error
that stops the build before anything reaches the output folder, and a path that
would leave the folder is refused before it is written. It works in one of two
ways:

- **a new folder** (a ``build``, and the first build of a preview): files are
  written into a staging folder beside the output as they are rendered (by the
  forked render workers too, see :meth:`Writer.emit`), so the built site is
  never held in memory; their URLs are claimed once all are rendered, and
  :meth:`Writer.commit` swaps the staging folder into place. A failed build
  (two pages on one URL included) removes the staging folder and leaves the
  previous output as it was.
- **in place** (the rebuilds of a preview, see preview/session.py, and a ``build`` with its cache into the
  folder it wrote last, cache/__init__.py): the output
  folder is one this writer made before, and only the files of the pages that
  changed are given; they are held until :meth:`Writer.commit`, which writes
  each one atomically (temporary file, then rename) and removes the files of
  pages that are gone. Files not given are left as they are.

Files are written with fixed contents (no clocks), so two builds give the same bytes.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

MARKER = ".finsam-site"
MARKER_TEXT = "Skapad av finsam-site. Mappen ersätts vid varje bygge.\n"
BUILDING = ".finsam-bygge"  # in a staging folder while a build writes it: the process id, so a later build can
# tell a folder a killed build left (removed) from one another build is writing (left alone)


class OutputError(Exception):
    """Raised with a Swedish message when the output cannot be written safely."""


def check_destination(out_dir: Path, site_root: Path, sources: tuple[Path, ...] = ()) -> None:
    """Refuse an output folder that holds the site, or lies in one of ``sources`` (its content, its templates):
    the next build would read the output as content, or copy it into itself."""
    out, root = out_dir.resolve(), site_root.resolve()
    if out == root or root.is_relative_to(out):
        raise OutputError(f"Utdatamappen {out_dir} innehåller webbplatsens källor; välj en egen mapp.")
    for source in sources:
        if out.is_relative_to(source.resolve()):
            raise OutputError(
                f"Utdatamappen {out_dir} ligger i {source.name}/, som finsam-site läser; välj en mapp utanför den."
            )
    if out.exists() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise OutputError(f"Mappen {out_dir} finns redan och skapades inte av finsam-site; den skrivs inte över.")


def check_url(url: str) -> None:
    """A relative path of plain names: no ``..``, no empty part, no backslash."""
    if not url or "\\" in url or any(part in ("", ".", "..") for part in url.split("/")):
        raise OutputError(f"Ogiltig sökväg i utdata: {url}")


def write_file(folder: Path, url: str, content: str | bytes) -> None:
    """Write one file below ``folder`` (safe to call from a forked render worker)."""
    target = folder / url
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


class Writer:
    """Writes one build's files into ``out_dir``; ``previous`` are the URLs it holds from the last build.

    In place, files below the folders named in ``keep`` stay unless replaced (the search bundle, which the
    preview refreshes itself).
    """

    def __init__(
        self,
        out_dir: Path,
        site_root: Path,
        previous: set[str] | None = None,
        keep: tuple[str, ...] = (),
        sources: tuple[Path, ...] = (),
    ) -> None:
        if out_dir.is_symlink():  # a link to the web folder: the build replaces the folder it points at
            out_dir = out_dir.resolve()
        if previous is None:
            recover(out_dir)
        check_destination(out_dir, site_root, sources)
        self.out_dir = out_dir
        self.kept = tuple(f"{folder}/" for folder in keep)
        self.in_place = previous is not None and (out_dir / MARKER).is_file()
        self.previous = previous if self.in_place and previous is not None else set()
        self.urls: set[str] = set()
        self.pending: dict[str, bytes] = {}
        self.staging: Path | None = None
        if not self.in_place:
            out_dir.parent.mkdir(parents=True, exist_ok=True)
            remove_stale(out_dir)
            self.staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent)).resolve()
            (self.staging / BUILDING).write_text(f"{os.getpid()}\n", "ascii")

    @property
    def folder(self) -> Path:
        """Where files are being written: the staging folder, or the output folder itself."""
        return self.staging or self.out_dir

    def size(self, url: str) -> int | None:
        """The size in bytes of a file this build wrote (or, in place, kept from the last build); None if none."""
        if url in self.pending:
            return len(self.pending[url])
        path = self.folder / url
        return path.stat().st_size if path.is_file() else None

    def claim(self, urls: Iterable[str], checked: bool = False) -> None:
        """Reserve URLs; a URL claimed twice or one that leaves the folder is an error."""
        for url in urls:
            if not checked:
                check_url(url)
            if url in self.urls:
                raise OutputError(f"Två sidor skulle skrivas till samma adress: {url}")
            self.urls.add(url)

    def keep(self, urls: Iterable[str]) -> None:
        """Claim URLs whose files the last build wrote and that stay as they are (in place only)."""
        urls = list(urls)
        if not self.in_place or not self.previous.issuperset(urls):
            raise OutputError("Ett tidigare bygge saknas; hela webbplatsen måste byggas.")
        self.claim(urls, checked=True)  # checked when they were first written

    def add(self, url: str, content: str | bytes) -> None:
        """Claim a URL and write its file."""
        self.claim([url])
        self.emit(url, content)

    def emit(self, url: str, content: str | bytes) -> None:
        """Write a file: into the staging folder at once (safe in a forked render worker, whose URLs are
        claimed afterwards), or, in place, held in this process until :meth:`commit`."""
        check_url(url)
        if self.staging is not None:
            write_file(self.staging, url, content)
        else:
            self.pending[url] = content.encode("utf-8") if isinstance(content, str) else content

    def copy_tree(self, source: Path, prefix: str, boundary: Path | None = None) -> None:
        """A folder's regular files below ``prefix``; a later copy of the same URL replaces an earlier one.
        With ``boundary``, a file that a link leads out of it is never read (the loader reports it)."""
        if not source.is_dir():
            return
        inside = boundary.resolve() if boundary is not None else None
        for path in sorted(source.rglob("*")):
            if inside is not None and not _leads_into(path, inside):
                continue
            if path.is_file() and not path.name.startswith("."):
                url = f"{prefix}/{path.relative_to(source).as_posix()}"
                if url not in self.urls:
                    self.claim([url])
                self.emit(url, path.read_bytes())

    def commit(self) -> set[str]:
        """Make the output folder hold exactly the claimed URLs; returns them."""
        if self.staging is not None:
            self._swap(self.staging)
        else:
            for url in sorted(self.pending):
                _replace(self.out_dir, url, self.pending[url])
            gone = self.previous - self.urls
            kept = {url for url in gone if url.startswith(self.kept)}
            for url in sorted(gone - kept):
                _remove(self.out_dir, url)
            return self.urls | kept
        return set(self.urls)

    def abort(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
        self.pending.clear()

    def _swap(self, staging: Path) -> None:
        """Put the staging folder in the output's place: in one atomic exchange where the system has one
        (Linux), else in two renames, after which :func:`recover` puts the old site back if a kill came between."""
        try:
            (staging / MARKER).write_text(MARKER_TEXT, "utf-8")
            (staging / BUILDING).unlink(missing_ok=True)
            os.chmod(staging, 0o755)
            if _umask() & 0o055:  # a strict umask (077): the web server, another user, must still read the site
                _readable(staging)
            old = _old(self.out_dir)
            if old.exists() or old.is_symlink():
                _remove_tree(old)
            if self.out_dir.is_dir():
                # Once exchanged, the previous site is in the staging folder's place: marked as this build's, so
                # that a later build removes it should this one be killed before it has (remove_stale).
                (self.out_dir / BUILDING).write_text(f"{os.getpid()}\n", "ascii")
                try:
                    exchanged = _exchange(staging, self.out_dir)
                finally:
                    if not (staging / BUILDING).is_file():  # not exchanged: the live site keeps no mark
                        (self.out_dir / BUILDING).unlink(missing_ok=True)
                if exchanged:
                    shutil.rmtree(staging, ignore_errors=True)  # it holds the previous site now
                    return
            if self.out_dir.exists():
                os.replace(self.out_dir, old)
            os.replace(staging, self.out_dir)
            shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise


def _old(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}-old"


def _remove_tree(path: Path) -> None:
    if path.is_symlink():
        path.unlink()
    else:
        shutil.rmtree(path)


def _umask() -> int:
    """This process's umask (Linux's /proc), without setting it; 0o022 where it cannot be read."""
    try:
        for line in Path("/proc/self/status").read_text("ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _readable(folder: Path) -> None:
    """Folders 0755 and files 0644 below ``folder``, as a published site is."""
    for parent, folders, files in os.walk(folder):
        for name in folders:
            os.chmod(os.path.join(parent, name), 0o755)
        for name in files:
            os.chmod(os.path.join(parent, name), 0o644)


def _leads_into(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder)
    except (OSError, RuntimeError):
        return False


def recover(out_dir: Path) -> None:
    """The previous site back in place when a build was killed between the two renames of a swap."""
    try:
        if out_dir.is_symlink():
            out_dir = out_dir.resolve()
        old = _old(out_dir)
        if not out_dir.exists() and not out_dir.is_symlink() and old.is_dir() and (old / MARKER).is_file():
            os.replace(old, out_dir)
    except (OSError, RuntimeError):
        pass  # the build reports what it cannot write


def remove_stale(out_dir: Path) -> None:
    """Remove the staging folders of builds that were killed (their process is gone)."""
    prefix = f".{out_dir.name}-"
    for folder in (p for p in out_dir.parent.iterdir() if p.name.startswith(prefix)):
        try:
            pid = int((folder / BUILDING).read_text("ascii").strip())
        except (OSError, ValueError):
            continue  # not a staging folder, or a build that is finishing
        if pid != os.getpid() and not _alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux ``renameat2`` with ``RENAME_EXCHANGE``); False where not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EPERM):
        return False  # a file system or kernel without it: two renames instead
    raise OSError(code, os.strerror(code), str(b))


def _replace(folder: Path, url: str, content: bytes) -> None:
    """Write one file so that a reader sees the old or the new file, never half of one."""
    target = folder / url
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_file() and target.stat().st_size == len(content) and target.read_bytes() == content:
        return
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, target)


def _remove(folder: Path, url: str) -> None:
    """Remove a file and the folders it leaves empty, as a fresh build would not have them."""
    target = folder / url
    target.unlink(missing_ok=True)
    parent = target.parent
    while parent != folder and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
