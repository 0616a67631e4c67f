"""Validate plain data against a content model and locate every problem.

:func:`validate_model` turns pydantic's errors into Swedish
:class:`~finsam_site.diagnostics.Diagnostic` objects, placed at the line and column
of the YAML node concerned, with a hint where one can be given (the closest
field name for an unknown key, the allowed values for an enumeration).
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Collection
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..diagnostics import ERROR, Diagnostic
from .unstated import UNSTATED
from .yamlhints import WORD_QUOTES
from .yamlload import Document, Loc

M = TypeVar("M", bound=BaseModel)
TITLES = ("titel", "rubrik", "namn")  # a required name a source may not print as such
# fields whose closest allowed value would change the meaning (`mnkr` is not a misspelt `kr`), with what to say
NO_GUESS = {
    "enhet": "finsam-site räknar i `kr`, `tkr` (tusental kronor) och `mnkr` (miljoner kronor, 1 mnkr = 1 000 tkr); "
    "skriv den enhet som tabellen har, till exempel `enhet: mnkr`.",
}


def validate_model(
    cls: type[M], doc: Document, unstated: Collection[Loc] = (), emptied: Collection[Loc] = ()
) -> tuple[M | None, list[Diagnostic]]:
    """Validate ``doc.data`` as ``cls``; on failure every error is reported.

    ``unstated`` are the keys whose ``ej angivet`` was taken out of the data, ``emptied`` the list items that
    became empty so (load/unstated.py): a required field among them, an unknown one, or an item of a list that
    cannot hold an empty item, is reported as what the author wrote."""
    problems = _unknown_unstated(cls, doc, unstated)
    if not isinstance(doc.data, dict):
        mark = doc.mark(())
        what = "tom" if doc.data is None else "inte en samling fält (nyckel: värde)"
        return None, [
            Diagnostic(doc.path, mark.line, mark.column, ERROR, "schema-typ", f"Filen är {what}.", _example_hint(cls))
        ]
    try:
        model = cls.model_validate(doc.data)
        return (None if problems else model), problems
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        misspelt = {(_data_loc(doc, tuple(e["loc"][:-1])), _guess(cls, tuple(e["loc"])))
                    for e in errors if e["type"] == "extra_forbidden"}
        return None, problems + [
            _unstated_diagnostic(doc, err, unstated, emptied) or _diagnostic(cls, doc, err)
            for err in errors
            if not (err["type"] == "missing" and (_data_loc(doc, tuple(err["loc"][:-1])), err["loc"][-1]) in misspelt)
        ]  # a field "missing" because its name is misspelt is reported once, as the misspelling


def _unknown_unstated(cls: type[BaseModel], doc: Document, unstated: Collection[Loc]) -> list[Diagnostic]:
    """An ``ej angivet`` under a key that is no field of the model there (the data no longer holds it)."""
    found = []
    for loc in unstated:
        owner = _model_at(cls, loc)
        allowed = [f.alias or n for n, f in owner.model_fields.items()] if owner else []
        if owner is not None and loc[-1] not in allowed:
            guess = closest(str(loc[-1]), allowed)
            hint = f"menade du `{guess}`?" if guess else ("tillåtna fält: " + ", ".join(f"`{a}`" for a in allowed))
            mark = doc.mark(loc, key=True)
            found.append(Diagnostic(doc.path, mark.line, mark.column, ERROR, "schema-okänt-fält",
                                    f"Okänt fält `{loc[-1]}`.", hint))
    return found


def _unstated_diagnostic(
    doc: Document, err: Any, unstated: Collection[Loc], emptied: Collection[Loc]
) -> Diagnostic | None:
    """A required field written as ``ej angivet``, or an ``ej angivet`` item of a list of texts or ids."""
    loc: tuple[Any, ...] = tuple(err["loc"])
    if err["type"] == "missing":
        here = (*_data_loc(doc, loc[:-1]), loc[-1])
        if here not in unstated:
            return None
        mark = doc.mark(here)
        title = " En titel som källan inte trycker kan vara en kort beskrivning." if loc[-1] in TITLES else ""
        return Diagnostic(doc.path, mark.line, mark.column, ERROR, "schema-saknas",
                          f"Fältet `{loc[-1]}` kan inte vara `{UNSTATED}`: det måste alltid anges.",
                          f"Skriv `{loc[-1]}:` som källan anger det.{title}")
    here = _data_loc(doc, loc)
    needed = [u for u in unstated if u[:-1] == here] if err["type"] == "value_error" else []
    if needed:  # a model's own check needs a field that was written `ej angivet` (a budget row's `belopp`)
        plain = _diagnostic_text(err)
        mark = doc.mark(needed[0], key=True)
        return Diagnostic(doc.path, mark.line, mark.column, ERROR, "schema-värde", plain,
                          f"`{needed[0][-1]}: {UNSTATED}` tar bort fältet, men här behövs det; skriv det som källan "
                          "anger det (i en budgetrad skrivs en tom cell `~`).")
    if here not in emptied:
        return None
    mark = doc.mark(here)
    return Diagnostic(doc.path, mark.line, mark.column, ERROR, "schema-värde",
                      f"`{UNSTATED}` står för ett helt fält, inte för en punkt i en lista.",
                      f"Ta bort punkten (en tom cell i en tabellrad skrivs `\"\"`), eller skriv hela fältet som "
                      f"`{UNSTATED}` om källan inte anger något av det.")


def _diagnostic_text(err: Any) -> str:
    error = err.get("ctx", {}).get("error")
    return str(error) if error is not None else "Värdet har fel form."


def _guess(cls: type[BaseModel], loc: tuple[Any, ...]) -> str | None:
    """The field an unknown key at ``loc`` was probably meant to be."""
    owner = _model_at(cls, loc)
    allowed = [f.alias or n for n, f in owner.model_fields.items()] if owner else []
    return closest(str(loc[-1]), allowed) if loc else None


def _example_hint(cls: type[BaseModel]) -> str:
    required = [f.alias or name for name, f in cls.model_fields.items() if f.is_required()]
    return "Filen ska börja med fälten " + ", ".join(f"`{r}:`" for r in required) + "." if required else ""


def _data_loc(doc: Document, loc: tuple[Any, ...]) -> Loc:
    """Pydantic's loc with union/validator tags removed: only steps that exist in the data."""
    node: Any = doc.data
    path: list[str | int] = []
    for step in loc:
        if isinstance(node, dict) and isinstance(step, str) and step in node:
            node = node[step]
        elif isinstance(node, dict) and not isinstance(step, str) and str(step) in node:
            step = str(step)
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            continue
        path.append(step)
    return tuple(path)


