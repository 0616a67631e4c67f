"""Markdown to safe HTML.

Authors' Markdown goes through Python-Markdown, then through nh3 (the Rust
``ammonia`` sanitiser) with the allowlist below: raw HTML that is not on it,
``<script>`` above all, is removed. Headings are shifted so that the body of a
page fits under the page's own headings.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from types import FrameType

import markdown
import nh3

from ..load.limits import TIME_LIMIT, MarkdownLimit, limit_problem

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "small",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "code",
    "pre",
    "a",
    "abbr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
_HEADING = re.compile(r"<(/?)h([1-6])\b")

class _Timer:
    """Raises :class:`MarkdownLimit` in the main thread once ``seconds`` have passed (no-op elsewhere)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = False
        self.previous: object = None
        self.outer = 0.0  # seconds left on a timer someone else had set
        self.started = 0.0

    def __enter__(self) -> None:
        if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
            self.outer = signal.getitimer(signal.ITIMER_REAL)[0]
            if self.outer and self.outer < self.seconds:
                return  # an earlier alarm of the caller's comes first: leave it alone
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            self.started = time.monotonic()
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self.armed = True

    def __exit__(self, *_: object) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)  # type: ignore[arg-type]
            self.armed = False
            if self.outer:  # the caller's timer goes on with what was left of it
                signal.setitimer(signal.ITIMER_REAL, max(0.001, self.outer - (time.monotonic() - self.started)))

    def _expired(self, _signal: int, _frame: FrameType | None) -> None:
        raise MarkdownLimit(
            f"Texten tog mer än {self.seconds:.0f} sekunder att göra om till en webbsida och hoppades över."
        )
_TABLE = re.compile(r"<table>(.*?)</table>", re.S)


def _scrollable_tables(html: str) -> str:
    """A table in the text scrolls sideways on a phone instead of widening the page; keyboard users can scroll it."""
    return _TABLE.sub(
        lambda m: f'<div class="table-scroll" role="region" aria-label="Tabell i texten" tabindex="0"><table>'
        f"{m.group(1)}</table></div>",
        html,
    )


class Renderer:
    """Markdown → safe HTML for one build: one parser, and each distinct text rendered once.

    A plan's texts appear on several pages (an insats's purpose on its own page, on the list of insatser and on
    the party pages), so the cache saves most of the work. ``allow_html`` is the site's opt-out
    (``markdown: {tillåt_html: true}`` in site.yaml): raw HTML is then kept as written, not sanitised.
    """

    def __init__(self, allow_html: bool = False) -> None:
        self.allow_html = allow_html
        self._md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
        self._cache: dict[tuple[str, int], str] = {}

    def block(self, text: str, heading_level: int = 2) -> str:
        """Render ``text``; its ``#`` headings start at ``heading_level`` (``##`` one below)."""
        key = (text, heading_level)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._render(text, heading_level)
        return found

    def inline(self, text: str) -> str:
        """One line of Markdown (a table cell, a list item) without the surrounding paragraph."""
        html = self.block(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            return html[3:-4]
        return html

    def _render(self, text: str, heading_level: int) -> str:
        if not text.strip():
            return ""
        problem = limit_problem(text)
        if problem is not None:
            raise MarkdownLimit(problem[1])
        try:
            with _Timer(TIME_LIMIT):
                converted = self._md.reset().convert(text)
        except RecursionError as exc:
            raise MarkdownLimit("Texten är för djupt nästlad för att kunna göras om till en webbsida.") from exc
        html = _shift_headings(converted, heading_level)
        if not self.allow_html:
            html = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener noreferrer")
        return _scrollable_tables(html)


def _shift_headings(html: str, heading_level: int) -> str:
    """Authors write ``##`` for a first subheading; it becomes ``heading_level``."""
    shift = heading_level - 2

    def replace(match: re.Match[str]) -> str:
        level = min(6, max(2, int(match.group(2)) + shift))
        return f"<{match.group(1)}h{level}"

    return _HEADING.sub(replace, html)
