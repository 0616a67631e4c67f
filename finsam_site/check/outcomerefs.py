"""The references of a follow-up (uppfoljning.yaml) to the goals and insatser it follows up: a plan's own, or for
a report without goals of its own, its year's plan's (``ForbundContent.followed_up``); and its printed statuses,
which are words of the status scale."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic
from ..load.content import DocumentContent, Entry, SiteContent
from ..load.documents import PLAN_KIND
from ..load.kinds import GOALS, INSATSER
from ..load.outcomes import FollowUp, Level, level_named, scale_for
from ..load.yamlload import Loc
from .refs import at, unknown_ref


def check_followup_refs(site: SiteContent) -> Iterator[Diagnostic]:
    for forbund in site.forbund:
        for document in forbund.documents:
            if document.followup is None:
                continue
            plan = forbund.followed_up(document)  # a report's outcomes are of its year's plan's goals
            scale = scale_for(document.followup.model, forbund.info.model.status_scale)
            # a report without goals of its own, and no plan of its year to follow up: said once, not per outcome
            orphan = document.kind != PLAN_KIND and plan is document and not document.goals and not document.insatser
            said = False
            for i, outcome in enumerate(document.followup.model.outcomes):
                if orphan and (outcome.goal or outcome.insats):
                    if not said:
                        yield _no_plan_to_follow(document, document.followup, i)
                    said = True
                else:
                    yield from _outcome_refs(plan, document.followup, ("utfall", i))
                yield from _printed_status(document.followup, i, scale)


def _no_plan_to_follow(document: DocumentContent, entry: Entry[FollowUp], index: int) -> Diagnostic:
    """A report's outcomes refer to goals, but it has none of its own and its förbund no plan of its year."""
    words = document.type
    message = (f"Utfallen hänvisar till mål och insatser, men {words.noun} har inga egna och förbundet har ingen plan "
               f"för {document.year}.")
    hint = (f"Kontrollera `år:` i {words.anchor} och att planen för {document.year} finns i mappen "
            f"`{document.year}`; eller skriv {words.genitive} egna mål i `mal/`.")
    return at(entry, ("utfall", index), "ref-mål", message, hint)


def _printed_status(entry: Entry[FollowUp], index: int, scale: tuple[Level, ...]) -> Iterator[Diagnostic]:
    """A status copied from a report is a word of the scale its statuses are judged by."""
    printed = entry.model.outcomes[index].printed_status
    if printed is not None and level_named(scale, printed) is None:
        words = ", ".join(f"`{level.word}`" for level in scale)
        hint = (f"Skriv ett av orden i statusskalan: {words}; förbundets egna ord skrivs under `statusskala:` i "
                "forbund.yaml eller uppfoljning.yaml.")
        yield at(entry, ("utfall", index, "status_i_rapporten"), "ref-status", f"Statusen `{printed}` finns inte i "
                 "statusskalan.", hint)


def _outcome_refs(plan: DocumentContent, entry: Entry[Any], loc: Loc) -> Iterator[Diagnostic]:
    """The references of one outcome of ``entry`` to the goals and insatser of ``plan`` (the followed-up document)."""
    outcome = entry.model.outcomes[loc[-1]]
    goals = {g.id: g for g in plan.goals}
    occasions = [o.id for o in entry.model.occasions]
    if outcome.occasion not in occasions:
        yield unknown_ref(entry, (*loc, "tillfälle"), "ref-tillfälle", "Tillfället", outcome.occasion, occasions)
    if (outcome.goal is None) == (outcome.insats is None):
        message = "Ett utfall gäller antingen ett mål (`mål:` och `mått:`) eller en insats (`insats:`)."
        yield at(entry, loc, "utfall-form", message)
    if outcome.goal is not None and outcome.goal in plan.failed_ids(GOALS.name):
        pass  # the goal's file has its own error
    elif outcome.goal is not None and outcome.goal not in goals:
        yield unknown_ref(entry, (*loc, "mål"), "ref-mål", "Målet", outcome.goal, list(goals))
    elif outcome.goal is not None:
        count = len(goals[outcome.goal].model.measures)
        if outcome.measure is None or not 1 <= outcome.measure <= count:
            message = f"Målet `{outcome.goal}` har {count} mått; ange `mått:` som ett nummer från 1 till {count}."
            yield at(entry, (*loc, "mått"), "ref-mått", message)
    insatser = [i.id for i in plan.insatser]
    failed = plan.failed_ids(INSATSER.name)
    if outcome.insats is not None and outcome.insats not in insatser and outcome.insats not in failed:
        yield unknown_ref(entry, (*loc, "insats"), "ref-insats", "Insatsen", outcome.insats, insatser)
