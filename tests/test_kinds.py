"""The table of content kinds (load/kinds.py) is the one place that says which file means what.

A kind added to the table, and nowhere else, is loaded, listed by ``entries()``, compared by the preview, has an
editor schema and a scaffolded file; every file of the repository's site is of exactly one kind of the table.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from conftest import PLAN, REPO, SiteFactory

from finsam_site.authoring.jsonschema import schema_kinds, write_schemas
from finsam_site.authoring.new import SKELETON, forbund_files
from finsam_site.build import check
from finsam_site.load import kinds
from finsam_site.load.content import DocumentContent, ForbundContent, SiteContent
from finsam_site.load.kinds import Kind
from finsam_site.load.loader import load_site
from finsam_site.load.model import Section
from finsam_site.preview.files import Cached, CachingLoader
from finsam_site.preview.scope import reuse

RISKS: Kind[Section] = Kind(
    "risker", "plan", "risker/*.md", Section, "risks", "optional", "risk", "En risk: fälten överst i risker/*.md",
    skeleton="inledning.md", sample="01-risk.md",
)
RISK = f"{PLAN}/risker/01-brand.md"


@pytest.fixture
def with_risks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kinds, "KINDS", (*kinds.KINDS, RISKS))


def _risk(title: str) -> str:
    return f"---\nrubrik: {title}\n---\nOm huset brinner.\n"


def _plan(site: SiteContent | None) -> DocumentContent:
    assert site is not None
    return site.forbund[0].plans[0]


def test_a_folder_unknown_to_the_table_is_not_loaded(make_site: SiteFactory) -> None:
    root = make_site({RISK: _risk("Brand")})
    site, diagnostics = load_site(root)
    assert [d.message for d in diagnostics if d.rule == "okänd-fil"] == ["Okänd mapp `risker`."]
    assert all(not e.path.startswith(f"{PLAN}/risker/") for e in site.entries()) if site else False


@pytest.mark.usefixtures("with_risks")
def test_a_kind_added_to_the_table_is_loaded_and_listed(make_site: SiteFactory) -> None:
    root = make_site({RISK: _risk("Brand")})
    site, diagnostics = load_site(root)
    assert [d for d in diagnostics if d.rule == "okänd-fil"] == []
    [risk] = _plan(site).many(RISKS)
    assert (risk.id, risk.order, risk.path, risk.model.title) == ("brand", 1, RISK, "Brand")
    assert risk.body == "Om huset brinner.\n"
    assert site is not None and risk in list(site.entries())
    assert not check(root).failed(strict=True)


@pytest.mark.usefixtures("with_risks")
def test_a_broken_file_of_a_new_kind_is_reported_and_marked_failed(make_site: SiteFactory) -> None:
    site, diagnostics = load_site(make_site({RISK: "---\nrubrik: [\n---\n"}))
    assert any(d.path == RISK for d in diagnostics)
    assert _plan(site).failed_ids("risker") == {"brand"}


@pytest.mark.usefixtures("with_risks")
def test_the_preview_sees_a_change_in_a_file_of_a_new_kind(make_site: SiteFactory) -> None:
    root = make_site({RISK: _risk("Brand")})
    cache: dict[tuple[Path, str], Cached] = {}
    first = CachingLoader(root, cache).load()
    again = CachingLoader(root, cache)
    assert first is not None
    unchanged, scope = reuse(first, again.load() or first, again)
    assert scope is not None and scope.plans == set() and _plan(unchanged) is _plan(first)
    (root / RISK).write_text(_risk("Brand i förrådet"), "utf-8")
    later = CachingLoader(root, cache)
    changed, scope = reuse(first, later.load() or first, later)
    assert scope is not None and scope.plans == {PLAN}
    assert _plan(changed).many(RISKS)[0].model.title == "Brand i förrådet"


@pytest.mark.usefixtures("with_risks")
def test_a_kind_added_to_the_table_has_a_schema_and_a_skeleton(tmp_path: Path) -> None:
    assert schema_kinds()["risk"] == (Section, "content/*/*/risker/*.md", RISKS.title)
    found = kinds.kind_of("content/exempel/2024/risker/01-brand.md")
    assert found is not None and found.schema == "risk"
    written = write_schemas(tmp_path)
    assert tmp_path / "risk.schema.json" in written
    assert json.loads((tmp_path / "risk.schema.json").read_text("utf-8"))["title"] == RISKS.title
    assert forbund_files()["$year/risker/01-risk.md"] == "inledning.md"


def _site_files() -> list[str]:
    found = [REPO / "site.yaml", *(p for p in (REPO / "content").rglob("*") if p.is_file())]
    return sorted(p.relative_to(REPO).as_posix() for p in found)


def test_every_file_of_the_repository_site_is_of_exactly_one_kind() -> None:
    files = _site_files()
    assert len(files) > 100
    for rel in files:
        assert len([kind for kind in kinds.KINDS if kind.matches(rel)]) == 1, rel


def test_the_repository_site_loads_every_file_as_an_entry_of_its_kind() -> None:
    site, _ = load_site(REPO)
    assert site is not None
    assert sorted(e.path for e in site.entries()) == _site_files()
    for forbund in site.forbund:
        for plan in forbund.plans:
            for kind in kinds.of("plan"):
                loaded = plan.many(kind) if kind.many else [e for e in [plan.one(kind)] if e is not None]
                assert all(kind.matches(e.path) and isinstance(e.model, kind.model) for e in loaded), kind.name


def test_each_row_is_consistent_with_the_content_types() -> None:
    names = [kind.name for kind in kinds.KINDS]
    assert len(names) == len(set(names)) and len(schema_kinds()) == len(kinds.KINDS)
    containers = {"site": SiteContent, "forbund": ForbundContent, "plan": DocumentContent}
    for kind in kinds.KINDS:
        if kind.presence == "anchor":  # the anchor is a field of its level's container
            assert kind.attr in {f.name for f in dataclasses.fields(containers[kind.level])}, kind.name
        else:  # the rest are the plan's, read through a typed property
            assert kind.level == "plan" and isinstance(getattr(DocumentContent, kind.attr), property), kind.name
        assert bool(kind.missing) == (kind.presence != "optional"), kind.name
        assert not kind.skeleton or (SKELETON / kind.skeleton).is_file(), kind.name
        assert kind.many == bool(kind.sample), kind.name
    assert {kind.skeleton for kind in kinds.KINDS if kind.skeleton} == {p.name for p in SKELETON.iterdir()}


def test_the_content_containers_are_not_changed_after_loading(make_site: SiteFactory) -> None:
    site, _ = load_site(make_site())
    assert site is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        site.forbund = []  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        _plan(site).failed = []  # type: ignore[misc]
