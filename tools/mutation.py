"""Mutation testing of the modules where a wrong answer hurts most, with cosmic-ray.

    python tools/mutation.py                      # every module below, one after the other
    python tools/mutation.py rules/finsam.py      # one module
    python tools/mutation.py --report             # the scores of the sessions run so far, no new run
    python tools/mutation.py --minutes 20 opendata.py   # stop after 20 minutes and report what was done

Each module is mutated in a scratch copy of the repository (never in the working tree), one mutant at a time,
and a fast selection of the tests that concern it is run against each mutant (``pytest -x``). The session of
each module is kept in ``--work`` (default: /tmp/finsam-mutation), so an interrupted run resumes where it stopped.
The script prints the score per module (killed / (killed + survived)) and every surviving mutant with its line
and diff. docs/testing.md explains the choices and records the last run's output.

Mutants that cannot change behaviour are not run (reported as "skipped"): mutations inside type annotations,
which are never evaluated (every module has ``from __future__ import annotations``), and binary-operator
replacements that only swap in an operator these modules never use on their operands (``**``, ``%``, ``//``,
``<<``, ``>>``, ``&``, ``^``, ``|``): on Decimal, str and list they raise at once, so they only pad the score.

The machine is shared: the tests run under ``nice -n 15`` and one mutant at a time.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# module (under finsam_site/) -> the tests that concern it, fastest and most telling first
MODULES: dict[str, list[str]] = {
    "rules/finsam.py": ["tests/test_rule_boundaries.py", "tests/test_rules.py"],
    "rules/arithmetic.py": ["tests/test_rule_boundaries.py", "tests/test_rules.py"],
    "rules/__init__.py": ["tests/test_rule_boundaries.py", "tests/test_rules.py"],
    "rules/acknowledge.py": ["tests/test_rules.py", "tests/test_seed_figures.py"],
    "amounts.py": ["tests/test_amounts.py"],
    "yamlload.py": ["tests/test_yamlload.py", "tests/test_loader.py"],
    "markup.py": [
        "tests/test_build.py::test_markdown_html_is_sanitised",
        "tests/test_robustness.py::test_html_and_script_in_markdown_and_yaml_are_neutralised",
        "tests/test_robustness.py::test_a_site_may_keep_raw_html_in_markdown",
        "tests/test_robustness.py::test_nothing_but_sanitised_markdown_bypasses_autoescaping",
        "tests/test_build.py",
    ],
    "write.py": ["tests/test_write.py", "tests/test_cli.py"],
    "opendata.py": ["tests/test_opendata.py"],
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
    return target in USELESS_TARGETS or source == "BitOr"


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
    command = " ".join(
        ["nice", "-n", "15", sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    )
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
    return work / (module.replace("/", "-").removesuffix(".py") + ".sqlite")


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
        env={**os.environ, "PYTHONPATH": str(copy)},
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
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PYTHONPATH": str(copy), "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


def run(work: Path, module: str, minutes: float | None) -> None:
    copy = _scratch(work)
    config, session = _prepare(work, module, copy)
    command = ["cosmic-ray", "exec", str(config), str(session)]
    try:
        subprocess.run(command, cwd=copy, env=_env(copy), timeout=None if minutes is None else minutes * 60)
    except subprocess.TimeoutExpired:
        print(f"{module}: stopped after {minutes} minutes; run again to resume.", file=sys.stderr)
    finally:
        # cosmic-ray restores the file after each mutant; a stop in the middle of one may leave it mutated,
        # which is why it works on a copy. Check that the copy's module is the repository's again.
        if (copy / "finsam_site" / module).read_bytes() != (REPO / "finsam_site" / module).read_bytes():
            print(f"{module}: the scratch copy was left mutated (stopped mid-mutant).", file=sys.stderr)


def report(work: Path, modules: list[str]) -> int:
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome

    total_killed = total_survived = 0
    lines = []
    for module in modules:
        session = _session(work, module)
        if not session.exists():
            lines.append(f"{module:24} not run")
            continue
        with use_db(str(session), WorkDB.Mode.open) as db:
            done = list(db.completed_work_items)
            pending = db.num_work_items - len(done)
        killed = [r for _, r in done if r.worker_outcome != WorkerOutcome.SKIPPED and r.is_killed]
        survivors = [(i, r) for i, r in done if r.test_outcome == TestOutcome.SURVIVED]
        skipped = [r for _, r in done if r.worker_outcome == WorkerOutcome.SKIPPED]
        tried = len(killed) + len(survivors)
        score = f"{100 * len(killed) / tried:5.1f} %" if tried else "   – "
        state = f", {pending} not run yet" if pending else ""
        lines.append(
            f"{module:24} {score}  killed {len(killed):4}  survived {len(survivors):3}  "
            f"skipped {len(skipped):3}{state}"
        )
        total_killed += len(killed)
        total_survived += len(survivors)
        for item, result in sorted(survivors, key=lambda s: s[0].mutations[0].start_pos):
            [mutation] = item.mutations
            changed = [
                d[1:].strip()
                for d in (result.diff or "").splitlines()
                if d.startswith("+") and not d.startswith("+++")
            ]
            lines.append(
                f"    survived  {module}:{mutation.start_pos[0]}  {mutation.operator_name.removeprefix('core/')}"
                f"  →  {changed[0] if changed else ''}"
            )
    tried = total_killed + total_survived
    if tried:
        lines.append(f"{'all':24} {100 * total_killed / tried:5.1f} %  killed {total_killed:4}  survived {total_survived:3}")
    print("\n".join(lines))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", help=f"modules under finsam_site/ (default: {', '.join(MODULES)})")
    parser.add_argument("--work", type=Path, default=Path("/tmp/finsam-mutation"))
    parser.add_argument("--minutes", type=float, help="stop each module's run after this many minutes")
    parser.add_argument("--report", action="store_true", help="only report the sessions run so far")
    parser.add_argument("--fresh", action="store_true", help="forget earlier sessions of these modules")
    args = parser.parse_args()
    modules = args.modules or list(MODULES)
    unknown = [m for m in modules if m not in MODULES]
    if unknown:
        parser.error(f"unknown module(s): {', '.join(unknown)}")
    args.work.mkdir(parents=True, exist_ok=True)
    if not args.report:
        for module in modules:
            if args.fresh:
                _session(args.work, module).unlink(missing_ok=True)
            run(args.work, module, args.minutes)
    return report(args.work, modules)


if __name__ == "__main__":
    sys.exit(main())
