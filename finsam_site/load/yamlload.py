"""Safe YAML parsing that keeps the position of every value.

Design choices, all for authors who are not programmers:

* Every scalar is kept as the text the author wrote. ``no`` stays ``"no"``,
  ``08`` stays ``"08"`` and ``2023-11-30`` stays a string; the schema converts
  a value only where the field asks for a number or a date (no YAML 1.1
  surprises). Only an empty value, ``~`` and ``null`` mean "no value".
* Duplicate keys are an error (PyYAML silently keeps the last one).
* Anchors and aliases are refused: authors do not need them and they are how a
  "billion laughs" file explodes.
* Parsing is pure: :func:`parse_yaml` takes text and the path to report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from ..diagnostics import ERROR, Diagnostic
from .yamlhints import WORD_QUOTES, explain_in_text

Loc = tuple[str | int, ...]
NULLS = {"", "~", "null", "Null", "NULL"}
CORE_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}


class Mark(NamedTuple):
    """A 1-based position (a tuple: one is made for every value and key of every file, so it must be cheap)."""

    line: int
    column: int


@dataclass
class Document:
    """Plain data (dicts, lists, strings, None) plus the positions of its parts."""

    path: str
    data: Any
    marks: dict[Loc, Mark] = field(default_factory=dict)
    key_marks: dict[Loc, Mark] = field(default_factory=dict)
    word_quoted: list[Loc] = field(default_factory=list)  # plain values inside typographic quotes (”…”)

    def mark(self, loc: Loc, *, key: bool = False) -> Mark:
        """Position of the value at ``loc`` (or of its key), else its nearest parent."""
        if key and loc in self.key_marks:
            return self.key_marks[loc]
        for end in range(len(loc), -1, -1):
            found = self.marks.get(loc[:end])
            if found is not None:
                return found
        return Mark(1, 1)


class _YamlProblem(Exception):
    def __init__(self, message: str, mark: Mark, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.hint = hint


class _FastResolver(yaml.resolver.Resolver):
    """Plain scalars stay text (``_convert`` keeps what the author wrote), so the regular expressions that
    would tell an int from a date are skipped; only ``<<`` and ``=`` resolve to tags that ``_convert`` refuses."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0] and value not in ("<<", "="):
            return "tag:yaml.org,2002:str"
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


