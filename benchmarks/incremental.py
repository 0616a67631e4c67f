"""What a rebuild in `finsam-site serve` costs: full build, no change, and one file changed.

    python benchmarks/incremental.py [--forbund 20] [--years 5] [--seed 1]

Generates a synthetic corpus (benchmarks/generate.py), then builds it with one
``preview.session.Session`` as the preview does:

1. the first build (everything parsed and rendered);
2. a rebuild with nothing changed;
3. a rebuild after one goal's text changed (only its plan's pages are rendered again);
4. a rebuild after one förbund's forbund.yaml changed;
5. for comparison, a plain one-off build (memory.NoMemory).

Prints one ``name=value`` line per figure. Timings belong here, never in a test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from finsam_site.build import build  # noqa: E402
from finsam_site.memory import Stats  # noqa: E402
from finsam_site.preview.session import Session  # noqa: E402


def _rebuild(label: str, root: Path, out: Path, session: Session | None) -> Stats:
    started = time.perf_counter()
    result = build(root, out, memory=session)
    assert result.written, [d.format() for d in result.diagnostics[:5]]
    print(f"{label}_ms={(time.perf_counter() - started) * 1000:.0f}")
    stats = result.stats
    if session is not None:
        print(f"{label}_files_parsed={len(stats.parsed)}")
        print(f"{label}_pages_rendered={stats.rendered}")
        print(f"{label}_load_ms={stats.load_seconds * 1000:.0f}")
        print(f"{label}_render_ms={stats.render_seconds * 1000:.0f}")
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--forbund", type=int, default=20)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="finsam-bench-") as scratch:
        root, out = Path(scratch) / "site", Path(scratch) / "output"
        generate(root, args.forbund, args.years, args.seed)
        session = Session()
        stats = _rebuild("first", root, out, session)
        print(f"files={stats.files}")
        print(f"pages={stats.pages}")
        _rebuild("unchanged", root, out, session)
        goal = sorted(root.rglob("mal/*.md"))[0]
        goal.write_text(goal.read_text("utf-8") + "\nEn ändrad mening.\n", "utf-8")
        session.notice([goal])  # as serve does: the preview tells the session which files changed
        _rebuild("goal_changed", root, out, session)
        forbund = sorted(root.rglob("forbund.yaml"))[-1]
        forbund.write_text(forbund.read_text("utf-8") + "\n", "utf-8")
        session.notice([forbund])
        _rebuild("forbund_changed", root, out, session)
        _rebuild("plain_full", root, out, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
