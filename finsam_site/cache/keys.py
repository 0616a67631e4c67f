"""The build cache's keys: digests of what a build reads, and fingerprints of a group of pages' key.

A digest names inputs by their bytes: a folder's every file (its path below the folder, whether it is a link and
where to, and its contents), and the tool itself (finsam-site's version, the bytes of its own modules, Python's
version and the version of every package finsam-site depends on, so a new Python-Markdown is a new key).

A group's key (pages/groups.py) names the objects its pages are made from. :class:`Fingerprints` turns it into
bytes: an object loaded from a förbund folder (the förbund, a document, a rule report) by the digest of that
folder, which it is a function of, and plain values (cards, forbund.yaml, numbers, text, dates) by value, field by
field. An object of any other kind makes the key unknown, and that group is made afresh: the cache never guesses.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import os
import stat
import sys
from datetime import date
from decimal import Decimal
from importlib import metadata
from pathlib import Path

from pydantic import BaseModel

import finsam_site

from ..load.content import SiteContent

FORMAT = 1  # the layout of the cache folder; a cache of another format is not read


class Unknown(Exception):
    """A value the fingerprint cannot name by its contents."""


def digest(*parts: bytes | str) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def folder_digest(folder: Path, root: Path | None = None) -> str:
    """Every file and folder below ``folder`` by path, kind and bytes. A link is named by where it leads and
    what is there; its target's bytes count only when it is a regular file inside ``root`` (the site: the loader
    reads nothing outside it). A FIFO, a device or a socket counts by its kind alone: nothing is opened that
    could block."""
    inside = (root or folder).resolve()
    h = hashlib.blake2b(digest_size=20)
    pending = [(folder, "")]
    while pending:
        path, rel = pending.pop()
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as exc:
            h.update(f"\0unreadable {rel} {type(exc).__name__}".encode())
            continue
        for entry in entries:
            name = f"{rel}{entry.name}"
            h.update(f"\0{len(name)}:{name}".encode("utf-8", "surrogateescape"))
            target = Path(entry.path)
            if entry.is_symlink():
                try:
                    h.update(b"\0link " + os.fsencode(os.readlink(entry.path)))
                    target = target.resolve()
                    if not target.is_relative_to(inside):
                        h.update(f"\0outside {_kind(target)}".encode())
                        continue
                except (OSError, RuntimeError) as exc:
                    h.update(f"\0broken {type(exc).__name__}".encode())
                    continue
            kind = _kind(target)
            h.update(f"\0{kind}".encode())
            if kind == "dir" and not entry.is_symlink():
                pending.append((target, f"{name}/"))
            elif kind == "file":
                try:
                    data = target.read_bytes()
                except OSError as exc:
                    h.update(f"\0unreadable {type(exc).__name__}".encode())
                    continue
                h.update(f"\0{len(data)}\0".encode())
                h.update(data)
    return h.hexdigest()


def _kind(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"missing {type(exc).__name__}"
    return "dir" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else f"special {stat.S_IFMT(mode)}"


def files_digest(paths: list[Path], root: Path | None = None) -> str:
    """Files (or folders) by name, kind and bytes, as :func:`folder_digest` counts the entries of a folder;
    without ``root``, every regular file is read (finsam-site's own modules)."""
    parts: list[bytes | str] = []
    for path in paths:
        parts.append(str(path))
        target = path.resolve() if root is not None else path
        kind = _kind(target)
        if root is not None and not target.is_relative_to(root.resolve()):
            parts.append(f"outside {kind}")
        elif kind == "dir":
            parts.append(f"dir {folder_digest(path, root)}")
        elif kind == "file":
            try:
                parts.append(target.read_bytes())
            except OSError as exc:
                parts.append(f"unreadable {type(exc).__name__}")
        else:
            parts.append(kind)
    return digest(*parts)


def tool_digest() -> str:
    """finsam-site itself: its version, its modules' bytes, Python's version and its dependencies' versions."""
    package = Path(finsam_site.__file__).parent
    sources = sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)
    versions = [f"python {sys.version}", f"finsam-site {finsam_site.__version__}", f"format {FORMAT}"]
    try:
        requires = metadata.distribution("finsam-site").requires or []
    except metadata.PackageNotFoundError:
        requires = []
    for requirement in sorted(r for r in requires if "extra ==" not in r):
        name = requirement.split(";")[0].split("[")[0].strip()
        name = "".join(c for c in name if c.isalnum() or c in "-_.").rstrip("<>=!~")
        for candidate in (name, name.lower()):
            try:
                versions.append(f"{candidate} {metadata.version(candidate)}")
                break
            except metadata.PackageNotFoundError:
                continue
    return digest(*versions, files_digest(sources))


