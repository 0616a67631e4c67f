"""The hardening of issue 18, case by case from the security test (shared/reviews/security-test.md).

Each case is laid over the minimal fixture site, on top of a good previous ``output/``, and built with the CLI as
an author runs it: it must end in a located Swedish message and exit 1, without a traceback, without a hang and
with the previous output byte for byte; ``check`` must refuse the same content with the same message (what build
refuses, check refuses too). Nothing outside the site folder may be read or published.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import PLAN, snapshot, soup
from hardening import FORBUND, SECRET, append, assert_refused, build_cli, edit

from finsam_site.build import check

# --- links and addresses -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/",
     "https://exempel.se/\nrad", "https://exempel.se/\x1b[2J", "https://exempel se/", "https:\\\\evil.example",
     "ftp://exempel.se/", "https://", "https://exempel.se@evil.example/"],
)
def test_a_website_that_is_not_a_web_address_is_refused_by_check(site: Path, address: str) -> None:
    append(site, FORBUND, f"webbplats: {json.dumps(address)}\n")  # a JSON string is a YAML string
    problems = [d for d in check(site).diagnostics if d.severity == "fel"]
    assert problems and {(d.path, d.line) for d in problems} == {(FORBUND, 19)}, [d.format() for d in problems]
    assert any("till exempel https://www.example.se/" in d.message for d in problems)


def test_a_javascript_website_is_refused_by_build_and_never_linked(site: Path) -> None:
    append(site, FORBUND, "webbplats: javascript:alert(1)\n")
    assert_refused(site, FORBUND, "`javascript:alert(1)` är inte en fullständig webbadress")
    assert "javascript:" not in (site / "output/exempel/index.html").read_text("utf-8")


def test_a_website_address_is_linked(site: Path) -> None:
    append(site, FORBUND, "webbplats: https://www.exempel.se/forbund?a=1\n")
    assert build_cli(site).returncode == 0
    link = soup(site / "output/exempel/index.html").find("a", string="https://www.exempel.se/forbund?a=1")
    assert link is not None and link["href"] == "https://www.exempel.se/forbund?a=1"


@pytest.mark.parametrize(
    "base_url",
    ['"https://exempel.se//evil.example/planer/"', '"https://exempel.se/planer/\\nDisallow: /\\nUser-agent: *"',
     '"https://exempel.se/\\\\evil.example/"', '"https://exempel.se/pla ner/"', '"javascript:alert(1)"'],
)
def test_base_url_cannot_point_the_404_page_elsewhere_or_inject_into_robots(site: Path, base_url: str) -> None:
    append(site, "site.yaml", f"base_url: {base_url}\n")
    assert_refused(site, "site.yaml", "base_url")
    assert "Disallow: /\n" not in (site / "output/robots.txt").read_text("utf-8")


def test_a_licence_address_with_a_control_character_is_refused(site: Path) -> None:
    append(site, "site.yaml", 'licens:\n  namn: CC0\n  url: "https://example.se/\\u0085x"\n')
    assert_refused(site, "site.yaml", "inte en fullständig webbadress")


# --- the site's boundary -------------------------------------------------------------------------------------


def test_a_folder_link_out_of_the_site_is_not_published(site: Path) -> None:
    os.symlink(site.parent / "elsewhere/forbund", site / "content/utanfor")
    assert_refused(site, "content/utanfor", "Mappen är en länk till en plats utanför", line=False)
    assert not (site / "output/utanfor").exists()


def test_a_section_folder_linked_to_etc_is_refused_without_listing_it(site: Path) -> None:
    shutil.rmtree(site / PLAN / "avsnitt")
    os.symlink("/etc", site / PLAN / "avsnitt")
    stderr = assert_refused(site, f"{PLAN}/avsnitt", "utanför", line=False)
    assert "passwd" not in stderr and stderr.count("\n") < 10


def test_a_section_folder_linked_out_of_the_site_is_not_read(site: Path) -> None:
    shutil.rmtree(site / PLAN / "avsnitt")
    os.symlink(site.parent / "elsewhere/avsnitt", site / PLAN / "avsnitt")
    assert_refused(site, f"{PLAN}/avsnitt", "utanför", line=False)


def test_a_link_inside_the_site_is_followed(site: Path) -> None:
    (site / "delat").mkdir()
    shutil.move(site / PLAN / "avsnitt", site / "delat/avsnitt")
    os.symlink("../../../delat/avsnitt", site / PLAN / "avsnitt")
    assert build_cli(site).returncode == 0
    assert "Bakgrund" in (site / "output/exempel/2024/index.html").read_text("utf-8")


def test_an_asset_linked_to_a_system_file_is_not_published(site: Path) -> None:
    (site / "templates/static").mkdir(parents=True)
    os.symlink("/etc/passwd", site / "templates/static/passwd.txt")
    assert_refused(site, "templates/static/passwd.txt", "utanför", line=False)
    assert not (site / "output/assets/passwd.txt").exists()


def test_content_and_templates_folders_outside_the_site_are_refused(site: Path) -> None:
    append(site, "site.yaml", f"innehåll: {site.parent / 'elsewhere'}\n")
    assert_refused(site, "site.yaml", "ligger utanför webbplatsens mapp")
    edit(site, "site.yaml", f"innehåll: {site.parent / 'elsewhere'}\n", "mallar: ../elsewhere/mallar\n")
    assert_refused(site, "site.yaml", "ligger utanför webbplatsens mapp")
    assert not (site / "output/assets/secret.txt").exists()


def test_raw_html_cannot_make_the_pdf_embed_a_file_of_the_build_machine(site: Path) -> None:
    pytest.importorskip("weasyprint")
    pypdf = pytest.importorskip("pypdf")
    append(site, "site.yaml", "pdf: true\nmarkdown:\n  tillåt_html: true\n")
    secret = site.parent / "elsewhere/secret.txt"
    append(site, f"{PLAN}/avsnitt/01-inledning.md",
           f'\n<link rel="attachment" href="file://{secret}">\n<img src="file://{secret}">\n'
           '<img src="http://127.0.0.1:9/x.png">\n')
    result = build_cli(site)
    assert result.returncode == 0, result.stderr
    pdfs = list((site / "output").rglob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        assert SECRET.encode() not in pdf.read_bytes()
        assert not pypdf.PdfReader(pdf).attachments


# --- resources -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [f"{PLAN}/avsnitt/99-fifo.md", f"{PLAN}/kvitteringar.yaml", f"{PLAN}/plan.yaml"])
def test_a_named_pipe_is_refused_and_never_waited_on(site: Path, name: str) -> None:
    (site / name).unlink(missing_ok=True)
    os.mkfifo(site / name)
    assert_refused(site, name, "ingen vanlig fil", line=False)


MARKDOWN_BOMBS = {
    "brackets": "[" * 10_000,
    "brackets-large": "[" * 200_000,
    "link-targets": "[a](" * 3000,
    "references": "[a][" * 3000,
    "autolinks": "<http://" * 5000,
    "divs": "<div>" * 100_000,
    "nested-lists": "\n".join("    " * i + "- x" for i in range(260)),
    "nested-on-one-line": "- " * 1000 + "x",
}


@pytest.mark.parametrize("case", sorted(MARKDOWN_BOMBS))
def test_markdown_beyond_the_limits_is_a_located_error_in_check_and_build(site: Path, case: str) -> None:
    append(site, f"{PLAN}/avsnitt/01-inledning.md", "\nEtt stycke.\n\n" + MARKDOWN_BOMBS[case] + "\n")
    stderr = assert_refused(site, f"{PLAN}/avsnitt/01-inledning.md", "Texten")
    line = int(next(x for x in stderr.splitlines() if "markdown-gräns" in x).split(":")[1])
    assert line >= 9  # the body's own line, past the front matter and the text before


def test_markdown_in_a_yaml_field_is_limited_too(site: Path) -> None:
    edit(site, f"{PLAN}/insatser/01-vidare-vy.md", "  Att rehabilitera", "  " + "[" * 10_000 + " Att rehabilitera")
    assert_refused(site, f"{PLAN}/insatser/01-vidare-vy.md", "aldrig stängs")


def test_ordinary_markdown_with_lists_links_and_brackets_builds(site: Path) -> None:
    text = "\n".join("    " * i + f"- nivå {i} [länk](https://exempel.se/{i}) (se [not] <b>fet</b>)" for i in range(12))
    append(site, f"{PLAN}/avsnitt/01-inledning.md", "\n" + text + "\n\n> > citat [ öppen\n")
    assert build_cli(site).returncode == 0
    assert "nivå 11" in (site / "output/exempel/2024/index.html").read_text("utf-8")


# --- silent loss -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [("insatser/01-vidare-vy.md", "insatser/02-vidare-vy.md"), ("mal/01-fler-i-arbete.md", "mal/fler-i-arbete.md"),
     ("tabeller/malkarta.yaml", "tabeller/01-malkarta.yaml")],
)
def test_two_files_giving_one_id_are_an_error(site: Path, first: str, second: str) -> None:
    shutil.copy(site / PLAN / first, site / PLAN / second)
    later = max(first, second)
    assert_refused(site, f"{PLAN}/{later}", "ger samma id", line=False)


def test_two_member_names_giving_one_party_page_are_an_error(site: Path) -> None:
    shutil.copytree(site / "content/exempel", site / "content/andra")
    edit(site, "content/andra/forbund.yaml", "namn: Region Exempel", "namn: Region Exempel!")
    assert_refused(site, "content/exempel/forbund.yaml", "skulle få samma sida (parter/region-exempel/) som `Region "
                   "Exempel!` i content/andra/forbund.yaml", line=False)


def test_one_member_in_two_forbund_is_one_party(site: Path) -> None:
    shutil.copytree(site / "content/exempel", site / "content/andra")
    assert build_cli(site).returncode == 0
    assert (site / "output/parter/region-exempel/index.html").is_file()


def test_an_id_with_a_trailing_newline_is_refused(site: Path) -> None:
    edit(site, f"{PLAN}/plan.yaml", "  - id: sjalvforsorjning\n", '  - id: "sjalvforsorjning\\n"\n')
    assert_refused(site, f"{PLAN}/plan.yaml", "inte ett giltigt id")


@pytest.mark.parametrize("rename", [("content/exempel", "content/exempel\n"),
                                    (f"{PLAN}/avsnitt/01-inledning.md", f"{PLAN}/avsnitt/01-inledning\n.md")])
def test_a_name_with_a_newline_is_refused(site: Path, rename: tuple[str, str]) -> None:
    os.rename(site / rename[0], site / rename[1])
    assert_refused(site, rename[1], "kan inte bli en webbadress", line=False)


# --- open data ------------------------------------------------------------------------------------------------


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised_and_json_stays_exact(site: Path) -> None:
    label, note = '-1+1+HYPERLINK("http://evil.example/")', "+2+3+cmd|' /C calc'!A0"
    edit(site, f"{PLAN}/budget.yaml", "          - post: Exempels kommun\n",
         f"          - post: '{label}'\n            anm: \"{note}\"\n")
    result = build_cli(site)
    assert result.returncode == 0, result.stderr
    csv = next((site / "output").rglob("*-budget.csv")).read_text("utf-8-sig")
    assert f"'{label}".replace('"', '""') in csv and f"'{note}" in csv
    assert ";-1+1" not in csv and ';"-1+1' not in csv
    json_text = next((site / "output").rglob("*-budget.json")).read_text("utf-8")
    assert label.replace('"', '\\"') in json_text and f'"{note}"' in json_text


# --- tracebacks become diagnostics --------------------------------------------------------------------------


def test_a_loop_of_file_links_is_located(site: Path) -> None:
    folder = site / PLAN / "avsnitt"
    os.symlink("99-b.md", folder / "99-a.md")
    os.symlink("99-a.md", folder / "99-b.md")
    assert_refused(site, f"{PLAN}/avsnitt/99-a.md", "slinga", line=False)


def test_a_custom_pdf_template_error_is_located(site: Path) -> None:
    pytest.importorskip("weasyprint")
    append(site, "site.yaml", "pdf: true\n")
    (site / "templates/pdf").mkdir(parents=True)
    (site / "templates/pdf/plan.html").write_text("<html><body>{{ finns_inte.alls }}</body></html>\n", "utf-8")
    before = snapshot(site / "output")
    result = build_cli(site)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "templates/pdf/plan.html:1:1: fel [mall-fel]" in result.stderr and "finns_inte" in result.stderr
    assert snapshot(site / "output") == before


@pytest.mark.parametrize(
    ("template", "text", "place", "message"),
    [
        ("pdf/plan.html", "<html>\n{% if plan %}\n", "2:1: fel [mall-syntax]", "syntaxfel"),
        ("pdf/plan.html", "<html>\n{% include 'partials/x.html' %}\n", "2:1: fel [mall-fel]", "`partials/x.html`"),
        ("pdf/plan.html", "{% extends 'saknas.html' %}\n", "1:1: fel [mall-fel]", "`saknas.html` finns inte"),
        ("pdf/plan.html", "<html>\n\n{{ plan.year / 0 }}\n", "3:1: fel [mall-fel]", "ZeroDivisionError"),
        ("pdf/plan.html", "<html>\n\n{{ plan.year + 'år' }}\n", "3:1: fel [mall-fel]", "TypeError"),
        ("404.html", "<html>\n\n{{ 1 // 0 }}\n", "3:1: fel [mall-fel]", "ZeroDivisionError"),
        ("404.html", "<html>\n{% include 'saknas.html' %}\n", "2:1: fel [mall-fel]", "`saknas.html` finns inte"),
    ],
)
def test_every_template_error_is_located_for_a_pdf_as_for_a_page(
    site: Path, template: str, text: str, place: str, message: str
) -> None:
    """Syntax, a missing template, a Python error in an expression: in a PDF's template as in a page's."""
    if template.startswith("pdf/"):
        pytest.importorskip("weasyprint")
        append(site, "site.yaml", "pdf: true\n")
    (site / "templates" / template).parent.mkdir(parents=True, exist_ok=True)
    (site / "templates" / template).write_text(text, "utf-8")
    before = snapshot(site / "output")
    result = build_cli(site)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"templates/{template}:{place}" in result.stderr and message in result.stderr, result.stderr
    assert snapshot(site / "output") == before


def test_minsta_antal_zero_with_zero_of_zero_builds(site: Path) -> None:
    append(site, "site.yaml", "minsta_antal: 0\n")
    edit(site, f"{PLAN}/mal/01-fler-i-arbete.md", '    målvärde: "≥ 60"\n',
         '    målvärde: "≥ 60"\n  - text: Andel nöjda.\n    målvärde: "≥ 85 %"\n')
    (site / PLAN / "uppfoljning.yaml").write_text(
        "tillfällen:\n  - {id: helar, namn: Årsredovisning 2024, typ: helår}\nutfall:\n"
        "  - {tillfälle: helar, mål: fler-i-arbete, mått: 2, täljare: 0, nämnare: 0}\n", "utf-8")
    result = build_cli(site)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "0 av 0" in soup(site / "output/exempel/2024/mal/fler-i-arbete/index.html").get_text(" ")


def test_negative_minsta_antal_is_refused(site: Path) -> None:
    append(site, "site.yaml", "minsta_antal: -5\n")
    assert_refused(site, "site.yaml", "kan inte vara negativt")


def test_control_characters_in_a_message_are_shown_escaped(site: Path) -> None:
    edit(site, f"{PLAN}/plan.yaml", "år: 2024", 'år: "\\e]0;PWNED\\a\\e[2J\\e[31mFALSK RAD: allt ok\\e[0m\\nrad"')
    stderr = assert_refused(site, f"{PLAN}/plan.yaml", "\\x1b]0;PWNED\\x07")
    assert "\x1b" not in stderr and "\x07" not in stderr
    assert not any(line.startswith("rad") for line in stderr.splitlines())


@pytest.mark.parametrize("value", ['"Plan\\e[31m"', '"Plan\\a"', '"Plan\\x85"', '"Plan\\x7f"', '"Plan \\u202Egnin"'])
def test_control_characters_in_a_text_are_refused_before_they_reach_the_html(site: Path, value: str) -> None:
    edit(site, f"{PLAN}/plan.yaml", "titel: Verksamhetsplan 2024, budget 2024 och plan 2025–2026", f"titel: {value}")
    assert_refused(site, f"{PLAN}/plan.yaml", "kontrolltecken")


def test_control_characters_in_a_markdown_body_are_refused(site: Path) -> None:
    append(site, f"{PLAN}/avsnitt/01-inledning.md", "\nRad med \x1b[2J och \x07.\n")
    assert_refused(site, f"{PLAN}/avsnitt/01-inledning.md", "kontrolltecken")


def test_a_syntax_error_in_a_custom_template_is_refused_by_check_too(site: Path) -> None:
    (site / "templates/pdf").mkdir(parents=True)
    (site / "templates/pdf/plan.html").write_text("<html>\n{% if %}\n</html>\n", "utf-8")
    append(site, "site.yaml", "pdf: true\n")
    assert_refused(site, "templates/pdf/plan.html", "syntaxfel")


def test_a_suffix_in_capitals_is_an_error_not_a_lost_section(site: Path) -> None:
    os.rename(site / PLAN / "avsnitt/01-inledning.md", site / PLAN / "avsnitt/01-inledning.MD")
    assert_refused(site, f"{PLAN}/avsnitt/01-inledning.MD", "små bokstäver", line=False)


def test_every_line_the_reporter_prints_has_its_control_characters_escaped() -> None:
    from finsam_site.report import BufferReporter

    reporter = BufferReporter(verbose=True)
    name = "content/x\x1b]0;PWNED\x07\x1b[2J.md"
    for say in (reporter.info, reporter.ok, reporter.error, reporter.detail):
        say(f"Ändrat: {name}\nnästa rad")
    assert "\x1b" not in reporter.text and "\x07" not in reporter.text
    assert reporter.text.count("content/x\\x1b]0;PWNED\\x07\\x1b[2J.md") == 4
    assert reporter.text.count("\nnästa rad\n") == 4  # the program's own lines stay lines


def test_an_amount_with_more_digits_than_sums_keep_exact_is_refused(site: Path) -> None:
    edit(site, f"{PLAN}/budget.yaml", "belopp: 2511 | 2511", "belopp: 1" + "0" * 30 + " | 2511")
    assert_refused(site, f"{PLAN}/budget.yaml", "har fler siffror än ett belopp i en plan kan ha")


def test_a_name_too_long_for_a_file_system_is_located(site: Path) -> None:
    name = "a" * 250
    os.rename(site / "content/exempel", site / f"content/{name}")
    assert_refused(site, f"content/{name}", "Namnet är för långt", line=False)


def test_an_empty_content_folder_is_a_warning_not_a_silent_empty_site(site: Path) -> None:
    shutil.rmtree(site / "content")
    (site / "content").mkdir()
    result = build_cli(site, "--strict")
    assert result.returncode == 1 and "content: varning [tomt] Innehållsmappen har inga förbund" in result.stderr


def test_a_tag_on_a_key_is_refused_as_a_tag(site: Path) -> None:
    append(site, f"{PLAN}/plan.yaml", "!!python/name:os.system : x\n")
    assert_refused(site, f"{PLAN}/plan.yaml", "Okänd YAML-tagg `tag:yaml.org,2002:python/name:os.system`")


def test_a_file_saved_as_utf16_is_called_so(site: Path) -> None:
    path = site / PLAN / "plan.yaml"
    path.write_bytes(path.read_text("utf-8").encode("utf-16"))
    assert_refused(site, f"{PLAN}/plan.yaml", "troligen som UTF-16")
