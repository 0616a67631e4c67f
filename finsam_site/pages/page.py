"""The type the pages stage hands to the output stage: a page, its URL, its format and what its renderer is given.

A page's ``format`` chooses its renderer (output/render.py): ``html`` and ``xml`` pages are Jinja templates, a
``pdf`` page is a Jinja template that WeasyPrint prints, and a ``json`` or ``csv`` page is open data, whose
``template`` names the shape of the file (output/opendata.py) and whose context holds the content and cards it
is made from. An ``rdf`` page is a DCAT-AP-SE catalogue (output/catalogue.py) of the data files its context
names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .. import urls


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str


Format = Literal["html", "pdf", "json", "csv", "xml", "rdf"]


@dataclass(frozen=True)
class Page:
    url: str
    template: str
    title: str
    description: str
    crumbs: list[Crumb] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)
    format: Format = "html"


HOME = Crumb("Start", urls.HOME)
