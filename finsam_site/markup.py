"""Markdown to safe HTML.

Authors' Markdown goes through Python-Markdown, then through nh3 (the Rust
``ammonia`` sanitiser) with the allowlist below: raw HTML that is not on it,
``<script>`` above all, is removed. Headings are shifted so that the body of a
page fits under the page's own headings.
"""

from __future__ import annotations

import re

import markdown
import nh3

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
        html = _shift_headings(self._md.reset().convert(text), heading_level)
        if not self.allow_html:
            html = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener noreferrer")
        return _scrollable_tables(html)


def render_markdown(text: str, heading_level: int = 2) -> str:
    """Render ``text`` once, sanitised (see :class:`Renderer` for many texts)."""
    return Renderer().block(text, heading_level)


def render_inline(text: str) -> str:
    """One line of Markdown without the surrounding paragraph, sanitised."""
    return Renderer().inline(text)


def _shift_headings(html: str, heading_level: int) -> str:
    """Authors write ``##`` for a first subheading; it becomes ``heading_level``."""
    shift = heading_level - 2

    def replace(match: re.Match[str]) -> str:
        level = min(6, max(2, int(match.group(2)) + shift))
        return f"<{match.group(1)}h{level}"

    return _HEADING.sub(replace, html)
