"""Mutation testing of the modules where a wrong answer hurts most, with cosmic-ray.

    python tools/mutation.py                      # every module below, one after the other
    python tools/mutation.py check/rules/finsam.py      # one module
    python tools/mutation.py --report             # the scores of the sessions run so far, no new run
    python tools/mutation.py --minutes 20 output/opendata.py   # stop after 20 minutes and report what was done
    python tools/mutation.py --survivors output/markup.py      # run a module's survivors again, after adding tests

Each module is mutated in a scratch copy of the repository (never in the working tree), one mutant at a time,
and a fast selection of the tests that concern it is run against each mutant (``pytest -x``). The session of
each module is kept in ``--work`` (default: /tmp/finsam-mutation), so an interrupted run resumes where it stopped.
The script prints the score per module (killed / (killed + survived)) and every surviving mutant with its line
and diff. docs/testing.md explains the choices and records the last run's output.

Mutants that cannot change behaviour are not run (reported as "skipped"): mutations inside type annotations,
which are never evaluated (every module has ``from __future__ import annotations``), and binary-operator
replacements that only swap in an operator these modules never use on their operands (``**``, ``%``, ``//``,
``<<``, ``>>``, ``&``, ``^``, ``|``): on Decimal, str and list they raise at once, so they only pad the score
(a ``|`` in code is set union, and its replacements by ``&`` and ``^`` are run).

The machine is shared: the script lowers its own priority to ``nice 15`` and runs one mutant at a time.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mutation_report import forget_live_survivors, report, session_of

REPO = Path(__file__).resolve().parent.parent

# module (under finsam_site/) -> the tests that concern it, fastest and most telling first
MODULES: dict[str, list[str]] = {
    "check/rules/acknowledge.py": [
        "tests/test_acknowledge.py",
        "tests/test_build.py::test_acknowledged_sum_error_is_shown_with_its_explanation",
    ],
    "check/rules/__init__.py": [
        "tests/test_rule_boundaries.py",
        "tests/test_rule_messages.py",
        "tests/test_acknowledge.py",
        "tests/test_rules.py",
    ],
    "check/rules/arithmetic.py": [
        "tests/test_rule_boundaries.py",
        "tests/test_rule_messages.py",
        "tests/test_rules.py::test_co_financing_budget_sums",
        "tests/test_rules.py::test_insats_amount_matches_budget_line",
        "tests/test_rules.py::test_closing_equity",
    ],
    "check/rules/finsam.py": ["tests/test_rule_boundaries.py", "tests/test_rule_messages.py"],
    "load/amounts.py": ["tests/test_amounts.py"],
    "output/markup.py": [
        "tests/test_markup.py",
        "tests/test_build.py::test_markdown_html_is_sanitised",
        "tests/test_robustness.py::test_html_and_script_in_markdown_and_yaml_are_neutralised",
        "tests/test_robustness.py::test_a_site_may_keep_raw_html_in_markdown",
        "tests/test_robustness.py::test_nothing_but_sanitised_markdown_bypasses_autoescaping",
        "tests/test_build.py",
    ],
    "load/yamlload.py": [
        "tests/test_yamlload.py",
        "tests/test_properties.py::test_the_fast_path_is_taken",
        "tests/test_loader.py",
    ],
    "output/opendata.py": ["tests/test_opendata_values.py", "tests/test_opendata.py"],
    "output/writer.py": ["tests/test_writer_units.py", "tests/test_write.py", "tests/test_cli.py"],
}

# Operators that only swap in an operator none of these modules applies to its operands (see the docstring).
USELESS_TARGETS = ("Pow", "Mod", "FloorDiv", "LShift", "RShift", "BitAnd", "BitXor", "BitOr")


def _annotation_lines(source: str) -> set[tuple[int, int]]:
    """(line, column) of every position inside a type annotation."""
    spans: list[ast.expr] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.arg) and node.annotation is not None:
            spans.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns is not None:
            spans.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            spans.append(node.annotation)
    inside: set[tuple[int, int]] = set()
    for span in spans:
        end_line, end_col = span.end_lineno or span.lineno, span.end_col_offset or 0
        for line in range(span.lineno, end_line + 1):
            first = span.col_offset if line == span.lineno else 0
            last = end_col if line == end_line else 10_000
            inside.update((line, col) for col in range(first, last))
    return inside


def _useless(operator: str) -> bool:
    if not operator.startswith("core/ReplaceBinaryOperator_"):
        return False
    source, target = operator.removeprefix("core/ReplaceBinaryOperator_").split("_")
    return target in USELESS_TARGETS and source != "BitOr"  # `|` is set union in code: `&` and `^` mean something


def _scratch(work: Path) -> Path:
    """A copy of the repository's files (tracked and new, as in the working tree) to mutate."""
    copy = work / "finsam-site"
    if copy.exists():
        shutil.rmtree(copy)
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.decode().split("\0")
    for name in filter(None, files):
        source = REPO / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    shared = REPO.parent / "shared"  # the seeds beside the repository, which tests/test_content.py reads
    if shared.is_dir() and not (work / "shared").exists():
        (work / "shared").symlink_to(shared)
    return copy


