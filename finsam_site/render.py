"""Render stage: the one Jinja environment and the rendering of every page.

``StrictUndefined`` makes a missing value an error rather than a blank on the
page; autoescaping is on for every template. A site's own templates folder
comes first, the default theme (the project's ``templates/``) second, so a
site overrides any single template by giving a file of the same name.
"""

from __future__ import annotations

import multiprocessing
import os
import posixpath
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import formatting
from .errors import ERROR, Diagnostic
from .markup import Renderer
from .pages import Page
from .pdf import svg_data_uri


def default_theme_dir() -> Path:
    """The default templates: inside the installed package, or the repository's ``templates/``."""
    installed = Path(__file__).parent / "theme"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "templates"


def relative(from_url: str, target: str) -> str:
    """A link from the page at ``from_url`` to ``target`` (both site-relative), e.g. ``../../index.html``."""
    anchor = ""
    if "#" in target:
        target, anchor = target.split("#", 1)
        anchor = "#" + anchor
    if not target:
        return anchor
    start = posixpath.dirname(from_url)
    ups, down = start.split("/") if start else [], target.split("/")
    if target.startswith("/") or any(part in ("", ".", "..") for part in (*ups, *down)):
        return posixpath.relpath(target, start or ".") + anchor  # unusual paths: let posixpath normalise them
    common = 0  # the same result as posixpath.relpath, without its two calls to os.getcwd per link
    while common < min(len(ups), len(down)) and ups[common] == down[common]:
        common += 1
    return ("/".join([".."] * (len(ups) - common) + down[common:]) or ".") + anchor


@jinja2.pass_context
def _rel(context: Any, target: str) -> str:
    return relative(context["page"].url, target)


def make_env(site_templates: Path | None, allow_html: bool = False) -> jinja2.Environment:
    """The environment of one build; ``allow_html`` keeps authors' raw HTML unsanitised (site.yaml opt-out)."""
    search = [str(p) for p in (site_templates, default_theme_dir()) if p is not None and p.is_dir()]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    markdown = Renderer(allow_html)
    env.filters.update(
        tal=formatting.number,
        kr=formatting.money,
        procent=formatting.percent,
        datum=formatting.swedish_date,
        cell=formatting.cell,
        enhet=formatting.unit_name,
        markdown=lambda text, level=2: Markup(markdown.block(text, level)),
        inline=lambda text: Markup(markdown.inline(text)),
        datauri=lambda svg: svg_data_uri(str(svg)),
    )
    env.globals["rel"] = _rel
    return env


Rendered = tuple[dict[str, str], list[Diagnostic]]
Sink = Callable[[str, str], None]
PARALLEL_MIN = 400  # below this many pages a second process costs more than it saves
MAX_WORKERS = 4
BATCH = 25  # pages between two progress reports


def render_many(
    env: jinja2.Environment,
    pages: list[Page],
    site: dict[str, Any],
    progress: Callable[[int], None] | None = None,
    sink: Sink | None = None,
) -> Rendered:
    """``render_pages`` for a whole site, on every core: forked workers render every n-th page.

    The workers inherit the environment and the pages (fork, no pickling) and send their HTML back through a
    pipe; this process renders its own share meanwhile. The result is the same, in the same order, as
    rendering in one process. ``progress`` gets the number of pages done so far (this process's share, scaled).
    With a ``sink`` each page is handed to it as soon as it is rendered, in whichever process rendered it (the
    writer's staging folder: see write.py), and not kept: the result then holds only the problems.
    Where fork is not available, for a few pages (an incremental rebuild), or in a process that runs other
    threads (a fork copies only this one, and a lock another thread holds would stay locked in the worker),
    everything stays in this process.
    """
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if (
        workers < 2
        or len(pages) < PARALLEL_MIN
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return _render_batches(env, pages, site, progress, 1, sink)
    context = multiprocessing.get_context("fork")
    children = []
    for index in range(1, workers):
        receiver, sender = context.Pipe(duplex=False)
        share = (env, pages[index::workers], site, sender, sink)
        child = context.Process(target=_render_share, args=share, daemon=True)
        child.start()
        sender.close()
        children.append((index, child, receiver))
    report = (lambda done: progress(min(done, len(pages)))) if progress is not None else None
    shares = {0: _render_batches(env, pages[0::workers], site, report, workers, sink)}
    for index, child, receiver in children:
        try:
            shares[index] = receiver.recv()
        except (EOFError, OSError):  # the worker died: render its share here instead
            shares[index] = render_pages(env, pages[index::workers], site, sink)
        child.join()
        receiver.close()
    rendered: dict[str, str] = {}
    for i, page in enumerate(pages):  # the order of the pages, as in one process
        html = shares[i % workers][0].get(page.url)
        if html is not None:
            rendered[page.url] = html
    if progress is not None:
        progress(len(pages))
    return rendered, [d for index in sorted(shares) for d in shares[index][1]]



def _render_share(
    env: jinja2.Environment, pages: list[Page], site: dict[str, Any], sender: Any, sink: Sink | None
) -> None:
    sender.send(render_pages(env, pages, site, sink))
    sender.close()


def _render_batches(
    env: jinja2.Environment, pages: list[Page], site: dict[str, Any], progress: Callable[[int], None] | None,
    scale: int,
    sink: Sink | None = None,
) -> Rendered:
    rendered: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for start in range(0, len(pages), BATCH):
        done, found = render_pages(env, pages[start : start + BATCH], site, sink)
        rendered.update(done)
        problems += found
        if progress is not None:
            progress(min((start + BATCH) * scale, len(pages) * scale))
    return rendered, problems


def render_pages(
    env: jinja2.Environment, pages: list[Page], site: dict[str, Any], sink: Sink | None = None
) -> tuple[dict[str, str], list[Diagnostic]]:
    """Render every page (into ``sink`` when given); a template error becomes a diagnostic naming the template."""
    rendered: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for page in pages:
        try:
            template = env.get_template(page.template)
            html = template.render(page=page, site=site, **page.context)
            if sink is None:
                rendered[page.url] = html
            else:
                sink(page.url, html)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(
                Diagnostic(
                    f"templates/{exc.name or page.template}",
                    exc.lineno,
                    1,
                    ERROR,
                    "mall-syntax",
                    f"Mallen har ett syntaxfel: {exc.message}",
                )
            )
        except jinja2.TemplateError as exc:
            line = _template_line(exc, page.template)
            problems.append(
                Diagnostic(
                    f"templates/{page.template}",
                    line,
                    1,
                    ERROR,
                    "mall-fel",
                    f"Sidan {page.url} kunde inte skapas: {exc}",
                    "Ett värde som mallen använder saknas; kontrollera mallen eller innehållet.",
                )
            )
    return rendered, problems


def _template_line(exc: BaseException, name: str) -> int:
    tb = exc.__traceback__
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
