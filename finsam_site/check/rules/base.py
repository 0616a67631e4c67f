"""The rules' types: a rule, the context it checks, its findings (a diagnostic and the page that shows it), and a
plan's report of every outcome."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, TypeAlias

from ...diagnostics import ERROR, Diagnostic, Severity
from ...load.content import DocumentContent, Entry, ForbundContent
from ...load.forbund import RuleConfig
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
    plan: DocumentContent
    forbund: ForbundContent
    settings: RuleSettings


@dataclass(frozen=True)
class Finding:
    """What a rule found: the diagnostic it reports, and what the site shows of it. ``subject`` is what the finding
    is about (an acknowledgement's ``gäller``), ``shown_on`` the URL (from urls.py) of the page that shows it besides
    the review page, and ``explanation`` the plan's acknowledgement of it, once acknowledged."""

    diagnostic: Diagnostic
    subject: str
    shown_on: str
    explanation: str = ""

    def with_severity(self, severity: Severity) -> Finding:
        """The finding with the severity its rule has on the site."""
        return replace(self, diagnostic=replace(self.diagnostic, severity=severity))


def finding(
    rule: str, subject: str, message: str, entry: Entry[Any], loc: Loc, hint: str, shown_on: str
) -> Finding:
    """A finding at ``loc`` of ``entry``; ``run_rules`` gives it the severity of ``rule`` on the site."""
    mark = entry.doc.mark(loc)
    return Finding(Diagnostic(entry.path, mark.line, mark.column, ERROR, rule, message, hint), subject, shown_on)


@dataclass(frozen=True)
class Untested:
    """What a rule returns when it applies but needs a fact the document does not state: the rule is shown as
    "kan inte prövas" with ``reason`` (a Swedish sentence, e.g. "Planen anger inte insatsens parter."), never as
    failed or passed. A rule that tests some parts and not others returns ``(findings, reasons)`` instead; the
    reasons end up in ``Outcome.untested``."""

    reason: str


# A check returns None (the rule does not apply: the document lacks what it checks), its findings (empty: passed),
# or Untested (it applies, but a fact it needs is not stated). It may also return (findings, reasons): some parts
# tested with these findings, the others not, for the given reasons.
CheckResult: TypeAlias = list[Finding] | Untested | tuple[list[Finding], list[str]] | None
Check = Callable[[PlanContext], CheckResult]


@dataclass(frozen=True)
class Note:
    """What a reader should know about a rule that passed for a reason the plan states: the rule's own words for it
    (``label``) and the plan's reason (``of``; empty when the plan states none)."""

    label: str
    of: Callable[[PlanContext], str]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    source: str
    description: str
    check: Check
    note: Note | None = None
    # The document kinds (load/documents.py) the rule applies to; empty: every kind.
    documents: frozenset[str] = frozenset()


# How the review page shows a status: the sign and word, and what follows in smaller print.
STATUS_LABELS = {
    "godkänd": ("✓ Godkänd", ""),
    "avvikelse": ("✗ Avvikelse", ""),
    "avvikelse med förklaring": ("! Avvikelse", "med förklaring"),
    "ej tillämplig": ("– Ej tillämplig", ""),
    "kan inte prövas": ("? Kan inte prövas", ""),
}


@dataclass(frozen=True)
class Outcome:
    """One rule applied to one plan, for the plan's review page."""

    rule: Rule
    severity: Severity
    applicable: bool
    findings: list[Finding]
    note: str = ""
    untested: list[str] = field(default_factory=list)  # why (a part of) the rule could not be tested

    @property
    def status(self) -> str:
        if not self.applicable:
            return "ej tillämplig"
        if not self.findings and self.untested:
            return "kan inte prövas"
        if not self.findings:
            return "godkänd"
        if all(f.explanation for f in self.findings):
            return "avvikelse med förklaring"
        return "avvikelse"

    @property
    def label(self) -> tuple[str, str]:
        return STATUS_LABELS[self.status]


@dataclass
class PlanReport:
    outcomes: list[Outcome] = field(default_factory=list)
    postponed: bool = False  # the rules did not run: the plan has errors of form

    def findings_for(self, url: str) -> list[tuple[Outcome, Finding]]:
        """The findings that the page at ``url`` shows, each with its rule's outcome."""
        return [(o, f) for o in self.outcomes for f in o.findings if f.shown_on == url]

    def shown_within(self, made: Collection[str], fallback: str) -> PlanReport:
        """The report with every finding shown on a page of ``made``, the plan's pages: a finding for a page the
        build does not make is shown on ``fallback`` (the review page, which lists every finding) instead."""
        if all(f.shown_on in made for o in self.outcomes for f in o.findings):
            return self
        outcomes = [
            replace(o, findings=[f if f.shown_on in made else replace(f, shown_on=fallback) for f in o.findings])
            for o in self.outcomes
        ]
        return replace(self, outcomes=outcomes)
