"""Property-based tests: no input makes the loader or the amount parser raise anything but a located error.

Hypothesis writes arbitrary text, arbitrary YAML built from the content keys authors use, and arbitrary
amounts; the parsers must answer each with a value or with the project's own diagnostics (file, line,
column, Swedish message), never with an exception.
"""

from __future__ import annotations

import os
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from finsam_site.diagnostics import Diagnostic
from finsam_site.load import yamlload
from finsam_site.load.accounts import Budget
from finsam_site.load.amounts import AmountError, parse_amount
from finsam_site.load.forbund import Forbund
from finsam_site.load.model import Acknowledgements, FreeTable, Goal, Insats, Plan, Section
from finsam_site.load.outcomes import FollowUp
from finsam_site.load.parse import parse_markdown_file, parse_yaml_file
from finsam_site.load.settings import SiteConfig

# FINSAM_EXAMPLES=3000 runs a deeper search locally; CI keeps the default for a quick suite.
EXAMPLES = int(os.environ.get("FINSAM_EXAMPLES", "200"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MODELS: list[type[BaseModel]] = [SiteConfig, Forbund, Plan, Budget, Goal, Insats, Section, FreeTable, Acknowledgements,
                                 FollowUp]
YAML_CHARS = st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs", "Cc"])
YAML_TEXT = st.text(alphabet=st.one_of(st.sampled_from(list(":-[]{}|>&*!#'\"%@`,?~\t\n ")), YAML_CHARS), max_size=200)


def _aliases(model: Any, found: set[str]) -> set[str]:
    """Every key an author can write in any model (the Swedish aliases), found by walking the annotations."""
    if isinstance(model, type) and issubclass(model, BaseModel):
        if model.__name__ in found:
            return found
        found.add(model.__name__)
        for name, field in model.model_fields.items():
            found.add(field.alias or name)
            _aliases(field.annotation, found)
    for arg in getattr(model, "__args__", ()):
        _aliases(arg, found)
    return found


KEYS = sorted(k for k in set().union(*(_aliases(m, set()) for m in MODELS)) if k[:1].islower())
SCALARS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["2024", "2023-11-30", "1 255 500", "1.000.000", "1,5e3", "-785", "~", "okänt", "ja", "nej",
                     "true", "0", "staten", "region", "kommun", "budget", "kr", "tkr", "20 %", "≥ 60", "x" * 300]),
    st.integers(-10**30, 10**30).map(str),
)
VALUES = st.recursive(
    SCALARS | st.none(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), inner,
                                                                max_size=6),
    max_leaves=30,
)
DOCUMENTS = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=10)


def _located(diagnostics: list[Diagnostic], path: str) -> None:
    assert diagnostics, "a refused file needs a reason"
    for diag in diagnostics:
        assert diag.path == path
        assert diag.line >= 1 and diag.column >= 1, diag
        assert diag.severity in ("fel", "varning") and diag.message


@SETTINGS
@given(YAML_TEXT)
@example("a: &x [1]\nb: *x\n")
@example("a: [\n")
@example("\ufeffa: 1")
@example("a: 1\x00")
@example("\ud800")
def test_parse_yaml_answers_any_text_with_a_document_or_located_errors(text: str) -> None:
    doc, diagnostics = yamlload.parse_yaml(text, "f.yaml")
    if doc is None:
        _located(diagnostics, "f.yaml")
    else:
        assert diagnostics == []
        for mark in [*doc.marks.values(), *doc.key_marks.values()]:
            assert mark.line >= 1 and mark.column >= 1


def test_the_fast_path_is_taken() -> None:
    """PyYAML's wheels include libyaml; without it every file would take the slow path (and the test below
    would compare nothing)."""
    doc = yamlload._parse_with_libyaml("a: [1, ~]\nb: {c: d}\n", "f.yaml", 0)
    assert doc is not None and doc.data == {"a": ["1", None], "b": {"c": "d"}}


