"""Render stage: the one Jinja environment and the rendering of every page.

``StrictUndefined`` makes a missing value an error rather than a blank on the
page; autoescaping is on for every template. A site's own templates folder
comes first, the default theme (the project's ``templates/``) second, so a
site overrides any single template by giving a file of the same name.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import formatting
from .errors import ERROR, Diagnostic
from .markup import render_inline, render_markdown
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
    start = posixpath.dirname(from_url) or "."
    return posixpath.relpath(target, start) + anchor


@jinja2.pass_context
def _rel(context: Any, target: str) -> str:
    return relative(context["page"].url, target)


def make_env(site_templates: Path | None) -> jinja2.Environment:
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
    env.filters.update(
        tal=formatting.number,
        kr=formatting.money,
        procent=formatting.percent,
        datum=formatting.swedish_date,
        cell=formatting.cell,
        enhet=formatting.unit_name,
        markdown=lambda text, level=2: Markup(render_markdown(text, level)),
        inline=lambda text: Markup(render_inline(text)),
        datauri=lambda svg: svg_data_uri(str(svg)),
    )
    env.globals["rel"] = _rel
    return env


def render_pages(
    env: jinja2.Environment, pages: list[Page], site: dict[str, Any]
) -> tuple[dict[str, str], list[Diagnostic]]:
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
