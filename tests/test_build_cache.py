"""The build cache (cache/): a build with it writes byte for byte what a build without it writes, after every
kind of edit, and a cache that is corrupt, foreign, of another version or half-written is ignored with a warning."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import run_cli, snapshot
from test_incremental import EDITS, Edit, _insats, _plan, _replace, build_fresh, corpus, insats_text

import finsam_site
from finsam_site.build import Result, build
from finsam_site.cache import CacheMemory
from finsam_site.cache.store import FOLDER

__all__ = ["corpus"]  # the scratch site of test_incremental, two förbund over two years, without search


@pytest.fixture(autouse=True)
def own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache's key in the test's folder, not in the user's ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


def static_changed(site: Path) -> list[Path]:
    target = site / "templates" / "static" / "extra.css"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"/* {len(list(target.parent.iterdir()))} */\n" if target.exists() else "p {}\n", "utf-8")
    return [target]


def static_edited(site: Path) -> list[Path]:
    return _replace(site / "templates" / "static" / "extra.css", "p {}", "p { margin: 0 }")


def nothing_changed(site: Path) -> list[Path]:
    """Every file touched, none changed: the cache goes by bytes, not by stamps."""
    for path in (site / "content").rglob("*"):
        if path.is_file():
            os.utime(path)
    return []


def section_removed(site: Path) -> list[Path]:
    section = sorted((_plan(site) / "avsnitt").glob("*.md"))[-1]
    section.unlink()
    return [section]


def file_beside_forbund(site: Path) -> list[Path]:
    target = site / "content" / "LÄS-MIG.txt"
    target.write_text("Anteckningar.\n", "utf-8")
    return [target]


ALL_EDITS: list[Edit] = [
    nothing_changed, *EDITS, static_changed, static_edited, section_removed, file_beside_forbund, nothing_changed,
]


def cached(site: Path, out: Path) -> Result:
    return build(site, out, memory=CacheMemory())


def same(a: Result, b: Result) -> None:
    assert a.written == b.written
    assert [d.format() for d in a.diagnostics] == [d.format() for d in b.diagnostics]


def test_every_cached_build_writes_what_a_build_without_the_cache_writes(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = cached(corpus, out)
    assert first.written and first.stats.reused_pages == 0
    assert any(note.startswith(f"Från cachen ({FOLDER}/): 0 av 2 förbund") for note in first.stats.notes)
    last_fresh = None
    for number, edit in enumerate(ALL_EDITS):
        edit(corpus)
        result = cached(corpus, out)
        fresh_dir = tmp_path / f"fresh-{number}"
        fresh = build(corpus, fresh_dir)
        same(result, fresh)
        name = edit.__name__
        if fresh.written:
            assert snapshot(out) == snapshot(fresh_dir), name
            last_fresh = fresh_dir
        else:
            assert name == "budget_amount"  # the edit that breaks a plan: nothing written, the last site stays
            assert last_fresh is not None and snapshot(out) == snapshot(last_fresh)
        if name == "nothing_changed":
            assert result.stats.parsed == ["site.yaml"] and result.stats.rendered == 0, name  # settings: always read
        if name == "insats_text":  # one plan's pages made again, the rest from the cache
            forbund = "/".join(_insats(corpus).relative_to(corpus).parts[:2]) + "/"  # only its förbund is read again
            assert result.stats.parsed[1:] and all(p.startswith(forbund) for p in result.stats.parsed[1:])
            assert 0 < result.stats.rendered < result.stats.reused_pages
    assert (corpus / FOLDER / "manifest").is_file()


@pytest.mark.parametrize("where", ["another-folder", "output-edited"])
def test_kept_pages_are_linked_into_a_new_folder_when_the_output_is_not_the_last_one(
    corpus: Path, tmp_path: Path, where: str
) -> None:
    """Into the folder the last build wrote, a build writes only what changed; into another folder, or one whose
    files have changed since, it builds a new folder from the cache's kept files."""
    out = tmp_path / "out"
    _built(corpus, out)
    insats_text(corpus)
    if where == "output-edited":
        (out / "robots.txt").write_text("User-agent: *\n", "utf-8")
        (out / "extra.html").write_text("<p>Handskriven.</p>", "utf-8")
    else:
        out = tmp_path / "elsewhere"
    result = _built(corpus, out)
    assert 0 < result.stats.rendered < result.stats.reused_pages
    assert snapshot(out) == snapshot(build_fresh(corpus, tmp_path / "fresh"))
    again = _built(corpus, out)  # and then in place, with nothing to do
    assert again.stats.rendered == 0 and snapshot(out) == snapshot(tmp_path / "fresh")


def _built(corpus: Path, out: Path) -> Result:
    result = cached(corpus, out)
    assert result.written
    return result


def _warned(result: Result) -> list[str]:
    return [note for note in result.stats.notes if note.startswith("Varning: cachen")]


