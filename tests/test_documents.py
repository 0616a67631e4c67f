"""Documents other than a plan: a förbund's delårsrapport, årsredovisning and rapport, each in its own folder,
with its own pages and words; a plan without a budget table; the documents of one year linking to each other."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import PLAN, SiteFactory, run_cli, soup

from finsam_site import urls
from finsam_site.build import build, check
from finsam_site.load.documents import DOCUMENT_TYPES

FORBUND = "content/exempel"
ANNUAL = f"{FORBUND}/2024-arsredovisning"
INTERIM = f"{FORBUND}/2024-delarsrapport"

ANNUAL_META = """
titel: Årsredovisning 2024
år: 2024
status: beslutad
beslutad: 2025-03-20
styrelse_antal: 6
sammanfattning: Förbundets år 2024 i siffror och ord.
"""

ECONOMY = """
tabeller:
  - rubrik: Resultaträkning 2024
    enhet: tkr
    kolumner:
      - {rubrik: Budget 2024, typ: budget, år: 2024}
      - {rubrik: Utfall 2024, typ: utfall, år: 2024}
    rader:
      - grupp: Intäkter
        kategori: intäkter
        rader:
          - post: Medlemsbidrag
            belopp: 5022 | 5022
        summa:
          rubrik: Summa intäkter
          belopp: 5022 | 5022
      - grupp: Kostnader
        kategori: kostnader
        rader:
          - post: Administration
            kategori: administration
            belopp: -785 | -760
          - post: Insatser
            kategori: insatser
            belopp: -4237 | -4000
        summa:
          rubrik: Summa kostnader
          belopp: -5022 | -4760
    resultat:
      rubrik: Årets resultat
      belopp: 0 | 262
