"""Follow-up: statuses computed from targets and outcomes, the small-number guard, and printed shares checked."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import PLAN, SiteFactory, soup

from finsam_site.build import build, check
from finsam_site.check.targets import parse_target, status
from finsam_site.load.outcomes import Outcome

GOAL = f"{PLAN}/mal/01-fler-i-arbete.md"
FOLLOWUP = f"{PLAN}/uppfoljning.yaml"


def outcome(**fields: str) -> Outcome:
    return Outcome.model_validate({"tillfälle": "helar", **fields})


@pytest.mark.parametrize(
    ("target", "fields", "expected"),
    [
        ("≥ 85 %", {"täljare": "141", "nämnare": "160"}, "uppfyllt"),
        ("≥ 85 %", {"täljare": "120", "nämnare": "160"}, "delvis uppfyllt"),
        ("≥ 85 %", {"täljare": "27", "nämnare": "179"}, "inte uppfyllt"),
        ("minst 60", {"värde": "61"}, "uppfyllt"),
        ("högst 15 %", {"värde": "17 %"}, "delvis uppfyllt"),
        ("högst 15 %", {"värde": "30 %"}, "inte uppfyllt"),
        ("≥ 85 %", {}, "kan inte prövas"),
        (">4 ggr/år", {"värde": "4"}, "delvis uppfyllt"),
        (">4 ggr/år", {"värde": "5"}, "uppfyllt"),
        ("<2 %", {"värde": "1,5 %"}, "uppfyllt"),
    ],
)
def test_status_from_target_and_outcome(target: str, fields: dict[str, str], expected: str) -> None:
    assert status(target, outcome(**fields)) == expected


def test_no_outcome_is_not_measured() -> None:
    assert status("≥ 60", None) == "inte mätt än"
    assert parse_target("så många som möjligt") is None


def _site(make_site: SiteFactory, followup: str) -> Path:
    goal = (
        (make_site() / GOAL)
        .read_text("utf-8")
        .replace(
            '    målvärde: "≥ 60"\n',
            '    målvärde: "≥ 60"\n  - text: Deltagare som är nöjda.\n    målvärde: "≥ 85 %"\n',
        )
    )
    return make_site({GOAL: goal, FOLLOWUP: followup})


FOLLOWUP_YAML = """
tillfällen:
  - {id: delar, namn: Delårsrapport 2024, typ: delår}
  - {id: helar, namn: Årsredovisning 2024, typ: helår}
utfall:
  - {tillfälle: delar, mål: fler-i-arbete, mått: 1, värde: "50"}
  - {tillfälle: helar, mål: fler-i-arbete, mått: 1, värde: "63"}
  - {tillfälle: helar, mål: fler-i-arbete, mått: 2, täljare: 141, nämnare: 160, värde: 88 %}
  - {tillfälle: helar, insats: vidare-vy, deltagare: 34, till_arbete_eller_studier: 3}
"""


def test_goal_page_shows_outcomes_and_status_in_words(make_site: SiteFactory, tmp_path: Path) -> None:
    result = build(_site(make_site, FOLLOWUP_YAML), tmp_path / "o")
    assert result.written, [d.format() for d in result.diagnostics]
    goal = soup(tmp_path / "o/exempel/2024/mal/fler-i-arbete/index.html").main.get_text(" ", strip=True)
    assert "Delårsrapport 2024: 50. ◐ Delvis uppfyllt" in goal
    assert "Årsredovisning 2024: 63. ✓ Uppfyllt" in goal
    assert "Årsredovisning 2024: 141 av 160 (88\u00a0%). ✓ Uppfyllt" in goal
    overview = soup(tmp_path / "o/exempel/2024/uppfoljning/index.html")
    assert overview.h1.get_text() == "Uppföljning 2024"
    assert "Uppföljning" in [a.get_text() for a in overview.find("nav", class_="plan-nav").find_all("a")]


def test_small_numbers_are_hidden(make_site: SiteFactory, tmp_path: Path) -> None:
    build(_site(make_site, FOLLOWUP_YAML), tmp_path / "o")
    insats = soup(tmp_path / "o/exempel/2024/insatser/vidare-vy/index.html").main.get_text(" ", strip=True)
    assert "Årsredovisning 2024: 34 deltagare, färre än 5 till arbete eller studier." in insats
    assert " 3 till arbete" not in insats


def test_printed_share_that_disagrees_is_reported_with_location(make_site: SiteFactory) -> None:
    wrong = FOLLOWUP_YAML.replace("täljare: 141, nämnare: 160, värde: 88 %", "täljare: 27, nämnare: 179, värde: 19 %")
    diags = [d for d in check(_site(make_site, wrong)).diagnostics if d.rule == "utfall-andel"]
    assert [(d.path, d.line, d.message) for d in diags] == [
        (FOLLOWUP, 7, "Utfallet anges som 19\u00a0% men 27 av 179 är 15,1\u00a0%.")
    ]


def test_printed_status_is_checked(make_site: SiteFactory) -> None:
    wrong = FOLLOWUP_YAML.replace('värde: "63"}', 'värde: "50", status_i_rapporten: uppfyllt}')
    [diag] = [d for d in check(_site(make_site, wrong)).diagnostics if d.rule == "utfall-status"]
    assert diag.message == "Rapporten anger status ”uppfyllt” men målvärdet och utfallet ger ”delvis uppfyllt”."


def test_unknown_measure_and_occasion(make_site: SiteFactory) -> None:
    wrong = FOLLOWUP_YAML.replace("mått: 2,", "mått: 3,").replace("{tillfälle: delar,", "{tillfälle: delars,")
    found = {(d.rule, d.line) for d in check(_site(make_site, wrong)).diagnostics}
    assert found == {("ref-mått", 7), ("ref-tillfälle", 5)}


def test_counts_must_be_whole_numbers(make_site: SiteFactory) -> None:
    wrong = FOLLOWUP_YAML.replace("deltagare: 34", 'deltagare: "3,5"')
    [diag] = check(_site(make_site, wrong)).diagnostics
    assert diag.line == 8 and "inte ett antal" in diag.message


def test_followup_target_parsing() -> None:
    target = parse_target("högst 15 %")
    assert target is not None and (target.op, target.value, target.percent) == ("<=", Decimal(15), True)


def test_example_site_shows_follow_up(tmp_path: Path) -> None:
    from conftest import REPO

    result = build(REPO / "examples/uppfoljning", tmp_path / "o")
    assert result.written and result.diagnostics == []
    page = soup(tmp_path / "o/exempel/2024/uppfoljning/index.html")
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in page.main.tbody.find_all("tr")]
    assert rows[2] == [
        "Andel deltagare som avslutas till arbete eller studier.",
        "≥ 30 %",
        "– Inte mätt än",
        "27 av 179 (15\u00a0%) ✗ Röd (enligt rapporten och finsam-sites beräkning)",
    ]
    assert rows[3][1:] == ["3 av 4", "– Inte mätt än", "5 av 8 ◐ Gul (enligt rapporten och finsam-sites beräkning)"]
    assert rows[4][1:3] == ["öka med 5 poäng", "66 poäng, baslinje 63 poäng ✗ Röd"]
    assert rows[5][3].startswith("Kartläggningen blev klar i oktober.")
    assert "✓ Grön (enligt rapporten; finsam-site räknar fram ? Kan inte prövas Målvärdet står i ord." in rows[5][3]
    assert "PÅHITTADE SIFFROR" in soup(tmp_path / "o/index.html").get_text()
