"""``finsam-site hjälp [ÄMNE]``: the authors' guide and the content format, in the terminal.

The texts are the repository's ``docs/authoring.md`` and ``docs/content-format.md``, installed with the package as
``finsam_site/docs/`` (pyproject maps the folder), so an author who installed finsam-site as a tool has them too.
A heading becomes a topic when the line above it is a marker ``<!-- ämne: budget, budgeten -->``; the topic is the
heading with everything under it, down to the next heading of the same or a higher level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..load.explain import _fold, closest
from ..report import Reporter

# The shipped documents, in the order the overview lists them.
DOCUMENTS = ("authoring.md", "content-format.md")

_MARKER = re.compile(r"^<!--\s*ämne:\s*(?P<names>[^>]*?)\s*-->\s*$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Topic:
    names: tuple[str, ...]  # the first is the one the overview shows
    title: str
    text: str  # the section as Markdown, markers left out
    document: str


def docs_dir() -> Path:
    """The shipped documents: inside the installed package, or the repository's ``docs/``."""
    installed = Path(__file__).parent.parent / "docs"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "docs"


def parse_topics(text: str, document: str) -> list[Topic]:
    """Every marked section of one document (pure: ``text`` is the file's content)."""
    lines = text.splitlines()
    headings: list[tuple[int, int, str]] = []  # (line index, level, title) of every heading outside code blocks
    in_code = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_code = not in_code
            continue
        match = None if in_code else _HEADING.match(line)
        if match:
            headings.append((index, len(match["hashes"]), match["title"]))
    topics: list[Topic] = []
    for number, (index, level, title) in enumerate(headings):
        marker = _MARKER.match(lines[index - 1]) if index > 0 else None
        if marker is None:
            continue
        end = next((i for i, lv, _ in headings[number + 1 :] if lv <= level), len(lines))
        body = [line for line in lines[index:end] if not _MARKER.match(line)]  # markers are never shown
        names = tuple(n.strip().lower() for n in marker["names"].split(",") if n.strip())
        topics.append(Topic(names, title.replace("`", ""), "\n".join(body).strip() + "\n", document))
    return topics


def all_topics(folder: Path) -> list[Topic]:
    return [t for doc in DOCUMENTS for t in parse_topics((folder / doc).read_text("utf-8"), doc)]


def _key(name: str) -> str:
    """How a typed topic is compared: case and accents ignored, spaces as dashes, a file name's ending dropped."""
    return _fold(re.sub(r"[\s_]+", "-", re.sub(r"\.(ya?ml|md)$", "", name.strip())))


def find(topics: list[Topic], name: str) -> Topic | None:
    wanted = _key(name)
    return next((t for t in topics if any(_key(n) == wanted for n in t.names)), None)


def run_help(topic: str | None, reporter: Reporter) -> int:
    """Print the overview, or one topic; 2 (wrong usage) for an unknown topic."""
    folder = docs_dir()
    paths = [folder / doc for doc in DOCUMENTS]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        reporter.error(f"Hjälptexten {missing[0]} saknas; finsam-site är inte helt installerat.")
        return 1
    topics = all_topics(folder)
    if topic is None:
        reporter.page(_overview(topics, paths))
        return 0
    found = find(topics, topic)
    if found is None:
        guess = closest(topic, [n for t in topics for n in t.names])
        reporter.error(f"Ämnet `{topic}` finns inte i hjälpen.")
        reporter.info(
            "    tips: "
            + (f"menade du `{guess}`? " if guess else "")
            + "Kör `finsam-site hjälp` för att se alla ämnen."
        )
        return 2
    reporter.page(found.text)
    reporter.page(f"(Ur {folder / found.document}: öppna filen i en textredigerare eller webbläsare.)")
    return 0


def _overview(topics: list[Topic], paths: list[Path]) -> str:
    width = max(len(t.names[0]) for t in topics)
    lines = [
        "finsam-site hjälp ÄMNE visar ett avsnitt av hjälpen, till exempel: finsam-site hjälp budget",
        "",
    ]
    titles = {"authoring.md": "Guiden för dig som skriver planen", "content-format.md": "Filerna och fälten"}
    for doc in DOCUMENTS:
        lines.append(titles[doc] + ":")
        lines += [f"  {t.names[0].ljust(width)}  {t.title}" for t in topics if t.document == doc]
        lines.append("")
    lines.append("Hela texterna finns här; öppna dem i en textredigerare eller webbläsare:")
    lines += [f"  {p}" for p in paths]
    return "\n".join(lines)
