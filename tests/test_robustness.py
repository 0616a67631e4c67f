"""No file an author can write crashes finsam-site.

Every case in ``tests/broken/`` (plus a few made here: a 50 MB file, a symlink out of the site, a missing
file, a folder where a file belongs) is laid over the minimal fixture and built with the CLI as a subprocess,
on top of a good previous ``output/``. Each must end in a located Swedish message (file, and line where the
problem has one), exit 1 without a traceback, leave the previous output byte for byte, and write nothing
anywhere else.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES, PLAN, run_cli, skip_or_fail, snapshot, soup

BROKEN = Path(__file__).parent / "broken"

# case: (file the message names, line (0: the file as a whole), text the message contains)
EXPECTED: dict[str, tuple[str, int, str]] = {
    "invalid-yaml": (f"{PLAN}/plan.yaml", 4, "En lista inom `[ ]` eller fält inom `{ }` avslutas inte som väntat."),
    "wrong-types": (f"{PLAN}/plan.yaml", 2, "`tjugotjugofyra` är inte ett årtal"),
    "duplicate-keys": (f"{PLAN}/plan.yaml", 4, "Nyckeln `titel` förekommer två gånger (första gången på rad 1)"),
    "duplicate-keys-nested": (
        f"{PLAN}/budget.yaml", 14, "Nyckeln `belopp` förekommer två gånger (första gången på rad 13)"
    ),
    "unknown-keys": (f"{PLAN}/insatser/01-vidare-vy.md", 8, "Okänt fält `syftet`."),
    "windows-1252": (f"{PLAN}/mal/01-fler-i-arbete.md", 2, "inte sparad som UTF-8 utan troligen som Windows-1252"),
    "bom": (f"{PLAN}/mal/01-fler-i-arbete.md", 3, "`typ` kan inte vara `aktivitetsmal`"),
    "tabs": (f"{PLAN}/plan.yaml", 4, "Tabbtecken får inte användas för indrag"),
    "empty-file": (f"{PLAN}/plan.yaml", 1, "Filen är tom."),
    "alias-bomb": (f"{PLAN}/plan.yaml", 4, "YAML-alias (`*namn`) används inte"),
    "amount-with-points": (f"{PLAN}/budget.yaml", 19, "punkt som tusentalsavgränsare är tvetydigt; skriv `2 511 000`"),
    "amount-with-exponent": (f"{PLAN}/insatser/01-vidare-vy.md", 10, "ser ut som ett tal med exponent"),
    "path-traversal-id": (f"{PLAN}/plan.yaml", 15, "`../../../../tmp/finsam-evil` är inte ett giltigt id"),
    "path-traversal-file": (f"{PLAN}/insatser/02-..%2F..%2F..%2Fevil.md", 0, "kan inte bli en webbadress"),
}


def _fifty_megabytes(root: Path) -> None:
    with (root / PLAN / "insatser" / "02-stor.md").open("w", encoding="utf-8") as file:
        file.write("---\nnamn: Stor\n---\n")
        line = "En rad text som upprepas tills filen är femtio megabyte stor.\n"
        file.write(line * (50_000_000 // len(line)))


def _symlink_out(root: Path) -> None:
    outside = root.parent / "utanfor.md"
    outside.write_text("---\nrubrik: Hemlig\ntyp: aktivitetsmål\n---\nText utanför webbplatsen.\n", "utf-8")
    os.symlink(outside, root / PLAN / "mal" / "02-lank.md")


def _missing_plan(root: Path) -> None:
    (root / PLAN / "plan.yaml").unlink()


def _folder_for_a_file(root: Path) -> None:
    (root / PLAN / "budget.yaml").unlink()
    (root / PLAN / "budget.yaml").mkdir()


def _folder_for_an_optional_file(root: Path) -> None:
    (root / PLAN / "kvitteringar.yaml").mkdir()  # was ignored without a word: the acknowledgements silently lost


def _nul_bytes(root: Path) -> None:
    (root / PLAN / "plan.yaml").write_bytes(b"titel: Plan\x00\n\xe5r: 2024\n".replace(b"\xe5", "å".encode()))


def _deep_nesting(root: Path) -> None:
    (root / PLAN / "plan.yaml").write_text("titel: " + "[" * 5000 + "]" * 5000 + "\når: 2024\n", "utf-8")


MADE: dict[str, tuple[Callable[[Path], None], tuple[str, int, str]]] = {
    "fifty-megabytes": (_fifty_megabytes, (f"{PLAN}/insatser/02-stor.md", 0, "Filen är för stor (50 MB)")),
    "symlink-out-of-site": (_symlink_out, (f"{PLAN}/mal/02-lank.md", 0, "en länk till en plats utanför")),
    "missing-required-file": (_missing_plan, (f"{PLAN}/plan.yaml", 0, "Planens fil plan.yaml saknas.")),
    "folder-instead-of-file": (_folder_for_a_file, (f"{PLAN}/budget.yaml", 0, "`budget.yaml` är en mapp, inte en")),
    "folder-instead-of-optional-file": (
        _folder_for_an_optional_file,
        (f"{PLAN}/kvitteringar.yaml", 0, "`kvitteringar.yaml` är en mapp, inte en fil."),
    ),
    "nul-bytes": (_nul_bytes, (f"{PLAN}/plan.yaml", 1, "ett tecken som inte får finnas i en textfil (kod 0x0000)")),
    "deep-nesting": (_deep_nesting, (f"{PLAN}/plan.yaml", 1, "[yaml-syntax]")),
}


@pytest.fixture(scope="module")
def good_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal site and its output, built once; each case starts from a copy."""
    home = tmp_path_factory.mktemp("good")
    shutil.copytree(FIXTURES / "minimal", home / "site")
    result = run_cli("build", "-q", "--site", home / "site")
    assert result.returncode == 0, result.stderr
    return home


