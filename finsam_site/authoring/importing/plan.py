"""A document (document.py) → a plan's files: plan.yaml's facts, avsnitt/, mal/, insatser/, tabeller/, images.

Each heading of the document's top level starts a section (``avsnitt/NN-id.md``), with everything under it as
Markdown: deeper headings as ``##``…, paragraphs, lists, footnotes at the end, tables as free tables
(``tabeller/id.yaml``, shown after the text) and images kept as files beside the content (the site shows no
images) with an ``ATT GÖRA`` that asks what they show. Headings that look like goals or insatser (``Mål 2: …``,
or the headings under ``Mål``/``Insatser``) are offered as ``mal/`` and ``insatser/`` files too (items.py); the
section keeps their text as the printed plan has it, and the PDF prints it once; so does each row of a goals table.
The title page (what comes before the first heading) and the document's properties give the title, the förbund's
name and the decision date, a table or list under a heading about the board gives ``styrelse:``. A document without
heading styles gets its short bold lines as headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...formatting import MONTHS
from ...load.values import slugify
from ...load.yamlload import Loc
from ..yamlwrite import dump
from .budget import todo
from .document import Block, Document
from .items import (
    DATE,
    GOAL_LABELS,
    INSATS_LABELS,
    Item,
    board_member,
    collect,
    goal_file,
    insats_file,
    plain,
    split_label,
)

GOAL_HEADING = re.compile(r"^((del)?mål\s*\d+|effektmål|aktivitetsmål|verksamhetsmål|kvalitetsmål|övergripande "
                          r"mål|strategiskt mål|finansiellt mål)\b", re.I)
GOALS_PARENT = re.compile(r"\bmål\b|\bmålen\b|målsättning|effektmål|aktivitetsmål|verksamhetsmål", re.I)
INSATS_HEADING = re.compile(r"^(insats|projekt)\s*[:–-]", re.I)
INSATSER_PARENT = re.compile(r"\binsatser\b|\bprojekten\b|^projekt$|verksamheter|finansierade|pågående projekt", re.I)
BUDGET_HEADING = re.compile(r"budget|ekonomi", re.I)
BOARD = re.compile(r"styrelse(n|ns)?\b|ledamöter", re.I)
DECIDED = re.compile(r"(beslutad|fastställd|antagen|antogs|beslutades)\b", re.I)
FORBUND = re.compile(r"([Ss]amordningsförbund(?:et)?\s+[A-ZÅÄÖ][\wåäöÅÄÖ-]*(?:[\s-]+(?:i\s+)?[A-ZÅÄÖ][\wåäöÅÄÖ-]*)*)")


@dataclass
class Mapped:
    files: dict[str, str] = field(default_factory=dict)  # inside the plan folder
    images: dict[str, bytes] = field(default_factory=dict)  # inside the images folder
    facts: dict[str, Any] = field(default_factory=dict)  # plan.yaml's fields the document states
    facts_comments: dict[Loc, list[str]] = field(default_factory=dict)
    forbund_name: str = ""
    budget_tables: list[tuple[str, list[list[str]]]] = field(default_factory=list)  # (heading, rows)
    insatser: dict[str, str] = field(default_factory=dict)  # id → name
    offered: set[str] = field(default_factory=set)  # headings that became goals or insatser
    other_parties: list[str] = field(default_factory=list)  # party names no member matched
    footnotes_placed: set[str] = field(default_factory=set)  # marks listed under a section's text
    items: dict[str, tuple[dict[str, Any], dict[Loc, list[str]], str]] = field(default_factory=dict)  # by path
    notes: list[str] = field(default_factory=list)


def file_id(text: str, taken: set[str]) -> str:
    words = slugify(re.sub(r"^\d+(\.\d+)*\.?\s+", "", text)).split("-")
    base = ""
    for word in words:
        if len(base) + len(word) > 48:
            break
        base = f"{base}-{word}" if base else word
    base = base or "avsnitt"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


def map_document(doc: Document, year: int, members: list[tuple[str, str, str]], images_at: str,
                 budget_from_workbook: bool) -> Mapped:
    mapped = Mapped()
    if not any(b.kind == "heading" for b in doc.blocks):
        _promote_bold_lines(doc, mapped)
    headings = [b for b in doc.blocks if b.kind == "heading"]
    top = min((b.level for b in headings), default=1)
    first = next((i for i, b in enumerate(doc.blocks) if b.kind == "heading" and b.level == top), len(doc.blocks))
    front = _title_page(doc, doc.blocks[:first], year, mapped)
    sections: list[tuple[str, list[Block]]] = []
    for block in doc.blocks[first:]:
        if block.kind == "heading" and block.level == top:
            sections.append((block.text, []))
        else:
            sections[-1][1].append(block)
    if front and sections and re.search(r"inledning", sections[0][0], re.I):
        sections[0] = (sections[0][0], [*front, *sections[0][1]])
    elif front:
        sections.insert(0, ("Inledning", front))
    taken: dict[str, set[str]] = {"avsnitt": set(), "mal": set(), "insatser": set(), "tabeller": set()}
    counters = {"mal": 0, "insatser": 0}
    for number, (title, blocks) in enumerate(sections, start=1):
        _section(doc, number, title, blocks, top, year, members, images_at, budget_from_workbook, mapped, taken,
                 counters)
    for mark, text in doc.footnotes.items():
        if mark not in mapped.footnotes_placed:  # its mark stood in a heading or a table cell
            mapped.notes.append(f"{doc.source}: fotnot {mark} (”{text[:80]}”) stod i en rubrik eller tabell och "
                                "togs inte med; skriv in den i avsnittets text.")
    return mapped


def _promote_bold_lines(doc: Document, mapped: Mapped) -> None:
    """A document written without heading styles: a short paragraph all in bold (``**2.1 Mål**``) is a heading,
    its level from its numbering."""
    promoted = 0
    for block in doc.blocks:
        match = re.fullmatch(r"\*\*([^*]+)\*\*", block.text.strip()) if block.kind == "paragraph" else None
        text = match[1].strip() if match else ""
        if text and len(text.split()) <= 12 and not text.endswith((".", ":")):
            number = re.match(r"^(\d+(?:\.\d+)*)\.?\s", text)
            block.kind, block.text = "heading", re.sub(r"\\(.)", r"\1", text)
            block.level = number[1].count(".") + 1 if number else 1
            promoted += 1
    if promoted:
        mapped.notes.append(f"{doc.source}: dokumentet har inga rubrikformat; {promoted} korta rader i fetstil "
                            "lästes som rubriker. Använd formaten Rubrik 1, Rubrik 2 … i Word för ett säkrare "
                            "resultat.")


def _title_page(doc: Document, blocks: list[Block], year: int, mapped: Mapped) -> list[Block]:
    """plan.yaml's facts from the title page; returns the blocks that are none of them."""
    texts = [b.text for b in blocks if b.kind in ("title", "paragraph", "heading")]
    plain = [re.sub(r"[*\\]", "", t) for t in texts]
    stated = doc.title if re.search(r"plan|budget", doc.title, re.I) and re.search(r"\d{4}", doc.title) and not \
        re.search(r"\.(docx?|odt)$|^microsoft word", doc.title, re.I) else ""  # not a template's or file's name
    title = stated or next((b.text for b in blocks if b.kind == "title"), "") or next(
        (t for t in plain if re.search(r"verksamhetsplan|budget", t, re.I)), "")
    if title:
        mapped.facts["titel"] = " ".join(title.split())
        if str(year) not in title:
            mapped.facts_comments[("titel",)] = [todo(f"titeln nämner inte {year}; kontrollera att dokumentet är "
                                                      "planen för det året.")]
    used = {" ".join(title.split())}
    for text in [doc.title, doc.subject, *plain]:
        found = FORBUND.search(text or "")
        if found and not mapped.forbund_name:
            mapped.forbund_name = found[1].strip()
            used.add(text or "")
    for text in plain:
        if DECIDED.search(text):
            date = DATE.search(text)
            if date:
                mapped.facts["beslutad"] = date[1] or f"{date[4]}-{MONTHS.index(date[3].lower()) + 1:02}-" \
                                                      f"{int(date[2]):02}"
                mapped.facts["status"] = "beslutad"
                used.add(text)
                if re.search(r"förbundsstyrelsen|styrelsen", text, re.I):
                    mapped.facts["beslutad_av"] = "Förbundsstyrelsen"
    rest = [t for t in texts if len(t.split()) >= 12]
    if rest:
        mapped.facts["sammanfattning"] = re.sub(r"[*\\]", "", rest[0])
    left = [b for b in blocks if b.kind != "title" and " ".join(re.sub(r"[*\\]", "", b.text).split()) not in used]
    if any(b.kind != "paragraph" or len(b.text.split()) >= 12 for b in left):
        return left
    if left:
        shown = "; ".join(f"”{b.text}”" for b in left)
        mapped.notes.append(f"{doc.source}: titelsidans rader {shown} hör inte till någon rubrik och står inte i "
                            "planen; skriv in dem där de hör hemma (till exempel i plan.yaml).")
    return []


