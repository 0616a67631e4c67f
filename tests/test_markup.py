"""Markdown to safe HTML, unit by unit: heading levels, inline text, the allowlist, tables that scroll, the cache."""

from __future__ import annotations

import pytest

from finsam_site.output.markup import Renderer

RENDERER = Renderer()  # the build's renderer, sanitising (site.yaml's default)
SCROLL = '<div class="table-scroll" role="region" aria-label="Tabell i texten" tabindex="0">'


@pytest.mark.parametrize(
    ("text", "level", "html"),
    [
        ("## Rubrik", 2, "<h2>Rubrik</h2>"),
        ("## Rubrik", 4, "<h4>Rubrik</h4>"),  # `##` is the first level below the page's own headings
        ("### Under", 3, "<h4>Under</h4>"),
        ("# Topp", 2, "<h2>Topp</h2>"),  # `#` is one above `##`, but never above h2 (the page's h1 is its title)
        ("# Topp", 4, "<h3>Topp</h3>"),
        ("##### Djup", 4, "<h6>Djup</h6>"),  # never below h6
        ("###### Djupast", 2, "<h6>Djupast</h6>"),
    ],
)
def test_headings_are_shifted_to_the_page(text: str, level: int, html: str) -> None:
    assert RENDERER.block(text, level) == html


def test_inline_text_loses_only_its_single_paragraph() -> None:
    assert RENDERER.inline("Hej *du*") == "Hej <em>du</em>"
    assert RENDERER.inline("Ett\n\nTvå") == "<p>Ett</p>\n<p>Två</p>"
    assert RENDERER.inline("- a\n- b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
    assert RENDERER.block("Hej *du*") == "<p>Hej <em>du</em></p>"


def test_empty_text_is_empty() -> None:
    assert RENDERER.block("") == "" and RENDERER.block("  \n\n ") == "" and RENDERER.inline(" ") == ""


def test_the_allowlist_keeps_what_authors_need() -> None:
    html = RENDERER.block('<abbr title="Försäkringskassan">FK</abbr> [länk](https://example.se) 3 < 4')
    assert html == (
        '<p><abbr title="Försäkringskassan">FK</abbr> '
        '<a href="https://example.se" rel="noopener noreferrer">länk</a> 3 &lt; 4</p>'
    )
    assert RENDERER.block("3. tre\n4. fyra") == '<ol start="3">\n<li>tre</li>\n<li>fyra</li>\n</ol>'


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<script>alert(1)</script>\n\nText", "\n\n<p>Text</p>"),  # the raw block goes, its place stays
        ('<img src="x" onerror="alert(2)">Text', "<p>Text</p>"),
        ('<iframe src="https://example.com"></iframe>', ""),
        ('<span class="x" style="color:red">Text</span>', "<p>Text</p>"),
        ("[länk](javascript:alert(3))", '<p><a rel="noopener noreferrer">länk</a></p>'),
        (
            '<a href="https://example.se" onclick="alert(4)">Länk</a>',
            '<p><a href="https://example.se" rel="noopener noreferrer">Länk</a></p>',
        ),
    ],
)
def test_the_sanitiser_removes_the_rest(text: str, html: str) -> None:
    assert RENDERER.block(text) == html


def test_a_site_that_allows_html_keeps_it() -> None:
    assert Renderer(allow_html=True).block('<span class="x">Text</span>') == '<p><span class="x">Text</span></p>'
    assert Renderer().block('<span class="x">Text</span>') == "<p>Text</p>"


def test_tables_scroll_sideways_and_can_be_reached_by_keyboard() -> None:
    html = RENDERER.block("| a | b |\n|---|---|\n| 1 | 2 |\n\nText\n\n| c |\n|---|\n| 3 |")
    assert html.count(SCROLL) == 2 and html.count("</table></div>") == 2
    assert html.startswith(SCROLL + "<table>\n<thead>\n<tr>\n<th>a</th>")
    assert "</table></div>\n<p>Text</p>\n" + SCROLL + "<table>" in html


def test_each_text_is_rendered_once_per_heading_level() -> None:
    renderer = Renderer()
    first = renderer.block("## Rubrik\n\nText", 2)
    assert renderer.block("## Rubrik\n\nText", 2) is first
    assert renderer.block("## Rubrik\n\nText", 3) == "<h3>Rubrik</h3>\n<p>Text</p>"
    assert renderer.block("Annan text", 2) == "<p>Annan text</p>"  # the parser is reset between texts
    assert renderer.block("- a", 2) == "<ul>\n<li>a</li>\n</ul>"


def test_by_default_the_first_subheading_is_h2() -> None:
    assert RENDERER.block("## Rubrik") == "<h2>Rubrik</h2>"
    assert Renderer().block("## Rubrik") == "<h2>Rubrik</h2>"
    assert RENDERER.inline("## Rubrik") == "<h2>Rubrik</h2>"


def test_by_default_a_third_level_heading_is_h3() -> None:
    assert RENDERER.block("### Under") == "<h3>Under</h3>"
    assert Renderer().block("### Under") == "<h3>Under</h3>"
