"""The one walk over a budget table's rows (check/sums.walk), on tables written inline as an author writes them."""

from __future__ import annotations

from decimal import Decimal

from finsam_site.check import sums
from finsam_site.load.accounts import Table
from finsam_site.load.parse import parse_yaml_file
from finsam_site.load.yamlload import Document

# Nested groups; categories stated by groups, inherited, overridden by a line and by a nested group; a group with
# no category and no printed sum; a group of another category inside a category's group; a line at the top.
TABLE = """\
rubrik: Budget
enhet: tkr
kolumner:
  - {rubrik: Budget 2025, typ: budget, år: 2025}
  - {rubrik: Plan 2026, typ: plan, år: 2026}
rader:
  - grupp: Intäkter
    kategori: intäkter
    rader:
      - {post: Region, medlem: region, belopp: 100 | 110}
      - {post: Kommun, medlem: kommun, belopp: 100 | 110}
    summa: {rubrik: Summa intäkter, belopp: 200 | 220}
  - grupp: Kostnader
    kategori: kostnader
    rader:
      - grupp: Administration
        kategori: administration
        rader:
          - {post: Löner, belopp: -50 | -55}
        summa: {rubrik: Summa administration, belopp: -50 | -55}
      - grupp: Insatser
        rader:
          - {post: Vidare vy, insats: vidare-vy, belopp: -100 | -100}
          - {post: Reserv, kategori: övrigt, belopp: -10 | okänt, anm: Ej beslutat}
          - grupp: Kostnader i kostnader
            kategori: kostnader
            rader:
              - {post: Lokal, belopp: -5 | -5}
    summa: {rubrik: Summa kostnader, belopp: -165 | -160}
  - {post: Ränta, belopp: 1 | 1}
resultat: {rubrik: Resultat, belopp: 36 | 60}
"""

# label, depth, groups, category, loc (below the table's own path), in print order
EXPECTED = [
    ("Intäkter", 0, (), "intäkter", ("rader", 0)),
    ("Region", 1, ("Intäkter",), "intäkter", ("rader", 0, "rader", 0)),
    ("Kommun", 1, ("Intäkter",), "intäkter", ("rader", 0, "rader", 1)),
    ("Kostnader", 0, (), "kostnader", ("rader", 1)),
    ("Administration", 1, ("Kostnader",), "administration", ("rader", 1, "rader", 0)),
    ("Löner", 2, ("Kostnader", "Administration"), "administration", ("rader", 1, "rader", 0, "rader", 0)),
    ("Insatser", 1, ("Kostnader",), "kostnader", ("rader", 1, "rader", 1)),
    ("Vidare vy", 2, ("Kostnader", "Insatser"), "kostnader", ("rader", 1, "rader", 1, "rader", 0)),
    ("Reserv", 2, ("Kostnader", "Insatser"), "övrigt", ("rader", 1, "rader", 1, "rader", 1)),
    ("Kostnader i kostnader", 2, ("Kostnader", "Insatser"), "kostnader", ("rader", 1, "rader", 1, "rader", 2)),
    ("Lokal", 3, ("Kostnader", "Insatser", "Kostnader i kostnader"), "kostnader",
     ("rader", 1, "rader", 1, "rader", 2, "rader", 0)),
    ("Ränta", 0, (), "", ("rader", 2)),
]


def _table(text: str = TABLE) -> tuple[Table, Document]:
    parsed, problems = parse_yaml_file(Table, text, "budget.yaml")
    assert parsed is not None and not problems, problems
    return parsed.model, parsed.doc


def test_the_walk_visits_every_row_in_print_order_with_its_place() -> None:
    table, _ = _table()
    found = [(at.row.label, at.depth, at.groups, at.category, at.loc) for at in sums.walk(table)]
    assert found == EXPECTED
    assert not any(at.closing for at in sums.walk(table))


def test_a_rows_ancestors_are_the_groups_around_it_outermost_first() -> None:
    table, _ = _table()
    lokal = next(at for at in sums.walk(table) if at.row.label == "Lokal")
    kostnader = table.rows[1]
    insatser = (kostnader.rows or [])[1]
    inner = (insatser.rows or [])[2]
    assert len(lokal.ancestors) == 3
    assert all(a is b for a, b in zip(lokal.ancestors, (kostnader, insatser, inner), strict=True))
    assert [g.category for g in lokal.ancestors] == ["kostnader", None, "kostnader"]


