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
from collections.abc import Iterator
from types import FrameType

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

# Limits on one text (see docs/security.md). Python-Markdown recurses once per level of nested lists and quotes
# (260 levels exhaust Python's stack) and scans from every opening `[`, `](` or `<` to its end, so thousands that
# never close take quadratic time (10 KB of `[`: 30 s). What the limits refuse, `check` refuses too (parse.py).
MAX_NESTING = 100  # levels of lists, quotes and indentation on one line
MAX_OPEN_TAGS = 1000  # raw HTML elements open at once
MAX_SCAN = 2_000_000  # characters Python-Markdown would scan from unclosed or far-closed openers
TIME_LIMIT = 30.0  # seconds per text: a backstop for what the limits above do not foresee, generous for a busy machine
_DEEP = re.compile(rf"^[ \t>*+\-\d.)]{{{MAX_NESTING + 1},}}", re.M)
_MARKER = re.compile(r"[>*+-]|\d{1,9}[.)]")
_BLOCK = re.compile(r"\n[ \t]*\n")
_BRACKET = re.compile(r"[\[\]]")
_LINK_TARGET = re.compile(r"\]\(|\)")
_ANGLE = re.compile(r"[<>]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class MarkdownLimit(ValueError):
    """A text beyond the limits above; the message is Swedish and says which limit."""


def limit_problem(text: str) -> tuple[int, str] | None:
    """The first line (1-based) of ``text`` and a Swedish message when the text is beyond the limits, else None.

    Cheap (regular expressions over the few characters that matter), so ``check`` runs it on every text.
    """
    for lead in _DEEP.finditer(text):  # a level takes at least one character: only long line starts can be deep
        if _depth(lead.group()) > MAX_NESTING:
            return _line(text, lead.start()), (
                f"Texten är nästlad i fler än {MAX_NESTING} nivåer (listor i listor, citat eller indrag) och kan "
                "inte göras om till en webbsida."
            )
    if len(text) < 3 * MAX_OPEN_TAGS and len(text) ** 2 < MAX_SCAN:
        return None  # too short to open that many elements or to scan that far
    depth = 0
    for match in _TAG.finditer(text):
        name = match.group(2).lower()
        if match.group(1):
            depth = max(0, depth - 1)
        elif name not in _VOID and not match.group(3):
            depth += 1
            if depth > MAX_OPEN_TAGS:
                return _line(text, match.start()), (
                    f"Texten har fler än {MAX_OPEN_TAGS} HTML-element som öppnas utan att stängas."
                )
    scanned, start = 0, 0
    for block in _blocks(text):
        scanned += _scan(block)
        if scanned > MAX_SCAN:
            return _line(text, text.find(block, start) if block else 0), (
                "Texten har så många `[`, `(` eller `<` som aldrig stängs att den inte kan göras om till en webbsida "
                "inom rimlig tid."
            )
        start += len(block)
    return None


def _depth(run: str) -> int:
    """Levels in the start of a line: each list marker and `>`, and each four columns of indentation."""
    return len(_MARKER.findall(run)) + (run.count(" ") + 4 * run.count("\t")) // 4


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, max(0, offset)) + 1


def _blocks(text: str) -> Iterator[str]:
    yield from _BLOCK.split(text)


def _scan(block: str) -> int:
    """What Python-Markdown's inline patterns would scan in one block: from each `[` to its `]` (nested), from
    each `](` to the next `)` and from each `<` to the next `>`, or to the end of the block when none comes."""
    cost, end = 0, len(block)
    opened: list[int] = []
    for match in _BRACKET.finditer(block):
        if match.group() == "[":
            opened.append(match.start())
        elif opened:
            cost += match.start() - opened.pop()
    cost += sum(end - at for at in opened)
    for pattern, opener in ((_LINK_TARGET, "]("), (_ANGLE, "<")):
        waiting: list[int] = []
        for match in pattern.finditer(block):
            if match.group() == opener:
                waiting.append(match.start())
            else:
                cost += sum(match.start() - at for at in waiting)
                waiting.clear()
        cost += sum(end - at for at in waiting)
    return cost


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
