"""Budgets for the rule tests: a one-column budget whose printed sums are right, and helpers to read findings."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import PLAN, SiteFactory

from finsam_site.build import check
from finsam_site.diagnostics import Diagnostic

BUDGET = f"{PLAN}/budget.yaml"
PLAN_YAML = f"{PLAN}/plan.yaml"
FORBUND = "content/exempel/forbund.yaml"
INSATS = f"{PLAN}/insatser/01-vidare-vy.md"


def _d(text: str) -> Decimal:
    """A Swedish amount; an unreadable one (okänt) adds nothing to the printed sums."""
    return Decimal(0) if text == "okänt" else Decimal(text.replace(" ", "").replace(",", "."))


def _f(value: Decimal) -> str:
    return str(value).replace(".", ",")


def budget(
    members: dict[str, str] | None = None,
    other_revenue: str | None = None,
    admin: str = "-785",
    insats: str = "-595",
    reserve: str = "-3642",
    extra: str = "",
    column: str = "{rubrik: Budget 2024, typ: budget, år: 2024}",
) -> str:
    """A one-column budget (tkr) whose printed sums are right: member rows, an optional row of revenue from
    outside the members (no ``medlem``), and administration and insatser costs."""
    members = members or {"region-exempel": "1 255,5", "exempel-kommun": "1 255,5", "staten": "2511"}
    rows = "".join(
        f'          - {{post: Rad {i}, medlem: {member}, belopp: "{amount}"}}\n'
        for i, (member, amount) in enumerate(members.items())
    )
    if other_revenue is not None:
        rows += f'          - {{post: Statsbidrag utanför medlemmarna, belopp: "{other_revenue}"}}\n'
    revenues = sum((_d(a) for a in members.values()), Decimal(0)) + _d(other_revenue or "0")
    costs = _d(admin) + _d(insats) + _d(reserve)
    return f"""
tabeller:
  - rubrik: Budget
    enhet: tkr
    kolumner:
      - {column}
    rader:
      - grupp: Intäkter
        kategori: intäkter
        rader:
{rows}        summa: {{rubrik: Summa intäkter, belopp: "{_f(revenues)}"}}
      - grupp: Kostnader
        kategori: kostnader
        rader:
          - grupp: Administration
            kategori: administration
            rader:
              - {{post: Förbundschef, belopp: "{admin}"}}
          - grupp: Insatser
            kategori: insatser
            rader:
              - {{post: Vidare Vy, insats: vidare-vy, belopp: "{insats}"}}
              - {{post: Reserverat, belopp: "{reserve}"}}
        summa: {{rubrik: Summa kostnader, belopp: "{_f(costs)}"}}
{extra}"""


def found(make_site: SiteFactory, files: dict[str, str | None], rule: str) -> list[Diagnostic]:
    root: Path = make_site(files)
    return [d for d in check(root).diagnostics if d.rule == rule]


def subjects(diags: list[Diagnostic]) -> list[str]:
    """The `gäller:` subject each finding names in its hint, sorted."""
    return sorted(d.hint.split('`gäller: "')[1].split('"`')[0] for d in diags)


def forbund_with(make_site: SiteFactory, extra_members: str = "", rules: str = "") -> str:
    text = (make_site() / FORBUND).read_text("utf-8")
    return text + extra_members + (f"regler:\n{rules}" if rules else "")


SECOND_KOMMUN = "  - id: andra-kommun\n    namn: Andra kommun\n    typ: kommun\n"