class Fingerprints:
    """Fingerprints of group keys for one build: content objects by their förbund folder's digest."""

    def __init__(self, site: SiteContent, folders: dict[str, str], reports: dict[str, object]) -> None:
        """``folders``: each förbund id → the digest of its folder (and the settings); ``reports``: the rule
        reports by document folder."""
        self.known: dict[int, str] = {id(site.config): "settings", id(site.config.model): "settings"}
        for forbund in site.forbund:
            where = folders.get(forbund.id)
            if where is None:
                continue
            self.known[id(forbund)] = f"förbund {forbund.id} {where}"  # forbund.yaml itself goes by value (cards)
            for document in forbund.documents:
                self.known[id(document)] = f"dokument {document.folder} {where}"
                report = reports.get(document.folder)
                if report is not None:
                    self.known[id(report)] = f"rapport {document.folder} {where}"
        self.memo: dict[int, tuple[object, str]] = {}
        self.keep = (site, reports)  # the objects named by identity stay alive while the fingerprints are used

    def of(self, key: object) -> str | None:
        """The fingerprint of a group's key, or None when a part of it cannot be named."""
        try:
            return self._of(key, 0)
        except Unknown:
            return None

    def _of(self, value: object, depth: int) -> str:
        """A short text that names ``value`` by its contents: a repr for a plain value, else a digest of the
        parts' texts (each a repr or a digest, so joining them is unambiguous). Objects that are not plain values
        are named once per build (they never change after loading)."""
        known = self.known.get(id(value))
        if known is not None:
            return f"@{known}"
        if value is None or isinstance(value, bool | int | float | str | bytes | Decimal | date | enum.Enum):
            return f"{type(value).__name__}:{value!r}"
        if isinstance(value, Path):
            return f"path:{str(value)!r}"
        if depth > 60:
            raise Unknown("too deep")
        if isinstance(value, tuple | list):
            parts = [type(value).__name__, *(self._of(item, depth + 1) for item in value)]
        elif isinstance(value, frozenset | set):
            parts = ["set", *sorted(self._of(item, depth + 1) for item in value)]
        elif isinstance(value, dict):
            items = sorted(f"{self._of(k, depth + 1)}={self._of(v, depth + 1)}" for k, v in value.items())
            parts = ["dict", *items]
        else:
            memo = self.memo.get(id(value))
            if memo is not None:
                return memo[1]
            if dataclasses.is_dataclass(value) and not isinstance(value, type):
                fields = [(f.name, getattr(value, f.name)) for f in dataclasses.fields(value)]
            elif isinstance(value, BaseModel):
                fields = sorted({**value.__dict__, **(value.__pydantic_extra__ or {})}.items())
            else:
                raise Unknown(type(value).__name__)
            kind = f"{type(value).__module__}.{type(value).__qualname__}"
            named = digest("\x1f".join([kind, *(f"{n}={self._of(v, depth + 1)}" for n, v in fields)]))
            self.memo[id(value)] = (value, named)  # the object stays alive, so its id is not reused
            return named
        return digest("\x1f".join(parts))
