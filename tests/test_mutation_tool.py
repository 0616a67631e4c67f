"""tools/mutation.py's own filters: which mutants it does not run, and why (docs/testing.md)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from conftest import REPO


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation_tool", REPO / "tools" / "mutation.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_positions_inside_annotations_are_found() -> None:
    source = "def f(a: int | None, b=1) -> str | None:\n    x: list[int] = [a | b]\n    return str(x)\n"
    inside = _tool()._annotation_lines(source)
    assert (1, 9) in inside and (1, 15) in inside  # `int | None`
    assert (1, 30) in inside  # the return annotation
    assert (2, 7) in inside  # `list[int]`
    assert (2, 20) not in inside  # `a | b` is code, not an annotation
    assert (1, 21) not in inside  # `b=1`


def test_only_operators_these_modules_never_apply_are_skipped() -> None:
    useless = _tool()._useless
    assert useless("core/ReplaceBinaryOperator_Add_Pow") and useless("core/ReplaceBinaryOperator_Sub_BitXor")
    assert not useless("core/ReplaceBinaryOperator_BitOr_BitAnd")  # set union against intersection
    assert not useless("core/ReplaceBinaryOperator_Add_Sub") and not useless("core/ReplaceBinaryOperator_Mul_Div")
    assert not useless("core/ReplaceComparisonOperator_Lt_LtE") and not useless("core/NumberReplacer")


def test_every_module_has_tests_that_exist() -> None:
    for module, tests in _tool().MODULES.items():
        assert (REPO / "finsam_site" / module).is_file(), module
        for test in tests:
            assert (REPO / test.split("::")[0]).is_file(), (module, test)


def test_every_known_equivalent_mutant_names_a_module_and_a_reason() -> None:
    tool = _tool()
    entries = tool.report.__globals__["_equivalents"]()
    assert entries
    for module, line, operator, reason in entries:
        assert module in tool.MODULES and line > 0 and reason, (module, line)
        assert operator.pattern.startswith(("Replace", "Number", "Exception", "AddNot", "RemoveDecorator")), operator
