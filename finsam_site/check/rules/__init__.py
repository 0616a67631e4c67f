"""Substance rules: the Finsam law, the recommendations and the arithmetic of a plan.

A rule is a small function with an id, a severity and a source. It looks at
one plan and returns ``None`` when it does not apply (the plan lacks what it
checks) or the list of its findings (empty: the plan passes). Findings that a
plan acknowledges in ``kvitteringar.yaml`` no longer fail the build but are
shown with their explanation on the page they concern.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ...diagnostics import Diagnostic, Severity
from ...load.content import Entry, ForbundContent, PlanContent, SiteContent
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


def registry() -> list[Rule]:
    from .arithmetic import RULES as ARITHMETIC
    from .finsam import RULES as FINSAM
    from .followup import RULES as FOLLOWUP

    return [*ARITHMETIC, *FINSAM, *FOLLOWUP]


def run_rules(site: SiteContent, blocked: Collection[str] = ()) -> tuple[dict[str, PlanReport], list[Diagnostic]]:
    """Every rule on every plan: a report per plan folder, and the diagnostics that remain.

    A plan folder in ``blocked`` has errors of form (a file that did not load, an unknown reference, a row of
    the wrong width): the rules would only report their consequences, so they do not run on it.
    """
    from .acknowledge import apply_acknowledgements, notes_for

    base = RuleSettings().merged(site.config.model.rules)
    reports: dict[str, PlanReport] = {}
    diagnostics: list[Diagnostic] = []
    rules = registry()
    for forbund in site.forbund:
        settings = base.merged(forbund.info.model.rules)
        for plan in forbund.plans:
            if plan.folder in blocked or plan.failed:
                reports[plan.folder] = PlanReport(postponed=True)
                continue
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


def rules_markdown() -> str:
    """docs/rules.md, generated from the registry (a test keeps the file in step)."""
    lines = [
        "# Regler (rules)",
        "",
        "<!-- Generated by `python -m finsam_site.check.rules > docs/rules.md`; tests/test_rules.py keeps it in step."
        " -->",
        "",
        "finsam-site checks the substance of every plan with these rules, in `check` and in `build`. A finding with",
        "severity `fel` stops the build; `varning` stops it only with `--strict`. The results are published on each",
        "plan's *Granskning* page, and findings also on the page they concern (the budget or the insats).",
        "",
        "| id | severity | what it checks | source |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| `{r.id}` | {r.severity} | {r.description} | {r.source} |" for r in registry()]
    lines += [
        "",
        "## Configuring",
        "",
        "In `site.yaml`, or per förbund in `forbund.yaml` (which wins):",
        "",
        "```yaml",
        "regler:",
        "  tolerans_fördelning: 0.5     # allowed deviation from 50/25/25, in percentage points (default 0.5)",
        "  eget_kapital_max: 20         # highest equity, in percent of the base (default 20)",
        "  eget_kapital_bas: medlemsbidrag   # or: intäkter (default medlemsbidrag)",
        "  avrundning: 0                # allowed rounding difference in sums, in the table's unit (default 0)",
        "  allvarlighet:                # change a rule's severity: fel, varning or av (off)",
        "    tre-år: varning",
        "```",
        "",
        "A plan states its own budget targets in `plan.yaml` (checked by `budgetmål`; `eget_kapital_max` overrides",
        "the equity limit for that plan):",
        "",
        "```yaml",
        "budgetmål:",
        "  - typ: administration_max    # administration_max, insatser_min or eget_kapital_max",
        "    procent: 15",
        "    källa: Finansiella mål, mätpunkter",
        "```",
        "",
        "A plan that uses equity on purpose states its *synnerliga skäl* in `plan.yaml` (`synnerliga_skäl: …`);",
        "`intäkter-kostnader` then passes and the reason is shown on the review page.",
        "",
        "## Acknowledging a finding",
        "",
        "When the decided document itself has an error, the transcription keeps the printed figure and the plan",
        "acknowledges the finding in `kvitteringar.yaml` beside `plan.yaml`. An acknowledged finding no longer fails",
        "the build; it is published with the explanation. `gäller` is the subject the message's hint names; without",
        "it, the acknowledgement covers every finding of that rule in the plan. An acknowledgement that matches no",
        "finding is reported (`kvittering-oanvänd`), so stale ones do not pile up.",
        "",
        "```yaml",
        "kvitteringar:",
        "  - regel: budget-summa",
        '    gäller: "Summa kostnader / Budget 2022"',
        "    förklaring: Summan är fel i det beslutade dokumentet; siffrorna återges som de trycktes.",
        "```",
        "",
    ]
    return "\n".join(lines)
