"""The preview's error page: what the browser shows while the content has errors.

As the overlays of Vite and Astro do, each problem is shown with the lines of the file around it and the spot
marked, and links to the file: an editor link (``vscode://file/…:line:col``) with the plain path beside it.
Errors come before warnings; since an error caused by another is not reported (check/examine.py, check/form.py), the
first problem on the page is a cause.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

from ..diagnostics import ERROR, Diagnostic

CONTEXT = 2  # lines shown above and below the problem's line
MAX_SOURCE = 2_000_000  # bytes; a larger file is not read for its excerpt

STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}"
    "h1{color:#a00000}pre{white-space:pre-wrap;margin:0;font-size:1rem}"
    ".problems li{border-left:.3rem solid #a00000;padding:.4rem .8rem;margin:.6rem 0;background:#fff4f4}"
    ".problems li.varning{border-color:#8a5a00;background:#fffaf0}"
    ".where{margin:.4rem 0;font-size:.95rem}.where code{overflow-wrap:anywhere}"
    ".source{background:#fff;border:1px solid #d0d0d0;padding:.4rem .6rem;font-size:.9rem;overflow-x:auto;"
    "white-space:pre}.source .no{color:#595959;user-select:none}.source .here{background:#ffe3e3}"
    ".source mark{background:#a00000;color:#fff}.source .caret{color:#a00000;font-weight:bold}"
)


def page(title: str, body: str) -> bytes:
    """A page of the preview's own (errors, pages not found), in Swedish."""
    text = (
        f'<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)} – finsam-site</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n<h1>{html.escape(title)}</h1>\n{body}\n</main>\n</body>\n</html>\n"
    )
    return text.encode("utf-8")


def error_page(problems: list[Diagnostic], root: Path) -> bytes:
    """Every problem as ``check`` prints it, errors first, each with its source lines and a link to its file."""
    errors = [d for d in problems if d.severity == ERROR]
    ordered = errors + [d for d in problems if d.severity != ERROR]
    items = "\n".join(_item(d, root) for d in ordered)
    warnings = len(problems) - len(errors)
    body = (
        f"<p><strong>{len(errors)} fel och {warnings} {'varning' if warnings == 1 else 'varningar'}</strong> hindrar "
        "bygget. Rätta dem och spara filen: sidan laddas om av sig själv.</p>\n"
        f'<ol class="problems">\n{items}\n</ol>\n'
        "<p>Samma lista skrivs ut av <code>finsam-site check</code>.</p>"
    )
    return page("Webbplatsen kan inte byggas", body)


def _item(diag: Diagnostic, root: Path) -> str:
    parts = [f'<li class="{diag.severity}">', f"<pre>{html.escape(diag.format())}</pre>"]
    source = _source_file(diag.path, root)
    if source is not None:
        where = f":{diag.line}:{diag.column}" if diag.line > 0 else ""
        posix = source.as_posix()
        editor = f"vscode://file{quote(posix if posix.startswith('/') else '/' + posix, safe='/:')}{where}"
        parts.append(
            f'<p class="where"><a href="{html.escape(editor)}">Öppna i VS Code</a> · '
            f"<code>{html.escape(str(source))}{where}</code></p>"
        )
        excerpt = _excerpt(source, diag.line, diag.column)
        if excerpt:
            parts.append(excerpt)
    parts.append("</li>")
    return "\n".join(parts)


def _source_file(path: str, root: Path) -> Path | None:
    """The problem's file, when it is a file inside the site (never one a link leads out of the site to)."""
    if not path or path.startswith("-"):
        return None
    base = root.resolve()
    try:
        target = (base / path).resolve()
    except (OSError, RuntimeError):
        return None
    if not target.is_relative_to(base) or not target.is_file():
        return None
    return target


def _excerpt(source: Path, line: int, column: int) -> str:
    """The lines around ``line``, numbered, the line itself highlighted and the column marked under it."""
    if line <= 0:
        return ""
    try:
        if source.stat().st_size > MAX_SOURCE:
            return ""
        lines = source.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n").split("\n")
    except OSError:
        return ""
    if line > len(lines):
        return ""
    first, last = max(1, line - CONTEXT), min(len(lines), line + CONTEXT)
    width = len(str(last))
    rows = []
    for number in range(first, last + 1):
        text = lines[number - 1].expandtabs(4) if number != line else lines[number - 1]
        label = f'<span class="no">{number:>{width}} │ </span>'
        if number != line:
            rows.append(f"{label}{html.escape(text)}")
            continue
        spot = max(0, min(column - 1, len(text)))
        marked = (
            html.escape(text[:spot]) + f"<mark>{html.escape(text[spot:spot + 1] or ' ')}</mark>"
            + html.escape(text[spot + 1 :])
        )
        rows.append(f'<span class="here">{label}{marked}</span>')
        caret = " " * (width + 3 + len(text[:spot].expandtabs(4)))
        rows.append(f'<span class="caret" aria-hidden="true">{caret}^</span>')
    label = f"Rad {line}, kolumn {column} i {source.name}"
    return f'<pre class="source" aria-label="{html.escape(label)}">' + "\n".join(rows) + "</pre>"
