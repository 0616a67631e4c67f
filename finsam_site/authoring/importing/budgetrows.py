"""A budget sheet's rows → the row tree of budget.yaml: lines, groups with their printed sums, result and equity.

Groups come from the sums: a row whose formula adds other rows (``=SUM(B4:B7)``, ``=B9+B15``) is the printed sum
of a group of exactly those rows (or of the groups whose sums it adds), named by the heading row just above them.
A sum typed as a number is recognised by its label (``Summa …``, ``Totalt …``) and sums the rows since its
heading; ``check`` then tests it like any printed sum. The result and the opening and closing equity are found by
their labels, or for the result by a formula that adds or subtracts the revenue and cost sums.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ...load.values import slugify
from .sheet import Cell

SUM_LABEL = re.compile(r"^(summa|s:a|totalt?|totala|sum)\b", re.I)
RESULT_LABEL = re.compile(r"^(årets\s+|budgeterat\s+|beräknat\s+)?(resultat|över-?\s*/?\s*underskott|överskott|"
                          r"underskott|netto)\b", re.I)
OPENING_LABEL = re.compile(r"(ingående\s+eget\s+kapital|eget\s+kapital.*(ingående|vid\s+årets\s+början|\bib\b|"
                           r"1\s+jan|vid\s+början\s+av|vid\s+ingången\s+av))", re.I)
CLOSING_LABEL = re.compile(r"(utgående\s+eget\s+kapital|eget\s+kapital.*(utgående|vid\s+årets\s+slut|\bub\b|"
                           r"31\s+dec|vid\s+slutet\s+av|vid\s+utgången\s+av)|^eget\s+kapital$)", re.I)
REVENUE = re.compile(r"intäkt|medlemsbidrag|bidrag från|tilldelning|medelstilldelning|finansiering", re.I)
COSTS = re.compile(r"kostnad|utgift", re.I)
ADMIN = re.compile(r"admin|kansli|styrelse|overhead|gemensamma kostnader|revision", re.I)
INSATSER = re.compile(r"insats|projekt|verksamhet|aktivitet", re.I)


@dataclass
class Node:
    kind: str  # "line", "group", "heading", "blank"
    row: int  # the sheet row: a line's own, a group's sum row (or its last line's), a heading's
    label: str = ""
    cells: list[Cell] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    total: tuple[str, list[Cell]] | None = None
    category: str = ""
    hidden: bool = False
    note: str = ""


@dataclass
class Tree:
    nodes: list[Node]
    result: tuple[str, list[Cell]] | None = None
    opening: tuple[str, list[Cell]] | None = None
    closing: tuple[str, list[Cell]] | None = None
    notes: list[str] = field(default_factory=list)


def derived_label(total: str) -> str:
    rest = SUM_LABEL.sub("", total).strip(" :")
    return rest[:1].upper() + rest[1:] if rest else total


def sum_rows(cells: list[Cell], columns: list[int]) -> tuple[set[int], bool] | None:
    """The rows a row's formulas add in its own columns, and whether any is subtracted; None for no sum formula."""
    found: tuple[set[int], bool] | None = None
    for cell, column in zip(cells, columns, strict=True):
        if cell.refs is None:
            continue
        rows = {r for _, r, c in cell.refs if c == column}
        if len(rows) != len(cell.refs) and any(c != column for _, _, c in cell.refs):
            return None  # adds cells of other columns: not a sum of rows
        minus = any(sign < 0 for sign, _, _ in cell.refs)
        if found is None:
            found = (rows, minus)
    return found


def build_tree(rows: list[tuple[int, str, list[Cell], bool]], columns: list[int]) -> Tree:
    """``rows``: (sheet row, label, the cells of the amount columns, hidden) of the table, in sheet order."""
    tree = Tree([])
    numbered = {r for r, _, cells, _ in rows if any(c.figure for c in cells)}
    for r, label, cells, hidden in rows:
        has_numbers = r in numbered
        if not label and not has_numbers:
            tree.nodes.append(Node("blank", r))
            continue
        if not has_numbers:
            tree.nodes.append(Node("heading", r, label))
            continue
        sums = sum_rows(cells, columns)
        if OPENING_LABEL.search(label):
            tree.opening = (label, cells)
        elif CLOSING_LABEL.search(label):
            if tree.closing is not None and tree.opening is None:
                tree.opening = tree.closing  # two year-end figures: the first is the year before's, the opening
            tree.closing = (label, cells)
        elif RESULT_LABEL.search(label) or (sums is not None and sums[1] and _result_like(tree, sums[0])):
            tree.result = (label, cells)
            _categorise_by_result(tree, sums)
        elif sums is not None and not sums[1] and sums[0] & numbered:
            _group_by_formula(tree, r, label, cells, sums[0] & numbered)
        elif SUM_LABEL.search(label):
            _group_by_label(tree, r, label, cells)
        else:
            if sums is not None:
                tree.notes.append(f"rad {r + 1} (”{label}”): formeln räknar med minus; beloppen skrivs som en post.")
            tree.nodes.append(Node("line", r, label, cells, hidden=hidden))
    _close_headings(tree)
    return tree


def _result_like(tree: Tree, rows: set[int]) -> bool:
    groups = [n for n in tree.nodes if n.kind == "group" and n.row in rows]
    return len(groups) == len(rows) == 2


def _categorise_by_result(tree: Tree, sums: tuple[set[int], bool] | None) -> None:
    if sums is None:
        return
    groups = [n for n in tree.nodes if n.kind == "group" and n.row in sums[0]]
    if len(groups) == 2:
        first, second = groups
        first.category = first.category or "intäkter"
        second.category = second.category or "kostnader"


