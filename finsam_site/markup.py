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


def render_markdown(text: str, heading_level: int = 2) -> str:
    """Render ``text``; its ``#`` headings start at ``heading_level`` (``##`` one below)."""
    if not text.strip():
        return ""
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    html = _shift_headings(html, heading_level)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener noreferrer")


def render_inline(text: str) -> str:
    """One line of Markdown (a table cell, a list item) without the surrounding paragraph."""
    html = render_markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def _shift_headings(html: str, heading_level: int) -> str:
    """Authors write ``##`` for a first subheading; it becomes ``heading_level``."""
    shift = heading_level - 2

    def replace(match: re.Match[str]) -> str:
        level = min(6, max(2, int(match.group(2)) + shift))
        return f"<{match.group(1)}h{level}"

    return _HEADING.sub(replace, html)