"""

INTERIM_META = """
titel: Delårsrapport januari–augusti 2024
år: 2024
period_till: 2024-08-31
status: förslag
"""


def _annual_site(make_site: SiteFactory, **extra: str | None) -> Path:
    files: dict[str, str | bytes | None] = {
        f"{ANNUAL}/arsredovisning.yaml": ANNUAL_META,
        f"{ANNUAL}/ekonomi.yaml": ECONOMY,
        f"{ANNUAL}/avsnitt/01-aret.md": "---\nrubrik: Året som gått\n---\nFörbundet arbetade med Vidare Vy.\n",
    }
    files.update(extra)
    return make_site(files)


def _built(root: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    result = build(root, out)
    assert not result.failed(), [d.format() for d in result.diagnostics]
    return out


def test_an_annual_report_is_a_document_of_its_own(make_site: SiteFactory, tmp_path: Path) -> None:
    out = _built(_annual_site(make_site), tmp_path)
    page = soup(out / "exempel/2024-arsredovisning/index.html")
    assert page.h1.get_text() == "Årsredovisning 2024"
    nav = [a.get_text() for a in page.select("nav.plan-nav a")]
    assert nav == ["Årsredovisningen", "Ekonomi", "Granskning"]  # no goals, insatser or budget of its own
    assert "Styrelsen har 6 ledamöter. Årsredovisningen anger inte deras namn." in page.get_text(" ", strip=True)
    economy = soup(out / "exempel/2024-arsredovisning/ekonomi/index.html")
    assert economy.h1.get_text() == "Ekonomi 2024"
    assert "Beloppen står som i den beslutade årsredovisningen" in economy.get_text(" ", strip=True)
    for path in (out / "exempel/2024-arsredovisning").rglob("*.html"):  # no label calls it a plan or a budget
        page = soup(path)
        labels = [page.title, *page.select("h1, h2, h3, nav.plan-nav a, nav.breadcrumbs li")]
        for label in (x.get_text(" ", strip=True) for x in labels if x is not None):
            assert not re.search(r"\b([Pp]lan(en|ens)?|[Bb]udget(en)?)\b", label), (path, label)


def test_the_documents_of_a_year_link_to_each_other(make_site: SiteFactory, tmp_path: Path) -> None:
    out = _built(_annual_site(make_site), tmp_path)
    plan = soup(out / "exempel/2024/index.html")
    links = {a.get_text(): a["href"] for a in plan.select("nav.year-documents a")}
    assert links == {"Årsredovisning 2024": "../2024-arsredovisning/index.html"}
    report = soup(out / "exempel/2024-arsredovisning/index.html")
    links = {a.get_text(): a["href"] for a in report.select("nav.year-documents a")}
    assert links == {"Verksamhetsplan och budget 2024": "../2024/index.html"}
    forbund = soup(out / "exempel/index.html").get_text(" ", strip=True)
    assert "Rapporter och årsredovisningar Årsredovisning 2024" in forbund


def test_a_report_may_exist_without_its_plan(make_site: SiteFactory, tmp_path: Path) -> None:
    root = _annual_site(make_site)
    shutil.rmtree(root / PLAN)
    out = _built(root, tmp_path)
    assert (out / "exempel/2024-arsredovisning/ekonomi/index.html").is_file()
    assert not (out / "exempel/2024").exists()
    forbund = soup(out / "exempel/index.html").get_text(" ", strip=True)
    assert "Planer" not in forbund and "Årsredovisning 2024" in forbund
    front = [a["href"] for a in soup(out / "index.html").select(".card h3 a")]
    assert front == ["exempel/2024-arsredovisning/index.html"]  # a year without a plan shows its report


def test_a_proposal_is_never_called_the_decided_document(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site({f"{INTERIM}/delarsrapport.yaml": INTERIM_META, f"{INTERIM}/ekonomi.yaml": ECONOMY})
    (root / "site.yaml").write_text((root / "site.yaml").read_text("utf-8") + "utkast: true\n", "utf-8")
    out = _built(root, tmp_path)
    economy = soup(out / "exempel/2024-delarsrapport/ekonomi/index.html").get_text(" ", strip=True)
    assert "Beloppen står som i förslaget till delårsrapport" in economy
    assert "den beslutade" not in economy
    banner = soup(out / "exempel/2024-delarsrapport/index.html").select_one(".draft-banner").get_text(" ", strip=True)
    assert banner.startswith("Förslag – ej beslutat. Delårsrapporten är inte beslutad")


def test_a_plan_without_a_budget_table_says_so(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site({f"{PLAN}/budget.yaml": None})
    out = _built(root, tmp_path)
    text = soup(out / "exempel/2024/budget/index.html").get_text(" ", strip=True)
    assert "Planen har ingen tabell över budgeten." in text


@pytest.mark.parametrize(
    ("files", "where", "words"),
    [
        ({f"{FORBUND}/2024-bokslut/arsredovisning.yaml": ANNUAL_META}, f"{FORBUND}/2024-bokslut",
         "ska heta som dokumentets år"),
        ({f"{ANNUAL}/plan.yaml": "titel: X\når: 2024\n"}, f"{ANNUAL}/plan.yaml", "är årsredovisningens mapp"),
        ({f"{ANNUAL}/arsredovisning.yaml": ANNUAL_META, f"{ANNUAL}/budget.yaml": ECONOMY}, f"{ANNUAL}/budget.yaml",
         "årsredovisningens ekonomi står i ekonomi.yaml"),
        ({f"{PLAN}/ekonomi.yaml": ECONOMY}, f"{PLAN}/ekonomi.yaml", "planens budget står i budget.yaml"),
        ({f"{ANNUAL}/ekonomi.yaml": ECONOMY}, f"{ANNUAL}/arsredovisning.yaml", "arsredovisning.yaml saknas"),
    ],
)
def test_a_misplaced_document_file_is_named(
    make_site: SiteFactory, files: dict[str, str | bytes | None], where: str, words: str
) -> None:
    result = check(make_site(files))
    found = [d for d in result.diagnostics if d.path == where]
    assert found and words in found[0].message + " " + found[0].hint, [d.format() for d in result.diagnostics]


def test_the_url_table_and_the_document_table_agree() -> None:
    assert {kind: t.suffix for kind, t in DOCUMENT_TYPES.items()} == urls.DOCUMENT_SUFFIX


FOLLOWUP = """
tillfällen:
  - id: helar-2024
    namn: Årsredovisning 2024
    typ: helår
utfall:
  - tillfälle: helar-2024
    mål: fler-i-arbete
    mått: 1
    värde: "64"
    status_i_rapporten: uppfyllt