def _group_by_formula(tree: Tree, r: int, label: str, cells: list[Cell], rows: set[int]) -> None:
    picked = [i for i, n in enumerate(tree.nodes) if n.kind in ("line", "group") and (
        n.row in rows or (n.kind == "group" and n.total is None and {c.row for c in n.children} <= rows))]
    covered = {tree.nodes[i].row for i in picked}
    for i, node in enumerate(tree.nodes):  # a formula over the lines of a group: the group is the child
        if node.kind == "group" and i not in picked and node.children and {c.row for c in _lines(node)} <= rows:
            picked.append(i)
            covered |= {c.row for c in _lines(node)}
    picked.sort()
    missing = rows - covered - {c.row for i in picked for c in _lines(tree.nodes[i])}
    if missing:
        numbers = ", ".join(str(m + 1) for m in sorted(missing))
        tree.notes.append(f"rad {r + 1} (”{label}”): summan räknar med rader ({numbers})"
                          " som redan hör till en annan summa; `check` jämför summan med gruppens rader.")
    _make_group(tree, picked, r, label, cells)


def _lines(node: Node) -> list[Node]:
    return [node] if node.kind == "line" else [x for child in node.children for x in _lines(child)]


def _group_by_label(tree: Tree, r: int, label: str, cells: list[Cell]) -> None:
    picked: list[int] = []
    for i in range(len(tree.nodes) - 1, -1, -1):
        node = tree.nodes[i]
        if node.kind == "heading":
            break
        if node.kind == "blank" and not any(n.kind == "heading" for n in tree.nodes[:i]):
            break
        if node.kind in ("line", "group"):
            picked.insert(0, i)
    _make_group(tree, picked, r, label, cells)


def _make_group(tree: Tree, picked: list[int], r: int, label: str, cells: list[Cell]) -> None:
    if not picked:
        tree.nodes.append(Node("line", r, label, cells))
        tree.notes.append(f"rad {r + 1} (”{label}”) ser ut som en summa men inga rader hör till den; "
                          "den skrivs som en post.")
        return
    first = picked[0]
    heading = first - 1
    while heading >= 0 and tree.nodes[heading].kind == "blank":
        heading -= 1
    name = derived_label(label)
    if heading >= 0 and tree.nodes[heading].kind == "heading":
        name = tree.nodes[heading].label
    else:
        heading = -1
    group = Node("group", r, name, children=[tree.nodes[i] for i in picked], total=(label, cells))
    keep = [n for i, n in enumerate(tree.nodes) if i not in picked and i != heading]
    position = sum(1 for i in range(first) if i not in picked and i != heading)
    tree.nodes = [*keep[:position], group, *keep[position:]]


def _close_headings(tree: Tree) -> None:
    """A heading not named by any sum: a group without a printed sum of the lines right after it."""
    nodes: list[Node] = []
    i = 0
    while i < len(tree.nodes):
        node = tree.nodes[i]
        if node.kind == "heading":
            j = i + 1
            while j < len(tree.nodes) and tree.nodes[j].kind == "line":
                j += 1
            if j > i + 1:
                nodes.append(Node("group", tree.nodes[j - 1].row, node.label, children=tree.nodes[i + 1 : j]))
                i = j
                continue
            tree.notes.append(f"rad {node.row + 1} (”{node.label}”) har inga belopp och ingen rad under sig; "
                              "den togs inte med i tabellen.")
        elif node.kind != "blank":
            nodes.append(node)
        i += 1
    tree.nodes = nodes
    for node in tree.nodes:
        _categorise(node, "")


def _categorise(node: Node, outer: str) -> None:
    """A category from a group's (or a cost line's) words, within the category of the group around it."""
    words = f"{node.label} {node.total[0] if node.total else ''}"
    if not node.category and node.kind == "group":
        if outer in ("", "övrigt"):
            node.category = ("intäkter" if REVENUE.search(words) else
                             "kostnader" if COSTS.search(words) and not (ADMIN.search(words) or
                                                                         INSATSER.search(words)) else
                             "administration" if ADMIN.search(words) else "insatser" if INSATSER.search(words) else
                             "kostnader" if COSTS.search(words) else "")
        elif outer == "kostnader":
            node.category = "administration" if ADMIN.search(words) else "insatser" if INSATSER.search(words) else ""
    elif not node.category and node.kind == "line" and outer == "kostnader":
        node.category = "administration" if ADMIN.search(words) else "insatser" if INSATSER.search(words) else ""
    for child in node.children:
        _categorise(child, node.category or outer)


def member_of(label: str, members: list[tuple[str, str, str]]) -> str | None:
    """The id of the member a revenue line names (``members``: id, name, kind), ``staten`` for the state's two."""
    folded = slugify(label)
    kinds = {kind: mid for mid, _, kind in members}
    if ("forsakringskassan" in folded and "arbetsformedlingen" in folded) or re.search(r"\bstat(en)?\b|statlig",
                                                                                       label, re.I):
        return "staten"
    for mid, name, _ in members:
        own = slugify(name)
        if folded == own or (len(own) >= 5 and own in folded) or (len(folded) >= 5 and folded in own):
            return mid
    for word, kind in (("forsakringskassan", "försäkringskassan"), ("arbetsformedlingen", "arbetsförmedlingen")):
        if word in folded and kind in kinds:
            return kinds[kind]
    return None


def is_number(value: Decimal | str | None) -> bool:
    return isinstance(value, Decimal)
