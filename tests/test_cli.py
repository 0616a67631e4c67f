"""The CLI as a subprocess: exit codes, messages and the untouched output."""

import json
from pathlib import Path

from conftest import PLAN, SiteFactory, run_cli, snapshot


def test_check_ok_exits_0(make_site: SiteFactory) -> None:
    result = run_cli("check", "--site", make_site())
    assert result.returncode == 0, result.stderr
    assert "inga fel" in result.stderr


def test_usage_error_exits_2(make_site: SiteFactory) -> None:
    assert run_cli("check", "--format", "xml", "--site", make_site()).returncode == 2
    assert run_cli("bygg").returncode == 2


def test_check_reports_located_swedish_errors_and_exits_1(make_site: SiteFactory) -> None:
    root = make_site({f"{PLAN}/plan.yaml": "titel: P\når: 2024\nbeslutad: 30 nov\n"})
    result = run_cli("check", "--site", root)
    assert result.returncode == 1
    assert f"{PLAN}/plan.yaml:3:11: fel [schema-värde] `beslutad`: `30 nov` är inte ett datum" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_runs_from_the_site_root(make_site: SiteFactory) -> None:
    assert run_cli("check", cwd=make_site()).returncode == 0


def test_check_json(make_site: SiteFactory) -> None:
    root = make_site({f"{PLAN}/plan.yaml": "titel: P\når: 2024\nfärg: röd\n"})
    result = run_cli("check", "--format", "json", "--site", root)
    assert result.returncode == 1
    [problem] = json.loads(result.stdout)
    assert problem == {
        "path": f"{PLAN}/plan.yaml",
        "line": 3,
        "column": 1,
        "severity": "fel",
        "rule": "schema-okänt-fält",
        "message": "Okänt fält `färg`.",
        "hint": "menade du `år`?",
    }


def test_strict_makes_warnings_fail(make_site: SiteFactory) -> None:
    root = make_site({"content/exempel/LÄSMIG.txt": "anteckning"})
    assert run_cli("check", "--site", root).returncode == 0
    assert run_cli("check", "--strict", "--site", root).returncode == 1


def test_build_writes_output(make_site: SiteFactory) -> None:
    root = make_site()
    result = run_cli("build", "--site", root)
    assert result.returncode == 0, result.stderr
    assert (root / "output/index.html").is_file()
    assert "Skrev 13 sidor" in result.stderr


def test_failed_build_leaves_previous_output_untouched(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site()
    out = tmp_path / "out"
    assert run_cli("build", "--site", root, "--out", out).returncode == 0
    before = snapshot(out)
    (root / PLAN / "budget.yaml").write_text("tabeller: [\n", "utf-8")
    result = run_cli("build", "--site", root, "--out", out)
    assert result.returncode == 1
    assert f"{PLAN}/budget.yaml:2:1: fel [yaml-syntax]" in result.stderr
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]


def test_build_refuses_to_overwrite_a_foreign_folder(make_site: SiteFactory, tmp_path: Path) -> None:
    out = tmp_path / "hemsida"
    out.mkdir()
    (out / "index.html").write_text("förbundets egen startsida", "utf-8")
    result = run_cli("build", "--site", make_site(), "--out", out)
    assert result.returncode == 1
    assert "skapades inte av finsam-site" in result.stderr
    assert (out / "index.html").read_text("utf-8") == "förbundets egen startsida"
