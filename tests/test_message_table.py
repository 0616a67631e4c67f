"""docs/meddelanden.md lists every rule id the code can report, each with an example, and nothing else."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO

from finsam_site.authoring.messages import RULE_EXAMPLES, Message, messages, table
from finsam_site.check.rules import registry

# calls that take a rule id, and where: the argument's position (or its keyword, "rule")
RULE_ARGUMENT = {"Diagnostic": 4, "at": 2, "unknown_ref": 2, "_diag": 2, "problem": 3, "finding": 0, "Finding": 0,
                 "Kind": 12}  # a row of load/kinds.py: the rule of a missing file


def _name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def rule_ids_in_code() -> set[str]:
    """Every rule id written in finsam_site's source where a diagnostic is made."""
    found: set[str] = set()
    for path in sorted((REPO / "finsam_site").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and _name(node) in RULE_ARGUMENT:
                index = RULE_ARGUMENT[_name(node)]
                values = [node.args[index]] if len(node.args) > index else []
                values += [k.value for k in node.keywords if k.arg == "rule"]
                if _name(node) == "problem" and not values:
                    found.add("fil")  # Loader.problem's default
                found |= {v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)}
            if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and node.value.elts:
                last = node.value.elts[-1]  # schema._explain returns (message, hint, rule)
                if isinstance(last, ast.Constant) and isinstance(last.value, str) and last.value.startswith("schema-"):
                    found.add(last.value)
    return found


def test_every_rule_id_in_the_code_is_in_the_table_and_no_other() -> None:
    listed = [m.rule for m in messages()] + [r.id for r in registry()]
    assert len(listed) == len(set(listed)), "a rule id is listed twice"
    code = rule_ids_in_code()
    assert len(code) > 40
    assert {m.rule for m in messages()} - code == set(), "listed but never reported"  # a rule reports its own
    assert code - set(listed) == set(), "reported but not in finsam_site/authoring/messages.py"


def test_every_example_is_a_message_of_its_rule() -> None:
    rules = [Message(r.id, r.severity, "", *RULE_EXAMPLES[r.id]) for r in registry()]
    assert set(RULE_EXAMPLES) == {r.id for r in registry()}
    for m in messages() + rules:
        where, text = m.example.split(": ", 1)
        assert where and f"[{m.rule}]" in text, m
        assert text.split(" [", 1)[0] in m.severity.split(" eller "), m


def test_docs_table_is_in_step() -> None:
    expected = table()
    assert (REPO / "docs" / "meddelanden.md").read_text("utf-8") == expected, (
        "docs/meddelanden.md is stale: run `python -m finsam_site.authoring.messages > docs/meddelanden.md`"
    )
    for m in messages():
        assert f"| `{m.rule}` |" in expected


def test_the_table_is_swedish() -> None:
    text = Path(REPO / "docs" / "meddelanden.md").read_text("utf-8")
    for english in (" the ", " is ", " should ", " must ", " error ", " warning "):
        assert english not in text.lower()


def _templates(folder: Path, least: int = 10) -> list[re.Pattern[str]]:
    """Every f-string below ``folder`` as a pattern: its fixed words as they are, each ``{…}`` as any text."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.JoinedStr):
                fixed = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
                if sum(len(part.strip()) for part in fixed) >= least:
                    found.append(re.compile("".join(
                        re.escape(v.value) if isinstance(v, ast.Constant) else ".+?" for v in node.values
                    )))
    return found


def test_every_rule_example_is_worded_as_its_rule_words_it() -> None:
    templates = _templates(REPO / "finsam_site" / "check" / "rules")
    for rule, (example, _) in RULE_EXAMPLES.items():
        text = example.split("] ", 1)[1]
        assert any(t.fullmatch(text) for t in templates), f"{rule}: no message of the rules reads {text!r}"


def _constants(folder: Path) -> set[str]:
    return {node.value for path in sorted(folder.rglob("*.py")) for node in ast.walk(ast.parse(path.read_text("utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_every_message_example_is_worded_as_the_code_words_it() -> None:
    source = REPO / "finsam_site"
    templates, constants = _templates(source, 6), _constants(source)
    wrong = []
    for m in messages():
        text = m.example.split("] ", 1)[1]
        if text.endswith("…"):  # the example leaves out a part that depends on the system or a template
            continue
        if not (text in constants or any(t.fullmatch(text) for t in templates)):
            wrong.append(f"{m.rule}: {text}")
    assert wrong == [], "examples that no message of the code reads"