def _config(module: str, tests: list[str], timeout: float) -> str:
    command = " ".join([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests])
    return (
        "[cosmic-ray]\n"
        f'module-path = "finsam_site/{module}"\n'
        f"timeout = {timeout}\n"
        "excluded-modules = []\n"
        f'test-command = "{command}"\n\n'
        "[cosmic-ray.distributor]\n"
        'name = "local"\n'
    )


def _session(work: Path, module: str) -> Path:
    return session_of(work, module)


def _prepare(work: Path, module: str, copy: Path) -> tuple[Path, Path]:
    """The cosmic-ray config and session of ``module``, with the mutants that cannot matter skipped."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult

    config = work / (module.replace("/", "-").removesuffix(".py") + ".toml")
    tests = MODULES[module]
    started = time.monotonic()
    baseline = subprocess.run(
        [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
        cwd=copy,
        env=_env(copy),
        capture_output=True,
        text=True,
    )
    if baseline.returncode != 0:
        sys.exit(f"{module}: the tests fail without any mutant:\n{baseline.stdout[-3000:]}")
    timeout = max(60.0, 4 * (time.monotonic() - started))
    config.write_text(_config(module, tests, timeout), "utf-8")
    session = _session(work, module)
    if session.exists():
        return config, session
    subprocess.run(["cosmic-ray", "init", str(config), str(session)], cwd=copy, check=True, env=_env(copy))
    annotations = _annotation_lines((copy / "finsam_site" / module).read_text("utf-8"))
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item in list(db.pending_work_items):
            [mutation] = item.mutations
            if mutation.start_pos in annotations:
                reason = "in a type annotation, never evaluated"
            elif _useless(mutation.operator_name):
                reason = "an operator these modules never apply"
            else:
                continue
            db.set_result(item.job_id, WorkResult(output=reason, worker_outcome=WorkerOutcome.SKIPPED))
    return config, session


def _env(copy: Path) -> dict[str, str]:
    """The scratch copy first on the path, and no bytecode cache: a mutant of the same size written within the same
    second as the original would otherwise be run from the original's cached bytecode."""
    bin_dir = str(Path(sys.executable).parent)
    path = bin_dir + os.pathsep + os.environ.get("PATH", "")
    return {**os.environ, "PYTHONPATH": str(copy), "PATH": path, "PYTHONDONTWRITEBYTECODE": "1"}


def run(work: Path, module: str, minutes: float | None) -> None:
    """Every pending mutant of ``module``, each tested in a forked child of one process that imported everything
    once (the child re-executes the mutated module in place, so nothing is imported again); a mutant that survives
    there is tested again in a fresh interpreter before it counts as a survivor."""
    copy = _scratch(work)
    _prepare(work, module, copy)
    subprocess.run(
        [sys.executable, __file__, "--execute", module, "--work", str(work)]
        + (["--minutes", str(minutes)] if minutes is not None else []),
        cwd=copy,
        env=_env(copy),
        check=False,
    )
    if (copy / "finsam_site" / module).read_bytes() != (REPO / "finsam_site" / module).read_bytes():
        print(f"{module}: the scratch copy was left mutated (stopped mid-mutant).", file=sys.stderr)


def _repoint(old: dict[str, object], new: dict[str, object]) -> None:
    """Names other modules imported from the mutated one (``from .x import f``) now mean the mutated objects."""
    plain = (int, float, str, bytes, bool, type(None))
    changed = {id(v): new[k] for k, v in old.items() if k in new and new[k] is not v and not isinstance(v, plain)}
    for loaded in list(sys.modules.values()):
        if getattr(loaded, "__name__", "").startswith("finsam_site"):
            names = loaded.__dict__
            for key, value in list(names.items()):
                if id(value) in changed:
                    names[key] = changed[id(value)]


def _child(name: str, path: Path, mutated: str, tests: list[str]) -> int:
    import pytest

    os.setpgrp()
    path.write_text(mutated, "utf-8")  # for the tests that run the CLI as a subprocess
    target = sys.modules[name]
    old = dict(target.__dict__)
    try:
        exec(compile(mutated, str(path), "exec"), target.__dict__)  # the mutant under test
    except Exception:
        return 1  # a mutant that breaks the module is caught by any test
    _repoint(old, target.__dict__)
    with open(os.devnull, "w") as quiet:
        os.dup2(quiet.fileno(), 1)
        os.dup2(quiet.fileno(), 2)
        return int(pytest.main(["-x", "-q", "-p", "no:cacheprovider", *tests]))