@SETTINGS
@given(YAML_TEXT)
@example("a: [~, ~]\n")
@example("a: '~'\nb: ~\nc:\n")
def test_libyaml_and_the_python_loader_agree(text: str) -> None:
    """Where both accept a text, libyaml (the fast path) and the pure-Python loader read the same document.

    libyaml is a little more lenient on a few malformed texts (``>#``: a comment without a space before it);
    there the fast path reads what the author evidently meant.
    """
    fast = yamlload._parse_with_libyaml(text, "f.yaml", 0)
    if fast is None:
        return
    saved, yamlload._CLoader = yamlload._CLoader, None
    try:
        slow, _ = yamlload.parse_yaml(text, "f.yaml")
    finally:
        yamlload._CLoader = saved
    if slow is None:
        return
    assert (fast.data, fast.key_marks) == (slow.data, slow.key_marks)
    # An empty value (None) in a flow collection or after an explicit `?` key is placed differently by libyaml.
    assert {k: m for k, m in fast.marks.items() if _value(fast.data, k) is not None} == {
        k: m for k, m in slow.marks.items() if _value(slow.data, k) is not None
    }


def _value(data: Any, loc: tuple[str | int, ...]) -> Any:
    for step in loc:
        data = data[step]
    return data


@SETTINGS
@given(st.sampled_from(MODELS), DOCUMENTS)
def test_any_yaml_document_is_a_model_or_located_errors(model: type[BaseModel], data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    parsed, diagnostics = parse_yaml_file(model, text, "f.yaml")
    if parsed is None:
        _located(diagnostics, "f.yaml")
    else:
        assert isinstance(parsed.model, model)


@SETTINGS
@given(st.sampled_from([Goal, Insats, Section]), DOCUMENTS, st.text(max_size=100))
def test_any_markdown_file_is_a_model_or_located_errors(
    model: type[BaseModel], data: dict[str, Any], body: str
) -> None:
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body
    parsed, diagnostics = parse_markdown_file(model, text, "f.md")
    if parsed is None:
        _located(diagnostics, "f.md")
    else:
        assert isinstance(parsed.model, model) and diagnostics == []
        assert parsed.body == (body.strip("\n") + "\n" if body.strip() else "")  # the body is kept as written


@SETTINGS
@given(st.sampled_from(MODELS), YAML_TEXT)
def test_any_text_as_a_content_file_is_a_model_or_located_errors(model: type[BaseModel], text: str) -> None:
    parsed, diagnostics = parse_yaml_file(model, text, "f.yaml")
    if parsed is None:
        _located(diagnostics, "f.yaml")
    else:
        assert isinstance(parsed.model, model) and diagnostics == []
    parsed, diagnostics = parse_markdown_file(model, "---\n" + text + "\n---\n", "f.md")
    if parsed is None:
        _located(diagnostics, "f.md")
    else:
        assert isinstance(parsed.model, model) and diagnostics == [] and parsed.body == ""


AMOUNT_TEXT = st.text(alphabet=st.one_of(st.sampled_from(list("0123456789 ,.-−–eE+:krontusenå\u00a0\u202f")),
                                         st.characters()), max_size=30)


@SETTINGS
@given(AMOUNT_TEXT)
@example("1.000.000")
@example("1,5e3")
@example("9" * 5000)
@example("- 785 kr")
def test_parse_amount_returns_a_number_or_an_amount_error(text: str) -> None:
    try:
        value, unit = parse_amount(text)
    except AmountError as exc:
        assert str(exc).startswith("`")  # the Swedish message quotes what the author wrote
        return
    assert value.is_finite()
    assert unit in (None, "kr", "tkr")


@SETTINGS
@given(st.integers(-(10**15), 10**15), st.sampled_from(["", " kr", " kronor", " tkr"]))
def test_amounts_written_the_swedish_way_are_read_back(value: int, unit: str) -> None:
    digits = f"{abs(value):,}".replace(",", " ")
    parsed, found = parse_amount(("-" if value < 0 else "") + digits + unit)
    assert parsed == value
    assert found == {"": None, " kr": "kr", " kronor": "kr", " tkr": "tkr"}[unit]
