"""The report of tools/mutation.py: scores per module, survivors, and the survivors known to be equivalent."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

EQUIVALENT = Path(__file__).with_name("mutation-equivalent.txt")


def session_of(work: Path, module: str) -> Path:
    return work / (module.replace("/", "-").removesuffix(".py") + ".sqlite")


def forget_live_survivors(work: Path, module: str) -> None:
    """Make the survivors that are not known to be equivalent pending again, to run them after new tests."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome

    equivalents = _equivalents()
    with use_db(str(session_of(work, module)), WorkDB.Mode.open) as db:
        live = [i.job_id for i, r in db.completed_work_items
                if r.test_outcome == TestOutcome.SURVIVED and not _reason(module, i.mutations[0], equivalents)]
    with sqlite3.connect(session_of(work, module)) as raw:
        raw.executemany("DELETE FROM work_results WHERE job_id = ?", [(job,) for job in live])


def _equivalents() -> list[tuple[str, int, re.Pattern[str], str]]:
    """tools/mutation-equivalent.txt: survivors shown to be equivalent, ``module:line operator-regex | reason``."""
    found = []
    for text in EQUIVALENT.read_text("utf-8").splitlines():
        if text.strip() and not text.startswith("#"):
            where, reason = text.split(" | ", 1)
            place, operator = where.split()
            module, line = place.rsplit(":", 1)
            found.append((module, int(line), re.compile(operator), reason.strip()))
    return found


def _reason(module: str, mutation: object, equivalents: list[tuple[str, int, re.Pattern[str], str]]) -> str:
    line, name = mutation.start_pos[0], mutation.operator_name.removeprefix("core/")  # type: ignore[attr-defined]
    return next((r for m, n, op, r in equivalents if m == module and n == line and op.fullmatch(name)), "")


def report(work: Path, modules: list[str]) -> int:
    """The score of each module's session and its survivors, the known equivalent ones marked."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome

    equivalents = _equivalents()
    totals = [0, 0, 0]  # killed, live survivors, equivalent survivors
    lines = []
    for module in modules:
        session = session_of(work, module)
        if not session.exists():
            lines.append(f"{module:24} not run")
            continue
        with use_db(str(session), WorkDB.Mode.open) as db:
            done = list(db.completed_work_items)
            pending = db.num_work_items - len(done)
        killed = [r for _, r in done if r.test_outcome == TestOutcome.KILLED]
        survivors = [(i, r) for i, r in done if r.test_outcome == TestOutcome.SURVIVED]
        skipped = [r for _, r in done if r.worker_outcome == WorkerOutcome.SKIPPED]
        other = len(done) - len(killed) - len(survivors) - len(skipped)  # incompetent, or no mutation possible
        same = [s for s in survivors if _reason(module, s[0].mutations[0], equivalents)]
        live = len(survivors) - len(same)
        score = f"{100 * len(killed) / (len(killed) + live):5.1f} %" if killed or live else "   – "
        state = (f", {other} incompetent" if other else "") + (f", {pending} not run yet" if pending else "")
        lines.append(
            f"{module:24} {score}  killed {len(killed):4}  survived {live:3} (+{len(same)} equivalent)  "
            f"skipped {len(skipped):3}{state}"
        )
        for index, value in enumerate((len(killed), live, len(same))):
            totals[index] += value
        for item, result in sorted(survivors, key=lambda s: s[0].mutations[0].start_pos):
            [mutation] = item.mutations
            changed = [d[1:].strip() for d in (result.diff or "").splitlines() if d[:1] == "+" and d[:3] != "+++"]
            why = _reason(module, mutation, equivalents)
            lines.append(
                f"    {'equivalent' if why else 'survived  '}  {module}:{mutation.start_pos[0]}  "
                f"{mutation.operator_name.removeprefix('core/')}  →  {changed[0] if changed else ''}"
            )
    if totals[0] or totals[1]:
        all_killed, all_live, all_same = totals
        percent = 100 * all_killed / (all_killed + all_live)
        summary = f"killed {all_killed:4}  survived {all_live:3} (+{all_same} equivalent)"
        lines.append(f"{'all':24} {percent:5.1f} %  {summary}")
    print("\n".join(lines))
    return 0