def _fresh_run(copy: Path, tests: list[str], timeout: float) -> int:
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    try:
        done = subprocess.run(command, cwd=copy, env=_env(copy), capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return -1
    return done.returncode


def execute(work: Path, module: str, minutes: float | None) -> None:
    """The executor (run inside the scratch copy): cosmic-ray's pending work items, one forked child each."""
    import importlib
    import pkgutil
    import signal

    import cosmic_ray.plugins
    from cosmic_ray.mutating import _make_diff, mutate_code
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkResult

    copy = Path.cwd()
    for cache in copy.rglob("__pycache__"):
        shutil.rmtree(cache)
    sys.path.insert(0, str(copy))
    import bs4  # noqa: F401 - imported once here, not in every child
    import pytest  # noqa: F401

    import finsam_site

    assert Path(finsam_site.__file__).resolve().is_relative_to(copy), finsam_site.__file__
    for info in pkgutil.walk_packages(finsam_site.__path__, "finsam_site."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    name = "finsam_site." + module.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    path = copy / "finsam_site" / module
    original = path.read_text("utf-8")
    tests = MODULES[module]
    config = (work / (module.replace("/", "-").removesuffix(".py") + ".toml")).read_text("utf-8")
    timeout = float(config.split("timeout = ")[1].split()[0])
    stop = None if minutes is None else time.monotonic() + minutes * 60
    with use_db(str(_session(work, module)), WorkDB.Mode.open) as db:
        pending = list(db.pending_work_items)
        random.Random(0).shuffle(pending)  # a run stopped by --minutes has tried a fair sample, not the first operators
        for item in pending:
            if stop is not None and time.monotonic() > stop:
                print(f"{module}: stopped after {minutes} minutes; run again to resume.", file=sys.stderr)
                break
            [mutation] = item.mutations
            operator = cosmic_ray.plugins.get_operator(mutation.operator_name)(**mutation.operator_args)
            mutated = mutate_code(original, operator, mutation.occurrence)
            if mutated is None:
                db.set_result(item.job_id, WorkResult(worker_outcome=WorkerOutcome.NO_TEST))
                continue
            started = time.monotonic()
            pid = os.fork()
            if pid == 0:
                code = 3
                try:
                    code = _child(name, path, mutated, tests)
                finally:
                    os._exit(code)
            status = None
            while status is None:
                done, raw = os.waitpid(pid, os.WNOHANG)
                if done:
                    status = os.waitstatus_to_exitcode(raw)
                elif time.monotonic() - started > timeout:
                    os.killpg(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    status = -1  # a mutant that hangs is caught by the timeout
                else:
                    time.sleep(0.02)
            if status == 0:
                # The child re-ran only the mutated module; code elsewhere that ran at import time with the original
                # (another module's list of rules, say) did not see the mutant. A survivor is therefore confirmed the
                # way cosmic-ray itself runs every mutant: a fresh interpreter, with the mutant on disk.
                path.write_text(mutated, "utf-8")
                status = _fresh_run(copy, tests, timeout)
            path.write_text(original, "utf-8")
            outcome = TestOutcome.SURVIVED if status == 0 else TestOutcome.KILLED
            if status not in (-1, 0, 1):
                outcome = TestOutcome.INCOMPETENT  # pytest could not run the tests (2-5), or the child crashed
            diff = "\n".join(_make_diff(original, mutated, path.relative_to(copy)))
            db.set_result(
                item.job_id,
                WorkResult(
                    output=f"exit {status}", diff=diff, test_outcome=outcome, worker_outcome=WorkerOutcome.NORMAL
                ),
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", help=f"modules under finsam_site/ (default: {', '.join(MODULES)})")
    parser.add_argument("--work", type=Path, default=Path("/tmp/finsam-mutation"))
    parser.add_argument("--minutes", type=float, help="stop each module's run after this many minutes")
    parser.add_argument("--report", action="store_true", help="only report the sessions run so far")
    parser.add_argument("--fresh", action="store_true", help="forget earlier sessions of these modules")
    parser.add_argument("--survivors", action="store_true", help="run the survivors again (after adding tests)")
    parser.add_argument("--execute", help=argparse.SUPPRESS)  # internal: the executor inside the scratch copy
    args = parser.parse_args()
    os.nice(max(0, 15 - os.nice(0)))
    if args.execute:
        execute(args.work, args.execute, args.minutes)
        return 0
    modules = args.modules or list(MODULES)
    unknown = [m for m in modules if m not in MODULES]
    if unknown:
        parser.error(f"unknown module(s): {', '.join(unknown)}")
    args.work.mkdir(parents=True, exist_ok=True)
    if not args.report:
        for module in modules:
            if args.fresh:
                _session(args.work, module).unlink(missing_ok=True)
            elif args.survivors and _session(args.work, module).exists():
                forget_live_survivors(args.work, module)
            run(args.work, module, args.minutes)
    return report(args.work, modules)


if __name__ == "__main__":
    sys.exit(main())
