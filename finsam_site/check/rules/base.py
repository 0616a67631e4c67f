"""The rules' types: a rule, the context it checks, its findings, and a plan's report of every outcome."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ...diagnostics import Severity
from ...load.content import Entry, ForbundContent, PlanContent
from ...load.model import RuleConfig
from ...load.yamlload import Loc


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
    postponed: bool = False  # the rules did not run: the plan has errors of form

    def findings_for(self, page: str) -> list[tuple[Outcome, Finding]]:
        return [(o, f) for o in self.outcomes for f in o.findings if f.page == page]
