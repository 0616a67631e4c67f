"""`finsam-site new forbund` and `new plan`, run as an author would, then checked and built."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import PLAN, SiteFactory, run_cli, snapshot, soup

TODO = re.compile(r"^(\S+):(\d+):(\d+): varning \[att-göra\] Kvar att göra: (.+)$", re.M)


def todos(stderr: str) -> list[tuple[str, str]]:
    """(file, text) of every ATT GÖRA that `check` lists."""
    return [(m[1], m[4]) for m in TODO.finditer(stderr)]


def test_new_forbund_in_an_empty_folder_passes_check_and_builds(tmp_path: Path) -> None:
    root = tmp_path / "webbplats"
    root.mkdir()
    made = run_cli("new", "forbund", "ornskoldsvik", "--namn", "Samordningsförbundet i Örnsköldsvik", "--år", "2025",
                   "--site", root)
    assert made.returncode == 0, made.stderr
    assert "Skapade 9 filer i content/ornskoldsvik och site.yaml." in made.stderr
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert files == [
        "content/ornskoldsvik/2025/avsnitt/01-inledning.md",
        "content/ornskoldsvik/2025/budget.yaml",
        "content/ornskoldsvik/2025/insatser/01-exempelinsats.md",
        "content/ornskoldsvik/2025/kvitteringar.yaml",
        "content/ornskoldsvik/2025/mal/01-fler-i-arbete.md",
        "content/ornskoldsvik/2025/plan.yaml",
        "content/ornskoldsvik/2025/tabeller/arshjul.yaml",
        "content/ornskoldsvik/forbund.yaml",
        "site.yaml",
    ]
    assert "namn: Samordningsförbundet i Örnsköldsvik" in (root / "content/ornskoldsvik/forbund.yaml").read_text()
    assert "kortnamn: Örnsköldsvik" in (root / "content/ornskoldsvik/forbund.yaml").read_text()

    checked = run_cli("check", "--site", root)
    assert checked.returncode == 0, checked.stderr
    assert "Kontrollen är klar: inga fel, 9 varningar." in checked.stderr
    listed = todos(checked.stderr)
    assert len(listed) == 9
    decided = "när styrelsen har beslutat planen: ändra status till beslutad och skriv in beslutad: ÅÅÅÅ-MM-DD"
    assert ("content/ornskoldsvik/2025/plan.yaml", decided) in listed
    assert run_cli("check", "--strict", "--site", root).returncode == 1  # not publishable until done

    built = run_cli("build", "--site", root)
    assert built.returncode == 0, built.stderr
    page = soup(root / "output/ornskoldsvik/2025/index.html")
    assert page.html is not None and page.html["lang"] == "sv"
    assert "Verksamhetsplan 2025, budget 2025 och plan 2026–2027" in page.get_text()


def test_new_forbund_keeps_an_existing_site_and_never_overwrites(make_site: SiteFactory) -> None:
    root = make_site()
    before = snapshot(root)
    made = run_cli("new", "forbund", "nytt", "--namn", "Samordningsförbundet Nytt", "--år", "2025", "--site", root)
    assert made.returncode == 0, made.stderr
    after = snapshot(root)
    assert {k: v for k, v in after.items() if not k.startswith("content/nytt/")} == before
    assert run_cli("check", "--site", root).returncode == 0

    again = run_cli("new", "forbund", "nytt", "--namn", "Något annat", "--site", root)
    assert again.returncode == 1
    assert "Förbundet `nytt` finns redan" in again.stderr and "skriver aldrig över" in again.stderr
    assert snapshot(root) == after
    assert "Traceback" not in again.stderr

    bad = run_cli("new", "forbund", "Nytt Förbund", "--namn", "X", "--site", root)
    assert bad.returncode == 1 and "kan inte bli en webbadress" in bad.stderr
    assert snapshot(root) == after


def test_new_plan_shifts_the_years_and_passes_check(make_site: SiteFactory) -> None:
    root = make_site()
    made = run_cli("new", "plan", "exempel", "2025", "--site", root)
    assert made.returncode == 0, made.stderr
    new = root / "content/exempel/2025"
    plan = (new / "plan.yaml").read_text("utf-8")
    assert (
        "titel: Verksamhetsplan 2025, budget 2025 och plan 2026–2027\n"
        "# ATT GÖRA: när styrelsen har beslutat planen: ändra status till beslutad och skriv in beslutad: ÅÅÅÅ-MM-DD\n"
        "status: utkast\når: 2025\nplanår: [2026, 2027]\n"
    ) in plan
    assert "beslutad:" not in plan.replace("och skriv in beslutad:", "")
    assert "Att godkänna verksamhetsplan och budget 2025." in plan

    budget = (new / "budget.yaml").read_text("utf-8")
    columns = re.findall(r"- rubrik: (.+)\n\s+typ: (.+)\n\s+år: (\d+)", budget)
    assert columns == [("Budget 2024", "budget", "2024"), ("Budget 2025", "budget", "2025"),
                       ("Plan 2026", "plan", "2026"), ("Plan 2027", "plan", "2027")]
    assert "belopp: 1 255,5 | 1 255,5 | |" in budget  # last year's budget, Plan 2025 as the new budget, two to fill in
    assert "- rubrik: Budget 2025, plan 2026–2027" in budget
    insats = (new / "insatser/01-vidare-vy.md").read_text("utf-8")
    assert "  2024: 595 000 kronor\n" in insats and "  2025: 595 000 kronor\n" in insats
    assert insats.endswith("---\nInsatsen pågår i två år.\n")
    assert (new / "mal/01-fler-i-arbete.md").read_text("utf-8").endswith("---\nMålet gäller hela planperioden.\n")

    checked = run_cli("check", "--site", root)
    assert checked.returncode == 0, checked.stderr
    assert " fel " not in checked.stderr
    assert {path for path, _ in todos(checked.stderr)} == {
        f"content/exempel/2025/{name}"
        for name in ("plan.yaml", "budget.yaml", "insatser/01-vidare-vy.md", "mal/01-fler-i-arbete.md",
                     "avsnitt/01-inledning.md", "tabeller/malkarta.yaml")
    }
    empty = "fyll i beloppen för Plan 2027 i varje rad (kolumnen är tom)."
    assert ("content/exempel/2025/budget.yaml", empty) in todos(checked.stderr)

    built = run_cli("build", "--site", root)
    assert built.returncode == 0, built.stderr
    page = soup(root / "output/exempel/2025/budget/index.html")
    headers = [th.get_text(" ", strip=True).replace("\u00a0", " ") for th in page.select("table thead th")]
    assert "Budget 2025" in headers and "Plan 2027" in headers


def test_new_plan_leaves_ended_insatser_behind_and_marks_acknowledgements(make_site: SiteFactory) -> None:
    insats = (Path(__file__).parent / "fixtures/minimal" / PLAN / "insatser/01-vidare-vy.md").read_text("utf-8")
    root = make_site({
        f"{PLAN}/insatser/01-vidare-vy.md": insats.replace("slut: 2025-12-31", "slut: 2024-12-31"),
        f"{PLAN}/kvitteringar.yaml": "kvitteringar:\n  - regel: tre-år\n    förklaring: Planen omfattar två år.\n",
    })
    made = run_cli("new", "plan", "exempel", "2025", "--site", root)
    assert made.returncode == 0, made.stderr
    assert "Fördes inte över: Insatsen Vidare Vy (01-vidare-vy.md) avslutades före 2025." in made.stderr
    assert not (root / "content/exempel/2025/insatser").exists()
    acks = (root / "content/exempel/2025/kvitteringar.yaml").read_text("utf-8")
    assert acks.startswith("# ATT GÖRA: kvitteringarna är från planen för 2024; behåll bara dem som gäller också 2025.")
    budget = (root / "content/exempel/2025/budget.yaml").read_text("utf-8")
    assert "insats: vidare-vy" not in budget
    assert "# ATT GÖRA: insatsen `vidare-vy` avslutades före 2025" in budget
    checked = run_cli("check", "--site", root)
    assert checked.returncode == 0, checked.stderr
    assert "content/exempel/2025/kvitteringar.yaml:1:3: varning [att-göra]" in checked.stderr
    assert "content/exempel/2025/kvitteringar.yaml:3:5: varning [kvittering-oanvänd]" in checked.stderr


def test_new_plan_never_overwrites_and_explains_user_errors(make_site: SiteFactory) -> None:
    root = make_site()
    before = snapshot(root)
    existing = run_cli("new", "plan", "exempel", "2024", "--site", root)
    assert existing.returncode == 1 and "Planen för 2024 finns redan" in existing.stderr
    earlier = run_cli("new", "plan", "exempel", "2023", "--site", root)
    assert earlier.returncode == 1 and "ingen plan före 2023" in earlier.stderr
    unknown = run_cli("new", "plan", "okant", "2025", "--site", root)
    assert unknown.returncode == 1 and "Förbundet `okant` finns inte" in unknown.stderr
    year = run_cli("new", "plan", "exempel", "nästa", "--site", root)
    assert year.returncode == 1 and "`nästa` är inte ett årtal" in year.stderr
    for result in (existing, earlier, unknown, year):
        assert "Traceback" not in result.stderr
    assert snapshot(root) == before


def test_att_gora_marks_only_the_capitals(make_site: SiteFactory) -> None:
    root = make_site({f"{PLAN}/avsnitt/02-mer.md": "---\nrubrik: Mer\n---\nDet finns mycket att göra.\n\nATT GÖRA\n"})
    checked = run_cli("check", "--site", root)
    assert checked.returncode == 0
    assert f"{PLAN}/avsnitt/02-mer.md:6:1: varning [att-göra] Här finns något kvar att göra." in checked.stderr
    assert checked.stderr.count("[att-göra]") == 1
