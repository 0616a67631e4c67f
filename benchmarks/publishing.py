"""What publishing costs: the search index, the link check, the open data and `finsam-site publish`.

    python benchmarks/publishing.py [--forbund 20] [--years 5] [--seed 1]

Generates a synthetic corpus (benchmarks/generate.py), then measures in this process:

1. a build without and one with the search index, and Pagefind's index of the built site on its own;
2. the link check of the whole output (``build --check-links``);
3. ``publish`` into an empty folder, again with nothing changed, and after one insats file changed.

Prints one ``name=value`` line per figure. Timings belong here, never in a test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from finsam_site import build as build_module  # noqa: E402
from finsam_site import publish  # noqa: E402
from finsam_site.output import linkcheck, search  # noqa: E402

T = TypeVar("T")


def _timed(label: str, action: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = action()
    print(f"{label}_ms={(time.perf_counter() - started) * 1000:.0f}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--forbund", type=int, default=20)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="finsam-bench-") as scratch:
        root, out, dest = Path(scratch) / "site", Path(scratch) / "output", Path(scratch) / "webb"
        generate(root, args.forbund, args.years, args.seed)
        plain = Path(scratch) / "utan-sok"
        generate(plain, args.forbund, args.years, args.seed)
        with (plain / "site.yaml").open("a", encoding="utf-8") as file:
            file.write("sök: false\n")
        _timed("build_without_index", lambda: build_module.build(plain, Path(scratch) / "utan-sok-ut"))
        built = _timed("build_with_index", lambda: build_module.build(root, out))
        assert built.written, [d.format() for d in built.diagnostics[:5]]
        _timed("pagefind_index", lambda: search.index(out))
        files = [p for p in out.rglob("*") if p.is_file()]
        print(f"pages={built.pages}")
        print(f"files={len(files)}")
        print(f"search_bundle_kb={sum(p.stat().st_size for p in (out / 'pagefind').rglob('*') if p.is_file()) // 1024}")
        print(f"open_data_kb={sum(p.stat().st_size for p in files if '/data/' in p.as_posix()) // 1024}")
        broken = _timed("link_check", lambda: linkcheck.check_links(out, None))
        print(f"broken_links={len(broken)}")
        _timed("publish_first", lambda: publish.publish(out, dest))
        _timed("publish_unchanged", lambda: publish.publish(out, dest))
        insats = sorted(root.rglob("insatser/*.md"))[0]
        insats.write_text(insats.read_text("utf-8").replace("\n---\n", "\n---\nÄndrad.\n", 1), "utf-8")
        rebuilt = build_module.build(root, out)
        assert rebuilt.written, [d.format() for d in rebuilt.diagnostics[:5]]
        work = _timed("publish_after_change", lambda: publish.publish(out, dest))
        print(f"files_copied_after_change={len(work.copies)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