@pytest.mark.parametrize("damage", ["truncated", "garbage", "part", "kept-file"])
def test_a_damaged_cache_is_ignored_with_a_warning(corpus: Path, tmp_path: Path, damage: str) -> None:
    _built(corpus, tmp_path / "out")
    cache = corpus / FOLDER
    if damage == "truncated":
        manifest = cache / "manifest"
        manifest.write_bytes(manifest.read_bytes()[:-100])
    elif damage == "garbage":
        (cache / "manifest").write_bytes(b"not a cache at all")
    elif damage == "part":
        for part in (cache / "parts").iterdir():  # one bit flipped in each förbund's record
            data = bytearray(part.read_bytes())
            data[-10] ^= 0xFF
            part.write_bytes(bytes(data))
    else:  # a kept page edited (through its hard link, in the output too): its stamp changed
        page = sorted((cache / "files").rglob("*"))[-1]
        page.write_bytes(page.read_bytes() + b"<!-- edited -->")
    insats_text(corpus)
    result = cached(corpus, tmp_path / "out")
    fresh = build(corpus, tmp_path / "fresh")
    same(result, fresh)
    assert snapshot(tmp_path / "out") == snapshot(tmp_path / "fresh")
    if damage != "kept-file":
        assert _warned(result), result.stats.notes
    again = cached(corpus, tmp_path / "out")  # the cache is whole again
    assert not _warned(again) and again.stats.rendered == 0


def test_a_foreign_cache_is_ignored(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache written by another user (another key: say, committed to the site's repository) is never unpickled."""
    _built(corpus, tmp_path / "out")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    result = cached(corpus, tmp_path / "out")
    assert result.written and result.stats.reused_pages == 0
    assert _warned(result) and "skriven av någon annan" in _warned(result)[0]
    assert snapshot(tmp_path / "out") == snapshot(build_fresh(corpus, tmp_path / "fresh"))


def test_a_cache_from_another_version_is_not_used(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _built(corpus, tmp_path / "out")
    monkeypatch.setattr(finsam_site, "__version__", "99.0")
    result = cached(corpus, tmp_path / "out")
    assert result.written and result.stats.reused_pages == 0 and result.stats.rendered > 0
    assert any("annan version av finsam-site" in note for note in _warned(result))


def test_a_crash_while_the_cache_is_written_leaves_no_cache_that_is_trusted(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _built(corpus, tmp_path / "out")
    insats_text(corpus)
    real_replace = os.replace

    def crash(source: object, target: object) -> None:
        if Path(str(target)).name == "manifest":
            raise OSError(28, "No space left on device")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", crash)
    broken = cached(corpus, tmp_path / "out")
    monkeypatch.setattr(os, "replace", real_replace)
    assert broken.written and any("kunde inte sparas" in note for note in broken.stats.notes)
    # the old manifest stayed: the edited plan's old pages are not taken for its new ones
    result = cached(corpus, tmp_path / "out")
    assert snapshot(tmp_path / "out") == snapshot(build_fresh(corpus, tmp_path / "fresh"))
    assert result.stats.rendered > 0 and not list((corpus / FOLDER).glob(".manifest-*"))


def test_search_index_is_reused_only_when_no_page_changed(corpus: Path, tmp_path: Path) -> None:
    site_yaml = corpus / "site.yaml"
    site_yaml.write_text(site_yaml.read_text("utf-8").replace("sök: false\n", ""), "utf-8")
    first = _built(corpus, tmp_path / "out")
    if not (tmp_path / "out" / "pagefind").is_dir():
        pytest.skip("Pagefind is not installed here")
    again = _built(corpus, tmp_path / "out")
    assert any("sökindexet oförändrat" in note for note in again.stats.notes), again.stats.notes
    assert snapshot(tmp_path / "out") == snapshot(build_fresh(corpus, tmp_path / "fresh-0"))
    insats_text(corpus)
    edited = _built(corpus, tmp_path / "out")
    assert not any("sökindexet oförändrat" in note for note in edited.stats.notes)
    assert snapshot(tmp_path / "out") == snapshot(build_fresh(corpus, tmp_path / "fresh-1"))
    assert first.stats.rendered > edited.stats.rendered > 0


def test_no_cache_on_the_command_line(corpus: Path, tmp_path: Path) -> None:
    plain = run_cli("build", "--site", corpus, "--out", tmp_path / "a", "--no-cache")
    assert plain.returncode == 0, plain.stderr
    assert not (corpus / FOLDER).exists() and "cachen" not in plain.stdout + plain.stderr
    with_cache = run_cli("build", "--site", corpus, "--out", tmp_path / "b")
    assert with_cache.returncode == 0, with_cache.stderr
    assert "Från cachen (.finsam-cache/): 0 av 2 förbund" in with_cache.stdout + with_cache.stderr
    assert (corpus / FOLDER / "manifest").is_file()
    again = run_cli("build", "--site", corpus, "--out", tmp_path / "b")
    assert "Från cachen (.finsam-cache/): 2 av 2 förbund" in again.stdout + again.stderr, again.stderr
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    links = run_cli("build", "--site", corpus, "--out", tmp_path / "b", "--check-links")  # into a new folder
    assert links.returncode == 0 and snapshot(tmp_path / "a") == snapshot(tmp_path / "b"), links.stderr
    shutil.rmtree(corpus / FOLDER)  # safe to delete
    after = run_cli("build", "--site", corpus, "--out", tmp_path / "b")
    assert after.returncode == 0 and snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert _plan(corpus).is_dir()
