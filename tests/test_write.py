"""The one writer: a new folder swapped in whole, or (in a preview) only the changed files written in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import snapshot

from finsam_site.output.writer import MARKER, OutputError, Writer


def _site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    return root


def test_two_files_on_one_url_stop_the_build_and_leave_the_last_output(tmp_path: Path) -> None:
    root, out = _site(tmp_path), tmp_path / "output"
    first = Writer(out, root)
    first.add("index.html", "<p>förra</p>")
    first.commit()
    before = snapshot(out)
    writer = Writer(out, root)
    writer.emit("a/index.html", "ett")  # as a render worker writes, before the URLs are claimed
    writer.emit("a/index.html", "två")
    with pytest.raises(OutputError, match=r"samma adress: a/index\.html"):
        writer.claim(["a/index.html", "a/index.html"])
    writer.abort()
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output", "site"]  # no staging folder left behind


@pytest.mark.parametrize("url", ["../utanfor.html", "/etc/x", "a/../../b", "a//b", "a\\..\\b", ""])
def test_a_path_that_leaves_the_folder_is_refused_before_it_is_written(tmp_path: Path, url: str) -> None:
    writer = Writer(tmp_path / "output", _site(tmp_path))
    with pytest.raises(OutputError, match="Ogiltig sökväg"):
        writer.emit(url, "x")
    writer.abort()
    assert not (tmp_path / "utanfor.html").exists()


def test_in_place_only_the_given_files_change_and_gone_ones_leave_no_empty_folder(tmp_path: Path) -> None:
    root, out = _site(tmp_path), tmp_path / "output"
    first = Writer(out, root)
    for url in ("index.html", "a/b/index.html", "c/index.html", "pagefind/pagefind.js"):
        first.add(url, url)
    urls = first.commit()
    kept = (out / "index.html").stat().st_mtime_ns
    writer = Writer(out, root, urls, keep=("pagefind",))
    assert writer.in_place
    writer.keep(["index.html"])
    writer.add("c/index.html", "ändrad")
    assert (out / "c/index.html").read_text("utf-8") == "c/index.html"  # nothing is written before commit
    assert writer.commit() == {"index.html", "c/index.html", "pagefind/pagefind.js"}
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        MARKER, "c", "c/index.html", "index.html", "pagefind", "pagefind/pagefind.js"
    ]
    assert (out / "c/index.html").read_text("utf-8") == "ändrad"
    assert (out / "index.html").stat().st_mtime_ns == kept


def test_in_place_needs_a_folder_this_writer_made(tmp_path: Path) -> None:
    root, out = _site(tmp_path), tmp_path / "output"
    out.mkdir()
    (out / "egen.html").write_text("någon annans", "utf-8")
    with pytest.raises(OutputError, match="skapades inte av finsam-site"):
        Writer(out, root, {"egen.html"})
    (out / "egen.html").unlink()
    writer = Writer(out, root, {"index.html"})  # an empty folder without the marker: written whole, not in place
    assert not writer.in_place
    with pytest.raises(OutputError, match="tidigare bygge saknas"):
        writer.keep(["index.html"])
    writer.abort()
