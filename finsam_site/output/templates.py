"""The one Jinja environment, and the rendering of HTML (and XML) pages from their templates.

``StrictUndefined`` makes a missing value an error rather than a blank on the
page; autoescaping is on for every template. A site's own templates folder
comes first, the default theme (the project's ``templates/``) second, so a
site overrides any single template by giving a file of the same name.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .. import formatting, urls
from ..diagnostics import ERROR, Diagnostic
from ..jinjasv import jinja_swedish
from ..load.limits import MarkdownLimit
from ..pages.page import Page
from .markup import Renderer


def default_theme_dir() -> Path:
    """The default templates: inside the installed package, or the repository's ``templates/``."""
    installed = Path(__file__).parent.parent / "theme"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "templates"


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@jinja2.pass_context
def _rel(context: Any, target: str) -> str:
    return urls.relative(context["page"].url, target)


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
    env.globals["uppgift_saknas"] = formatting.missing  # `{{ uppgift_saknas() }}`, `{{ uppgift_saknas("rapporten") }}`
    env.globals["urls"] = urls  # every URL of the site: templates never join path pieces
    return env


Rendered = tuple[dict[str, str], list[Diagnostic]]
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
        except jinja2.TemplateNotFound as exc:  # the page's template, or one it includes, extends or imports
            name, line = _template_place(exc, env, page.template)
            problems.append(
                Diagnostic(
                    f"templates/{name}", line, 1, ERROR, "mall-fel",
                    f"Sidan {page.url} kunde inte skapas: mallen `{exc.name}` finns inte.",
                    "Kontrollera mallens namn: den ska finnas i webbplatsens templates/ eller i standardtemat.",
                )
            )
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
        except (TypeError, ValueError, ArithmeticError, LookupError) as exc:  # an expression of the template
            name, line = _template_place(exc, env, page.template)
            problems.append(
                Diagnostic(
                    f"templates/{name}", line, 1, ERROR, "mall-fel",
                    f"Sidan {page.url} kunde inte skapas: ett uttryck i mallen går inte att räkna ut "
                    f"({type(exc).__name__}: {exc}).",
                    "Kontrollera uttrycket på raden: värdena kanske har fel typ, eller så delas det med noll.",
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
