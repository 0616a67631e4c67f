"""The writer unit by unit: which folders it refuses, which paths, what a new folder and an in-place commit leave."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from finsam_site.output.writer import MARKER, MARKER_TEXT, OutputError, Writer, check_destination, check_url


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_destinations_that_are_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(OutputError, match="innehåller webbplatsens källor"):
        check_destination(site, site)
    with pytest.raises(OutputError, match="innehåller webbplatsens källor"):
        check_destination(tmp_path, site)  # the site is inside the output folder
    foreign = tmp_path / "annat"
    foreign.mkdir()
    (foreign / "fil.txt").write_text("x")
    with pytest.raises(OutputError, match=f"Mappen {foreign} finns redan och skapades inte av finsam-site"):
        check_destination(foreign, site)


def test_destinations_that_are_accepted(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    check_destination(site / "output", site)  # inside the site is fine (the default)
    empty = tmp_path / "tom"
    empty.mkdir()
    check_destination(empty, site)
    ours = tmp_path / "var"
    ours.mkdir()
    (ours / "index.html").write_text("x")
    (ours / MARKER).write_text(MARKER_TEXT)
    check_destination(ours, site)
    check_destination(tmp_path / "finns-inte", site)


@pytest.mark.parametrize("url", ["index.html", "a/b/c.html", "assets/site.css", ".well-known/x"])
def test_plain_relative_paths_are_accepted(url: str) -> None:
    check_url(url)


@pytest.mark.parametrize("url", ["", "/abs.html", "a//b.html", "a/", "./a.html", "a/./b", "a/../b", "..", "a\\b"])
def test_other_paths_are_refused(url: str) -> None:
    with pytest.raises(OutputError, match="Ogiltig sökväg i utdata"):
        check_url(url)


def test_a_new_folder_holds_exactly_the_claimed_files(tmp_path: Path) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    site.mkdir()
    out.mkdir()
    (out / MARKER).write_text(MARKER_TEXT)
    (out / "gammal.html").write_text("gammal")
    writer = Writer(out, site)
    assert writer.staging is not None and writer.folder == writer.staging and not writer.in_place
    writer.add("index.html", "hej")
    writer.add("a/b.css", b"css")
    assert _tree(out) == {MARKER: MARKER_TEXT.encode(), "gammal.html": b"gammal"}  # nothing changes before commit
    assert writer.commit() == {"index.html", "a/b.css"}
    assert _tree(out) == {MARKER: MARKER_TEXT.encode(), "a/b.css": b"css", "index.html": b"hej"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]  # no staging or old folder left
    assert stat.S_IMODE(out.stat().st_mode) == 0o755


def test_two_claims_of_one_url_are_refused(tmp_path: Path) -> None:
    writer = Writer(tmp_path / "out", tmp_path)
    writer.claim(["a.html"])
    with pytest.raises(OutputError, match=r"Två sidor skulle skrivas till samma adress: a\.html"):
        writer.claim(["a.html"])
    with pytest.raises(OutputError, match="Ogiltig sökväg"):
        writer.claim(["../a.html"])
    writer.abort()


def test_abort_leaves_the_previous_output(tmp_path: Path) -> None:
    site, out = tmp_path / "site", tmp_path / "out"
    site.mkdir()
    first = Writer(out, site)
    first.add("index.html", "ett")
    first.commit()
    second = Writer(out, site)
    second.add("index.html", "två")
    second.abort()
    assert _tree(out) == {MARKER: MARKER_TEXT.encode(), "index.html": b"ett"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]


def test_copy_tree_skips_hidden_files_and_a_later_copy_wins(tmp_path: Path) -> None:
    site, one, two = tmp_path / "site", tmp_path / "one", tmp_path / "two"
    for folder in (site, one / "sub", two):
        folder.mkdir(parents=True)
    (one / "a.css").write_text("ett")
    (one / "sub" / "b.js").write_text("b")
    (one / ".dold").write_text("dold")
    (two / "a.css").write_text("två")
    writer = Writer(tmp_path / "out", site)
    writer.copy_tree(one, "assets")
    writer.copy_tree(two, "assets")
    writer.copy_tree(tmp_path / "finns-inte", "assets")
    assert writer.commit() == {"assets/a.css", "assets/sub/b.js"}
    assert _tree(tmp_path / "out") == {
        MARKER: MARKER_TEXT.encode(),
        "assets/a.css": "två".encode(),
        "assets/sub/b.js": b"b",
    }


def _made(tmp_path: Path, files: dict[str, str]) -> tuple[Path, Path, set[str]]:
    site, out = tmp_path / "site", tmp_path / "out"
    site.mkdir(exist_ok=True)
    writer = Writer(out, site)
    for url, text in files.items():
        writer.add(url, text)
    return site, out, writer.commit()


def test_in_place_writes_only_at_commit_keeps_unchanged_files_and_removes_gone_ones(tmp_path: Path) -> None:
    site, out, urls = _made(
        tmp_path, {"index.html": "ett", "a/b/gone.html": "x", "same.html": "lika", "pagefind/x.js": "p"}
    )
    before = (out / "same.html").stat()
    writer = Writer(out, site, previous=urls, keep=("pagefind",))
    assert writer.in_place and writer.staging is None and writer.folder == out
    writer.add("index.html", "två")
    writer.add("same.html", "lika")
    writer.add("ny.html", "ny")
    assert (out / "index.html").read_text() == "ett" and not (out / "ny.html").exists()
    assert writer.commit() == {"index.html", "same.html", "ny.html", "pagefind/x.js"}
    assert _tree(out) == {
        MARKER: MARKER_TEXT.encode(),
        "index.html": "två".encode(),
        "ny.html": b"ny",
        "pagefind/x.js": b"p",
        "same.html": b"lika",
    }
    assert not (out / "a").exists()  # the folders the gone file leaves empty go too
    assert (out / "same.html").stat().st_mtime_ns == before.st_mtime_ns  # an unchanged file is not rewritten
    assert [p.name for p in out.rglob(".*.tmp")] == []


def test_in_place_keep_needs_the_urls_of_the_last_build(tmp_path: Path) -> None:
    site, out, urls = _made(tmp_path, {"index.html": "ett", "b.html": "b"})
    writer = Writer(out, site, previous=urls)
    writer.keep(["b.html"])
    with pytest.raises(OutputError, match="Ett tidigare bygge saknas"):
        writer.keep(["c.html"])
    with pytest.raises(OutputError, match="Två sidor"):
        writer.keep(["b.html"])
    fresh = Writer(tmp_path / "annan", site, previous=urls)  # no marker there: a new folder, not in place
    assert not fresh.in_place
    with pytest.raises(OutputError, match="Ett tidigare bygge saknas"):
        fresh.keep(["b.html"])
    fresh.abort()


def test_in_place_removal_stops_at_a_folder_that_still_has_files(tmp_path: Path) -> None:
    site, out, urls = _made(tmp_path, {"a/b/gone.html": "x", "a/stays.html": "s"})
    writer = Writer(out, site, previous=urls)
    writer.keep(["a/stays.html"])
    writer.commit()
    assert _tree(out) == {MARKER: MARKER_TEXT.encode(), "a/stays.html": b"s"}
    assert not (out / "a" / "b").exists() and os.path.isdir(out / "a")


def test_a_new_output_folder_may_be_several_levels_down(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    writer = Writer(tmp_path / "a" / "b" / "out", site)
    writer.add("index.html", "hej")
    writer.commit()
    assert (tmp_path / "a" / "b" / "out" / "index.html").read_text() == "hej"


def test_in_place_a_changed_file_of_the_same_size_is_rewritten_and_new_folders_are_made(tmp_path: Path) -> None:
    site, out, urls = _made(tmp_path, {"index.html": "ett"})
    writer = Writer(out, site, previous=urls)
    writer.add("index.html", "tre")  # the same size, other bytes
    writer.add("x/y/ny.html", "ny")
    writer.commit()
    assert (out / "index.html").read_text() == "tre" and (out / "x/y/ny.html").read_text() == "ny"


def test_in_place_an_unchanged_large_file_is_not_rewritten(tmp_path: Path) -> None:
    page = "<p>" + "x" * 5000 + "</p>"  # larger than the small integers Python keeps one copy of
    site, out, urls = _made(tmp_path, {"index.html": page})
    before = (out / "index.html").stat().st_mtime_ns
    writer = Writer(out, site, previous=urls)
    writer.add("index.html", page)
    writer.commit()
    assert (out / "index.html").stat().st_mtime_ns == before
