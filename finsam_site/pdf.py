"""An accessible PDF of each plan (PDF/UA-1, tagged, language sv), rendered with WeasyPrint.

The PDF is made from the same content and computed figures as the site,
through the template ``pdf/plan.html`` and the stylesheet ``static/pdf.css``.
WeasyPrint needs Pango from the system (Debian: libpango-1.0-0,
libpangoft2-1.0-0); without it the site is built without PDFs and a warning
says why (an error when PDFs were asked for with ``--pdf``).
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2

from .errors import ERROR, WARNING, Diagnostic
from .pages import Page

PDF_VARIANT = "pdf/ua-1"


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def unavailable(required: bool) -> Diagnostic | None:
    """Why PDFs cannot be made here, or None."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        first_line = (str(exc).splitlines() or [type(exc).__name__])[0]
        return Diagnostic(
            "site.yaml",
            0,
            0,
            ERROR if required else WARNING,
            "pdf",
            f"PDF av planerna kan inte skapas här: {first_line}",
            "WeasyPrint behöver Pango från systemet (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0).",
        )
    return None


def local_fetcher(allowed: Path) -> Any:
    """WeasyPrint's fetcher, limited to ``data:`` addresses and files inside ``allowed``: a page's raw HTML (the
    ``tillåt_html`` opt-out) cannot make the PDF embed a file of the build machine or fetch from the network."""
    import weasyprint.urls

    root = allowed.resolve()

    def permitted(url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return True
        if parts.scheme != "file" or parts.netloc:
            return False
        path = Path(unquote(parts.path)).resolve()
        return path.is_relative_to(root) and path.is_file()

    def refuse(url: str) -> None:
        raise ValueError(f"finsam-site hämtar inte {url} till en PDF")

    base = getattr(weasyprint.urls, "URLFetcher", None)
    if base is None:  # WeasyPrint before 68: a function

        def fetch(url: str) -> Any:
            if not permitted(url):
                refuse(url)
            return weasyprint.urls.default_url_fetcher(url)

        return fetch

    class LocalFetcher(base):  # type: ignore[misc, valid-type]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not permitted(url):
                refuse(url)
            return super().fetch(url, headers)

    return LocalFetcher()


def render_pdfs(
    env: jinja2.Environment, pdf_pages: list[Page], site: dict[str, Any], static_dir: Path
) -> dict[str, bytes]:
    """One PDF per plan (call only when :func:`unavailable` returned None)."""
    import weasyprint

    stylesheet = weasyprint.CSS(filename=str(static_dir / "pdf.css"))
    template = env.get_template("pdf/plan.html")
    fetcher = local_fetcher(static_dir.parent)
    pdfs: dict[str, bytes] = {}
    for page in pdf_pages:
        html = template.render(page=page, site=site, **page.context)
        document = weasyprint.HTML(string=html, base_url=str(static_dir), url_fetcher=fetcher)
        pdfs[page.url] = document.write_pdf(stylesheets=[stylesheet], pdf_variant=PDF_VARIANT)
    return pdfs
