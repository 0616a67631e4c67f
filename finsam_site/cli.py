"""Command line: parses arguments and calls the commands. Nothing else."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .build import build, check
from .report import Reporter


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="finsam-site", description="Publicera samordningsförbunds planer som webbplats."
    )
    parser.add_argument("--version", action="version", version=f"finsam-site {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--site", type=Path, default=Path("."), help="webbplatsens mapp (där site.yaml finns)")
    common.add_argument("--strict", action="store_true", help="varningar räknas som fel")
    common.add_argument("--quiet", "-q", action="store_true", help="skriv bara ut fel")
    common.add_argument("--verbose", "-v", action="store_true", help="skriv ut mer om vad som görs")

    b = commands.add_parser("build", parents=[common], help="kontrollera och bygg webbplatsen")
    b.add_argument("--out", type=Path, default=None, help="utdatamapp (standard: output i webbplatsens mapp)")
    b.add_argument("--pdf", action="store_true", help="skapa också en tillgänglig PDF av varje plan")
    c = commands.add_parser("check", parents=[common], help="kontrollera innehållet utan att bygga")
    c.add_argument("--format", choices=["text", "json"], default="text", help="utdataformat för problemen")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    reporter = Reporter(quiet=args.quiet, verbose=args.verbose)
    root: Path = args.site
    if args.command == "check":
        result = check(root)
        if args.format == "json":
            reporter.diagnostics(result.diagnostics, "json")
            return 1 if result.failed(args.strict) else 0
        reporter.diagnostics(result.diagnostics)
        reporter.summary(result.diagnostics, "Kontrollen", "Kontrollen är klar")
        return 1 if result.failed(args.strict) else 0
    out = args.out if args.out is not None else root / "output"
    result = build(root, out, strict=args.strict, pdf=args.pdf)
    reporter.diagnostics(result.diagnostics)
    if result.written:
        reporter.info(f"Skrev {result.pages} sidor ({result.files} filer) till {out} på {result.seconds:.2f} s.")
    reporter.summary(result.diagnostics, "Bygget", "Bygget är klart")
    return 0 if result.written and not result.failed(args.strict) else 1


def run() -> None:
    sys.exit(main())