def test_each_location_is_where_the_author_wrote_the_row() -> None:
    table, doc = _table()
    lines = TABLE.split("\n")
    for at in sums.walk(table, ("tabeller", 0)):
        assert at.loc[:2] == ("tabeller", 0)
        mark = doc.marks[at.loc[2:]]  # the table is the file here: its own path is ()
        assert at.row.label in lines[mark.line - 1], (at.row.label, mark)


def test_the_table_path_prefixes_every_location() -> None:
    table, _ = _table()
    co = [at.loc for at in sums.walk(table, ("medfinansiering", "budget"))]
    assert co == [("medfinansiering", "budget", *loc) for *_, loc in EXPECTED]


def test_closing_visits_each_group_again_after_its_rows() -> None:
    table, _ = _table()
    events = [("/" if at.closing else "") + at.row.label for at in sums.walk(table, closing=True)]
    assert events == [
        "Intäkter", "Region", "Kommun", "/Intäkter",
        "Kostnader", "Administration", "Löner", "/Administration", "Insatser", "Vidare vy", "Reserv",
        "Kostnader i kostnader", "Lokal", "/Kostnader i kostnader", "/Insatser", "/Kostnader",
        "Ränta",
    ]
    opened = {at.row.label: at for at in sums.walk(table)}
    for at in sums.walk(table, closing=True):
        if at.closing:  # the same place, depth and category as where the group opened
            first = opened[at.row.label]
            assert (at.row, at.loc, at.depth, at.groups, at.category) == (
                first.row, first.loc, first.depth, first.groups, first.category)
            assert at.row.rows is not None


def test_lines_are_the_posts_without_their_groups() -> None:
    table, _ = _table()
    lines = list(sums.lines(table, ("tabeller", 1)))
    assert [at.row.label for at in lines] == ["Region", "Kommun", "Löner", "Vidare vy", "Reserv", "Lokal", "Ränta"]
    assert all(at.row.rows is None and at.loc[:3] == ("tabeller", 1, "rader") for at in lines)
    assert [at.row.member for at in lines if at.row.member] == ["region", "kommun"]


def test_a_category_is_found_in_its_outermost_rows_and_summed_once() -> None:
    table, _ = _table()
    assert [r.label for r in sums.find_category(table, "kostnader")] == ["Kostnader"]  # not its nested namesake
    assert [r.label for r in sums.find_category(table, "administration")] == ["Administration"]  # inside another
    assert [r.label for r in sums.find_category(table, "övrigt")] == ["Reserv"]  # a line states its own
    assert sums.find_category(table, "insatser") == []
    assert sums.category_sums(table, "kostnader") == [Decimal(-165), None]  # Lokal once; Reserv's okänt in 2026
    assert sums.category_sums(table, "övrigt") == [Decimal(-10), None]  # okänt makes the sum unknown
    assert sums.category_sums(table, "insatser") == [None, None]


def test_a_table_without_groups_walks_flat_and_closes_nothing() -> None:
    head = TABLE.split("rader:\n", 1)[0]
    flat = head + "rader:\n  - {post: Ränta, belopp: 1 | 1}\n  - {post: Avgift, belopp: 2 | 2}\n"
    table, _ = _table(flat)
    walked = list(sums.walk(table, closing=True))
    assert [(at.row.label, at.depth, at.groups, at.category, at.loc) for at in walked] == [
        ("Ränta", 0, (), "", ("rader", 0)),
        ("Avgift", 0, (), "", ("rader", 1)),
    ]


def test_enter_keeps_the_walk_out_of_the_groups_it_refuses() -> None:
    table, _ = _table()
    refuse = sums.walk(table, closing=True, enter=lambda group: group.label != "Insatser")
    events = [("/" if at.closing else "") + at.row.label for at in refuse]
    assert events == [
        "Intäkter", "Region", "Kommun", "/Intäkter",
        "Kostnader", "Administration", "Löner", "/Administration", "Insatser", "/Kostnader",
        "Ränta",
    ]  # Insatser is visited, its rows are not, and it is not closed
