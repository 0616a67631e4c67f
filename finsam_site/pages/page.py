"""The type the pages stage hands to the output stage: a page, its URL and what its template is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import urls


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str


@dataclass(frozen=True)
class Page:
    url: str
    template: str
    title: str
    description: str
    crumbs: list[Crumb] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)


HOME = Crumb("Start", urls.HOME)
