"""The PDF on paper: every character on its page, the plan's own text once, the findings with their explanations
where the site shows them, a title page that says what the plan states, captions with their tables, and a broken
PDF template reported as a located diagnostic.

The repository's site is built with PDFs once for the module; each PDF is read once, glyph by glyph (pdfminer.six
gives every glyph's box, which pypdf does not).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SiteFactory, run_cli, skip_or_fail, soup

from finsam_site.output.pdf import unavailable

MM = 72 / 25.4
SIDE = 20 * MM  # pdf.css: @page margin 22mm 20mm 24mm; text never enters the side margins
EDGE = 5 * MM  # nor the 5 mm at a sheet's top and bottom that many printers cannot print
SEEDS = REPO.parent / "shared" / "seeds"
WORDS_MARGIN = 0.3  # the plan's words in the PDF (the findings aside) are within 30 % of the decided document's
PLANS = sorted(
    f"{p.parent.name}/{p.name}"
    for p in (REPO / "content").glob("*/[0-9][0-9][0-9][0-9]")
    if (p / "plan.yaml").is_file()
)
# One sentence per plan from a goal or insats that the plan's own sections hold: printed once, not twice.
ONCE = {
    "ange/2024": "Förbundet ska bedriva verksamhet med god ekonomisk hushållning.",
    "fryksdalen/2024": "Arbetsgivare på ”öppna” marknaden kommer att vara aktuella när behov och möjlighet finns.",
    "ornskoldsvik/2024": "Förbundsstyrelsens mål arbetas fram i samverkan med LSG och utifrån de fyra vägarna",
    "ostra-varmland/2022": "Uppnå jämställdhet och alla kvinnors och flickors egenmakt",
    "skelleftea-norsjo/2021": "MISAM utgör basen för samverkan kring personer mellan 16 - 64 år",
}


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float


@dataclass(frozen=True)
class Sheet:
    """One page of a PDF: its size, its glyphs and its text in reading order."""

    width: float
    height: float
    glyphs: list[Glyph]

    @property
    def text(self) -> str:
        return " ".join(self.lines.split())

    @property
    def lines(self) -> str:
        """The text with a line break where the next glyph starts a new line, a space at a gap between cells."""
        parts: list[str] = []
        last: Glyph | None = None
        for glyph in self.glyphs:
            size = glyph.y1 - glyph.y0
            gap = glyph.x0 - last.x1 if last is not None else 0
            if last is not None and abs(glyph.y0 - last.y0) > size / 2:
                parts.append("\n")
            elif last is not None and not -size / 2 < gap < size / 5:
                parts.append(" ")
            parts.append(glyph.text)
            last = glyph
        return "".join(parts)

    def outside(self) -> str:
        """The glyphs that lie outside the text column or too near the sheet's top or bottom edge."""
        return "".join(
            g.text
            for g in self.glyphs
            if g.x0 < SIDE - 1 or g.x1 > self.width - SIDE + 1 or g.y0 < EDGE or g.y1 > self.height - EDGE
        )


def read_pdf(path: Path) -> list[Sheet]:
    pytest.importorskip("pdfminer")
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTContainer, LTItem
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    def glyphs(item: LTItem) -> list[Glyph]:
        if isinstance(item, LTChar):
            return [Glyph(item.get_text(), item.x0, item.x1, item.y0, item.y1)]
        if isinstance(item, LTContainer):
            return [g for child in item for g in glyphs(child)]
        return []

    resources = PDFResourceManager()
    device = PDFPageAggregator(resources, laparams=None)  # glyphs only: no layout analysis
    interpreter = PDFPageInterpreter(resources, device)
    sheets = []
    with path.open("rb") as file:
        for page in PDFPage.get_pages(file):
            interpreter.process_page(page)
            layout = device.get_result()
            sheets.append(Sheet(layout.width, layout.height, glyphs(layout)))
    return sheets


def squeeze(text: str) -> str:
    """Text without its spaces and case: a line in the PDF may break anywhere."""
    return "".join(text.split()).casefold()


