"""The preview's file cache: :class:`CachingLoader` is the ordinary loader, except that a file whose stamp
(modification time and size, load/stamps.py) is unchanged is not read or parsed again."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from ..diagnostics import Diagnostic
from ..load.loader import Loader
from ..load.parse import Parsed
from ..load.stamps import Stamp, stamp

M = TypeVar("M", bound=BaseModel)


@dataclasses.dataclass
class Cached:
    stamp: Stamp
    value: Parsed[Any] | None
    diagnostics: list[Diagnostic]


class CachingLoader(Loader):
    """The ordinary loader, except that a file whose stamp is unchanged is not read or parsed again."""

    def __init__(self, root: Path, cache: dict[tuple[Path, str], Cached]) -> None:
        super().__init__(root)
        self.cache = cache
        self.reused = 0  # the files not read again (``read``: those read and parsed again)
        self.seen: set[tuple[Path, str]] = set()

    def load_file(self, cls: type[M], path: Path, markdown: bool) -> Parsed[M] | None:
        key = (path, cls.__name__)
        self.seen.add(key)
        found = stamp(path)
        hit = self.cache.get(key)
        if found is not None and hit is not None and hit.stamp == found:
            self.reused += 1
            self.diagnostics.extend(hit.diagnostics)
            return hit.value
        first = len(self.diagnostics)
        value = super().load_file(cls, path, markdown)
        if found is not None:
            self.cache[key] = Cached(found, value, self.diagnostics[first:])
        return value
