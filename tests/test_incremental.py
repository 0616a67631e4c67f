"""A preview's rebuilds (one preview.session.Session, told which files changed, as serve does) write exactly the
site a fresh build writes, after every kind of edit, while reading and rendering only what the edit touched."""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, snapshot

from finsam_site.build import build
from finsam_site.preview.session import Session

sys.path.insert(0, str(REPO / "benchmarks"))

from generate import generate

Edit = Callable[[Path], list[Path]]


def _replace(path: Path, old: str, new: str) -> list[Path]:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")
    return [path]


def _plan(site: Path, index: int = 0) -> Path:
    return sorted((site / "content").glob("*/[0-9][0-9][0-9][0-9]"))[index]


def _report(site: Path) -> Path:
    return _plan(site).with_name(f"{_plan(site).name}-arsredovisning")


def _insats(site: Path) -> Path:
    return sorted((_plan(site) / "insatser").glob("*.md"))[0]


def insats_text(site: Path) -> list[Path]:
    return _replace(_insats(site), "syfte: |\n", "syfte: |\n  En ny första mening.\n")


def insats_name(site: Path) -> list[Path]:
    return _replace(_insats(site), "namn: ", "namn: Nya ")


def budget_amount(site: Path) -> list[Path]:
    return _replace(_plan(site, 1) / "budget.yaml", "belopp: ", "belopp: 1")  # the sums no longer agree


def budget_back(site: Path) -> list[Path]:
    return _replace(_plan(site, 1) / "budget.yaml", "belopp: 1", "belopp: ")


def goal_added(site: Path) -> list[Path]:
    folder = _plan(site) / "mal"
    source = sorted(folder.glob("*.md"))[-1]
    target = folder / "99-nytt-mal.md"
    shutil.copy(source, target)
    return [target]


def goal_removed(site: Path) -> list[Path]:
    path = _plan(site) / "mal" / "99-nytt-mal.md"
    path.unlink()
    return [path]


def forbund_renamed(site: Path) -> list[Path]:
    info = sorted((site / "content").glob("*/forbund.yaml"))[-1]
    return _replace(info, "namn: Samordningsförbundet ", "namn: Finsamförbundet ")


def plan_removed(site: Path) -> list[Path]:
    plan = _plan(site, 1)
    shutil.rmtree(plan)
    return [plan / "plan.yaml"]


def report_added(site: Path) -> list[Path]:
    """An årsredovisning of the first plan's year, whose follow-up is of the plan's first goal."""
    plan, report = _plan(site), _report(site)
    report.mkdir()
    goal = sorted((plan / "mal").glob("*.md"))[0].stem.split("-", 1)[1]
    files = {
        "arsredovisning.yaml": f"titel: Årsredovisning {plan.name}\når: {plan.name}\n",
        "ekonomi.yaml": (plan / "budget.yaml").read_text("utf-8"),
        "uppfoljning.yaml": f"tillfällen:\n  - {{id: helar, namn: Årsredovisning, typ: helår}}\nutfall:\n"
                            f"  - {{tillfälle: helar, mål: {goal}, mått: 1, värde: 91 %}}\n",
    }
    for name, text in files.items():
        (report / name).write_text(text, "utf-8")
    return [report / name for name in files]


def report_outcome(site: Path) -> list[Path]:
    return _replace(_report(site) / "uppfoljning.yaml", "värde: 91 %", "värde: 40 %")


def report_removed(site: Path) -> list[Path]:
    report = _report(site)
    shutil.rmtree(report)
    return [report / "arsredovisning.yaml"]


def site_title(site: Path) -> list[Path]:
    return _replace(site / "site.yaml", "titel: ", "titel: Alla ")


def template_added(site: Path) -> list[Path]:
    target = site / "templates" / "parties.html"
    target.parent.mkdir(exist_ok=True)
    shutil.copy(REPO / "templates" / "parties.html", target)
    return _replace(target, "<h1>Parter</h1>", "<h1>Förbundens parter</h1>")