_CParser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None)  # PyYAML built with libyaml (the wheels are)
_CLoader: Any = None
if _CParser is not None:

    class _LibyamlLoader(_CParser, yaml.constructor.SafeConstructor, _FastResolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _FastResolver.__init__(self)

    _CLoader = _LibyamlLoader


class _Loader(yaml.SafeLoader):
    """A SafeLoader whose composer refuses aliases."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _YamlProblem(
                "YAML-alias (`*namn`) används inte i finsam-site.",
                _mark(event.start_mark, 0),
                "Skriv ut värdet på nytt i stället för att hänvisa till ett ankare.",
            )
        return super().compose_node(parent, index)


def _mark(ymark: Any, line_offset: int) -> Mark:
    return Mark(ymark.line + 1 + line_offset, ymark.column + 1)


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Document | None, list[Diagnostic]]:
    """Parse one YAML document. Returns ``(None, diagnostics)`` when it cannot be read."""
    fast = _parse_with_libyaml(text, path, line_offset)
    if fast is not None:
        return fast, []
    try:
        loader = _Loader(text)  # the reader checks every character here, before parsing starts
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        mark = Mark(before.count("\n") + 1 + line_offset, exc.position - (before.rfind("\n") + 1) + 1)
        message = f"Filen innehåller ett tecken som inte får finnas i en textfil (kod {exc.character:#06x})."
        return None, [_diag(path, mark, "yaml-syntax", message, "Ta bort tecknet; det syns ofta inte i editorn.")]
    try:
        node = loader.get_single_node()
        doc = Document(path, None)
        if node is not None:
            doc.data = _convert(node, (), doc, line_offset, set())
        return doc, []
    except _YamlProblem as problem:
        return None, [_diag(path, problem.mark, "yaml-syntax", problem.message, problem.hint)]
    except yaml.MarkedYAMLError as exc:
        ymark = exc.problem_mark or exc.context_mark
        mark = _mark(ymark, line_offset) if ymark else Mark(1 + line_offset, 1)
        message, hint = _explain(exc)
        found = explain_in_text(text, exc)
        if found is not None:
            (line, column), message, hint = found
            mark = Mark(line + 1 + line_offset, column + 1)
        return None, [_diag(path, mark, "yaml-syntax", message, hint)]
    except yaml.YAMLError:
        message, hint = "Filen kan inte läsas som YAML.", "Kontrollera citattecken, kolon och indrag."
        return None, [_diag(path, Mark(1 + line_offset, 1), "yaml-syntax", message, hint)]
    except RecursionError:
        hint = "Skriv om filen med färre nivåer av indrag."
        return None, [_diag(path, Mark(1 + line_offset, 1), "yaml-syntax", "Filen är för djupt nästlad.", hint)]
    finally:
        loader.dispose()


def _parse_with_libyaml(text: str, path: str, line_offset: int) -> Document | None:
    """The same document through libyaml's parser (several times faster), or None for anything unusual.

    libyaml composes an alias as a second reference to the anchored node, so ``_convert`` meets that node
    twice and refuses it; an alias bomb is therefore never expanded. On any problem the pure-Python loader
    parses the text again: it alone words the diagnostics, so they do not depend on libyaml being installed.
    The two agree on every value and position, except where an empty value sits in a flow collection or
    after an explicit ``?`` key (libyaml places it one character later); tests/test_properties.py checks this.
    """
    if _CLoader is None:
        return None
    try:
        loader = _CLoader(text)
    except (yaml.YAMLError, UnicodeError, ValueError):
        return None
    try:
        node = loader.get_single_node()
        doc = Document(path, None)
        if node is not None:
            doc.data = _convert(node, (), doc, line_offset, set())
        return doc
    except (yaml.YAMLError, _YamlProblem, RecursionError, UnicodeError, ValueError):
        return None
    finally:
        loader.dispose()


def _diag(path: str, mark: Mark, rule: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(path, mark.line, mark.column, ERROR, rule, message, hint)


def _explain(exc: yaml.MarkedYAMLError) -> tuple[str, str]:
    problem = (exc.problem or exc.context or "").strip()
    if "\\t" in problem or "tab" in problem:
        return "Tabbtecken får inte användas för indrag i YAML.", "Använd mellanslag för att göra indrag."
    if "mapping values are not allowed" in problem:
        return (
            "Ett kolon står där YAML inte väntar sig ett.",
            'Sätt texten inom citattecken om den innehåller `: `, till exempel `rubrik: "Mål: fler i arbete"`.',
        )
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return (
            "Indraget eller strukturen stämmer inte här.",
            "Kontrollera att raderna har samma indrag som fälten ovanför.",
        )
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return (
            "En lista inom `[ ]` eller fält inom `{ }` avslutas inte som väntat.",
            "Kontrollera att varje `[` har sin `]` och att texter med kommatecken eller kolon står inom citattecken.",
        )
    if "found character that cannot start any token" in problem:
        return "Ett tecken här kan inte inleda ett värde i YAML.", "Sätt värdet inom citattecken."
    return "Filen kan inte läsas som YAML här.", "Kontrollera citattecken, kolon och indrag på raden och raden ovanför."


def _convert(node: yaml.Node, loc: Loc, doc: Document, off: int, seen: set[int]) -> Any:
    doc.marks[loc] = _mark(node.start_mark, off)
    if id(node) in seen:  # only libyaml's composer shares a node: an alias (the Python loader refuses them earlier)
        raise _YamlProblem("YAML-alias (`*namn`) används inte i finsam-site.", _mark(node.start_mark, off), "")
    seen.add(id(node))
    if node.tag not in CORE_TAGS:
        raise _YamlProblem(f"Okänd YAML-tagg `{node.tag}`.", _mark(node.start_mark, off), "Ta bort taggen.")
    if isinstance(node, yaml.ScalarNode):
        if not node.style and node.value in NULLS:  # plain: None from PyYAML, "" from libyaml
            return None
        if not node.style and len(node.value) > 1 and node.value[0] in WORD_QUOTES and node.value[-1] in WORD_QUOTES:
            doc.word_quoted.append(loc)
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*loc, i), doc, off, seen) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_mark = _mark(key_node.start_mark, off)
            if not isinstance(key_node, yaml.ScalarNode):
                raise _YamlProblem("En nyckel måste vara en enkel text.", key_mark,
                                   "Skriv fältets namn som vanlig text före kolonet, till exempel `rubrik:`.")
            if key_node.tag not in CORE_TAGS:  # a tag on a key: refused as on a value, not read as a key
                raise _YamlProblem(f"Okänd YAML-tagg `{key_node.tag}`.", key_mark, "Ta bort taggen.")
            key = key_node.value
            if key in result:
                first = doc.key_marks[(*loc, key)]
                raise _YamlProblem(
                    f"Nyckeln `{key}` förekommer två gånger (första gången på rad {first.line}).",
                    key_mark,
                    "Ta bort eller byt namn på den ena; annars skulle den senare tyst ersätta den första.",
                )
            doc.key_marks[(*loc, key)] = key_mark
            result[key] = _convert(value_node, (*loc, key), doc, off, seen)
        return result
    raise _YamlProblem("Okänd YAML-struktur.", _mark(node.start_mark, off), "")  # pragma: no cover
