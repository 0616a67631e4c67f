"""MkDocs and Pelican on the national corpus, beside the Hugo comparison in run.py (which calls them).

    python benchmarks/others.py SITE DEST    # one MkDocs corpus and build, printed; SITE from generate.py

Both projects hold the Markdown pages of run.py's Hugo corpus (written by ``hugo_corpus`` itself, so every tool
gets the same files, front matter and bodies), with what Hugo makes from its templates and taxonomy written
out, since MkDocs and Pelican have neither: each section page lists its child pages (Hugo's ``list.html``), and
a page per party lists the pages naming it (Hugo's ``parter`` taxonomy). The built-in ``mkdocs`` theme draws the
MkDocs pages, with a ``content.html`` override that adds what Hugo's ``single.html`` shows: the title, the front
matter as a definition list and the party links. No search plugin (``plugins: []``), no highlight.js.

Pelican gets the same pages as Pelican pages (no articles, so no feeds, archives or tag pages), their front
matter flattened into the ``Key: value`` lines its Markdown reader takes, and one template of the shape of Hugo's.

The navigation is the top-level sections only, as Hugo's ``nav.html`` partial (``site.Sections``) has it. MkDocs
without a ``nav`` puts every page in it, and its theme renders the whole tree on every page: 19,000 links on
each of 19,000 pages, quadratic in the corpus (see ``--auto-nav`` and docs/performance.md).
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from hugo_corpus import FRONT, _field, hugo_corpus  # noqa: E402
from measure import measured  # noqa: E402

PARTIES = re.compile(r"^parter: \[(.*)\]$", re.M)
SITE_NAME = "Samordningsförbundens verksamhetsplaner"

# What Hugo's single.html adds around the body, in the mkdocs theme's content.html (which is the body alone).
MKDOCS_CONTENT = """<h1>{{ page.title }}</h1>
<dl>{% for key, value in page.meta.items() if key not in ("title", "description") %}
<dt>{{ key }}</dt>
<dd>{% if value is string %}{{ value }}
{%- elif value is mapping %}{% for k, v in value.items() %}{{ k }}: {{ v }} {% endfor %}
{%- elif value is iterable %}{{ value|join(", ") }}{% else %}{{ value }}{% endif %}</dd>
{%- endfor %}</dl>
{{ page.content }}
{% if page.meta.parter %}<p>Parter: {% for party in page.meta.parter %}
<a href="{{ ('parter/' ~ party ~ '/')|url }}">{{ party }}</a> {% endfor %}</p>{% endif %}
"""


@dataclass
class Page:
    """One page of the Hugo corpus. ``rel`` is its path under content/ without ``.md``, with Hugo's
    ``_index`` renamed ``index``: ``aslunda/2018/index``, ``aslunda/2018/budget``."""

    rel: PurePosixPath
    front: str
    body: str
    title: str
    description: str
    parties: list[str] = field(default_factory=list)
    children: list[Page] = field(default_factory=list)

    @property
    def is_section(self) -> bool:
        return self.rel.name == "index"


def hugo_pages(site: Path, staging: Path) -> list[Page]:
    """The pages of run.py's Hugo corpus for ``site``, written by ``hugo_corpus`` into ``staging`` and read back,
    each section with its children (its own regular pages and its subsections' index pages), sorted by path."""
    hugo_corpus(site, staging)
    content = staging / "content"
    pages: dict[PurePosixPath, Page] = {}
    for path in sorted(content.rglob("*.md")):
        rel = PurePosixPath(path.relative_to(content).with_suffix("").as_posix())
        if rel.name == "_index":
            rel = rel.with_name("index")
        front, body = FRONT.match(path.read_text("utf-8")).groups()  # type: ignore[union-attr]
        parties = PARTIES.search(front)
        pages[rel] = Page(rel, front, body, _field(front, "title"), _field(front, "description"),
                          [p.strip() for p in parties.group(1).split(",")] if parties else [])
    for rel, page in pages.items():
        if rel.parent.name:  # every page but the home page belongs to a section
            pages[(rel.parent.parent if page.is_section else rel.parent) / "index"].children.append(page)
    shutil.rmtree(staging)
    return list(pages.values())


def relative(source: PurePosixPath, target: PurePosixPath) -> str:
    """The relative link from one page's Markdown file to another's, as MkDocs resolves it."""
    up = len(source.parent.parts)
    common = 0
    for a, b in zip(source.parent.parts, target.parent.parts, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (up - common) + list(target.parts[common:])) + ".md"


def listing(page: Page, link: Callable[[PurePosixPath, PurePosixPath], str]) -> str:
    """What Hugo's list.html shows after the body: a link to each child, with its description."""
    lines = "".join(f"- [{item.title}]({link(page.rel, item.rel)}) {item.description}\n" for item in page.children)
    return f"\n\n{lines}" if lines else ""


def party_pages(pages: list[Page]) -> list[Page]:
    """What Hugo's ``parter`` taxonomy adds: a page listing the parties and, per party, one listing its pages."""
    named: dict[str, list[Page]] = {}
    for page in pages:
        for party in page.parties:
            named.setdefault(party, []).append(page)
    root = PurePosixPath("parter")
    terms = [Page(root / party, f'title: "{party}"', "", party, party, [], members)
             for party, members in sorted(named.items())]
    return [Page(root / "index", 'title: "Parter"', "", "Parter", "Parter", [], terms), *terms]


def all_pages(site: Path, staging: Path) -> tuple[list[Page], list[Page]]:
    """Every page Hugo builds from its corpus, taxonomy pages included, and the top-level sections (its nav)."""
    pages = hugo_pages(site, staging)
    sections = [p for p in pages if p.is_section and len(p.rel.parts) == 2]
    return pages + party_pages(pages), sections


def mkdocs_corpus(site: Path, dest: Path, auto_nav: bool = False) -> int:
    """An MkDocs project in ``dest`` (``mkdocs.yml``, ``docs/``, ``overrides/``) with one Markdown file for every
    page the Hugo corpus builds, taxonomy pages included. Returns the number of Markdown pages."""
    pages, sections = all_pages(site, dest / "hugo-staging")
    docs = dest / "docs"
    for page in pages:
        path = docs / f"{page.rel}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{page.front}\n---\n{page.body}{listing(page, relative)}", "utf-8")
    (dest / "overrides").mkdir()
    (dest / "overrides" / "content.html").write_text(MKDOCS_CONTENT, "utf-8")
    config: dict[str, object] = {
        "site_name": SITE_NAME,
        "site_url": "https://example.se/planer/",
        "docs_dir": "docs",
        "theme": {"name": "mkdocs", "custom_dir": "overrides", "locale": "sv", "highlightjs": False},
        "plugins": [],
        "validation": {"omitted_files": "ignore"},
    }
    if not auto_nav:  # the top-level sections, as Hugo's nav partial lists them
        config["nav"] = [{p.title: f"{p.rel}.md"} for p in sections]
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return len(pages)