EDITS: list[Edit] = [
    insats_text, insats_name, budget_amount, budget_back, goal_added, goal_removed, report_added, report_outcome,
    insats_name, report_removed, forbund_renamed, plan_removed, site_title, template_added,
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    generate(site, forbund=2, years=2, seed=5)
    with (site / "site.yaml").open("a", encoding="utf-8") as file:
        file.write("sök: false\n")
    return site


@pytest.mark.parametrize("told", [True, False], ids=["told-what-changed", "finds-the-changes"])
def test_every_rebuild_writes_what_a_fresh_build_writes(corpus: Path, tmp_path: Path, told: bool) -> None:
    session, preview = Session(), tmp_path / "preview"
    assert build(corpus, preview, memory=session).written
    for number, edit in enumerate(EDITS):
        changed = edit(corpus)
        if told:
            session.notice(changed)
        result = build(corpus, preview, memory=session)
        fresh = build(corpus, tmp_path / f"fresh-{number}")
        assert result.written == fresh.written, edit.__name__
        assert [d.format() for d in result.diagnostics] == [d.format() for d in fresh.diagnostics], edit.__name__
        if fresh.written:
            assert snapshot(preview) == snapshot(tmp_path / f"fresh-{number}"), edit.__name__
        else:
            assert edit is budget_amount  # the one edit that breaks the plan; the preview keeps the last site
            assert snapshot(preview) == snapshot(tmp_path / f"fresh-{number - 1}")


def test_an_edited_insats_reads_one_file_and_renders_only_its_plan(corpus: Path, tmp_path: Path) -> None:
    session, preview = Session(), tmp_path / "preview"
    first = build(corpus, preview, memory=session)
    total = first.stats.pages
    session.notice(insats_text(corpus))
    result = build(corpus, preview, memory=session)
    assert result.written
    stats = result.stats
    assert stats.parsed == [_insats(corpus).relative_to(corpus).as_posix()]
    plan_pages = len(list((preview / _plan(corpus).relative_to(corpus / "content")).rglob("*.html")))
    assert stats.rendered == plan_pages and stats.pages == total == first.pages  # nothing outside the plan
    session.notice(insats_name(corpus))  # a new name shows on the party pages too
    result = build(corpus, preview, memory=session)
    assert result.written
    assert plan_pages < result.stats.rendered < total


def test_a_preview_does_not_write_into_a_folder_it_did_not_make_last(corpus: Path, tmp_path: Path) -> None:
    session = Session()
    assert build(corpus, tmp_path / "a", memory=session).written
    session.notice(insats_text(corpus))
    assert build(corpus, tmp_path / "b", memory=session).written  # another folder: written whole
    assert snapshot(tmp_path / "b") == snapshot(build_fresh(corpus, tmp_path / "c"))


def build_fresh(site: Path, out: Path) -> Path:
    assert build(site, out).written
    return out


def test_without_being_told_what_changed_a_rebuild_finds_it(corpus: Path, tmp_path: Path) -> None:
    session, preview = Session(), tmp_path / "preview"
    assert build(corpus, preview, memory=session).written
    again = build(corpus, preview, memory=session)
    assert again.written
    assert again.stats.parsed == [] and again.stats.rendered == 0  # nothing changed, nothing made
    insats_text(corpus)
    result = build(corpus, preview, memory=session)
    assert result.written
    plan_pages = len(list((preview / _plan(corpus).relative_to(corpus / "content")).rglob("*.html")))
    assert len(result.stats.parsed) == 1 and result.stats.rendered == plan_pages


def test_a_preview_checks_party_names_across_every_forbund(corpus: Path, tmp_path: Path) -> None:
    """A member renamed so that it would share another förbund's party page: the error is at the other förbund,
    which the preview does not read again, and the preview reports it as a fresh build does."""
    session = Session()
    assert build(corpus, tmp_path / "preview", memory=session).written
    first, *_, last = sorted((corpus / "content").glob("*/forbund.yaml"))
    match = re.search(r"namn: (Region .+)", last.read_text("utf-8"))
    assert match is not None
    text = first.read_text("utf-8")
    first.write_text(re.sub(r"namn: Region .+", f"namn: {match.group(1)}!", text, count=1), "utf-8")
    session.notice([first])
    result = build(corpus, tmp_path / "preview", memory=session)
    fresh = build(corpus, tmp_path / "fresh")
    clash = [d for d in fresh.diagnostics if d.rule == "part-namn"]
    assert [d.path for d in clash] == [last.relative_to(corpus).as_posix()] and clash[0].line > 0
    assert [d.format() for d in result.diagnostics] == [d.format() for d in fresh.diagnostics]
    assert not result.written and not fresh.written
