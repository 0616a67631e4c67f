"""The live preview as an author uses it: a real `serve` process, real HTTP, real edits of the files."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import PLAN, SiteFactory
from tornado.websocket import websocket_connect

GOAL = f"{PLAN}/mal/01-fler-i-arbete.md"
GOAL_URL = "exempel/2024/mal/fler-i-arbete/index.html"
TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(port: int, path: str, accept: Callable[[int, str], bool]) -> tuple[int, str]:
    """Fetch until ``accept`` holds, for at most TIMEOUT seconds; return the last answer."""
    deadline = time.monotonic() + TIMEOUT
    answer: tuple[int, str] = (0, "")
    while time.monotonic() < deadline:
        try:
            answer = fetch(port, path)
        except OSError:  # not listening yet
            answer = (0, "")
        if accept(*answer):
            return answer
        time.sleep(0.2)
    return answer


@pytest.fixture
def preview(make_site: SiteFactory, tmp_path: Path) -> Iterator[tuple[Path, int, subprocess.Popen[str]]]:
    root = make_site()
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "finsam_site", "serve", "--site", str(root), "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield root, port, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


async def reload_after(port: int, action: Callable[[], None]) -> dict[str, object]:
    """Connect as livereload.js does, run ``action`` and return the next message the server sends."""
    socket_ = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    socket_.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    hello = await socket_.read_message()
    assert hello is not None and json.loads(hello)["command"] == "hello"
    await socket_.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/{GOAL_URL}"}))
    await asyncio.sleep(0.3)
    action()
    message = await asyncio.wait_for(socket_.read_message(), TIMEOUT)
    socket_.close()
    assert isinstance(message, str)
    result: dict[str, object] = json.loads(message)
    return result


def test_serve_edit_error_fix(preview: tuple[Path, int, subprocess.Popen[str]], tmp_path: Path) -> None:
    root, port, process = preview
    goal = root / GOAL

    status, page = wait_for(port, GOAL_URL, lambda s, _: s == 200)
    assert status == 200, (tmp_path / "serve.log").read_text("utf-8")
    assert "Målet gäller hela planperioden." in page
    assert "livereload.js" in page

    # An edit is rebuilt and the open page is told to reload.
    message = asyncio.run(reload_after(port, lambda: edit(goal, "hela planperioden", "hela året 2024")))
    assert message["command"] == "reload"
    status, page = wait_for(port, GOAL_URL, lambda s, text: "Målet gäller hela året 2024." in text)
    assert status == 200 and "Målet gäller hela året 2024." in page

    # A YAML error: every HTML page shows the error page, naming the file and line as `check` does.
    edit(goal, "typ: aktivitetsmål", "typ: [aktivitetsmål")
    status, page = wait_for(port, GOAL_URL, lambda s, _: s == 500)
    assert status == 500
    assert f"{GOAL}:4:7: fel [yaml-syntax] En lista inom `[ ]` eller fält inom `{{ }}` avslutas inte" in page
    assert "livereload.js" in page  # so that the page comes back by itself
    assert fetch(port, "index.html")[0] == 500
    assert fetch(port, "assets/style.css")[0] == 200  # the last good site is still there
    assert process.poll() is None

    # Fixed: the page is back, with the edit.
    edit(goal, "typ: [aktivitetsmål", "typ: aktivitetsmål")
    status, page = wait_for(port, GOAL_URL, lambda s, _: s == 200)
    assert status == 200 and "Målet gäller hela året 2024." in page

    log = (tmp_path / "serve.log").read_text("utf-8")
    assert "Ändrat: content/exempel/2024/mal/01-fler-i-arbete.md" in log
    rebuilt = re.search(r"Byggde om på [\d,]+ s: läste 1 av 8 filer \([\d,]+ s\), skapade (\d+) av (\d+) sidor", log)
    assert rebuilt is not None, log
    assert 0 < int(rebuilt[1]) < int(rebuilt[2])  # only the pages the goal affects
    assert "Felen är rättade." in log
    assert "Traceback" not in log


def test_serve_starts_on_broken_content_and_recovers(make_site: SiteFactory, tmp_path: Path) -> None:
    root = make_site({f"{PLAN}/budget.yaml": "tabeller: [\n"})
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "finsam_site", "serve", "--site", str(root), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        status, page = wait_for(port, "", lambda s, _: s == 500)
        assert status == 500 and f"{PLAN}/budget.yaml:2:1: fel [yaml-syntax]" in page
        (root / PLAN / "budget.yaml").write_text(
            (Path(__file__).parent / "fixtures/minimal" / PLAN / "budget.yaml").read_text("utf-8"), "utf-8"
        )
        status, page = wait_for(port, "", lambda s, _: s == 200)
        assert status == 200 and "Exempelplaner" in page
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_reports_a_busy_port(make_site: SiteFactory) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "finsam_site", "serve", "--site", str(make_site()), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"Porten {port} kan inte användas" in result.stderr
    assert "Traceback" not in result.stderr