def installed(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise SystemExit(f"{module} is not installed: python3 -m pip install -e '.[bench]'")


def mkdocs_build(dest: Path) -> tuple[float, float, int]:
    """``mkdocs build`` of the project ``mkdocs_corpus`` wrote; returns wall seconds, peak MB and HTML pages (the
    theme's 404 page not counted: Hugo's is disabled)."""
    installed("mkdocs")
    out = dest / "site"
    shutil.rmtree(out, ignore_errors=True)
    seconds, memory = measured([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file",
                                str(dest / "mkdocs.yml"), "--site-dir", str(out)])
    pages = sum(1 for p in out.rglob("*.html") if p != out / "404.html")
    return seconds, memory, pages


# --- Pelican -------------------------------------------------------------------------

# Hugo's baseof.html and single.html in one Pelican page template; the nav is MENUITEMS, the top-level sections.
PELICAN_PAGE = """<!DOCTYPE html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ page.title }} – {{ SITENAME }}</title><meta name="description" content="{{ page.description }}">
<link rel="stylesheet" href="{{ SITEURL }}/theme/style.css"></head>
<body><a class="skip" href="#main">Till innehållet</a>
<header><a href="{{ SITEURL }}/">{{ SITENAME }}</a>
<nav><ul>{% for title, link in MENUITEMS %}<li><a href="{{ SITEURL }}/{{ link }}">{{ title }}</a></li>
{%- endfor %}</ul></nav></header>
<main id="main"><h1>{{ page.title }}</h1>
<dl>{% for key, value in page.metadata.items() if key not in HIDDEN %}
<dt>{{ key }}</dt>
<dd>{{ value }}</dd>{% endfor %}</dl>
{{ page.content }}
{% if page.parter %}<p>Parter: {% for party in page.parter.split(", ") %}
<a href="{{ SITEURL }}/parter/{{ party }}/">{{ party }}</a> {% endfor %}</p>{% endif %}
</main>
<footer><p>{{ SITENAME }}</p></footer></body></html>
"""


def url(rel: PurePosixPath) -> str:
    """A page's folder in the output, as Hugo and MkDocs write it: ``aslunda/2018/``, ``aslunda/2018/budget/``."""
    folder = rel.parent if rel.name == "index" else rel
    return "" if str(folder) == "." else f"{folder}/"


def pelican_link(_: PurePosixPath, target: PurePosixPath) -> str:
    return f"{{filename}}/pages/{target}.md"


def pelican_meta(front: str) -> str:
    """YAML front matter as the Markdown ``meta`` extension reads it: ASCII keys, one line per value."""

    def flat(value: object) -> str:
        if isinstance(value, dict):
            return " ".join(f"{k}: {flat(v)}" for k, v in value.items())
        if isinstance(value, list):
            return ", ".join(flat(v) for v in value)
        return " ".join(str(value).split())

    data = yaml.safe_load(front) or {}
    return "".join(f"{unicodedata.normalize('NFKD', key).encode('ascii', 'ignore').decode()}: {flat(value)}\n"
                   for key, value in data.items())


def pelican_corpus(site: Path, dest: Path) -> int:
    """A Pelican project in ``dest`` (``pelicanconf.py``, ``content/pages/``, ``theme/``): every page of the Hugo
    corpus as a Pelican page (no articles, so no feeds, archives or tag pages), each saved where Hugo saves it.
    Returns the number of Markdown pages."""
    pages, sections = all_pages(site, dest / "hugo-staging")
    content = dest / "content" / "pages"
    for page in pages:
        path = content / f"{page.rel}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        # a unique slug, or Pelican takes pages of the same name for translations of each other
        head = (pelican_meta(page.front) + f"slug: {'-'.join(page.rel.parts)}\nurl: {url(page.rel)}\n"
                f"save_as: {url(page.rel)}index.html\n")
        path.write_text(f"{head}\n{page.body}{listing(page, pelican_link)}", "utf-8")
    (dest / "theme" / "templates").mkdir(parents=True)
    (dest / "theme" / "templates" / "page.html").write_text(PELICAN_PAGE, "utf-8")
    (dest / "theme" / "static").mkdir()
    (dest / "theme" / "static" / "style.css").write_text("body{font-family:sans-serif}\n", "utf-8")
    settings = {
        "SITENAME": SITE_NAME, "SITEURL": "", "RELATIVE_URLS": True, "PATH": "content", "THEME": "theme",
        "PAGE_PATHS": ["pages"], "ARTICLE_PATHS": ["articles"], "DIRECT_TEMPLATES": [], "DEFAULT_LANG": "sv",
        "TIMEZONE": "Europe/Stockholm", "DISPLAY_PAGES_ON_MENU": False,
        "MENUITEMS": [(p.title, url(p.rel)) for p in sections],
        "HIDDEN": ["title", "description", "url", "save_as", "slug", "category", "reader"],
        "MARKDOWN": {"extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.meta": {}},
                     "output_format": "html5"},
        **{key: None for key in ("FEED_ALL_ATOM", "CATEGORY_FEED_ATOM", "AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS",
                                 "TRANSLATION_FEED_ATOM")},
    }
    (dest / "pelicanconf.py").write_text("".join(f"{k} = {v!r}\n" for k, v in settings.items()), "utf-8")
    return len(pages)


def pelican_build(dest: Path) -> tuple[float, float, int]:
    """``pelican`` on the project ``pelican_corpus`` wrote; returns wall seconds, peak MB and HTML pages."""
    installed("pelican")
    out = dest / "output"
    shutil.rmtree(out, ignore_errors=True)
    seconds, memory = measured([sys.executable, "-m", "pelican", "--quiet", "--settings", str(dest / "pelicanconf.py"),
                                "--output", str(out), str(dest / "content")], cwd=dest)
    return seconds, memory, sum(1 for _ in out.rglob("*.html"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a corpus from benchmarks/generate.py")
    parser.add_argument("dest", type=Path, help="an empty or missing folder for the MkDocs project")
    parser.add_argument("--auto-nav", action="store_true", help="no nav in mkdocs.yml: every page in the navigation")
    args = parser.parse_args(argv)
    shutil.rmtree(args.dest, ignore_errors=True)
    count = mkdocs_corpus(args.site, args.dest, args.auto_nav)
    seconds, memory, pages = mkdocs_build(args.dest)
    print(f"mkdocs build: {seconds:.2f} s, {count} Markdown pages, {pages} HTML pages, {pages / seconds:.0f} pages/s, "
          f"peak memory {memory:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
