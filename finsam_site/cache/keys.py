"""The build cache's keys: digests of what a build reads, and fingerprints of a group of pages' key.

A digest names inputs by their bytes: a folder's every file (its path below the folder, whether it is a link and
where to, and its contents), and the tool itself (finsam-site's version, the bytes of its own modules, Python's
version and the version of every package finsam-site depends on, so a new Python-Markdown is a new key).

A group's key (pages/groups.py) names the objects its pages are made from. :class:`Fingerprints` turns it into
bytes: an object loaded from a förbund folder (the förbund, a document, a rule report) by the digest of that folder, which it is a function of, and plain values (cards, numbers, text, dates) by value, field by
field. An object of any other kind makes the key unknown, and that group is made afresh: the cache never guesses.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import os
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


def folder_digest(folder: Path, skip: frozenset[str] = frozenset()) -> str:
    """Every file and folder below ``folder`` by path, kind and bytes (links are named, not followed into
    folders); names in ``skip`` at the top level are left out."""
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
            if not rel and entry.name in skip:
                continue
            h.update(f"\0{len(name)}:{name}".encode("utf-8", "surrogateescape"))
            if entry.is_symlink():
                h.update(b"\0link " + os.fsencode(os.readlink(entry.path)))
            if entry.is_dir(follow_symlinks=False):
                h.update(b"\0dir")
                pending.append((Path(entry.path), f"{name}/"))
                continue
            try:
                data = Path(entry.path).read_bytes()
            except OSError as exc:
                h.update(f"\0unreadable {type(exc).__name__}".encode())
                continue
            h.update(f"\0file {len(data)}\0".encode())
            h.update(data)
    return h.hexdigest()


def files_digest(paths: list[Path]) -> str:
    """Files by name and bytes (a missing file as missing)."""
    parts: list[bytes | str] = []
    for path in paths:
        try:
            parts += [str(path), path.read_bytes()]
        except OSError as exc:
            parts += [str(path), f"unreadable {type(exc).__name__}"]
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
        self.keep = (site, reports)  # the objects named by identity stay alive while the fingerprints are used

    def of(self, key: object) -> str | None:
        """The fingerprint of a group's key, or None when a part of it cannot be named."""
        out: list[str] = []
        try:
            self._walk(key, out, 0)
        except Unknown:
            return None
        return digest(*out)

    def _walk(self, value: object, out: list[str], depth: int) -> None:
        if depth > 60:
            raise Unknown("too deep")
        known = self.known.get(id(value))
        if known is not None:
            out.append(f"@{known}")
        elif value is None or isinstance(value, bool | int | float | str | bytes | Decimal | date | enum.Enum):
            out.append(f"{type(value).__name__}:{value!r}")
        elif isinstance(value, Path):
            out.append(f"path:{value}")
        elif isinstance(value, tuple | list):
            out.append(f"{type(value).__name__}[{len(value)}")
            for item in value:
                self._walk(item, out, depth + 1)
            out.append("]")
        elif isinstance(value, frozenset | set):
            inner = [self.of(item) for item in value]
            if any(i is None for i in inner):
                raise Unknown("set")
            out.append(f"set{sorted(str(i) for i in inner)}")
        elif isinstance(value, dict):
            out.append(f"dict[{len(value)}")
            for k, v in sorted(value.items(), key=lambda kv: repr(kv[0])):
                self._walk(k, out, depth + 1)
                self._walk(v, out, depth + 1)
            out.append("]")
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            out.append(f"{type(value).__module__}.{type(value).__qualname__}(")
            for f in dataclasses.fields(value):
                out.append(f.name)
                self._walk(getattr(value, f.name), out, depth + 1)
            out.append(")")
        elif isinstance(value, BaseModel):
            out.append(f"{type(value).__module__}.{type(value).__qualname__}(")
            state = dict(value.__dict__)
            state.update(value.__pydantic_extra__ or {})
            self._walk(state, out, depth + 1)
            out.append(")")
        else:
            raise Unknown(type(value).__name__)
