"""Bounded fuzzing (issue 18): the Markdown renderer, the YAML loader, the amount parser and a whole ``check`` and
``build`` of a generated site, with Hypothesis.

What must hold for every input: no exception but the project's own (a located diagnostic, or the renderer's
``MarkdownLimit`` for what ``check`` refuses too), no hang (a watchdog dumps the stacks and fails the run if one
example takes minutes), rendered HTML without script, and a build that fails leaves the previous output as it was.
The whole file stays well under a minute with the default example counts; FINSAM_FUZZ=10 runs ten times as many.
"""

from __future__ import annotations

import faulthandler
import os
import re
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, PLAN, snapshot
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from finsam_site.build import build, check
from finsam_site.load import yamlload
from finsam_site.load.amounts import AmountError, parse_amount
from finsam_site.load.limits import MarkdownLimit, limit_problem
from finsam_site.load.model import Plan
from finsam_site.load.parse import parse_markdown_file
from finsam_site.output.markup import Renderer

SCALE = int(os.environ.get("FINSAM_FUZZ", "1"))
HANG = 120  # seconds one test may take before the watchdog calls it a hang


def fuzz(examples: int) -> settings:
    return settings(max_examples=examples * SCALE, deadline=None, derandomize=SCALE == 1,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(autouse=True)
def watchdog() -> Iterator[None]:
    faulthandler.dump_traceback_later(HANG * SCALE, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


MARKDOWN_PIECES = st.sampled_from(
    ["[", "]", "(", ")", "](", "<", ">", "<div>", "</div>", "<script>alert(1)</script>", "<a href='javascript:x'>",
     "<img src=x onerror=alert(1)>", "*", "_", "**", "`", "```", "\n", "\n\n", "    ", "\t", "- ", "1. ", "> ", "#",
     "|", "---", "&", "&#106;", "javascript:", "[x](javascript:alert(1))", "![x](y)", "<http://a>", "\\", "\x00",
     "\x1b", "\u202e", "x", "ord ", "å"]
)
MARKDOWN = st.lists(MARKDOWN_PIECES | st.text(max_size=5), max_size=60).map("".join) | st.builds(
    lambda piece, count: piece * count, MARKDOWN_PIECES, st.integers(0, 3000)
)
UNSAFE_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.I)


def assert_inert(html: str) -> None:
    """No script element, no event attribute and no script address anywhere in the HTML."""
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        assert tag.name not in ("script", "iframe", "object", "embed", "style"), html
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), html
            text = " ".join(value) if isinstance(value, list) else str(value)
            assert not UNSAFE_URL.match(re.sub(r"[\x00-\x20]", "", text)), html


@fuzz(300)
@given(MARKDOWN)
@example("[" * 10_000)
@example("\n".join("    " * i + "- x" for i in range(260)))
@example("<div>" * 2000)
def test_markdown_renders_safely_or_is_refused_as_check_refuses_it(text: str) -> None:
    try:
        html = Renderer().block(text)
    except MarkdownLimit:
        assert limit_problem(text) is not None  # check (parse.py) refuses exactly this text
        return
    assert_inert(html)


@fuzz(150)
@given(MARKDOWN, MARKDOWN)
def test_a_markdown_file_is_parsed_or_located(front: str, body: str) -> None:
    text = f"---\ntitel: {front!r}\når: 2024\n---\n{body}"
    parsed, diagnostics = parse_markdown_file(Plan, text, "x.md")
    assert parsed is not None or diagnostics
    for diagnostic in diagnostics:
        assert diagnostic.path == "x.md" and diagnostic.message and diagnostic.line >= 0


YAMLISH = st.lists(st.sampled_from([*list(":-[]{}|>&*!#'\"%@`,?~\t\n "), "å", "x", "1", "\x00", "\ufeff"]),
                   max_size=80).map("".join)


@fuzz(300)
@given(YAMLISH)
def test_the_yaml_loader_answers_with_data_or_located_errors(text: str) -> None:
    doc, diagnostics = yamlload.parse_yaml(text, "f.yaml")
    assert doc is not None or diagnostics
    assert all(d.path == "f.yaml" and d.message for d in diagnostics)


AMOUNTS = st.lists(st.sampled_from([*list("0123456789 ,.-−+e%"), "tkr", "kr", "\xa0", "mnkr", "x"]),
                   max_size=25).map("".join)


@fuzz(300)
@given(AMOUNTS)
@example("9" * 5000)
def test_the_amount_parser_answers_with_a_number_or_its_own_error(text: str) -> None:
    try:
        amount, _unit = parse_amount(text)
    except AmountError as error:
        assert str(error)
        return
    assert isinstance(amount, Decimal)


# --- a whole site ------------------------------------------------------------------------------------------------

FILES = [f"{PLAN}/plan.yaml", f"{PLAN}/budget.yaml", f"{PLAN}/avsnitt/01-inledning.md",
         f"{PLAN}/insatser/01-vidare-vy.md", "content/exempel/forbund.yaml", "site.yaml"]


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, str]:
    """One file of the minimal site, changed: a generated text put in at a line, or a line dropped."""
    name = draw(st.sampled_from(FILES))
    lines = (FIXTURES / "minimal" / name).read_text("utf-8").split("\n")
    at = draw(st.integers(0, len(lines)))
    if draw(st.booleans()):
        lines.insert(at, draw(YAMLISH | MARKDOWN))
    elif at < len(lines):
        lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))] + draw(YAMLISH)
    return name, "\n".join(lines)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(FIXTURES / "minimal", home / "site")
    assert build(home / "site", home / "site/output").written
    return home / "site"


@fuzz(25)
@given(mutations())
def test_check_and_build_of_a_generated_site_never_crash_and_a_failed_build_changes_nothing(
    built: Path, tmp_path_factory: pytest.TempPathFactory, change: tuple[str, str]
) -> None:
    site = tmp_path_factory.mktemp("case") / "site"
    shutil.copytree(built, site)
    name, text = change
    (site / name).write_text(text, "utf-8")
    checked = check(site)
    for diagnostic in checked.diagnostics:
        assert diagnostic.message and diagnostic.path and diagnostic.severity in ("fel", "varning")
    before = snapshot(site / "output")
    result = build(site, site / "output")
    if checked.failed():
        assert not result.written
    if not result.written:
        assert snapshot(site / "output") == before
        assert result.failed()
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".output")) == []
    shutil.rmtree(site.parent)