def _model_at(cls: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the last key of ``loc`` (for field-name hints)."""
    current: Any = cls
    for step in loc[:-1]:
        if not isinstance(step, str) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        field = next((f for n, f in current.model_fields.items() if (f.alias or n) == step), None)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def closest(word: str, candidates: list[str]) -> str | None:
    folded = {_fold(c): c for c in candidates}
    match = difflib.get_close_matches(_fold(word), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def _diagnostic(cls: type[BaseModel], doc: Document, err: Any) -> Diagnostic:
    kind: str = err["type"]
    loc: tuple[Any, ...] = tuple(err["loc"])
    data_loc = _data_loc(doc, loc)
    name = next((str(s) for s in reversed(loc) if isinstance(s, str) and not s[:1].isupper()), "")
    value = err.get("input")
    message, hint, rule = _explain(kind, name, value, err, loc)
    if kind == "extra_forbidden":
        owner = _model_at(cls, loc)
        allowed = [f.alias or n for n, f in owner.model_fields.items()] if owner else []
        guess = closest(name, allowed)
        hint = f"menade du `{guess}`?" if guess else ("tillåtna fält: " + ", ".join(f"`{a}`" for a in allowed))
        mark = doc.mark(data_loc, key=True)
    else:
        mark = doc.mark(data_loc)
    return Diagnostic(doc.path, mark.line, mark.column, ERROR, rule, message, hint)


def _explain(kind: str, name: str, value: Any, err: Any, loc: tuple[Any, ...]) -> tuple[str, str, str]:
    field = f"`{name}`" if name else "Värdet"
    if kind == "missing":
        return f"Fältet {field} saknas.", f"Lägg till `{name}: …`.", "schema-saknas"
    if kind == "extra_forbidden":
        return f"Okänt fält {field}.", "", "schema-okänt-fält"
    if value is None and kind not in ("value_error",):
        return f"{field} är tomt.", "Skriv ett värde efter kolonet eller ta bort raden.", "schema-tomt"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        allowed = [part.strip(" '\"") for part in expected.replace(" or ", ", ").split(", ") if part.strip()]
        guess = closest(str(value), allowed) if isinstance(value, str) and name not in NO_GUESS else None
        hint = f"menade du `{guess}`?" if guess else "tillåtna värden: " + ", ".join(f"`{a}`" for a in allowed)
        if name in NO_GUESS:
            hint = NO_GUESS[name]
        return f"{field} kan inte vara `{value}`.", hint, "schema-värde"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{field} ska vara ett heltal, inte `{value}`.", "Skriv siffror, till exempel 2024.", "schema-typ"
    if kind in ("string_type",):
        return f"{field} ska vara en text.", _shape_hint(value), "schema-typ"
    if kind in ("list_type",):
        return f"{field} ska vara en lista.", "Skriv en punkt per rad som börjar med `- `.", "schema-typ"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{field} ska vara en samling fält (nyckel: värde).", _shape_hint(value), "schema-typ"
    if kind in ("too_short",):
        return f"{field} får inte vara tom.", "Lägg till minst en punkt.", "schema-tomt"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return (
            f"{field} ska vara ett datum, inte `{value}`.",
            "Skriv ÅÅÅÅ-MM-DD, till exempel 2023-11-30.",
            "schema-typ",
        )
    if kind == "value_error":
        error = err.get("ctx", {}).get("error")
        text = str(error) if error is not None else f"{field} har fel form."
        prefixed = bool(name) and bool(loc) and isinstance(loc[-1], str)
        return (f"{field}: {text}" if prefixed else text), getattr(error, "hint", ""), "schema-värde"
    if kind.startswith(("decimal_", "float_", "int_")):
        return f"{field} ska vara ett tal, inte `{value}`.", "Skriv siffror, till exempel `15` eller `12,5`.", \
            "schema-typ"
    if kind.startswith("bool_"):
        return f"{field} ska vara `ja` eller `nej`, inte `{value}`.", "", "schema-typ"
    if kind.startswith(("date_", "datetime_")):
        return f"{field} ska vara ett datum, inte `{value}`.", "Skriv ÅÅÅÅ-MM-DD, till exempel 2023-11-30.", \
            "schema-typ"
    if kind in ("too_long", "too_short"):
        return f"{field} har fel antal värden.", "", "schema-värde"
    return f"{field} har fel form.", _shape_hint(value) or "Se exemplet i filens mall.", "schema-typ"


def _shape_hint(value: Any) -> str:
    first = str(next(iter(value))) if isinstance(value, dict) and len(value) == 1 else ""
    if first and first[0] in WORD_QUOTES:
        key, rest = next(iter(value.items()))
        text = f"{key}: {rest}".strip("".join(WORD_QUOTES))
        return (f"Texten står inom typografiska citattecken (`{str(key)[0]}`), som YAML inte räknar som citattecken, "
                f"så kolonet i den blev ett fält. Skriv raka citattecken: `\"{text}\"`.")
    if isinstance(value, list):
        return "Här står en lista; skriv ett enda värde, eller sätt texten inom citattecken."
    if isinstance(value, dict):
        return "Här står fält med kolon; sätt texten inom citattecken om den innehåller `: `."
    return ""
