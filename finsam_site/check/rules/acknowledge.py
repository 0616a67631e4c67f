"""Acknowledgements (kvitteringar.yaml): explained findings, and stale or ambiguous explanations.

An acknowledgement covers exactly one finding: the one of its rule (``regel``) whose subject is its ``gäller``
(without ``gäller``: the rule's only finding in the document). One that fits several findings covers none of them
and is reported, so that a second deviation is never explained by the first one's acknowledgement.
"""

from __future__ import annotations

from dataclasses import replace

from ...diagnostics import ERROR, WARNING, Diagnostic
from ...load.content import DocumentContent
from ...load.model import Acknowledgement
from .base import Finding, Outcome

Place = tuple[int, int]  # (outcome, finding) indices


def apply_acknowledgements(plan: DocumentContent, outcomes: list[Outcome]) -> tuple[list[Outcome], list[Diagnostic]]:
    acks = plan.acknowledgements
    items = acks.model.items if acks else []
    found = [((o, f), finding) for o, outcome in enumerate(outcomes) for f, finding in enumerate(outcome.findings)]
    explained: dict[Place, str] = {}
    problems: list[Diagnostic] = []
    for index, ack in enumerate(items):
        fits = [(place, f) for place, f in found if f.diagnostic.rule == ack.rule
                and (ack.subject is None or ack.subject == f.subject)]
        if len(fits) == 1 and fits[0][0] not in explained:
            explained[fits[0][0]] = ack.explanation
            continue
        assert acks is not None
        mark = acks.doc.mark(("kvitteringar", index))
        problems.append(_problem(acks.path, mark.line, mark.column, ack, [f for _, f in fits]))
    result = [
        replace(o, findings=[replace(f, explanation=explained[(oi, fi)]) if (oi, fi) in explained else f
                             for fi, f in enumerate(o.findings)])
        for oi, o in enumerate(outcomes)
    ]
    diagnostics = [f.diagnostic for o in result for f in o.findings if not f.explanation]
    return result, diagnostics + problems


def _problem(path: str, line: int, column: int, ack: Acknowledgement, fits: list[Finding]) -> Diagnostic:
    """The problem of an acknowledgement that covers no finding: none fits it, or several do."""
    subject = f" som gäller `{ack.subject}`" if ack.subject is not None else ""
    if not fits:
        return Diagnostic(path, line, column, WARNING, "kvittering-oanvänd",
                          f"Kvitteringen av `{ack.rule}`{subject} motsvarar ingen avvikelse.",
                          "Ta bort den om avvikelsen är rättad eller uppgiften står som `ej angivet`, eller rätta "
                          "`regel:`/`gäller:` efter meddelandet.")
    if len(fits) == 1:
        return Diagnostic(path, line, column, WARNING, "kvittering-oanvänd",
                          f"Avvikelsen som kvitteringen av `{ack.rule}`{subject} gäller är redan kvitterad ovanför.",
                          "Ta bort den ena kvitteringen: en avvikelse kvitteras en gång.")
    subjects = sorted({f.subject for f in fits})
    listed = ", ".join(f"`{s}`" for s in subjects)
    if ack.subject is None:
        message = (f"Kvitteringen av `{ack.rule}` passar på {len(fits)} avvikelser ({listed}); en kvittering gäller "
                   "en enda avvikelse, så den kvitterar ingen av dem.")
    else:
        message = (f"Kvitteringen av `{ack.rule}` som gäller `{ack.subject}` passar på {len(fits)} avvikelser "
                   f"({listed}); en kvittering gäller en enda avvikelse, så den kvitterar ingen av dem.")
    if len(subjects) > 1:
        hint = (f'Ange vilken avvikelse den gäller med `gäller:`, till exempel `gäller: "{subjects[0]}"`, och skriv en '
                "kvittering för var och en av de andra som står så i källan.")
    else:
        places = ", ".join(f"{f.diagnostic.path}:{f.diagnostic.line}" for f in fits)
        hint = (f"Avvikelserna ({places}) har samma `gäller` och kan inte kvitteras var för sig; rätta dem, eller ta "
                "bort kvitteringen så att de visas som avvikelser.")
    return Diagnostic(path, line, column, ERROR, "kvittering-tvetydig", message, hint)
