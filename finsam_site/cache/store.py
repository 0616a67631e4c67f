"""The build cache's folder (``.finsam-cache/`` in the site's folder): sealed records and the rendered files.

- ``manifest``: what the last build with the cache made (cache/__init__.py), written last and atomically;
- ``parts/<digest>``: one förbund loaded and checked (check/examine.Part), by the digest of its inputs, and
  ``cards/<digest>``: the cards of its documents (compute/cards.py);
- ``files/<xx>/<name>``: the files of each group of pages, hard links to the files of the output when the two
  folders are on one file system, else copies. The manifest records each one's size, modification time and
  inode, and a file that no longer matches (edited, replaced, truncated) is not used.

A record is pickled and sealed: a header naming the cache format, then an HMAC-SHA256 of the payload with a key
kept outside the site (``$XDG_CACHE_HOME/finsam-site/nyckel``, made on first use, readable by its owner only), then
the payload. So a record is read only when this user's finsam-site wrote it: a truncated, corrupt or foreign file
(one committed to a repository by someone else, say) fails the seal and is never unpickled. Every write goes to a
temporary file that is renamed into place, so a crash leaves the previous record or none, never half of one.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import secrets
import shutil
import tempfile
from pathlib import Path

from ..output.writer import MARKER
from .keys import FORMAT

FOLDER = ".finsam-cache"
HEADER = f"finsam-site cache {FORMAT}\n".encode()
README = "Bygg-cache för finsam-site. Mappen kan tas bort när som helst; nästa bygge skapar den igen.\n"


class Unreadable(Exception):
    """A record that is missing, truncated, corrupt, sealed with another key or of another format."""


def _key() -> bytes:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "finsam-site"
    path = base / "nyckel"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    base.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=base, prefix=".nyckel-")
    with os.fdopen(fd, "wb") as file:
        file.write(secrets.token_bytes(32))
    os.replace(temporary, path)  # two builds at once: the last one's key wins, the other's records fail the seal
    return path.read_bytes()


class Store:
    """One site's cache folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.key = _key()

    def read(self, name: str) -> object:
        path = self.folder / name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise Unreadable(f"{name} saknas") from exc
        if not data.startswith(HEADER):
            raise Unreadable(f"{name} är från en annan version av finsam-site eller inte en cache")
        seal, payload = data[len(HEADER): len(HEADER) + 32], data[len(HEADER) + 32:]
        if not hmac.compare_digest(seal, hmac.new(self.key, payload, hashlib.sha256).digest()):
            raise Unreadable(f"{name} är skadad, avbruten eller skriven av någon annan")
        try:
            return pickle.loads(payload)
        except Exception as exc:  # a record from a version whose classes have changed
            raise Unreadable(f"{name} kan inte läsas ({type(exc).__name__})") from exc

    def write(self, name: str, value: object) -> None:
        self.write_pickled(name, self.pickled(value))

    def pickled(self, value: object) -> bytes:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def write_pickled(self, name: str, payload: bytes) -> None:
        seal = hmac.new(self.key, payload, hashlib.sha256).digest()
        self._atomic(self.folder / name, HEADER + seal + payload)

    def prepare(self) -> None:
        for sub in ("parts", "files", "cards"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        readme = self.folder / "LÄS-MIG.txt"
        if not readme.is_file():
            self._atomic(readme, README.encode("utf-8"))

    def _atomic(self, target: Path, data: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-")
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    # --- rendered files ----------------------------------------------------------------------

    def keep_file(self, source: Path, name: str) -> tuple[int, int, int]:
        """``source`` (a file of the output) as ``files/<name>``: linked, or copied; its stamp."""
        target = self.folder / "files" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.unlink(missing_ok=True)
        try:
            os.link(source, temporary)
        except OSError:
            shutil.copyfile(source, temporary)
        os.replace(temporary, target)
        return stamp(target)

    def file_ok(self, name: str, recorded: tuple[int, int, int]) -> bool:
        try:
            return stamp(self.folder / "files" / name) == recorded
        except OSError:
            return False

    def place_file(self, name: str, target: Path) -> None:
        """A kept file at ``target`` (in a staging folder): a hard link where possible, else a copy."""
        source = self.folder / "files" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)

    def sweep(self, files: set[str], parts: set[str], cards: set[str]) -> None:
        """Remove the files, parts and cards that the manifest no longer names."""
        for sub, keep in (("files", files), ("parts", parts), ("cards", cards)):
            base = self.folder / sub
            for parent, _, names in os.walk(base):
                for name in names:
                    path = os.path.join(parent, name)
                    if os.path.relpath(path, base).replace(os.sep, "/") not in keep:
                        with contextlib.suppress(OSError):
                            os.unlink(path)


def stamp(path: Path) -> tuple[int, int, int]:
    info = path.stat()
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def output_stamps(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file below an output folder (but its marker) by URL, with its stamp."""
    found: dict[str, tuple[int, int, int]] = {}
    pending = [(str(folder), "")]
    while pending:
        path, rel = pending.pop()
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    url = f"{rel}{entry.name}"
                    if entry.is_dir(follow_symlinks=False):
                        pending.append((entry.path, f"{url}/"))
                    elif url != MARKER:
                        info = entry.stat(follow_symlinks=False)
                        found[url] = (info.st_size, info.st_mtime_ns, info.st_ino)
        except OSError:
            found["\0unreadable"] = (0, 0, 0)
    return found
