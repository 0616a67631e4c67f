"""Render stage: the one Jinja environment and the rendering of every page.

``StrictUndefined`` makes a missing value an error rather than a blank on the
page; autoescaping is on for every template. A site's own templates folder
comes first, the default theme (the project's ``templates/``) second, so a
site overrides any single template by giving a file of the same name.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import posixpath
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from . import formatting
from .errors import ERROR, Diagnostic
from .jinjasv import jinja_swedish
from .markup import MarkdownLimit, Renderer
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
    return _relative(from_url.rpartition("/")[0], target)


@functools.lru_cache(maxsize=100_000)  # pages in one folder share their links: the navigation, the plan's pages
def _relative(start: str, target: str) -> str:
    anchor = ""
    if "#" in target:
        target, anchor = target.split("#", 1)
        anchor = "#" + anchor
    if not target:
        return anchor
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
        rubrik=formatting.heading,
        markdown=lambda text, level=2: Markup(markdown.block(text, level)),
        inline=lambda text: Markup(markdown.inline(text)),
        datauri=lambda svg: svg_data_uri(str(svg)),
    )
    env.globals["rel"] = _rel
    return env


Rendered = tuple[dict[str, str], list[Diagnostic]]
T = TypeVar("T")
R = TypeVar("R")
PARALLEL_MIN = 16  # below this many items (groups of pages) a second process costs more than it saves
MAX_WORKERS = 4


def spread(
    items: list[T], work: Callable[[T], R], progress: Callable[[int, int], None] | None = None, fork: bool = True
) -> list[R]:
    """``[work(item) for item in items]`` on every core: forked workers take every n-th item.

    The workers inherit everything (fork, no pickling) and send back only the results, which must be small
    and picklable (build.py's workers write their pages to the staging folder themselves); this process does
    its own share meanwhile. The results come in the order of ``items``, as in one process. ``progress`` gets
    (items done, items) as this process's share advances, scaled. Everything stays in this process when
    ``fork`` is False (the work keeps its results in this process's memory), where fork is not available, for
    a few items, or in a process that runs other threads (a fork copies only this one, and a lock another
    thread holds would stay locked in the worker).
    """
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    report = (lambda done: progress(min(done, len(items)), len(items))) if progress is not None else None
    if (
        not fork
        or workers < 2
        or len(items) < PARALLEL_MIN
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return _share(items, work, report, 1)
    context = multiprocessing.get_context("fork")
    children = []
    for index in range(1, workers):
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_send_share, args=(items[index::workers], work, sender), daemon=True)
        child.start()
        sender.close()
        children.append((index, child, receiver))
    shares = {0: _share(items[0::workers], work, report, workers)}
    for index, child, receiver in children:
        try:
            shares[index] = receiver.recv()
        except (EOFError, OSError):  # the worker died: do its share here instead
            shares[index] = _share(items[index::workers], work, None, 1)
        child.join()
        receiver.close()
    if report is not None:
        report(len(items))
    return [shares[i % workers][i // workers] for i in range(len(items))]


def _send_share(items: list[T], work: Callable[[T], R], sender: Any) -> None:
    sender.send(_share(items, work, None, 1))
    sender.close()


def _share(items: list[T], work: Callable[[T], R], progress: Callable[[int], None] | None, scale: int) -> list[R]:
    results = []
    for done, item in enumerate(items, 1):
        results.append(work(item))
        if progress is not None:
            progress(done * scale)
    return results


def render_pages(env: jinja2.Environment, pages: list[Page], site: dict[str, Any]) -> Rendered:
    """Render every page; a template error becomes a diagnostic naming the template and line."""
    rendered: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for page in pages:
        try:
            template = env.get_template(page.template)
            rendered[page.url] = template.render(page=page, site=site, **page.context)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(
                Diagnostic(
                    f"templates/{exc.name or page.template}",
                    exc.lineno,
                    1,
                    ERROR,
                    "mall-syntax",
                    f"Mallen har ett syntaxfel: {jinja_swedish(exc.message or '')}",
                    "Kontrollera att varje {{ … }}, {% … %} och block som {% if %} … {% endif %} är stängt.",
                )
            )
        except (MarkdownLimit, RecursionError) as exc:
            problems.append(page_problem(page.url, page.template, exc))
        except OSError as exc:  # a template that cannot be read
            problems.append(
                Diagnostic(
                    f"templates/{page.template}", 0, 0, ERROR, "mall-fel",
                    f"En mall för sidan {page.url} kan inte läsas ({exc.strerror or exc}).",
                    "Ge dig själv läsrätt till mallarna.",
                )
            )
        except jinja2.TemplateError as exc:
            name, line = _template_place(exc, env, page.template)
            problems.append(
                Diagnostic(
                    f"templates/{name}",
                    line,
                    1,
                    ERROR,
                    "mall-fel",
                    f"Sidan {page.url} kunde inte skapas: {jinja_swedish(str(exc))}",
                    "Ett värde som mallen använder saknas; kontrollera mallen eller innehållet.",
                )
            )
    return rendered, problems


def page_problem(url: str, template: str, exc: BaseException) -> Diagnostic:
    """A text of the page that markup.py refused to render, or a page nested too deep to render."""
    return Diagnostic(
        f"templates/{template}",
        0,
        0,
        ERROR,
        "markdown-gräns",
        f"Sidan {url} kunde inte skapas: {exc if isinstance(exc, MarkdownLimit) else 'den är för djupt nästlad.'}",
        "Dela upp texten, eller ta bort tecken som öppnar men aldrig stänger något (`finsam-site check` visar var).",
    )


def _template_place(exc: BaseException, env: jinja2.Environment, name: str) -> tuple[str, int]:
    """The template (its name, e.g. ``partials/x.html``) and line where the error happened: the innermost one."""
    folders = [Path(p) for p in getattr(env.loader, "searchpath", [])]
    place = (name, 0)
    tb = exc.__traceback__
    while tb is not None:
        file = Path(tb.tb_frame.f_code.co_filename)
        folder = next((f for f in folders if file.is_relative_to(f)), None)
        if folder is not None:
            place = (file.relative_to(folder).as_posix(), tb.tb_lineno)
        elif not folders and file.as_posix().endswith(name):
            place = (name, tb.tb_lineno)
        tb = tb.tb_next
    return place