def need_pdf() -> None:
    """Skip without WeasyPrint's Pango; fail instead in CI (FINSAM_REQUIRE_BROWSER=1), as test_pdf.py does."""
    problem = unavailable(required=True)
    if problem is not None:
        skip_or_fail(problem.message)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_pdf()
    out = tmp_path_factory.mktemp("pdf") / "o"
    result = run_cli("build", "--pdf", "--site", REPO, "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def sheets(built: Path) -> dict[str, list[Sheet]]:
    return {plan: read_pdf(built / plan / f"{plan.replace('/', '-')}.pdf") for plan in PLANS}


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _text(pages: list[Sheet]) -> str:
    return " ".join(page.text for page in pages)


def _untested(built: Path, plan: str) -> list[str]:
    """The reasons the review page gives for the checks that cannot be made ("Kan inte prövas: …")."""
    return [" ".join(p.get_text(" ", strip=True).split()).removeprefix("Kan inte prövas: ")
            for p in soup(built / plan / "granskning/index.html").select("main section p")
            if p.get_text().startswith("Kan inte prövas:")]


def _findings(built: Path, plan: str, page: str = "granskning") -> list[str]:
    """The findings' messages and explanations as the site shows them on ``page`` of the plan."""
    html = soup(built / plan / page / "index.html")
    items = html.select("main section li p") if page == "granskning" else html.select("section.findings li p")
    texts = []
    for item in items:
        label = item.find("strong")  # "Summor (avvikelse):", "Förklaring:": labels are checked elsewhere
        if label is not None:
            label.extract()
        texts.append(" ".join(item.get_text(" ", strip=True).split()))
    return [t for t in texts if t and t != "Avvikelsen är inte förklarad."]


def test_repository_has_plans() -> None:
    assert set(PLANS) == set(ONCE)


@pytest.mark.parametrize("plan", PLANS)
def test_every_character_is_on_the_page(sheets: dict[str, list[Sheet]], plan: str) -> None:
    outside = {n: page.outside() for n, page in enumerate(sheets[plan], 1) if page.outside()}
    assert outside == {}, f"text outside the printable column, by page: {outside}"


@pytest.mark.parametrize("plan", PLANS)
def test_the_plan_is_printed_once(built: Path, sheets: dict[str, list[Sheet]], plan: str) -> None:
    text = _text(sheets[plan])
    assert squeeze(text).count(squeeze(ONCE[plan])) == 1, ONCE[plan]
    review = sum(_words(x) for x in [*_findings(built, plan), *_untested(built, plan)])  # not the plan's text
    notes = (REPO / "docs/transcription" / f"{plan.split('/')[0]}.md").read_text("utf-8")
    source = next(p for p in SEEDS.glob("*.txt") if p.name in notes)  # the notes name their seed
    printed, decided = _words(text) - review, _words(source.read_text("utf-8"))
    assert abs(printed - decided) <= WORDS_MARGIN * decided, (printed, decided)


@pytest.mark.parametrize("plan", PLANS)
def test_findings_and_explanations_are_on_paper(built: Path, sheets: dict[str, list[Sheet]], plan: str) -> None:
    text = squeeze(_text(sheets[plan]))
    findings = _findings(built, plan)
    untested = _untested(built, plan)
    assert findings or untested, "every seed plan has findings, or checks its facts do not allow"
    for finding in [*findings, *untested]:  # what the review page says is on paper too
        assert squeeze(finding) in text, finding
    budget = soup(built / plan / "budget/index.html").select("table.budget caption")
    start = text.index(squeeze(budget[0].get_text(" ", strip=True)))
    for finding in _findings(built, plan, "budget"):  # under the budget, as on the site's budget page
        assert text.index(squeeze(finding), start) > start, finding


@pytest.mark.parametrize("plan", PLANS)
def test_no_symbol_reads_as_a_letter(sheets: dict[str, list[Sheet]], plan: str) -> None:
    """ℹ is extracted (and read aloud) as "i": no character of the PDF is a letter or digit in disguise."""
    flattened = {c for c in _text(sheets[plan]) if c != (n := unicodedata.normalize("NFKC", c)) and n.isalnum()}
    assert flattened == set()


@pytest.mark.parametrize("plan", PLANS)
def test_title_page_states_what_the_plan_states(sheets: dict[str, list[Sheet]], plan: str) -> None:
    forbund = yaml.safe_load((REPO / "content" / plan.split("/")[0] / "forbund.yaml").read_text("utf-8"))
    meta = yaml.safe_load((REPO / "content" / plan / "plan.yaml").read_text("utf-8"))
    title = sheets[plan][0].text
    assert squeeze(forbund["namn"]) in squeeze(title) and squeeze(meta["titel"]) in squeeze(title), title
    decided = meta.get("beslutad")  # a date, or `ej angivet` where the plan does not state it
    if isinstance(decided, date):
        assert f"Beslutad av förbundsstyrelsen {decided.day} " in title and str(decided.year) in title
    else:
        assert "Beslutsdatum: uppgift saknas i planen" in title
    assert ("orgnr" in forbund) == ("Organisationsnummer" in title)
    if "orgnr" in forbund:
        assert f"Organisationsnummer {forbund['orgnr']}" in title


def test_title_page_of_a_decided_plan(sheets: dict[str, list[Sheet]]) -> None:
    title = sheets["ornskoldsvik/2024"][0].text
    assert "Beslutad av förbundsstyrelsen 30 november 2023" in title
    assert "Organisationsnummer 222000-2063" in title


def _foot(page: Sheet) -> str:
    """A page's text without its page number, "7 (16)"."""
    return re.sub(r"\s*\d+ \(\d+\)$", "", page.text)


@pytest.mark.parametrize("plan", PLANS)
def test_no_caption_is_left_at_a_page_foot(built: Path, sheets: dict[str, list[Sheet]], plan: str) -> None:
    captions = [
        squeeze(c.get_text(" ", strip=True))
        for page in ("index.html", "budget/index.html")
        for c in soup(built / plan / page).select("main table caption")
    ]
    assert captions
    for n, page in enumerate(sheets[plan], 1):
        foot = squeeze(_foot(page))
        assert not any(foot.endswith(c) for c in captions), f"page {n} ends with a caption"


def test_captions_and_headings_keep_with_what_follows(make_site: SiteFactory, tmp_path: Path) -> None:
    """Sections of growing length, each ending in a small table: a caption and a heading land at every height."""
    files: dict[str, str | bytes | None] = {}
    filler = "Förbundet arbetar vidare med samverkan mellan medlemmarna i hela länet och följer upp varje insats. "
    for n in range(1, 25):
        files[f"content/exempel/2024/avsnitt/{n + 1:02d}-del-{n}.md"] = (
            f"---\nrubrik: Del {n}\ntabeller: [tabell-{n}]\n---\n" + filler * n + "\n"
        )
        files[f"content/exempel/2024/tabeller/tabell-{n}.yaml"] = (
            f"rubrik: Tabell nummer {n}\nkolumner: [Mål, Mått]\n"
            "rader:\n  - [Fler i arbete, Antal]\n  - [Färre i bidrag, Antal]\n"
        )
    need_pdf()
    result = run_cli("build", "--pdf", "--site", make_site(files), "--out", tmp_path / "o")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = read_pdf(tmp_path / "o/exempel/2024/exempel-2024.pdf")
    assert len(pages) > 8
    for n, page in enumerate(pages, 1):
        foot = _foot(page)
        assert not re.search(r"(Tabell nummer \d+|Del \d+|Mål Mått)$", foot), f"page {n} ends with: {foot[-60:]}"


def _wide_budget(columns: int) -> str:
    """A budget table of ``columns`` columns of seven-digit amounts (kronor)."""
    years = [*range(2024 - columns + 3, 2024), 2024, 2025, 2026]
    kinds = ["utfall"] * (columns - 3) + ["budget", "plan", "plan"]
    heads = "\n".join(
        f"      - {{rubrik: {'Utfall' if k == 'utfall' else k.capitalize()} {y}, typ: {k}, år: {y}}}"
        for k, y in zip(kinds, years, strict=True)
    )

    def amounts(value: str) -> str:
        return " | ".join([value] * columns)

    return f"""
tabeller:
  - rubrik: Budget och utfall
    enhet: kr
    kolumner:
{heads}
    rader:
      - grupp: Intäkter
        kategori: intäkter
        rader:
          - {{post: Region Exempel, medlem: region-exempel, belopp: {amounts("1 255 500")}}}
          - {{post: Exempels kommun, medlem: exempel-kommun, belopp: {amounts("1 255 500")}}}
          - {{post: Försäkringskassan/Arbetsförmedlingen, medlem: staten, belopp: {amounts("2 511 000")}}}
        summa: {{rubrik: Parternas insats, belopp: {amounts("5 022 000")}}}
      - grupp: Kostnader
        kategori: kostnader
        rader:
          - post: Förbundschef och kansli inklusive lokalkostnader
            kategori: administration
            belopp: {amounts("-1 380 000")}
          - {{post: Vidare Vy, insats: vidare-vy, kategori: insatser, belopp: {amounts("-595 000")}}}
          - {{post: Reserverade medel, kategori: insatser, belopp: {amounts("-3 047 000")}}}
        summa: {{rubrik: Summa totala kostnader, belopp: {amounts("-5 022 000")}}}
    resultat: {{rubrik: Resultat, belopp: {amounts("0")}}}
"""


@pytest.mark.parametrize("columns", [5, 10])
def test_a_wide_budget_table_fits(make_site: SiteFactory, tmp_path: Path, columns: int) -> None:
    need_pdf()
    root = make_site({"content/exempel/2024/budget.yaml": _wide_budget(columns)})
    result = run_cli("build", "--pdf", "--site", root, "--out", tmp_path / "o")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = read_pdf(tmp_path / "o/exempel/2024/exempel-2024.pdf")
    budget = [p for p in pages if "Parternas insats" in p.text]
    assert budget, "the budget table is in the PDF"
    for page in pages:
        assert page.outside() == "", page.outside()
        assert not re.search(r"\d[\s\xa0]*\n[\s\xa0]*\d{3}\b", page.lines), "an amount breaks across lines"
    assert budget[0].text.count("2 511 000") >= columns  # every column
    assert (budget[0].width > budget[0].height) == (columns > 6)  # many columns: a turned page


@pytest.mark.parametrize(
    ("template", "line", "rule", "words"),
    [
        ("<p>\n{{ nope }}</p>\n", 2, "mall-fel", "`nope` finns inte"),
        ("<p>\n\n{% if %}</p>\n", 3, "mall-syntax", "Mallen har ett syntaxfel"),
        ('{% include "partials/egen.html" %}\n', 2, "mall-fel", "värdet har inget fält `saknas`"),
    ],
)
def test_a_pdf_template_error_is_located(
    make_site: SiteFactory, tmp_path: Path, template: str, line: int, rule: str, words: str
) -> None:
    need_pdf()
    root = make_site(
        {"templates/pdf/plan.html": template, "templates/partials/egen.html": "<p>\n{{ meta.saknas }}</p>\n"}
    )
    result = run_cli("build", "--pdf", "--site", root, "--out", tmp_path / "o")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    where = "templates/partials/egen.html" if "include" in template else "templates/pdf/plan.html"
    assert f"{where}:{line}:1: fel [{rule}]" in output, output
    assert words in output, output
    assert not (tmp_path / "o").exists()


def test_a_goal_in_the_sections_is_printed_once(make_site: SiteFactory, tmp_path: Path) -> None:
    """Goal 1's words stand in a section (as in many printed plans): the Mål chapter holds only goal 2."""
    need_pdf()
    section = """
        ---
        rubrik: Mål för 2024
        ---
        ## Mål 1: Fler kommuninvånare når egen försörjning.

        Målet gäller hela planperioden. Hur: samordna det lokala analysteamet. Mått: minst 60 personer deltar.
        Uppföljning: vid den årliga planeringsdagen.
        """
    goal = """
        ---
        rubrik: Färre unga står utanför arbetsmarknaden.
        typ: aktivitetsmål
        nummer: Mål 2
        hur: Stödja kommunens ungdomsteam.
        ---
        Målet följs upp varje halvår.
        """
    root = make_site({"content/exempel/2024/avsnitt/02-mal.md": section, "content/exempel/2024/mal/02-unga.md": goal})
    result = run_cli("build", "--pdf", "--site", root, "--out", tmp_path / "o")
    assert result.returncode == 0, result.stdout + result.stderr
    text = squeeze(_text(read_pdf(tmp_path / "o/exempel/2024/exempel-2024.pdf")))
    assert text.count(squeeze("Fler kommuninvånare når egen försörjning.")) == 1
    assert text.count(squeeze("Målet gäller hela planperioden.")) == 1
    assert text.count(squeeze("Mål 2: Färre unga står utanför arbetsmarknaden.")) == 1
    assert text.count(squeeze("Stödja kommunens ungdomsteam.")) == 1
    assert squeeze("Mål som redan står i avsnitten ovan upprepas inte här.") in text
    # The insats's words are not in the sections: it keeps its chapter.
    assert text.count(squeeze("Att rehabilitera personer som uppbär sjukpenning.")) == 1
    assert squeeze("Insatser Vidare Vy") in text


def test_an_insats_keeps_its_co_financing_budget(make_site: SiteFactory, tmp_path: Path) -> None:
    """The insats page shows its co-financing budget; so does the PDF, which no section's table repeats here."""
    need_pdf()
    insats = (REPO / "tests/fixtures/minimal/content/exempel/2024/insatser/01-vidare-vy.md").read_text("utf-8")
    head, body = insats.split("\n---\n", 1)
    co = """
medfinansiering:
  finansiärer: Europeiska socialfonden 54 %
  budget:
    rubrik: Budget för Vidare Vy
    enhet: kr
    kolumner:
      - {rubrik: Budget 2024, typ: budget, år: 2024}
    rader:
      - grupp: Finansiering
        rader:
          - {post: ESF-stöd, belopp: 321 300}
          - {post: Förbundets medfinansiering, belopp: 273 700}
        summa: {rubrik: Summa finansiering, belopp: 595 000}
"""
    root = make_site({"content/exempel/2024/insatser/01-vidare-vy.md": f"{head}{co}---\n{body}"})
    result = run_cli("build", "--pdf", "--site", root, "--out", tmp_path / "o")
    assert result.returncode == 0, result.stdout + result.stderr
    text = _text(read_pdf(tmp_path / "o/exempel/2024/exempel-2024.pdf"))
    assert "Budget för Vidare Vy (belopp i kronor)" in text
    assert "Förbundets medfinansiering 273 700" in text


def test_a_free_table_of_many_columns_fits(make_site: SiteFactory, tmp_path: Path) -> None:
    """Five columns of long Swedish words: smaller type and hyphens; nine columns: a turned page."""
    need_pdf()
    words = ["Verksamhetsuppföljning", "Kommunikationsplanen", "Ekonomiuppföljning", "Samordningsförbundet"]
    files: dict[str, str | bytes | None] = {
        "content/exempel/2024/avsnitt/01-inledning.md": "---\nrubrik: Inledning\ntabeller: [fem, nio]\n---\nText.\n"
    }
    for name, count in (("fem", 5), ("nio", 9)):
        columns = ", ".join(f"{words[c % 4]}{c}" for c in range(count))
        row = ", ".join(words[(c + 1) % 4] for c in range(count))
        files[f"content/exempel/2024/tabeller/{name}.yaml"] = (
            f"rubrik: Tabell med {count} kolumner\nkolumner: [{columns}]\nrader:\n  - [{row}]\n  - [{row}]\n"
        )
    result = run_cli("build", "--pdf", "--site", make_site(files), "--out", tmp_path / "o")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = read_pdf(tmp_path / "o/exempel/2024/exempel-2024.pdf")
    for page in pages:
        assert page.outside() == "", page.outside()
    five = next(p for p in pages if "Tabell med 5 kolumner" in p.text)
    nine = next(p for p in pages if "Tabell med 9 kolumner" in p.text)
    assert five.width < five.height and nine.width > nine.height


def test_a_computed_sum_points_to_its_explanation(sheets: dict[str, list[Sheet]]) -> None:
    """Ånge's printed sum 1 515 305 is not the rows' 1 572 000: the reader on paper is sent to the reason below."""
    text = squeeze(_text(sheets["ange/2024"]))
    pointer = text.index(squeeze("1 515 305 (beräknat: 1 572 000) se Granskning nedan"))
    assert text.index(squeeze("Förklaring: Summan är tryckt så i den beslutade planen."), pointer) > pointer
