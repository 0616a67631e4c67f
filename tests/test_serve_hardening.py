"""The preview's hardening (issue 18): the Host header, an impossible port, requests answered while a slow rebuild
runs, and no Pagefind process left behind when the preview stops."""

from __future__ import annotations

import http.client
import os
import re
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PLAN, SiteFactory
from test_serve import free_port, wait_for

from finsam_site.output import search
from finsam_site.preview.rebuilds import allowed_hosts
from finsam_site.preview.serve import Preview
from finsam_site.report import BufferReporter


def ask(port: int, path: str, host: str) -> tuple[int, str, float]:
    """GET ``path`` with the given Host header; the status, the body and the seconds it took."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/" + path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8"), time.monotonic() - started
    finally:
        connection.close()


@pytest.fixture
def serving(make_site: SiteFactory, tmp_path: Path) -> Iterator[tuple[Path, int, Path]]:
    root = make_site()
    port = free_port()
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "finsam_site", "serve", "--site", str(root), "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, text=True,
        )
        try:
            status, _ = wait_for(port, "index.html", lambda status, _: status == 200)
            assert status == 200, log_path.read_text()
            yield root, port, log_path
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_the_preview_answers_only_to_its_own_address(serving: tuple[Path, int, Path]) -> None:
    _, port, _ = serving
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}", f"LOCALHOST:{port}"):
        assert ask(port, "index.html", host)[0] == 200, host
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.evil.example:{port}", "", "[::1"):
        status, body, _ = ask(port, "index.html", host)
        assert status == 421 and "Förhandsvisningen svarar bara på adressen" in body, host
        assert "Exempelplaner" not in body


def test_hosts_the_preview_accepts() -> None:
    assert allowed_hosts("0.0.0.0") is None  # every address: the author chose to show it to the network
    assert allowed_hosts("192.168.1.5") == {"127.0.0.1", "localhost", "::1", "192.168.1.5"}


@pytest.mark.parametrize("port", ["99999", "0", "-1"])
def test_an_impossible_port_is_a_swedish_error(make_site: SiteFactory, port: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "finsam_site", "serve", "--site", str(make_site()), "--port", port],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"--port: fel [serve] Porten {port} finns inte." in result.stderr
    assert "Förhandsvisning på" not in result.stderr


def test_requests_are_answered_while_a_slow_rebuild_runs(serving: tuple[Path, int, Path]) -> None:
    root, port, log_path = serving
    # Texts within the Markdown limits that still take Python-Markdown a second or more each.
    for number in range(6):
        (root / PLAN / f"avsnitt/0{number + 2}-langsam-{number}.md").write_text(
            f"---\nrubrik: Långsam {number}\n---\n{number} " + "[" * 1900 + "\n", "utf-8"
        )
    latencies, deadline = [], time.monotonic() + 60
    while "Byggde om" not in log_path.read_text() and time.monotonic() < deadline:
        status, _, seconds = ask(port, "index.html", f"127.0.0.1:{port}")
        assert status == 200, log_path.read_text()
        latencies.append(seconds)
        time.sleep(0.1)
    log = log_path.read_text()
    took = re.search(r"Byggde om på (\d+),(\d+) s", log)
    assert took, log
    rebuild = float(f"{took.group(1)}.{took.group(2)}")
    if rebuild < 2:
        pytest.skip(f"the rebuild took only {rebuild} s here")
    assert len(latencies) >= 5 and max(latencies) < rebuild / 2, (latencies, rebuild)
    assert wait_for(port, "exempel/2024/index.html", lambda s, body: "Långsam 5" in body)[0] == 200


def test_stopping_the_preview_stops_its_pagefind(make_site: SiteFactory, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A Pagefind run that takes long (here a Pagefind that sleeps) is stopped with the preview."""
    slow = tmp_path / "pagefind"
    pid_file = tmp_path / "pagefind.pid"
    slow.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 300\n")
    slow.chmod(slow.stat().st_mode | stat.S_IXUSR)
    preview = Preview(make_site(), tmp_path / "out", BufferReporter())
    assert preview.rebuild(first=True)
    monkeypatch.setattr(search, "pagefind_binary", lambda: slow)
    preview.session.in_place = True  # type: ignore[misc]  # as after a rebuild written in place
    preview.search.refresh()
    deadline = time.monotonic() + 30
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    pid = int(pid_file.read_text())
    preview.search.stop()
    assert preview.search.thread is None or not preview.search.thread.is_alive()
    deadline = time.monotonic() + 10
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(pid)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat")
    return not (state.exists() and state.read_text().split(")")[-1].split()[0] == "Z")


def test_the_preview_starts_with_a_named_pipe_in_the_content_and_shows_it(make_site: SiteFactory,
                                                                         tmp_path: Path) -> None:
    root = make_site()
    os.mkfifo(root / PLAN / "avsnitt/99-ror.md")
    port = free_port()
    with (tmp_path / "serve.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "finsam_site", "serve", "--site", str(root), "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, text=True,
        )
        try:
            status, body = wait_for(port, "index.html", lambda status, _: status != 0)
            assert status == 500 and "99-ror.md" in body and "ingen vanlig fil" in body, body
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_markdown_nested_too_deep_while_serving_shows_the_error_page(serving: tuple[Path, int, Path]) -> None:
    root, port, log_path = serving
    with (root / PLAN / "avsnitt/01-inledning.md").open("a", encoding="utf-8") as file:
        file.write("\n" + "\n".join("    " * i + "- x" for i in range(260)) + "\n")
    status, body = wait_for(port, "index.html", lambda status, _: status == 500)
    assert status == 500 and "markdown-gräns" in body and "01-inledning.md" in body, log_path.read_text()
    assert "RecursionError" not in log_path.read_text()


@pytest.mark.parametrize("path", ["%00", "a%00b.html", "x" * 300, "/".join(["y" * 200] * 30)])
def test_an_address_no_file_can_have_is_not_found(serving: tuple[Path, int, Path], path: str) -> None:
    _, port, _ = serving
    status, body, _ = ask(port, path, f"127.0.0.1:{port}")
    assert status == 404 and "Sidan finns inte" in body
