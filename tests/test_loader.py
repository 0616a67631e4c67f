"""Loading real files: encodings, missing files, symlinks, references."""

from pathlib import Path

import pytest
from conftest import PLAN, SiteFactory

from finsam_site.build import check


def _found(root: Path) -> list[tuple[str, int, str]]:
    return [(d.path, d.line, d.rule) for d in check(root).diagnostics]


def test_minimal_fixture_is_clean(make_site: SiteFactory) -> None:
    assert check(make_site()).diagnostics == []


def test_windows_1252_file_is_a_located_error(make_site: SiteFactory) -> None:
    text = "titel: Plan\når: 2024\nvision: Människor i arbete\n"
    root = make_site({f"{PLAN}/plan.yaml": text.encode("cp1252")})
    result = check(root)
    diag = next(d for d in result.diagnostics if d.rule == "teckenkodning")
    assert (diag.path, diag.line, diag.column) == (f"{PLAN}/plan.yaml", 2, 1)
    assert "Windows-1252" in diag.message and "UTF-8" in diag.hint


def test_bom_is_tolerated(make_site: SiteFactory) -> None:
    original = (make_site() / PLAN / "plan.yaml").read_bytes()
    root = make_site({f"{PLAN}/plan.yaml": b"\xef\xbb\xbf" + original}, name="bom")
    assert check(root).diagnostics == []


def test_missing_required_files(make_site: SiteFactory) -> None:
    root = make_site({f"{PLAN}/budget.yaml": None, "content/exempel/forbund.yaml": None})
    assert ("content/exempel/forbund.yaml", 0, "fil") in _found(root)


def test_a_plan_may_have_no_budget_table(make_site: SiteFactory) -> None:
    root = make_site({f"{PLAN}/budget.yaml": None})
    assert _found(root) == []


@pytest.mark.parametrize(
    "rel",
    [
        "site.yaml",
        "content/exempel/forbund.yaml",
        f"{PLAN}/plan.yaml",
        f"{PLAN}/budget.yaml",
        f"{PLAN}/kvitteringar.yaml",
        f"{PLAN}/uppfoljning.yaml",
    ],
)
def test_a_folder_by_a_file_name_is_reported_as_a_folder_not_as_missing(make_site: SiteFactory, rel: str) -> None:
    root = make_site()
    (root / rel).unlink(missing_ok=True)
    (root / rel).mkdir()
    (root / rel / "budget.yaml").write_text("titel: en fil i mappen\n", "utf-8")  # a folder with something in it
    diagnostics = check(root).diagnostics
    assert [(d.path, d.line, d.severity, d.rule) for d in diagnostics] == [(rel, 0, "fel", "fil")]
    name = rel.rsplit("/", 1)[-1]
    assert diagnostics[0].message == f"`{name}` är en mapp, inte en fil."
    assert diagnostics[0].hint == "Ta bort mappen och skapa en fil med samma namn."


def test_symlink_out_of_the_site_is_refused(make_site: SiteFactory, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("rubrik: hemligt\nkolumner: [a]\nrader: []\n", "utf-8")
    root = make_site()
    (root / PLAN / "tabeller" / "malkarta.yaml").unlink()
    (root / PLAN / "tabeller" / "malkarta.yaml").symlink_to(secret)
    assert (f"{PLAN}/tabeller/malkarta.yaml", 0, "fil") in _found(root)


def test_bad_file_name_cannot_become_a_url(make_site: SiteFactory) -> None:
    root = make_site({f"{PLAN}/mal/02-Mål Två.md": "---\nrubrik: x\ntyp: aktivitetsmål\n---\n"})
    assert (f"{PLAN}/mal/02-Mål Två.md", 0, "id") in _found(root)


def test_all_problems_are_reported_at_once_sorted(make_site: SiteFactory) -> None:
    root = make_site(
        {
            f"{PLAN}/plan.yaml": "titel: P\når: 2024\nokänd: 1\n",
            f"{PLAN}/insatser/01-vidare-vy.md": "---\nnamn: V\ntyp: individ\nparter: [fk]\n---\n",
        }
    )
    found = _found(root)
    assert found == [
        (f"{PLAN}/insatser/01-vidare-vy.md", 3, "schema-värde"),
        (f"{PLAN}/plan.yaml", 3, "schema-okänt-fält"),
    ]


def test_references_must_exist(make_site: SiteFactory) -> None:
    insats = (make_site() / PLAN / "insatser/01-vidare-vy.md").read_text("utf-8")
    insats = insats.replace("[forsakringskassan, exempel-kommun", "[forsakringskasan, polisen")
    insats = insats.replace("mål: [fler-i-arbete]", "mål: [fler-i-arbetet]")
    result = check(make_site({f"{PLAN}/insatser/01-vidare-vy.md": insats}, name="refs"))
    messages = {(d.line, d.message, d.hint) for d in result.diagnostics}
    assert (4, "Parten `forsakringskasan` finns inte.", "menade du `forsakringskassan`?") in messages
    assert any(m[1] == "Parten `polisen` finns inte." for m in messages)
    assert (13, "Målet `fler-i-arbetet` finns inte.", "menade du `fler-i-arbete`?") in messages


def test_budget_row_width_and_unknown_without_note(make_site: SiteFactory) -> None:
    budget = (make_site() / PLAN / "budget.yaml").read_text("utf-8")
    budget = budget.replace("belopp: -785 | -790", "belopp: -785 | okänt", 1).replace(
        "belopp: 2511 | 2511", "belopp: 2511"
    )
    result = check(make_site({f"{PLAN}/budget.yaml": budget}, name="w"))
    rules = sorted((d.line, d.rule) for d in result.diagnostics if d.rule in ("budget-bredd", "okänt-utan-anm"))
    assert rules == [(19, "budget-bredd"), (30, "okänt-utan-anm")]


def test_plan_year_must_match_folder(make_site: SiteFactory) -> None:
    plan = (make_site() / PLAN / "plan.yaml").read_text("utf-8").replace("år: 2024", "år: 2025")
    result = check(make_site({f"{PLAN}/plan.yaml": plan}, name="y"))
    assert [(d.line, d.rule) for d in result.diagnostics if d.rule == "plan-år"] == [(2, "plan-år")]
