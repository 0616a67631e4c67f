"""Insatser in Uppföljning Finsam's terms (individinriktad, strukturövergripande; the older words are synonyms, and
an insats of both kinds is two insatser), and insatser financed by someone else than the förbund (shown, never
counted as its cost)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PLAN, SiteFactory, soup

from finsam_site.build import build, check
from finsam_site.load.model import Insats
from finsam_site.load.parse import parse_markdown_file

INSATS = f"{PLAN}/insatser/01-vidare-vy.md"
TEXT = (Path(__file__).parent / "fixtures/minimal" / INSATS).read_text("utf-8")


def _insats(text: str) -> tuple[Insats | None, list[str]]:
    parsed, diags = parse_markdown_file(Insats, text, "insatser/01-vidare-vy.md")
    return (parsed.model if parsed else None), [d.format() for d in diags]


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("individinriktad", "individinriktad"),
        ("Individstödjande", "individinriktad"),
        ("individinriktat", "individinriktad"),
        ("strukturövergripande", "strukturövergripande"),
        ("strukturinriktad", "strukturövergripande"),
        ("strukturstödjande insats", "strukturövergripande"),
        ("strukturpåverkande", "strukturövergripande"),
        ("strukturinriktat", "strukturövergripande"),
    ],
)
def test_old_and_local_words_are_synonyms_of_the_two_kinds(written: str, kind: str) -> None:
    insats, problems = _insats(TEXT.replace("typ: individinriktad", f"typ: {written}"))
    assert insats is not None and insats.kind == kind, problems


@pytest.mark.parametrize("written", ["individinriktad och strukturinriktad", "[individinriktad, strukturövergripande]",
                                     "båda", "individstödjande/strukturstödjande"])
def test_an_insats_of_both_kinds_is_two_insatser(written: str) -> None:
    insats, problems = _insats(TEXT.replace("typ: individinriktad", f"typ: {written}"))
    assert insats is None
    assert any("både individinriktad och strukturövergripande" in p and "Dela upp den i två filer" in p
               for p in problems), problems


def test_an_unknown_kind_names_the_two_kinds() -> None:
    insats, problems = _insats(TEXT.replace("typ: individinriktad", "typ: förebyggande"))
    assert insats is None and any("strukturövergripande" in p for p in problems), problems


def test_the_site_shows_the_new_term(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site({INSATS: TEXT.replace("typ: individinriktad", "typ: strukturinriktad")})
    out = tmp_path / "out"
    assert build(root, out).written
    page = soup(out / "exempel/2024/insatser/vidare-vy/index.html")
    assert page.select_one("p.kicker").get_text(strip=True) == "Strukturövergripande insats"


FINANCED = TEXT.replace("beviljat:", "finansiering:\n  av: Europeiska socialfonden\n  anm: Hela projektet.\nesf: ja\n"
                        "beviljat:")


def test_an_insats_financed_by_someone_else_is_shown_but_not_the_förbunds_cost(make_site: SiteFactory,
                                                                              tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build(make_site({INSATS: FINANCED}), out)
    assert result.written, [d.format() for d in result.diagnostics]
    page = soup(out / "exempel/2024/insatser/vidare-vy/index.html")
    facts = page.select_one("dl.facts").get_text(" ", strip=True).replace("\u00a0", " ")
    assert "Finansieras av Europeiska socialfonden, inte av förbundet; beloppen räknas inte som förbundets kostnad." \
        in facts
    assert "Belopp 2024 595 000 kr" in facts and "av budgetens insatser" not in facts
    assert "ESF Finansieras helt eller delvis av Europeiska socialfonden" in facts
    index = json.loads((out / "data/index.json").read_text("utf-8"))
    assert index["förbund"][0]["planer"][0]["nyckeltal"]["beviljat_insatser_kr"] == 0  # its 595 000 kr not counted
    data = json.loads((out / "exempel/2024/data/exempel-2024-mal-och-insatser.json").read_text("utf-8"))
    assert data["insatser"][0]["finansiering"] == {"av": "Europeiska socialfonden", "medlem": None,
                                                   "anm": "Hela projektet."}
    assert data["insatser"][0]["esf"] is True


def test_the_förbunds_own_insats_counts(make_site: SiteFactory, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(make_site(), out).written
    index = json.loads((out / "data/index.json").read_text("utf-8"))
    assert index["förbund"][0]["planer"][0]["nyckeltal"]["beviljat_insatser_kr"] == 595000


def test_an_insats_financed_by_a_member_alone_needs_no_second_party(make_site: SiteFactory) -> None:
    text = TEXT.replace("parter: [forsakringskassan, exempel-kommun, region-exempel]", "parter: [exempel-kommun]")
    alone = text.replace("beviljat:", "finansiering:\n  medlem: exempel-kommun\nbeviljat:")
    assert [d.rule for d in check(make_site({INSATS: text})).diagnostics] == ["insats-parter"]
    assert [d.format() for d in check(make_site({INSATS: alone})).diagnostics] == []
    unknown = text.replace("beviljat:", "finansiering:\n  medlem: exempel-kommunen\nbeviljat:")
    found = check(make_site({INSATS: unknown})).diagnostics
    assert [(d.rule, d.line) for d in found] == [("ref-part", 10)], [d.format() for d in found]


def test_the_insatser_page_and_the_pdf_say_who_finances(make_site: SiteFactory, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(make_site({INSATS: FINANCED}), out).written
    page = soup(out / "exempel/2024/insatser/index.html")
    lead = page.select_one("p.lead").get_text(" ", strip=True).replace("\u00a0", " ")
    assert lead.startswith("Planen beskriver 1 insats. 1 av dem finansieras av någon annan än förbundet och räknas "
                           "inte som förbundets kostnad.")
    assert "finansieras av Europeiska socialfonden" in page.select_one("tbody td.num").get_text(" ", strip=True)


def test_a_budget_line_of_an_insats_others_finance_is_not_the_förbunds_cost(make_site: SiteFactory,
                                                                            tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(make_site({INSATS: FINANCED}), out).written
    index = json.loads((out / "data/index.json").read_text("utf-8"))
    figures = index["förbund"][0]["planer"][0]["nyckeltal"]
    # the fixture's budget: costs 5 022 tkr, insatser 4 237 tkr, of which Vidare Vy's line is 595 tkr
    assert (figures["kostnader_kr"], figures["insatser_i_budgeten_kr"]) == (4_427_000, 3_642_000)
    assert figures["administration_kr"] == 785_000
    page = soup(out / "exempel/2024/budget/index.html")
    row = next(tr for tr in page.select("tr.row-post") if "Vidare Vy" in tr.get_text())
    assert "Insatsen finansieras av någon annan än förbundet" in row.th.get_text()
