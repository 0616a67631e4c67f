"""Templates get every URL from finsam_site/urls.py (the `urls` global): none joins path pieces or writes a site
path itself, and every link they make leads to a file of a real build (`build --check-links`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from conftest import PLAN, REPO, SiteFactory, add_second_forbund, run_cli, soup

from finsam_site import urls

TEMPLATES = REPO / "templates"
SITE_PATH = re.compile(r"index\.html|\.pdf['\"]|assets/|pagefind/")  # what only urls.py may write
FOLLOWUP = """
tillfällen:
  - {id: helar, namn: Årsredovisning 2024, typ: helår}
utfall:
  - {tillfälle: helar, mål: fler-i-arbete, mått: 1, värde: "63"}
"""


def rel_arguments(text: str) -> Iterator[tuple[int, str]]:
    """The line and the argument of every ``rel(…)`` call in a template, parentheses inside it included."""
    for match in re.finditer(r"\brel\(", text):
        depth, end = 1, match.end()
        while depth and end < len(text):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        yield text.count("\n", 0, match.start()) + 1, text[match.end() : end - 1]


def url_problems(name: str, text: str) -> list[str]:
    """Where a template makes a URL itself instead of asking urls.py."""
    found = []
    for line, argument in rel_arguments(text):
        if "~" in argument or "rsplit" in argument or re.match(r"\s*['\"]", argument):
            found.append(f"{name}:{line}: rel({argument})")
    for match in SITE_PATH.finditer(text):
        found.append(f"{name}:{text.count(chr(10), 0, match.start()) + 1}: {match.group()}")
    return found


def test_the_check_finds_a_join_a_literal_and_a_site_path() -> None:
    text = (
        "<a href=\"{{ rel(plan.forbund_id ~ '/' ~ plan.year) }}\">\n<a href=\"{{ rel('sok/' + x) }}\">\n"
        '<a href="{{ rel(urls.goal(plan, g)) }}">\n<img src="assets/logo.svg">\n'
    )
    assert url_problems("t.html", text) == [
        "t.html:1: rel(plan.forbund_id ~ '/' ~ plan.year)",
        "t.html:2: rel('sok/' + x)",
        "t.html:4: assets/",
    ]


def test_no_template_joins_a_url_or_writes_a_site_path() -> None:
    templates = sorted(TEMPLATES.rglob("*.html"))
    assert len(templates) > 20
    found = [p for t in templates for p in url_problems(t.relative_to(TEMPLATES).as_posix(), t.read_text("utf-8"))]
    assert found == []


def test_every_link_of_the_templates_leads_to_a_built_file(make_site: SiteFactory, tmp_path: Path) -> None:
    """A site with every optional part (pages across förbund, a follow-up) built with the link check."""
    root = add_second_forbund(make_site({f"{PLAN}/uppfoljning.yaml": FOLLOWUP}))
    out = tmp_path / "o"
    result = run_cli("build", "--check-links", "--site", root, "--out", out)
    assert result.returncode == 0, result.stderr
    assert "länk" not in result.stderr
    goal = soup(out / "exempel/2024/mal/fler-i-arbete/index.html")
    plan_nav = [(a.get_text(), a.get("aria-current")) for a in goal.find("nav", class_="plan-nav").find_all("a")]
    assert plan_nav == [
        ("Planen", None), ("Mål", "page"), ("Insatser", None), ("Budget", None), ("Uppföljning", None),
        ("Granskning", None),
    ]
    site_nav = [a.get_text() for a in goal.find("nav", class_="site-nav").find_all("a")]
    assert site_nav == [label for label, _ in urls.site_nav(True)] and site_nav[:2] == ["Förbund", "Jämför"]
    party = soup(out / "parter/index.html").main.find("a")
    assert party is not None and (out / "parter" / party["href"]).is_file()


def test_the_current_entry_is_the_page_or_its_innermost_section() -> None:
    class At:
        forbund_id, year, kind = "ange", 2024, "verksamhetsplan"

    nav = urls.plan_nav(At(), urls.Parts())
    assert urls.current(urls.plan(At()), nav) == urls.plan(At())
    assert urls.current(urls.goal(At(), "x"), nav) == urls.goals(At())
    assert urls.current(urls.review(At()), nav) == urls.review(At())
    site = urls.site_nav(False)
    assert [url for _, url in site] == [urls.HOME, urls.SEARCH]
    assert urls.current(urls.plan(At()), site) is None and urls.current(urls.HOME, site) == urls.HOME