def _section(doc: Document, number: int, title: str, blocks: list[Block], top: int, year: int,
             members: list[tuple[str, str, str]], images_at: str, budget_from_workbook: bool, mapped: Mapped,
             taken: dict[str, set[str]], counters: dict[str, int]) -> None:
    sid = file_id(title, taken["avsnitt"])
    lines: list[str] = []
    tables: list[str] = []
    marks: list[str] = []
    parents: list[str] = [title]  # the headings above the current block, outermost first
    last_heading = title
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            depth = block.level - top
            parents = [*parents[:depth], block.text]
            last_heading = block.text
            lines.append(f"{'#' * min(depth + 1, 6)} {block.text}")
            _offer(doc, blocks, index, parents, year, members, mapped, taken, counters)
        elif block.kind in ("paragraph", "title"):
            lines.append(block.text)
        elif block.kind == "item":
            if BOARD.search(last_heading):
                _board(mapped, [block.text.split(",")], members)
            previous = blocks[index - 1] if index else None
            if previous is not None and previous.kind == "item" and lines:
                lines[-1] += "\n" + _item(block)
            else:
                lines.append(_item(block))
        elif block.kind == "table":
            if BOARD.search(last_heading) or BOARD.search(" ".join(block.rows[0])):
                _board(mapped, block.rows, members)
            _goal_table(mapped, block.rows, last_heading, year, taken, counters)
            if _is_budget(block.rows) and (BUDGET_HEADING.search(last_heading) or BUDGET_HEADING.search(title)):
                beside = [b.text for b in blocks[max(index - 1, 0) : index + 2] if b.kind == "paragraph"
                          and re.search(r"\b(tkr|kr|kronor|tusental)\b", b.text, re.I)]
                mapped.budget_tables.append((last_heading, block.rows + [[text] for text in beside]))
                if budget_from_workbook:
                    mapped.notes.append(f"{doc.source}: budgettabellen under ”{last_heading}” togs inte med; "
                                        "budgeten hämtades ur arbetsboken.")
                    continue
            tid = file_id(last_heading, taken["tabeller"])
            tables.append(tid)
            caption = re.sub(r"^\d+(\.\d+)*\.?\s+", "", last_heading)
            mapped.files[f"tabeller/{tid}.yaml"] = dump({"rubrik": caption, "kolumner": block.rows[0],
                                                         "rader": block.rows[1:]})
        elif block.kind == "image" and block.image is not None:
            image = block.image
            if image.data:
                mapped.images[f"{sid}-{image.name}"] = image.data
                where = f"{images_at}/{sid}-{image.name}"
            else:
                where = f"en länkad bild ({image.linked}), som inte hämtades"
                mapped.notes.append(f"{doc.source}: {where} i avsnittet ”{title}”.")
            alt = f"alternativtext i dokumentet: ”{image.alt}”" if image.alt else "ingen alternativtext i dokumentet"
            ask = (f"här stod bilden {where} ({alt}). Webbplatsen visar inga bilder: skriv i texten vad bilden "
                   "visar, eller ta bort raden.")
            lines.append(f"<!-- {todo(ask)} -->")
        for mark in re.findall(r"\\\[(\d+)\\\]", block.text):
            marks.append(mark)
    used = [(mark, doc.footnotes[mark]) for mark in dict.fromkeys(marks) if mark in doc.footnotes]
    mapped.footnotes_placed.update(mark for mark, _ in used)
    if used:
        lines.append("Fotnoter:\n\n" + "\n".join(f"{mark}. {text}" for mark, text in used))
    front: dict[str, Any] = {"rubrik": re.sub(r"^\d+(\.\d+)*\.?\s+", "", title) or title}
    if tables:
        front["tabeller"] = tables
    body = "\n\n".join(line for line in lines if line.strip())
    mapped.files[f"avsnitt/{number:02}-{sid}.md"] = f"---\n{dump(front)}---\n{body}\n"