"""


def test_a_reports_follow_up_is_of_its_years_plan_and_they_link_both_ways(
    make_site: SiteFactory, tmp_path: Path
) -> None:
    out = _built(_annual_site(make_site, **{f"{ANNUAL}/uppfoljning.yaml": FOLLOWUP}), tmp_path)
    followup = soup(out / "exempel/2024-arsredovisning/uppfoljning/index.html")
    heading = followup.select_one("h2#mal-fler-i-arbete a")
    assert heading is not None and heading["href"] == "../../2024/mal/fler-i-arbete/index.html"
    assert "64" in followup.select_one("main table").get_text(" ", strip=True)
    goal = soup(out / "exempel/2024/mal/fler-i-arbete/index.html").select_one("p.followed-in a")
    assert goal is not None and goal["href"] == "../../../2024-arsredovisning/uppfoljning/index.html#mal-fler-i-arbete"


def test_an_outcome_of_an_unknown_goal_names_the_plans_goals(make_site: SiteFactory) -> None:
    followup = FOLLOWUP.replace("mål: fler-i-arbete", "mål: fler-i-jobb")
    result = check(_annual_site(make_site, **{f"{ANNUAL}/uppfoljning.yaml": followup}))
    found = [d for d in result.diagnostics if d.rule == "ref-mål"]
    assert found and "fler-i-arbete" in found[0].hint, [d.format() for d in result.diagnostics]


def test_a_reports_budget_is_the_budget_its_plan_decided(make_site: SiteFactory, tmp_path: Path) -> None:
    economy = ECONOMY.replace("belopp: 5022 | 5022", "belopp: 5100 | 5022", 1)
    economy = economy.replace("rubrik: Summa intäkter\n          belopp: 5022 | 5022",
                              "rubrik: Summa intäkter\n          belopp: 5100 | 5022")
    result = check(_annual_site(make_site, **{f"{ANNUAL}/ekonomi.yaml": economy}))
    found = [d for d in result.diagnostics if d.rule == "utfall-mot-budget"]
    assert len(found) == 1, [d.format() for d in result.diagnostics]
    assert found[0].path == f"{ANNUAL}/ekonomi.yaml" and found[0].line == 5  # the budget column
    message = found[0].message.replace("\xa0", " ")
    assert "5 100 000 kr" in message and "5 022 000 kr" in message
    assert "intäkterna" in found[0].message


def test_without_its_years_plan_the_budget_cannot_be_tested(make_site: SiteFactory, tmp_path: Path) -> None:
    root = _annual_site(make_site)
    shutil.rmtree(root / PLAN)
    out = _built(root, tmp_path)
    review = soup(out / "exempel/2024-arsredovisning/granskning/index.html").get_text(" ", strip=True)
    assert "Budgeten i årets verksamhetsplan" in review and "? Kan inte prövas" in review
    assert "Förbundet har ingen plan för 2024 att jämföra budgeten med." in review
    assert "Tre år" not in review and "Beslut i tid" not in review  # rules of a plan only


def test_new_annual_report_is_made_from_the_years_plan(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site()
    made = run_cli("new", "arsredovisning", "exempel", "2024", "--site", root)
    assert made.returncode == 0, made.stdout + made.stderr
    folder = root / ANNUAL
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        "arsredovisning.yaml", "avsnitt/01-forvaltningsberattelse.md", "ekonomi.yaml", "uppfoljning.yaml",
    ]
    result = check(root)
    assert not result.failed(), [d.format() for d in result.diagnostics]
    todo = [d for d in result.diagnostics if d.rule == "att-göra"]
    assert todo and all(d.path.startswith(ANNUAL) for d in todo)
    economy = result.site.forbund[0].documents[1]
    assert economy.kind == "årsredovisning" and economy.budget is not None
    table = economy.budget.model.tables[0]
    assert [(c.kind, c.year) for c in table.columns] == [("budget", 2024), ("utfall", 2024)]
    assert table.rows[0].rows[0].amounts == [Decimal("1255.5"), None]  # the plan's budget as printed, no outcome
    again = run_cli("new", "arsredovisning", "exempel", "2024", "--site", root)
    assert again.returncode == 1 and "finns redan" in again.stdout + again.stderr
    out = tmp_path / "out"
    assert run_cli("build", "--site", root, "--out", out).returncode == 0
    assert (out / "exempel/2024-arsredovisning/ekonomi/index.html").is_file()


def test_new_report_without_a_plan_has_its_own_facts_only(make_site: SiteFactory) -> None:
    root = make_site()
    made = run_cli("new", "rapport", "exempel", "2023", "--site", root)
    assert made.returncode == 0, made.stdout + made.stderr
    folder = root / f"{FORBUND}/2023-rapport"
    assert sorted(p.name for p in folder.rglob("*") if p.is_file()) == ["01-inledning.md", "rapport.yaml"]
    assert not check(root).failed()


def test_a_reports_data_files_are_listed_with_the_plans(make_site: SiteFactory, tmp_path: Path) -> None:
    out = _built(_annual_site(make_site), tmp_path)
    index = json.loads((out / "data/index.json").read_text("utf-8"))
    report = index["förbund"][0]["rapporter"][0]
    assert report["slag"] == "årsredovisning" and report["år"] == 2024
    csv = "exempel/2024-arsredovisning/data/exempel-2024-arsredovisning-ekonomi.csv"
    assert report["filer"]["budget_csv"].endswith(csv) and (out / csv).is_file()
    assert report["nyckeltal"]["kolumn"] == "Utfall 2024" and report["nyckeltal"]["kostnader_kr"] == 4760000
    data = soup(out / "data/index.html").get_text(" ", strip=True)
    assert "Exempel, årsredovisning 2024" in data and "Ekonomi 2024 (CSV)" in data


BALANCE = """
  - rubrik: Balansräkning 2024-12-31
    enhet: tkr
    kolumner:
      - {rubrik: 2024-12-31, typ: utfall, år: 2024}
    rader:
      - post: Kassa och bank
        kategori: tillgångar
        belopp: 1 225
      - post: Eget kapital
        kategori: eget kapital
        belopp: 902
      - post: Kortfristiga skulder
        kategori: skulder
        belopp: {debts}