def _case(good_build: Path, tmp_path: Path) -> Path:
    shutil.copytree(good_build / "site", tmp_path / "site", symlinks=True)
    return tmp_path / "site"


def _files(folder: Path) -> dict[str, bytes | str]:
    """Every file below ``folder`` (a symlink by its target), so that any stray write shows; but the build cache
    (``.finsam-cache/``), where a failed build may keep what it loaded and checked, as its records are keyed by the
    content and right whatever the build's outcome (tests/test_build_cache.py)."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if ".finsam-cache" in path.relative_to(folder).parts:
            continue
        if path.is_symlink():
            found[rel] = os.readlink(path)
        elif path.is_file():
            found[rel] = path.stat().st_size if path.stat().st_size > 1_000_000 else path.read_bytes()  # type: ignore[assignment]
    return found


def _assert_refused(tmp_path: Path, site: Path, expected: tuple[str, int, str]) -> None:
    before_output = snapshot(site / "output")
    before_all = _files(tmp_path)
    result = run_cli("build", "--site", site)
    path, line, text = expected
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr, result.stderr
    located = f"{path}:{line}:" if line else f"{path}: fel"
    lines = [x for x in result.stderr.splitlines() if x.startswith(located)]
    assert any(text in x for x in lines), result.stderr
    assert "Bygget misslyckades" in result.stderr
    assert snapshot(site / "output") == before_output
    assert _files(tmp_path) == before_all  # nothing written beside the output or into the site either
    assert not Path("/tmp/finsam-evil").exists()


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_broken_input_is_a_located_error_and_the_output_stays(
    case: str, good_build: Path, tmp_path: Path
) -> None:
    site = _case(good_build, tmp_path)
    shutil.copytree(BROKEN / case, site, dirs_exist_ok=True)
    _assert_refused(tmp_path, site, EXPECTED[case])


@pytest.mark.parametrize("case", sorted(MADE))
def test_made_broken_input_is_a_located_error_and_the_output_stays(
    case: str, good_build: Path, tmp_path: Path
) -> None:
    site = _case(good_build, tmp_path)
    make, expected = MADE[case]
    make(site)
    _assert_refused(tmp_path, site, expected)


def test_the_broken_corpus_is_covered() -> None:
    assert sorted(p.name for p in BROKEN.iterdir() if p.is_dir()) == sorted([*EXPECTED, "script-in-content"])


def test_html_and_script_in_markdown_and_yaml_are_neutralised(good_build: Path, tmp_path: Path) -> None:
    site = _case(good_build, tmp_path)
    shutil.copytree(BROKEN / "script-in-content", site, dirs_exist_ok=True)
    result = run_cli("build", "--site", site)
    assert result.returncode == 0, result.stderr
    page = soup(site / "output/exempel/2024/insatser/vidare-vy/index.html")
    html = str(page)
    assert "alert" not in "".join(s.get_text() + str(s.get("src", "")) for s in page.find_all("script"))
    assert page.find_all(["iframe", "img", "object", "embed"]) == []
    assert not [t for t in page.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    assert "javascript:" not in html
    assert not [t for t in page.find_all(True) if "style" in t.attrs and "red" in t["style"]]
    # YAML text is escaped, Markdown's raw HTML is removed; the words themselves stay.
    assert page.find("h1") is not None and '<script>alert("namn")</script>' in page.find("h1").get_text()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Att rehabilitera" in html and "Insatsen pågår i två år." in html and "Stycke" in html


def test_a_site_may_keep_raw_html_in_markdown(good_build: Path, tmp_path: Path) -> None:
    site = _case(good_build, tmp_path)
    shutil.copytree(BROKEN / "script-in-content", site, dirs_exist_ok=True)
    with (site / "site.yaml").open("a", encoding="utf-8") as file:
        file.write("markdown:\n  tillåt_html: true\n")
    result = run_cli("build", "--site", site)
    assert result.returncode == 0, result.stderr
    page = soup(site / "output/exempel/2024/insatser/vidare-vy/index.html")
    assert page.find("iframe") is not None and page.find("p", style="color:red") is not None
    assert "&lt;img src=x onerror=alert(1)&gt;" in str(page)  # YAML text is still escaped: autoescaping stays on


def test_an_unknown_markdown_setting_is_located(good_build: Path, tmp_path: Path) -> None:
    site = _case(good_build, tmp_path)
    with (site / "site.yaml").open("a", encoding="utf-8") as file:
        file.write("markdown:\n  tillat_html: ja\n")
    _assert_refused(tmp_path, site, ("site.yaml", 8, "Okänt fält `tillat_html`."))


def test_nothing_but_sanitised_markdown_bypasses_autoescaping() -> None:
    templates = Path(__file__).resolve().parent.parent / "templates"
    package = Path(__file__).resolve().parent.parent / "finsam_site"
    for template in templates.rglob("*.html"):
        text = template.read_text("utf-8")
        assert "|safe" not in text.replace(" ", "") and "autoescape false" not in text, template
    makers = {p.relative_to(package).as_posix(): p.read_text("utf-8").count("Markup(") for p in package.rglob("*.py")}
    assert {name: n for name, n in makers.items() if n} == {"output/templates.py": 2}  # the two Markdown filters


def _listening(port: int) -> set[str]:
    """The local addresses with a socket listening on ``port`` (Linux: /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                raw = bytes.fromhex(address)
                words = [raw[i : i + 4][::-1] for i in range(0, len(raw), 4)]  # each 32-bit word is little-endian
                found.add(str(ipaddress.ip_address(b"".join(words))))
    return found


def test_the_preview_listens_on_loopback_only(good_build: Path, tmp_path: Path) -> None:
    if not Path("/proc/net/tcp").exists():
        skip_or_fail("reads Linux's socket table (/proc/net/tcp)")
    site = _case(good_build, tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "finsam_site", "serve", "--site", str(site), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, listening = time.monotonic() + 60, set()
        while not listening and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.2)
            listening = _listening(port)
        assert listening == {"127.0.0.1"}
    finally:
        server.terminate()
        server.wait(timeout=20)