def _board(mapped: Mapped, rows: list[list[str]], members: list[tuple[str, str, str]]) -> None:
    for row in rows:
        found = board_member(row, members)
        if found and found not in mapped.facts.setdefault("styrelse", []):
            mapped.facts["styrelse"].append(found)


def _item(block: Block) -> str:
    return f"{'    ' * block.level}{'1.' if block.ordered else '-'} {block.text}"


def _is_budget(rows: list[list[str]]) -> bool:
    header = " ".join(rows[0]) if rows else ""
    figures = sum(1 for row in rows[1:] for cell in row[1:] if re.fullmatch(r"-?[\d\s\u00a0]+(,\d+)?", cell.strip()))
    return bool(re.search(r"(19|20)\d{2}", header)) and figures >= 3


def _offer(doc: Document, blocks: list[Block], index: int, parents: list[str], year: int,
           members: list[tuple[str, str, str]], mapped: Mapped, taken: dict[str, set[str]],
           counters: dict[str, int]) -> None:
    """A goal or insats file for the heading at ``index`` if it looks like one."""
    heading = blocks[index]
    parent = parents[-2] if len(parents) > 1 else ""
    if split_label(heading.text, {**GOAL_LABELS, **INSATS_LABELS}) or parent in mapped.offered:
        return  # "Syfte", "Mått" …: a part of the item above, not an item
    is_goal = bool(GOAL_HEADING.match(heading.text)) or (bool(GOALS_PARENT.search(parent))
                                                          and not INSATSER_PARENT.search(parent))
    is_insats = bool(INSATS_HEADING.match(heading.text)) or bool(INSATSER_PARENT.search(parent))
    if not (is_goal or is_insats) or (is_goal and GOALS_PARENT.search(heading.text) and
                                      not GOAL_HEADING.match(heading.text) and _has_subheadings(blocks, index)):
        return
    inner: list[tuple[str, str]] = []
    for block in blocks[index + 1 :]:
        if block.kind == "heading" and block.level <= heading.level:
            break
        if block.kind in ("paragraph", "item"):
            inner.append((block.kind, block.text))
        elif block.kind == "heading":
            inner.append(("paragraph", f"**{block.text}**"))
    if not inner:
        return  # a heading over a table or an image only
    comments: dict[Loc, list[str]] = {}
    if is_insats and not GOAL_HEADING.match(heading.text):
        item = collect(heading.text, inner, INSATS_LABELS)
        if not item.values and not INSATS_HEADING.match(heading.text):
            mapped.notes.append(f"{doc.source}: ”{heading.text}” står under ”{parent}” men texten anger inget om "
                                "insatsen (parter, beviljat, period …); den finns bara i avsnittet, som text.")
            return
        data = insats_file(item, members, year, comments)
        folder, key = "insatser", data["namn"]
        mapped.other_parties.extend(data.get("övriga_parter", []))
    else:
        item = collect(heading.text, inner, GOAL_LABELS)
        data = goal_file(item, parent, year, comments)
        folder, key = "mal", data["rubrik"]
    mapped.offered.add(heading.text)
    body = "\n\n".join(text for text in item.body if text.strip())
    _add_item(mapped, folder, key, (data, comments, body), taken, counters)


