"""Acknowledgements (kvitteringar.yaml): explained findings, and stale explanations."""

from __future__ import annotations

from dataclasses import replace

from ...diagnostics import WARNING, Diagnostic
from ...load.content import DocumentContent
from .base import Finding, Outcome


def apply_acknowledgements(plan: DocumentContent, outcomes: list[Outcome]) -> tuple[list[Outcome], list[Diagnostic]]:
    acks = plan.acknowledgements
    items = acks.model.items if acks else []
    used = [False] * len(items)

    def explain(found: Finding) -> Finding:
        for index, ack in enumerate(items):
            if ack.rule == found.diagnostic.rule and (ack.subject is None or ack.subject == found.subject):
                used[index] = True
                return replace(found, explanation=ack.explanation)
        return found

    result = [replace(o, findings=[explain(f) for f in o.findings]) for o in outcomes]
    diagnostics = [f.diagnostic for o in result for f in o.findings if not f.explanation]
    for index, ack in enumerate(items):
        if not used[index] and acks is not None:
            mark = acks.doc.mark(("kvitteringar", index))
            subject = f" som gäller `{ack.subject}`" if ack.subject else ""
            diagnostics.append(
                Diagnostic(
                    acks.path,
                    mark.line,
                    mark.column,
                    WARNING,
                    "kvittering-oanvänd",
                    f"Kvitteringen av `{ack.rule}`{subject} motsvarar ingen avvikelse.",
                    "Ta bort den om avvikelsen är rättad, eller rätta `regel:`/`gäller:` efter meddelandet.",
                )
            )
    return result, diagnostics
