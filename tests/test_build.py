"""A full build of the fixture site, read back as HTML."""

from pathlib import Path

import pytest
from conftest import SiteFactory, add_second_forbund, snapshot, soup

from finsam_site.build import build


@pytest.fixture
def built(make_site: SiteFactory, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    result = build(make_site(), out)
    assert result.written, [d.format() for d in result.diagnostics]
    return out


@pytest.fixture
def built_two(make_site: SiteFactory, tmp_path: Path) -> Path:
    """The fixture site with a second förbund, so that it has the pages across förbund."""
    out = tmp_path / "out2"
    result = build(add_second_forbund(make_site(name="two")), out)
    assert result.written, [d.format() for d in result.diagnostics]
    return out


ACROSS = [
    "jamfor/index.html",
    "malgrupper/index.html",
    "omraden/index.html",
    "parter/arbetsformedlingen/index.html",
    "parter/exempels-kommun/index.html",
    "parter/forsakringskassan/index.html",
    "parter/index.html",
    "parter/region-exempel/index.html",
]


def test_every_page_exists(built_two: Path) -> None:
    pages = sorted(p.relative_to(built_two).as_posix() for p in built_two.rglob("*.html"))
    assert [p for p in pages if not p.startswith("grannby/")] == sorted(
        [
            *ACROSS,
            "404.html",
            "data/index.html",
            "exempel/2024/budget/index.html",
            "exempel/2024/granskning/index.html",
            "exempel/2024/index.html",
            "exempel/2024/insatser/index.html",
            "exempel/2024/insatser/vidare-vy/index.html",
            "exempel/2024/mal/fler-i-arbete/index.html",
            "exempel/2024/mal/index.html",
            "exempel/index.html",
            "index.html",
            "sok/index.html",
            "tillganglighet/index.html",
        ]
    )


def test_a_site_with_one_forbund_has_no_pages_across_forbund(built: Path) -> None:
    pages = {p.relative_to(built).as_posix() for p in built.rglob("*.html")}
    assert pages.isdisjoint(ACROSS)
    assert {"index.html", "sok/index.html", "exempel/2024/index.html"} <= pages
    front = soup(built / "index.html")
    assert [a.get_text() for a in front.select(".site-nav a")] == ["Start", "Sök"]
    assert front.main.h2.get_text() == "Planer"
    assert front.title.get_text() == "Exempelplaner"


def test_pages_are_swedish_with_one_h1(built: Path) -> None:
    for page in built.rglob("*.html"):
        html = soup(page)
        assert html.html is not None and html.html["lang"] == "sv", page
        assert len(html.find_all("h1")) == 1, page


def test_links_are_relative_and_resolve(built: Path) -> None:
    for page in built.rglob("*.html"):
        for tag in soup(page).find_all(["a", "link"]):
            href = str(tag.get("href", ""))
            if href.startswith(("mailto:", "https:", "http:", "#")):
                continue
            assert not href.startswith("/"), (page, href)
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.is_file(), (page, href)


def test_budget_table_shows_every_column_in_swedish_format(built: Path) -> None:
    html = soup(built / "exempel/2024/budget/index.html")
    table = html.find("table", class_="budget")
    assert table is not None
    assert "tusentals kronor" in table.caption.get_text()
    headers = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    # Short headings are kept on one line (no-break spaces), a long one breaks only between words.
    assert headers == ["Post", "Budget\u00a02024", "Andel av budget\u00a02024", "Plan\u00a02025"]
    rows = {
        tr.th.get_text(" ", strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    }
    assert rows["Region Exempel"] == ["1\u00a0255,5", "25,0\u00a0%", "1\u00a0255,5"]
    assert rows["Förbundschef"] == ["\u2212785", "15,6\u00a0%", "\u2212790"]
    assert rows["Summa totala kostnader"] == ["\u22125\u00a0022", "", "\u22125\u00a0022"]
    assert all(th.get("scope") == "row" for th in table.tbody.find_all("th"))


def test_acknowledged_sum_error_is_shown_with_its_explanation(make_site: SiteFactory, tmp_path: Path) -> None:
    budget = (make_site() / "content/exempel/2024/budget.yaml").read_text("utf-8")
    files = {
        "content/exempel/2024/budget.yaml": budget.replace("belopp: 5022 | 5022", "belopp: 5000 | 5022"),
        "content/exempel/2024/kvitteringar.yaml": """
            kvitteringar:
              - regel: budget-summa
                gäller: Parternas insats / Budget 2024
                förklaring: Felet finns i det beslutade dokumentet.
            """,
    }
    result = build(make_site(files, name="diff"), tmp_path / "o")
    assert result.written and result.diagnostics == []
    html = soup(tmp_path / "o/exempel/2024/budget/index.html")
    cell = html.find("span", class_="differs")
    assert cell is not None and cell.get_text(strip=True) == "(beräknat: 5\u00a0022)"
    finding = html.find("section", class_="findings").get_text(" ", strip=True)
    assert "Parternas insats (Budget 2024) är 5\u00a0000\u00a0tkr men raderna ger 5\u00a0022\u00a0tkr." in finding
    assert "Förklaring: Felet finns i det beslutade dokumentet." in finding
    review = soup(tmp_path / "o/exempel/2024/granskning/index.html").main.get_text(" ", strip=True)
    assert "! Avvikelse med förklaring" in review and "✓ Godkänd" in review


def test_goal_page_links_insatser_and_areas(built: Path) -> None:
    html = soup(built / "exempel/2024/mal/fler-i-arbete/index.html")
    assert html.h1.get_text(strip=True) == "Fler kommuninvånare når egen försörjning."
    links = {a.get_text(strip=True): a["href"] for a in html.main.find_all("a")}
    assert links["Vidare Vy"] == "../../insatser/vidare-vy/index.html"
    assert links["Individens självförsörjning"] == "../../index.html#sjalvforsorjning"
    assert "Målvärde: ≥ 60" in html.main.get_text()


def test_insats_page(built: Path) -> None:
    html = soup(built / "exempel/2024/insatser/vidare-vy/index.html")
    text = html.main.get_text(" ", strip=True)
    assert "Beviljat 2024 595\u00a0000\u00a0kr" in text
    assert "1 januari 2024 – 31 december 2025" in text
    assert "Försäkringskassan, Exempels kommun, Region Exempel" in text


def test_plan_page_has_prose_and_free_table(built: Path) -> None:
    html = soup(built / "exempel/2024/index.html")
    assert html.find("h2", id="inledning") is not None
    assert html.find("h3", string="Bakgrund") is not None
    assert html.find("table", class_="free").caption.get_text(strip=True) == "Målkarta 2024"


def test_markdown_html_is_sanitised(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site(
        {
            "content/exempel/2024/avsnitt/02-farlig.md": """
        ---
        rubrik: Farlig
        ---
        Hej <script>alert(1)</script><img src=x onerror=alert(2)> [länk](javascript:alert(3))
        """
        },
        name="xss",
    )
    result = build(root, tmp_path / "o")
    assert result.written, [d.format() for d in result.diagnostics]
    page = (tmp_path / "o/exempel/2024/index.html").read_text("utf-8")
    assert "<script>alert" not in page and "onerror" not in page and "javascript:" not in page
    # The section itself is there, with its words and a link that lost only its dangerous address.
    section = soup(tmp_path / "o/exempel/2024/index.html").find("h2", id="farlig")
    assert section is not None
    paragraph = section.find_next("p")
    assert paragraph is not None and paragraph.get_text(" ", strip=True).startswith("Hej")
    assert "länk" in paragraph.get_text() and paragraph.find("img") is None


def test_two_builds_are_identical(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site()
    first, second = build(root, tmp_path / "a"), build(root, tmp_path / "b")
    assert first.written and second.written, [d.format() for d in first.diagnostics]
    a = snapshot(tmp_path / "a")
    assert "exempel/2024/budget/index.html" in a
    assert a == snapshot(tmp_path / "b")


def test_site_template_overrides_one_template(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site(
        {
            "templates/accessibility.html": """
        {% extends "base.html" %}
        {% block content %}<h1>Vår egen redogörelse</h1>{% endblock %}
        """
        },
        name="theme",
    )
    build(root, tmp_path / "o")
    assert soup(tmp_path / "o/tillganglighet/index.html").h1.get_text() == "Vår egen redogörelse"
    assert soup(tmp_path / "o/index.html").h1.get_text() == "Exempelplaner"


def test_template_error_is_reported_not_raised(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site(
        {"templates/accessibility.html": "{% extends 'base.html' %}{% block content %}{{ nope }}{% endblock %}"},
        name="bad",
    )
    result = build(root, tmp_path / "o")
    assert not result.written
    assert [d.rule for d in result.diagnostics] == ["mall-fel"]
    assert "nope" in result.diagnostics[0].message


def test_budget_charts_have_text_alternatives(built: Path) -> None:
    html = soup(built / "exempel/2024/budget/index.html")
    figures = html.find_all("figure", class_="chart")
    assert [f.figcaption.get_text() for f in figures] == [
        "Intäkter per medlem, Budget 2024",
        "Administration och insatser, Budget 2024",
        "Insatser efter belopp, Budget 2024",
        "Intäkter och kostnader år för år",
    ]
    for figure in figures:
        svg = figure.find("svg")
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find(id=title_id).get_text() == figure.figcaption.get_text()
        assert svg.find(id=desc_id).get_text(strip=True)
        assert figure.find("table").caption.get_text() == figure.figcaption.get_text()
    members = figures[0].find("table").tbody.find_all("tr")
    assert [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in members] == [
        ["Region Exempel", "1\u00a0255,5\u00a0tkr"],
        ["Exempels kommun", "1\u00a0255,5\u00a0tkr"],
        ["Försäkringskassan/Arbetsförmedlingen", "2\u00a0511\u00a0tkr"],
    ]
    bars = figures[0].find_all("rect", class_="serie-a")
    assert [int(b["width"]) for b in bars] == [127, 127, 255]


def test_comparison_and_party_pages(built_two: Path) -> None:
    built = built_two
    table = soup(built / "jamfor/index.html").find("table")
    assert table.caption.get_text() == "Planer för 2024"
    row = [c.get_text(strip=True) for c in table.tbody.tr.find_all(["th", "td"])]
    assert row == [
        "Exempel",
        "5\u00a0022\u00a0000\u00a0kr",  # intäkter
        "5\u00a0022\u00a0000\u00a0kr",  # the members' contributions (1 255,5 + 1 255,5 + 2 511 tkr)
        "16\u00a0%",
        "uppgift saknas",
        "–",
        "1",
        "4\u00a0237\u00a0000\u00a0kr",  # Summa insatser, Budget 2024 (not the one insats's 595 tkr)
    ]
    party = soup(built / "parter/region-exempel/index.html")
    links = [a["href"] for a in party.main.table.find_all("a")]
    assert links == [
        "../../exempel/2024/insatser/vidare-vy/index.html",
        "../../grannby/2024/insatser/vidare-vy/index.html",
    ]
    assert soup(built / "parter/arbetsformedlingen/index.html").main.find("table") is None
    areas = soup(built / "omraden/index.html").main.get_text(" ", strip=True)
    assert "Individens självförsörjning Fler kommuninvånare når egen försörjning." in areas


def test_accessibility_statement_uses_site_settings(make_site: SiteFactory, tmp_path: Path) -> None:
    site = (make_site() / "site.yaml").read_text("utf-8") + (
        "tillgänglighet:\n  status: delvis förenlig\n  metod: Automatiska tester med axe-core.\n"
        "  brister: Diagrammen saknar mönster.\n  bedömd: 2026-11-01\n  uppdaterad: 2026-11-02\n"
    )
    build(make_site({"site.yaml": site}), tmp_path / "o")
    text = soup(tmp_path / "o/tillganglighet/index.html").main.get_text(" ", strip=True)
    assert "Webbplatsen är delvis förenlig med lagen" in text
    assert "Diagrammen saknar mönster." in text
    assert "Bedömningen gjordes 1 november 2026. Redogörelsen uppdaterades senast 2 november 2026." in text
    assert "kansli@example.se" in text
    links = [a["href"] for a in soup(tmp_path / "o/tillganglighet/index.html").main.find_all("a")]
    assert "https://www.digg.se/tdosanmalan" in links