"""


@pytest.mark.parametrize(("debts", "found"), [("323", 0), ("320", 1)])
def test_a_balance_sheet_balances(make_site: SiteFactory, debts: str, found: int) -> None:
    economy = ECONOMY + textwrap.dedent(BALANCE).replace("{debts}", debts).replace("\n", "\n  ")
    result = check(_annual_site(make_site, **{f"{ANNUAL}/ekonomi.yaml": economy.rstrip() + "\n"}))
    problems = [d for d in result.diagnostics if d.rule == "balansräkning"]
    assert len(problems) == found, [d.format() for d in result.diagnostics]
    assert not [d for d in result.diagnostics if d.rule.startswith("schema")]
    if found:
        assert "1\xa0225\xa0tkr" in problems[0].message and "1\xa0222\xa0tkr" in problems[0].message


def test_a_board_member_without_a_role_and_an_occasion_without_a_kind(make_site: SiteFactory, tmp_path: Path) -> None:
    meta = ANNUAL_META.replace("styrelse_antal: 6\n", "styrelse:\n  - namn: Anna Andersson\n    roll: ej angivet\n")
    followup = FOLLOWUP.replace("    typ: helår\n", "")
    out = _built(_annual_site(make_site, **{f"{ANNUAL}/arsredovisning.yaml": meta,
                                            f"{ANNUAL}/uppfoljning.yaml": followup}), tmp_path)
    board = soup(out / "exempel/2024-arsredovisning/index.html").select_one("#styrelse").find_next("tbody")
    assert board.get_text(" ", strip=True) == "Anna Andersson Uppgift saknas i årsredovisningen"


def test_a_reports_follow_up_without_a_plan_to_follow_is_one_error(make_site: SiteFactory) -> None:
    root = _annual_site(make_site, **{f"{ANNUAL}/uppfoljning.yaml": FOLLOWUP + FOLLOWUP.split("utfall:\n")[1]})
    shutil.rmtree(root / PLAN)
    found = [d for d in check(root).diagnostics if d.rule == "ref-mål"]
    assert len(found) == 1, [d.format() for d in found]  # two outcomes, one cause
    assert "årsredovisningen har inga egna och förbundet har ingen plan för 2024" in found[0].message
    assert "`år:` i arsredovisning.yaml" in found[0].hint


def test_a_reports_budget_in_mnkr_is_compared_at_its_own_precision(make_site: SiteFactory) -> None:
    economy = ECONOMY.replace("enhet: tkr", "enhet: mnkr").replace("5022 | 5022", "5,0 | 5,0")
    economy = economy.replace("-785 | -760", "-0,8 | -0,8").replace("-4237 | -4000", "-4,2 | -4,0")
    economy = economy.replace("-5022 | -4760", "-5,0 | -4,8").replace("belopp: 0 | 262", "belopp: 0 | 0,2")
    result = check(_annual_site(make_site, **{f"{ANNUAL}/ekonomi.yaml": economy}))
    found = [d.format() for d in result.diagnostics if d.rule == "utfall-mot-budget"]
    assert found == []  # 5,0 mnkr is the plan's 5 022 tkr, rounded as printed
    planned = ECONOMY.replace("enhet: tkr", "enhet: mnkr").replace("5022 | 5022", "5,6 | 5,6")
    found = [d for d in check(_annual_site(make_site, **{f"{ANNUAL}/ekonomi.yaml": planned})).diagnostics
             if d.rule == "utfall-mot-budget"]
    assert found and "intäkterna" in found[0].message  # 5,6 mnkr is not the plan's 5 022 tkr
