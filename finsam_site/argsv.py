"""argparse in Swedish: usage, headings, help and every error message an author can meet.

argparse words its messages in English (through gettext, with no Swedish catalogue). :class:`SwedishParser`
writes its own headings and help, and translates each error message from argparse's templates, so that
``finsam-site bygg`` says ``ogiltigt val`` and names the command it probably meant.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

from .schema import closest

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
