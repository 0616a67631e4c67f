"""Command line: parses arguments and calls the commands. Nothing else."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .authoring.export import run_export
from .authoring.help import run_help
from .authoring.importing.run import run_import
from .authoring.jsonschema import run_schema
from .authoring.new import run_new
from .build import build, check
from .cache import CacheMemory
from .formatting import seconds
from .load.explain import closest
from .memory import NoMemory
from .preview.serve import serve
from .publish import command as publish_command
from .report import Reporter

# argparse in Swedish: usage, headings, help and every error message an author can meet.
#
# argparse words its messages in English (through gettext, with no Swedish catalogue). :class:`SwedishParser`
# writes its own headings and help, and translates each error message from argparse's templates, so that
# ``finsam-site bygg`` says ``ogiltigt val`` and names the command it probably meant.

# argparse's templates (Python 3.10–3.13) and their Swedish wording; %(name)s and %s are the parts kept
TEMPLATES = [
    ("argument %(argument_name)s: %(message)s", "%(argument_name)s: %(message)s"),
    ("invalid choice: %(value)r (choose from %(choices)s)", "ogiltigt val: %(value)s (välj bland %(choices)s)"),
    ("the following arguments are required: %(names)s", "det här saknas: %(names)s"),
    ("unrecognized arguments: %(names)s", "okända argument: %(names)s"),
    ("expected one argument", "ett värde behövs efter flaggan"),
    ("expected at most one argument", "högst ett värde får stå efter flaggan"),
    ("expected at least one argument", "minst ett värde behövs efter flaggan"),
    ("expected %(count)s arguments?", "%(count)s värden behövs efter flaggan"),
    ("invalid %(type)s value: %(value)r", "ogiltigt värde: %(value)s är inte %(type)s"),
    ("ambiguous option: %(option)s could match %(matches)s", "flaggan %(option)s kan betyda %(matches)s"),
    ("not allowed with argument %(other)s", "får inte användas tillsammans med %(other)s"),
    ("ignored explicit argument %(value)r", "flaggan tar inget värde (%(value)s)"),
    ("one of the arguments %(names)s is required", "ett av argumenten %(names)s behövs"),
    ("unexpected option string: %(option)s", "oväntad flagga: %(option)s"),
    ("unknown parser %(parser_name)r (choices: %(choices)s)",
     "okänt kommando %(parser_name)s (välj bland %(choices)s)"),
]


TYPES = {"int": "ett heltal", "float": "ett tal", "Path": "en sökväg"}  # argparse names the type a value must have
# commands an author may write in Swedish
SWEDISH_COMMANDS = {
    "bygg": "build", "bygga": "build", "kontrollera": "check", "granska": "check", "kolla": "check",
    "förhandsvisa": "serve", "visa": "serve", "ny": "new", "nytt": "new", "skapa": "new", "publicera": "publish",
    "exportera": "export",
    "importera": "import",
}


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"%\((\w+)\)[sr]", template.replace("?", "\0"))
    regex = "".join(re.escape(p).replace("\0", "?") if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return re.compile(f"^{regex}$", re.DOTALL)


_COMPILED = [(_pattern(english), swedish) for english, swedish in TEMPLATES]


def translate(message: str) -> str:
    """One of argparse's error messages in Swedish (a message argparse does not have is kept)."""
    for pattern, swedish in _COMPILED:
        match = pattern.match(message)
        if match:
            parts = {key: translate(value) if key == "message" else TYPES.get(value, value) if key == "type" else value
                     for key, value in match.groupdict().items()}
            return swedish % parts
    return message


class SwedishFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)


