"""`finsam-site hjälp [ÄMNE]`: the Swedish guide and content format in the terminal, and the pointers to it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO, run_cli

from finsam_site.authoring.help import DOCUMENTS, all_topics, docs_dir, find, parse_topics

SKELETON = REPO / "finsam_site" / "authoring" / "skeleton"
POINTER = re.compile(r"finsam-site hjälp ([^\s`'\"),.;:]+)")


def test_overview_lists_the_topics_in_swedish_and_names_the_files() -> None:
    shown = run_cli("hjälp")
    assert shown.returncode == 0, shown.stderr
    assert "finsam-site hjälp ÄMNE visar ett avsnitt av hjälpen" in shown.stdout
    assert re.search(r"^\s+budget\s+budget\.yaml$", shown.stdout, re.M)
    assert re.search(r"^\s+installera\s+Installera finsam-site på en Windows-dator eller en Mac$", shown.stdout, re.M)
    for doc in DOCUMENTS:
        path = next(line.strip() for line in shown.stdout.splitlines() if line.strip().endswith(doc))
        assert Path(path).is_file()


def test_a_topic_prints_its_section_and_where_the_file_is() -> None:
    shown = run_cli("hjälp", "budget")
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert out.startswith("## `budget.yaml`\n")
    assert "En budget har en eller flera tabeller." in out
    assert "belopp: 1 255,5 | 1 255,5 | 1 255,5" in out  # the example comes with it
    assert "## `avsnitt/" not in out and "<!--" not in out  # only this section, markers left out
    assert f"(Ur {docs_dir() / 'content-format.md'}: öppna filen i en textredigerare eller webbläsare.)" in out


def test_the_english_alias_file_names_case_and_accents_all_find_a_topic() -> None:
    for args, heading in [
        (("help", "plan.yaml"), "## `plan.yaml`"),
        (("hjälp", "forbund"), "## `forbund.yaml`"),
        (("hjälp", "MÅL"), "## `mal/NN-id.md`: ett mål"),
        (("hjälp", "Att göra"), "## `ATT GÖRA`: det som är kvar att göra"),
    ]:
        shown = run_cli(*args)
        assert shown.returncode == 0, (args, shown.stderr)
        assert shown.stdout.startswith(heading + "\n"), (args, shown.stdout[:80])


def test_the_install_chapter_holds_its_subsections() -> None:
    shown = run_cli("hjälp", "installera")
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    for expected in [
        'powershell -ExecutionPolicy ByPass -c "irm https://astral.sh/uv/install.ps1 | iex"',
        "curl -LsSf https://astral.sh/uv/install.sh | sh",
        "uv tool install finsam_site-0.1.0-py3-none-any.whl",
        "uv tool upgrade finsam-site",
        "**Öppna i terminal**",
        "**Tjänster → Ny terminal vid mapp**",
        "pacman -S mingw-w64-x86_64-pango",
        "brew install pango",
    ]:
        assert expected in out, expected
    assert "## Hjälpen i terminalen" not in out  # the next chapter is not part of it


def test_an_unknown_topic_is_a_swedish_usage_error() -> None:
    shown = run_cli("hjälp", "budgt")
    assert shown.returncode == 2
    assert shown.stdout == ""
    assert "Ämnet `budgt` finns inte i hjälpen." in shown.stderr
    assert "menade du `budget`?" in shown.stderr
    assert "Traceback" not in shown.stderr
    far = run_cli("hjälp", "xyzzy")
    assert far.returncode == 2 and "Kör `finsam-site hjälp` för att se alla ämnen." in far.stderr


def test_a_console_that_cannot_show_every_character_gets_the_text_anyway() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    shown = subprocess.run(
        [sys.executable, "-m", "finsam_site", "hjälp", "mål"], capture_output=True, env=env, timeout=120
    )
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout.decode("cp1252")
    assert "målvärde: \"? 60\"" in text  # ≥ is not in Windows-1252
    assert "Traceback" not in shown.stderr.decode("cp1252", "replace")


def test_parse_topics_ends_a_section_at_its_level_and_skips_headings_in_code() -> None:
    text = "\n".join([
        "<!-- ämne: a, alfa -->",
        "## A",
        "text a",
        "```yaml",
        "# not a heading",
        "```",
        "<!-- ämne: b -->",
        "### B",
        "text b",
        "<!-- ämne: c -->",
        "## C",
        "text c",
    ])
    a, b, c = parse_topics(text, "x.md")
    assert a.names == ("a", "alfa") and a.title == "A"
    assert a.text == "## A\ntext a\n```yaml\n# not a heading\n```\n### B\ntext b\n"
    assert b.text == "### B\ntext b\n"
    assert c.text == "## C\ntext c\n"


def test_every_pointer_to_the_help_names_a_topic_that_exists() -> None:
    topics = all_topics(docs_dir())
    sources = [*SKELETON.iterdir(), *(REPO / "finsam_site").glob("*.py"), *(REPO / "docs").glob("*.md"),
               REPO / "README.md"]
    pointers = {
        (path.name, name)
        for path in sources
        for name in POINTER.findall(path.read_text("utf-8"))
        if name not in {"ÄMNE", "[ÄMNE]"}
    }
    assert len(pointers) >= 15
    missing = sorted((where, name) for where, name in pointers if find(topics, name) is None)
    assert missing == []


def test_generated_files_point_to_the_help_not_to_a_repository_file(tmp_path: Path) -> None:
    for path in SKELETON.iterdir():
        assert "docs/" not in path.read_text("utf-8"), path.name
    made = run_cli("new", "forbund", "solleftea", "--namn", "Samordningsförbundet i Sollefteå", "--år", "2025",
                   "--site", tmp_path)
    assert made.returncode == 0, made.stderr
    assert "Hur filerna och fälten skrivs visar `finsam-site hjälp`" in made.stderr
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) == 9
    for path in written:
        text = path.read_text("utf-8")
        assert "content-format.md" not in text and "docs/" not in text, path
        assert "finsam-site hjälp " in text, path


def test_the_content_format_prose_is_swedish() -> None:
    """Outside code blocks no line of the authors' documents reads as English."""
    english = re.compile(r"\b(the|and|is|are|with|which|when|this|that|of|to)\b")
    for doc in DOCUMENTS:
        in_code = False
        for number, line in enumerate((docs_dir() / doc).read_text("utf-8").splitlines(), 1):
            if line.lstrip().startswith("```"):
                in_code = not in_code
                continue
            if in_code:
                continue
            prose = re.sub(r"`[^`]*`|https?://\S+", "", line)
            assert not english.search(prose), f"{doc}:{number}: {line}"


def test_every_marker_makes_a_topic_and_no_two_topics_share_a_name() -> None:
    topics = all_topics(docs_dir())
    markers = sum((docs_dir() / doc).read_text("utf-8").count("<!-- ämne:") for doc in DOCUMENTS)
    assert len(topics) == markers  # a marker not right above a heading would be lost silently
    for topic in topics:
        for name in topic.names:
            assert find(topics, name) is topic, name  # a name is never shadowed by an earlier topic
