"""Substance rules: the Finsam law, the recommendations and the arithmetic of a plan.

A rule is a small function with an id, a severity and a source. It looks at
one plan and returns ``None`` when it does not apply (the plan lacks what it
checks) or the list of its findings (empty: the plan passes). Findings that a
plan acknowledges in ``kvitteringar.yaml`` no longer fail the build but are
shown with their explanation on the page they concern.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..content import Entry, ForbundContent, PlanContent, SiteContent
from ..errors import Diagnostic, Severity
from ..model import RuleConfig
from ..yamlload import Loc


@dataclass(frozen=True)
class RuleSettings:
    share_tolerance: Decimal = Decimal("0.5")
    equity_max: Decimal = Decimal(20)
    equity_base: str = "medlemsbidrag"
    rounding: Decimal = Decimal(0)
    severities: dict[str, str] = field(default_factory=dict)

    def merged(self, config: RuleConfig | None) -> RuleSettings:
        if config is None:
            return self
        return RuleSettings(
            config.share_tolerance if config.share_tolerance is not None else self.share_tolerance,
            config.equity_max if config.equity_max is not None else self.equity_max,
            config.equity_base or self.equity_base,
            config.rounding if config.rounding is not None else self.rounding,
            {**self.severities, **config.severities},
        )


@dataclass(frozen=True)
class PlanContext:
    plan: PlanContent
    forbund: ForbundContent
    settings: RuleSettings


@dataclass(frozen=True)
class Finding:
    rule: str
    subject: str
    message: str
    path: str
    line: int
    column: int
    hint: str = ""
    page: str = "budget"
    explanation: str = ""


def finding(
    rule: str, subject: str, message: str, entry: Entry[Any], loc: Loc, hint: str = "", page: str = "budget"
) -> Finding:
    mark = entry.doc.mark(loc)
    return Finding(rule, subject, message, entry.path, mark.line, mark.column, hint, page)


Check = Callable[[PlanContext], "list[Finding] | None"]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    source: str
    description: str
    check: Check


@dataclass(frozen=True)
class Outcome:
    """One rule applied to one plan, for the plan's review page."""

    rule: Rule
    severity: str
    applicable: bool
    findings: list[Finding]
    note: str = ""

    @property
    def status(self) -> str:
        if not self.applicable:
            return "ej tillämplig"
        if not self.findings:
            return "godkänd"
        if all(f.explanation for f in self.findings):
            return "avvikelse med förklaring"
        return "avvikelse"


@dataclass
class PlanReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def findings_for(self, page: str) -> list[tuple[Outcome, Finding]]:
        return [(o, f) for o in self.outcomes for f in o.findings if f.page == page]


def registry() -> list[Rule]:
    from .arithmetic import RULES as ARITHMETIC
    from .finsam import RULES as FINSAM

    return [*ARITHMETIC, *FINSAM]


def run_rules(site: SiteContent) -> tuple[dict[str, PlanReport], list[Diagnostic]]:
    """Every rule on every plan: a report per plan folder, and the diagnostics that remain."""
    from .acknowledge import apply_acknowledgements, notes_for

    base = RuleSettings().merged(site.config.model.rules)
    reports: dict[str, PlanReport] = {}
    diagnostics: list[Diagnostic] = []
    rules = registry()
    for forbund in site.forbund:
        settings = base.merged(forbund.info.model.rules)
        for plan in forbund.plans:
            ctx = PlanContext(plan, forbund, settings)
            outcomes = []
            for rule in rules:
                severity = settings.severities.get(rule.id, rule.severity)
                if severity == "av":
                    continue
                found = rule.check(ctx)
                outcomes.append(Outcome(rule, severity, found is not None, found or [], notes_for(rule, ctx)))
            outcomes, diags = apply_acknowledgements(plan, outcomes)
            reports[plan.folder] = PlanReport(outcomes)
            diagnostics.extend(diags)
    return reports, diagnostics