def _add_item(mapped: Mapped, folder: str, key: str, item: tuple[dict[str, Any], dict[Loc, list[str]], str],
              taken: dict[str, set[str]], counters: dict[str, int]) -> None:
    """A goal or insats file; the same goal or insats again (a summary, then its full text) joins the first."""
    data, comments, body = item
    same = next((path for path, (old, _, _) in mapped.items.items() if path.startswith(folder + "/")
                 and _same(str(old.get("namn") or old.get("rubrik")), key)), None)
    if same is not None:
        old, old_comments, old_body = mapped.items[same]
        guessed = [k for k in ("typ",) if (k,) in comments and (k,) not in old_comments]
        joined = {**old, **{k: v for k, v in data.items() if v and k not in guessed}}
        kept: dict[Loc, list[str]] = {}
        for loc, text in {**old_comments, **comments}.items():
            if (loc in old_comments and loc in comments) if loc[0] in ("rubrik", "namn", "typ") else \
                    not joined.get(str(loc[0])):
                kept[loc] = text
        mapped.items[same] = (joined, kept, "\n\n".join(b for b in (old_body, body) if b))
    else:
        counters[folder] += 1
        fid = file_id(key, taken[folder])
        if folder == "insatser":
            mapped.insatser[fid] = key
        mapped.items[f"{folder}/{counters[folder]:02}-{fid}.md"] = (data, comments, body)
    for path, (data, comments, body) in mapped.items.items():
        front = f"---\n{dump(data, comments)}---\n"
        mapped.files[path] = f"{front}{body}\n" if body else front


