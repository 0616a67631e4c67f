"""finsam-site publish: the destination follows output/ through a first publish, a change and a removal."""

from __future__ import annotations

from pathlib import Path

from conftest import PLAN, SiteFactory, run_cli, snapshot

from finsam_site.publish import INDEX_ENTRY, POINTING, plan

EXTRA_INSATS = """
---
namn: Extra stöd
typ: strukturinriktad
parter: [forsakringskassan, exempel-kommun]
syfte: Ett stöd som tas bort ur planen.
---
"""


def _build(root: Path) -> Path:
    result = run_cli("build", "--site", root)
    assert result.returncode == 0, result.stderr
    return root / "output"


def test_publish_follows_the_built_site_through_a_change_and_a_removal(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site({f"{PLAN}/insatser/02-extra.md": EXTRA_INSATS})
    dest = tmp_path / "webb" / "planer"
    output = _build(root)

    first = run_cli("publish", dest, "--site", root)
    assert first.returncode == 0, first.stderr
    assert snapshot(dest) == snapshot(output)
    assert f"Publicerade {output} till {dest}: {len(snapshot(output))} nya, 0 ändrade, 0 borttagna" in first.stderr
    style = dest / "assets/style.css"
    style_stamp = style.stat().st_mtime_ns

    vidare = root / PLAN / "insatser/01-vidare-vy.md"
    vidare.write_text(vidare.read_text("utf-8").replace("uppbär sjukpenning", "har sjukpenning"), "utf-8")
    output = _build(root)
    again = run_cli("publish", dest, "--site", root, "-v")
    assert again.returncode == 0, again.stderr
    assert snapshot(dest) == snapshot(output)
    assert "ändrad: exempel/2024/insatser/vidare-vy/index.html" in again.stderr
    assert "ändrad: exempel/2024/data/exempel-2024-mal-och-insatser.json" in again.stderr
    assert "ny: pagefind/fragment/" in again.stderr and "borttagen: pagefind/fragment/" in again.stderr  # re-indexed
    assert style.stat().st_mtime_ns == style_stamp  # unchanged files are not rewritten

    (root / PLAN / "insatser/02-extra.md").unlink()
    output = _build(root)
    removed = run_cli("publish", dest, "--site", root, "-v")
    assert removed.returncode == 0, removed.stderr
    assert snapshot(dest) == snapshot(output)
    assert "borttagen: exempel/2024/insatser/extra/index.html" in removed.stderr
    assert not (dest / "exempel/2024/insatser/extra").exists()  # the empty folder went too
    assert not list(dest.rglob(".finsam-ny-*"))


def test_new_files_arrive_before_the_pages_that_point_at_them(make_site: SiteFactory, tmp_path: Path) -> None:
    output = _build(make_site())
    work = plan(output, tmp_path / "tom")
    order = work.copies
    pointing = [i for i, path in enumerate(order) if path.endswith(POINTING)]
    others = [i for i, path in enumerate(order) if not path.endswith(POINTING) and path != INDEX_ENTRY]
    assert pointing and others and max(others) < order.index(INDEX_ENTRY) < min(pointing)


def test_dry_run_changes_nothing(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site()
    _build(root)
    dest = tmp_path / "webb"
    result = run_cli("publish", dest, "--dry-run", "--site", root)
    assert result.returncode == 0, result.stderr
    assert "Skulle publicera" in result.stderr
    assert not dest.exists()


def test_publish_refuses_a_foreign_folder_and_a_missing_build(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site()
    missing = run_cli("publish", tmp_path / "webb", "--site", root)
    assert missing.returncode == 1
    assert "Hittar ingen byggd webbplats" in missing.stderr and "finsam-site build" in missing.stderr
    _build(root)
    foreign = tmp_path / "hemsida"
    foreign.mkdir()
    (foreign / "index.html").write_text("förbundets egen startsida", "utf-8")
    refused = run_cli("publish", foreign, "--site", root)
    assert refused.returncode == 1
    assert "skapades inte av finsam-site" in refused.stderr and "Traceback" not in refused.stderr
    assert [p.name for p in foreign.iterdir()] == ["index.html"]
