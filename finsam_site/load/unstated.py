"""``ej angivet``: a fact the source does not state, for any field of any content file.

Before a file is validated, every value written as ``ej angivet`` is taken out of its data, so the model gets the
field's default (None, an empty text or list), and the value's path is recorded (``Parsed.unstated``). Leaving
the field out means the same. ``okänt`` is something else: a printed figure that cannot be read (a budget cell,
with an ``anm:``).

* A mapping value ``ej angivet`` removes its key; a list whose every item is ``ej angivet`` removes the key that
  holds it (``parter: ej angivet`` and ``parter: [ej angivet]`` say the same).
* An ``ej angivet`` item among stated items becomes an empty item (positions stay as written): in a budget row's
  ``belopp`` that is an empty cell, elsewhere it is reported (``unstated_item``).

Pure: data in, data and paths out (and back: :func:`restore_unstated`).
"""

from __future__ import annotations

import copy
import re
from typing import Any

from .yamlload import Loc

UNSTATED = "ej angivet"
# the value, case and spacing aside, and its plural and common-gender forms (`parter: ej angivna`)
_VALUE = re.compile(r"\s*ej\s+angiv(?:et|en|na)\s*", re.IGNORECASE)
_QUICK = re.compile(r"angiv", re.IGNORECASE)


def is_unstated(value: Any) -> bool:
    """Whether a scalar says that the source does not state the fact."""
    return isinstance(value, str) and _VALUE.fullmatch(value) is not None


def may_hold(text: str) -> bool:
    """Whether a file's text may hold the value at all (most files do not: they are not walked)."""
    return _QUICK.search(text) is not None


def strip_unstated(data: Any) -> tuple[Any, list[Loc], list[Loc]]:
    """The data without its unstated values; the paths of the removed keys, and of items that became empty."""
    removed: list[Loc] = []
    items: list[Loc] = []
    return _strip(data, (), removed, items), removed, items


def _strip(value: Any, loc: Loc, removed: list[Loc], items: list[Loc]) -> Any:
    if isinstance(value, dict):
        kept: dict[str, Any] = {}
        for key, item in value.items():
            here = (*loc, key)
            if is_unstated(item) or (isinstance(item, list) and item and all(is_unstated(i) for i in item)):
                removed.append(here)
            else:
                kept[key] = _strip(item, here, removed, items)
        return kept
    if isinstance(value, list):
        result: list[Any] = []
        for index, item in enumerate(value):
            if is_unstated(item):
                items.append((*loc, index))
                result.append(None)
            else:
                result.append(_strip(item, (*loc, index), removed, items))
        return result
    return value


def restore_unstated(data: Any, unstated: tuple[Loc, ...]) -> Any:
    """A copy of stripped data with ``ej angivet`` back at each recorded path (a removed key comes last in its
    mapping), for a tool that writes a file from another one (``finsam-site new plan``)."""
    result = copy.deepcopy(data)
    for loc in unstated:
        parent = result
        for step in loc[:-1]:
            parent = parent[step]
        parent[loc[-1]] = UNSTATED  # the paths are those strip_unstated recorded on this very data
    return result