def _same(one: str, other: str) -> bool:
    """Two headings of the same goal or insats: alike but for numbering, case and punctuation."""
    def bare(text: str) -> str:
        return slugify(re.sub(r"^\s*(mål\s*)?\d+(\.\d+)*[.):]?\s*", "", plain(text), flags=re.I))
    return bare(one) == bare(other)


def _goal_table(mapped: Mapped, rows: list[list[str]], parent: str, year: int, taken: dict[str, set[str]],
                counters: dict[str, int]) -> bool:
    """A goals table (a column ``Mål`` and one of Mått, Mätbart, Indikator, Målvärde): a goal per row."""
    header = [plain(c).lower().rstrip(":") for c in rows[0]] if rows else []
    fields = [("rubrik" if h in ("mål", "målsättning", "delmål") and i == next(
        (j for j, x in enumerate(header) if x in ("mål", "målsättning", "delmål")), -1) else GOAL_LABELS.get(h, ""))
              for i, h in enumerate(header)]
    if "rubrik" not in fields or not any(f in ("mått", "målvärde") for f in fields):
        return False
    for row in rows[1:]:
        values: dict[str, list[str]] = {}
        for name, cell in zip(fields, row, strict=False):
            if name and plain(cell):
                values.setdefault(name, []).append(cell)
        title = plain(" ".join(values.pop("rubrik", [])))
        if not title:
            continue
        comments: dict[Loc, list[str]] = {}
        data = goal_file(Item(title, values), parent, year, comments)
        _add_item(mapped, "mal", data["rubrik"], (data, comments, ""), taken, counters)
    return True


def _has_subheadings(blocks: list[Block], index: int) -> bool:
    level = blocks[index].level
    for block in blocks[index + 1 :]:
        if block.kind == "heading":
            return block.level > level
    return False
