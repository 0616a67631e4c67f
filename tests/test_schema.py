"""The exact location and text of form errors, from inline strings."""

from finsam_site.load import accounts, forbund, model
from finsam_site.load.parse import parse_markdown_file, parse_yaml_file

GOAL = """---
rubrik: Fler i arbete
typ: aktivitetsmal
matt: [a]
år: 2024
---
Text.
"""


def test_goal_errors_are_located_with_hints() -> None:
    parsed, diags = parse_markdown_file(model.Goal, GOAL, "content/f/2024/mal/a.md")
    assert parsed is None
    found = sorted((d.line, d.column, d.rule, d.message, d.hint) for d in diags)
    assert found == [
        (3, 6, "schema-värde", "`typ` kan inte vara `aktivitetsmal`.", "menade du `aktivitetsmål`?"),
        (4, 1, "schema-okänt-fält", "Okänt fält `matt`.", "menade du `mått`?"),
    ]


def test_text_fields_keep_what_was_written() -> None:
    parsed, diags = parse_markdown_file(
        model.Goal, GOAL.replace("aktivitetsmal", "aktivitetsmål").replace("matt", "mått"), "m.md"
    )
    assert diags == [] and parsed is not None
    assert parsed.model.year == "2024"
    assert parsed.body == "Text.\n"


def test_missing_field_points_at_the_mapping() -> None:
    _, diags = parse_yaml_file(forbund.Forbund, "namn: X\nmedlemmar:\n  - id: fk\n    namn: FK\n", "forbund.yaml")
    assert [(d.line, d.rule, d.message) for d in diags] == [
        (1, "schema-saknas", "Fältet `kortnamn` saknas."),
        (3, "schema-saknas", "Fältet `typ` saknas."),
    ]


def test_wrong_year_type_says_what_to_write() -> None:
    _, diags = parse_yaml_file(model.Plan, "titel: P\når: tjugo\n", "plan.yaml")
    assert diags[0].line == 2
    assert "`år`" in diags[0].message and "2024" in diags[0].message


def test_budget_cells_accept_swedish_numbers_and_pipes() -> None:
    text = """
tabeller:
  - rubrik: B
    enhet: tkr
    kolumner: [{rubrik: Budget 2024, typ: budget, år: 2024}, {rubrik: Plan 2025, typ: plan, år: 2025}]
    rader:
      - post: Region
        belopp: 1 255,5 | okänt
        anm: oläsligt
      - post: Kommun
        belopp: ["-785", ~]
"""
    parsed, diags = parse_yaml_file(accounts.Budget, text, "budget.yaml")
    assert diags == [] and parsed is not None
    rows = parsed.model.tables[0].rows
    assert [str(v) for v in rows[0].amounts or []] == ["1255.5", "okänt"]
    assert [None if v is None else str(v) for v in rows[1].amounts or []] == ["-785", None]


def test_bad_amount_in_budget_is_located() -> None:
    text = (
        "tabeller:\n  - rubrik: B\n    enhet: kr\n    kolumner: [{rubrik: B, typ: budget}]\n"
        "    rader:\n      - post: X\n        belopp: [1.000.000]\n"
    )
    _, diags = parse_yaml_file(accounts.Budget, text, "budget.yaml")
    assert [(d.line, d.column) for d in diags] == [(7, 18)]
    assert "skriv `1 000 000`" in diags[0].message


def test_unit_in_a_budget_cell_is_refused() -> None:
    text = (
        "tabeller:\n  - rubrik: B\n    enhet: tkr\n    kolumner: [{rubrik: B, typ: budget}]\n"
        "    rader:\n      - post: X\n        belopp: 5 022 000 kr\n"
    )
    _, diags = parse_yaml_file(accounts.Budget, text, "budget.yaml")
    assert "enhet" in diags[0].message


def test_insats_grant_in_tkr_becomes_kronor() -> None:
    text = "---\nnamn: A\ntyp: individinriktad\nparter: [fk]\nbeviljat:\n  2024: 600 tkr\n  2025: 595 000 kronor\n---\n"
    parsed, diags = parse_markdown_file(model.Insats, text, "i.md")
    assert diags == [] and parsed is not None
    assert {y: str(v) for y, v in parsed.model.granted.items()} == {2024: "600000", 2025: "595000"}


def test_missing_front_matter_is_explained() -> None:
    _, diags = parse_markdown_file(model.Section, "# Rubrik\n", "avsnitt/a.md")
    assert diags[0].rule == "framsida-saknas" and diags[0].line == 1


def test_empty_file() -> None:
    _, diags = parse_yaml_file(model.Plan, "", "plan.yaml")
    assert diags[0].message == "Filen är tom."
    assert "`titel:`" in diags[0].hint