class SwedishParser(argparse.ArgumentParser):
    def __init__(self, add_help: bool = True, parents: list[Any] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", SwedishFormatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = "argument"
        self._optionals.title = "flaggor"  # before the parents' groups are merged in, by title
        if add_help:
            self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")
        for parent in parents or []:
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def error(self, message: str) -> NoReturn:
        text = translate(message)
        hint = "Kör `finsam-site --help` för att se kommandona och deras flaggor."
        choice = re.search(r"ogiltigt val: '([^']*)' \(välj bland (.*)\)$", text)
        if choice:
            word = choice.group(1).lower()
            guess = SWEDISH_COMMANDS.get(word) or closest(word, re.findall(r"'([^']*)'", choice.group(2)))
            hint = f"menade du `{guess}`?" if guess else hint
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {text}\n    tips: {hint}\n")


def _parser() -> SwedishParser:
    parser = SwedishParser(prog="finsam-site", description="Publicera samordningsförbunds planer som webbplats.")
    parser.add_argument("--version", action="version", version=f"finsam-site {__version__}",
                        help="visa versionen och avsluta")
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    common = SwedishParser(add_help=False)
    common.add_argument("--site", type=Path, metavar="MAPP", default=Path("."),
                        help="webbplatsens mapp (där site.yaml finns)")
    common.add_argument("--strict", action="store_true", help="varningar räknas som fel")
    common.add_argument("--quiet", "-q", action="store_true", help="skriv bara ut fel")
    common.add_argument("--verbose", "-v", action="store_true", help="skriv ut mer om vad som görs")

    b = commands.add_parser("build", parents=[common], help="kontrollera och bygg webbplatsen")
    b.add_argument("--out", type=Path, default=None, metavar="MAPP",
                   help="utdatamapp (standard: output i webbplatsens mapp)")
    b.add_argument("--pdf", action="store_true", help="skapa också en tillgänglig PDF av varje plan")
    b.add_argument("--check-links", action="store_true", help="kontrollera alla interna länkar och ankare")
    b.add_argument("--no-cache", action="store_true",
                   help="bygg allt på nytt utan cachen i .finsam-cache (och utan att spara den)")
    c = commands.add_parser("check", parents=[common], help="kontrollera innehållet utan att bygga")
    c.add_argument("--format", choices=["text", "json"], default="text", help="utdataformat för problemen")
    s = commands.add_parser("serve", parents=[common], help="förhandsvisa webbplatsen och bygg om vid varje ändring")
    s.add_argument("--port", type=int, default=8000, metavar="PORT", help="port (standard: 8000)")
    s.add_argument("--host", default="127.0.0.1", metavar="ADRESS",
                   help="adress (standard: 127.0.0.1, bara den här datorn)")
    n = commands.add_parser("new", parents=[common], help="skapa ett nytt förbund, nästa års plan eller en rapport")
    kinds = n.add_subparsers(dest="kind", required=True, metavar="VAD")
    nf = kinds.add_parser("forbund", parents=[common], help="ett nytt förbund med mallar för alla filer")
    nf.add_argument("target", metavar="ID", help="förbundets id och mappnamn, t.ex. ornskoldsvik")
    nf.add_argument("--namn", required=True, help='förbundets namn, t.ex. "Samordningsförbundet i Örnsköldsvik"')
    nf.add_argument("--kortnamn", default=None, help="kort namn i menyer (standard: ur namnet)")
    nf.add_argument("--år", dest="year", default=None, metavar="ÅR", help="den första planens år (standard: nästa år)")
    np = kinds.add_parser("plan", parents=[common], help="nästa års plan utifrån förbundets senaste")
    np.add_argument("target", metavar="FÖRBUND", help="förbundets id, t.ex. ornskoldsvik")
    np.add_argument("year", metavar="ÅR", help="den nya planens år, t.ex. 2025")
    for suffix, what in (("delarsrapport", "en delårsrapport"), ("arsredovisning", "en årsredovisning"),
                         ("rapport", "en uppföljningsrapport")):
        nr = kinds.add_parser(suffix, parents=[common], help=f"{what} för ett år, utifrån årets plan")
        nr.add_argument("target", metavar="FÖRBUND", help="förbundets id, t.ex. ornskoldsvik")
        nr.add_argument("year", metavar="ÅR", help="året som rapporten gäller, t.ex. 2024")
    sc = commands.add_parser("schema", parents=[common], help="skriv JSON-scheman för editorer")
    sc.add_argument("--out", type=Path, default=None, metavar="MAPP", help="mapp för schemana (standard: schemas)")
    p = commands.add_parser("publish", parents=[common], help="för över den byggda webbplatsen till en mapp")
    p.add_argument("destination", type=Path, metavar="MÅL", help="mappen där webbplatsen publiceras")
    p.add_argument("--out", type=Path, default=None, metavar="MAPP", help="den byggda webbplatsen (standard: output)")
    p.add_argument("--dry-run", action="store_true", help="visa vad som skulle ändras, utan att ändra")
    e = commands.add_parser("export", parents=[common],
                            help="skriv blanketterna som förbundet fyller i (Uppföljning Finsam) till en mapp")
    e.add_argument("folder", type=Path, metavar="MAPP", help="mappen för blanketterna, utanför den byggda webbplatsen")
    im = commands.add_parser("import", aliases=["importera"], parents=[common],
                             help="gör en ny plan av förbundets Word- och Excel-filer (.docx, .odt, .xlsx, .ods)")
    im.add_argument("files", nargs="+", type=Path, metavar="FIL", help="dokument och arbetsböcker att importera")
    im.add_argument("--förbund", "--forbund", dest="forbund", required=True, metavar="ID",
                    help="förbundets id, t.ex. ornskoldsvik (finns det inte skapas det)")
    im.add_argument("--år", "--ar", dest="year", required=True, metavar="ÅR", help="planens år, t.ex. 2025")
    h = commands.add_parser("hjälp", aliases=["help"], help="visa guiden och filernas fält")
    h.add_argument("topic", nargs="?", default=None, metavar="ÄMNE", help="ett avsnitt, t.ex. budget (utan: alla)")
    h.set_defaults(site=Path("."), quiet=False, verbose=False)  # the options of `common` mean nothing here
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    reporter = Reporter(quiet=args.quiet, verbose=args.verbose)
    root: Path = args.site
    if args.command == "serve":
        return serve(root, args.host, args.port, reporter, args.strict)
    if args.command == "new":
        return run_new(root, args.kind, args.target, args.year, getattr(args, "namn", None),
                       getattr(args, "kortnamn", None), reporter)
    if args.command in ("import", "importera"):
        return run_import(root, args.files, args.forbund, args.year, reporter)
    if args.command in ("hjälp", "help"):
        return run_help(args.topic, reporter)
    if args.command == "schema":
        return run_schema(root, args.out, reporter)
    if args.command == "export":
        return run_export(root, args.folder, reporter)
    if args.command == "check":
        result = check(root)
        if args.format == "json":
            reporter.diagnostics(result.diagnostics, "json")
            return 1 if result.failed(args.strict) else 0
        reporter.diagnostics(result.diagnostics)
        reporter.postponed(result.reports)
        reporter.summary(result.diagnostics, "Kontrollen", "Kontrollen är klar", args.strict)
        return 1 if result.failed(args.strict) else 0
    out = args.out if args.out is not None else root / "output"
    if args.command == "publish":
        return publish_command(out, args.destination, reporter, args.dry_run)
    in_place = not args.check_links  # the link check reads a whole new folder
    memory = NoMemory(reporter.progress) if args.no_cache else CacheMemory(reporter.progress, in_place=in_place)
    result = build(root, out, strict=args.strict, pdf=args.pdf, memory=memory, check_links=args.check_links)
    reporter.diagnostics(result.diagnostics)
    reporter.postponed(result.reports)
    reporter.detail(result.stats.describe())
    for note in result.stats.notes:
        reporter.info(note)
    if result.written:
        reporter.info(f"Skrev {result.pages} sidor ({result.files} filer) till {out} på {seconds(result.seconds)}.")
    reporter.summary(result.diagnostics, "Bygget", "Bygget är klart", args.strict)
    return 0 if result.written and not result.failed(args.strict) else 1


def run() -> None:
    sys.exit(main())
