"""A goal's or an insats's part of a document → the fields of its mal/*.md or insatser/*.md file.

The text states a field as a label and its value: ``Mått: Minst 60 deltagare`` on one line, or ``Syfte`` (in bold
or followed by a colon) with the paragraphs or list below it. A label this module knows fills its field; the rest
is the file's text. A field the text does not state is left out, or, where the format needs it (a goal's type, an
insats's parties), written with an ``ATT GÖRA`` comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ...formatting import MONTHS
from ...load.amounts import AmountError, parse_amount
from ...load.yamlload import Loc
from .budget import amount, todo
from .budgetrows import member_of

GOAL_LABELS = {
    "mått": "mått", "mätbart": "mått", "indikator": "mått", "indikatorer": "mått", "mätpunkt": "mått",
    "mätpunkter": "mått", "målvärde": "målvärde", "hur": "hur", "utförande": "hur", "delmål": "hur",
    "åtgärder": "hur", "aktiviteter": "hur", "uppföljning": "uppföljning", "ansvarig": "ansvarig",
    "ansvar": "ansvarig", "år": "år", "tidsperiod": "år", "typ": "typ",
}
INSATS_LABELS = {
    "projektägare": "ägare", "ägare": "ägare", "huvudman": "ägare", "parter": "parter", "samverkansparter": "parter",
    "medverkande parter": "parter", "deltagande parter": "parter", "period": "period", "projekttid": "period",
    "projektperiod": "period", "tid": "period", "beviljat": "beviljat", "beviljade medel": "beviljat",
    "beviljat belopp": "beviljat", "budget": "beviljat", "syfte": "syfte", "målgrupp": "målgrupp",
    "mål": "insatsmål", "mål för insatsen": "insatsmål", "ledning": "ledning", "styrning": "ledning",
    "ledning och styrning": "ledning", "styrgrupp": "ledning", "uppföljning": "uppföljning",
    "typ": "typ", "insatstyp": "typ", "inriktning": "typ",
}
GOAL_KIND_NAMES = {"vision", "övergripande", "strategiskt", "effektmål", "aktivitetsmål", "verksamhetsmål",
                   "kvalitetsmål", "finansiellt", "individinriktat", "strukturinriktat", "projektmål"}
GOAL_KINDS = [("effektmål", "effektmål"), ("aktivitetsmål", "aktivitetsmål"), ("verksamhetsmål", "verksamhetsmål"),
              ("kvalitetsmål", "kvalitetsmål"), ("finansiell", "finansiellt"), ("övergripande", "övergripande"),
              ("strategisk", "strategiskt"), ("projektmål", "projektmål"), ("vision", "vision")]
TARGET = re.compile(r"(≥|>=|≤|<=|minst|högst|max(?:imalt)?|mer än|fler än|mindre än|färre än)\s*(\d[\d\s]*(?:,\d+)?)"
                    r"\s*(%|procent)?", re.I)
DATE = re.compile(r"(\d{4}-\d{2}-\d{2})|(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})", re.I)
YEARS = re.compile(r"\b((?:19|20)\d{2})\b")


@dataclass
class Item:
    """A goal or an insats: its heading, its labelled values and the rest of its text."""

    heading: str
    values: dict[str, list[str]] = field(default_factory=dict)  # field → values in order
    body: list[str] = field(default_factory=list)  # Markdown blocks


def plain(markdown: str) -> str:
    """Markdown emphasis and escapes off: for a value in a YAML field."""
    return re.sub(r"\\(.)", r"\1", re.sub(r"\*{1,3}([^*]+)\*{1,3}", r"\1", markdown)).strip()


def split_label(markdown: str, labels: dict[str, str]) -> tuple[str, str] | None:
    """``**Mått:** minst 60`` → ("mått", "minst 60"); a paragraph that is only a label gives an empty value."""
    text = plain(markdown)
    match = re.match(r"^([A-Za-zÅÄÖåäöé ]{2,30}?)(?:\s+(\d{4}))?\s*[:：]\s*(.*)$", text, re.S)
    if match and match[1].strip().lower() in labels:
        value = f"{match[2]}: {match[3]}" if match[2] else match[3]
        return labels[match[1].strip().lower()], value.strip()
    if text.lower().rstrip(":") in labels and len(text) < 32:
        return labels[text.lower().rstrip(":")], ""
    return None


def collect(heading: str, blocks: list[tuple[str, str]], labels: dict[str, str]) -> Item:
    """``blocks``: (kind, Markdown) of the item's text; a label without a value takes the blocks after it."""
    item = Item(heading)
    current: str | None = None
    for kind, text in blocks:
        found = split_label(text, labels) if kind in ("paragraph", "item") else None
        if found:
            name, value = found
            current = name if not value else (name if kind == "paragraph" and name in _LONG else None)
            if value:
                item.values.setdefault(name, []).append(value)
            else:
                item.values.setdefault(name, [])
            continue
        if current is not None and kind in ("paragraph", "item"):
            item.values[current].append(f"- {text}" if kind == "item" else text)
            continue
        current = None
        item.body.append(text)
    return item


_LONG = {"syfte", "ledning", "uppföljning", "hur", "insatsmål", "mått", "målgrupp"}


def goal_file(item: Item, kind_hint: str, year: int, comments: dict[Loc, list[str]]) -> dict[str, Any]:
    number, title = _numbered(item.heading)
    data: dict[str, Any] = {"rubrik": title}
    stated = [plain(v).lower() for v in item.values.get("typ", [])]
    kind = next((v for v in stated if v in GOAL_KIND_NAMES), "") or _goal_kind(
        " ".join([*stated, item.heading, kind_hint]))
    data["typ"] = kind or "verksamhetsmål"
    if not kind:
        comments[("typ",)] = [todo("texten säger inte vilken sorts mål det är; kontrollera typ (effektmål, "
                                   "aktivitetsmål, verksamhetsmål …).")]
    if number:
        data["nummer"] = number
    how = [re.sub(r"^- ", "", plain(v)) for v in item.values.get("hur", []) if plain(v)]
    if how:
        data["hur"] = how if len(how) > 1 else how[0]
    measures = []
    for value in item.values.get("mått", []):
        text = re.sub(r"^- ", "", plain(value))
        if not text:
            continue
        measure: dict[str, Any] = {"text": text}
        target = TARGET.search(text)
        if target:
            measure["målvärde"] = _target(target)
        measures.append(measure)
    for value in item.values.get("målvärde", []):
        if measures and "målvärde" not in measures[-1]:
            measures[-1]["målvärde"] = plain(value)
        else:
            measures.append({"text": plain(value), "målvärde": plain(value)})
    if measures:
        data["mått"] = measures
    else:
        comments[("rubrik",)] = [todo("texten anger inget mått för målet; skriv hur det mäts under mått:, eller "
                                      "ta bort den här raden.")]
    for key in ("uppföljning", "ansvarig", "år"):
        values = [v.strip() if key == "uppföljning" else plain(v) for v in item.values.get(key, []) if plain(v)]
        if values:
            data[key] = " ".join(values) if key != "uppföljning" else _joined(values)
    if "år" not in data:
        data["år"] = str(year)
    return data


def _joined(values: list[str]) -> str:
    """Markdown blocks of one field: list items on consecutive lines, paragraphs apart."""
    text = ""
    for value in values:
        text += ("\n" if value.startswith("- ") and text.rsplit("\n", 1)[-1].startswith("- ") else "\n\n") + value
    return text.strip()


def _target(match: re.Match[str]) -> str:
    words = {"minst": "≥", ">=": "≥", "mer än": ">", "fler än": ">", "högst": "≤", "max": "≤", "maximalt": "≤",
             "<=": "≤", "mindre än": "<", "färre än": "<"}
    sign = words.get(match[1].lower(), match[1])
    return f"{sign} {' '.join(match[2].split())}{' %' if match[3] else ''}"


def _numbered(heading: str) -> tuple[str, str]:
    match = re.match(r"^((?:del)?mål\s*\d+(?:\.\d+)*)\s*[:.–-]?\s*(.+)$", heading, re.I) or re.match(
        r"^([^:]{2,40}?)\s*:\s+(.{8,})$", heading)
    if match and (match.re.pattern.startswith("^((?:del)") or len(match[1].split()) <= 4):
        return match[1][:1].upper() + match[1][1:], match[2].strip()
    bare = re.sub(r"^\d+(\.\d+)*\.?\s+", "", heading).strip()
    bare = re.sub(r"^(effektmål|aktivitetsmål|verksamhetsmål|kvalitetsmål|övergripande mål|strategiskt mål|"
                  r"finansiellt mål|projektmål)\s*[:–-]\s*", "", bare, flags=re.I)
    return "", bare or heading


def _goal_kind(text: str) -> str:
    lowered = text.lower()
    return next((kind for word, kind in GOAL_KINDS if word in lowered), "")


def insats_file(item: Item, members: list[tuple[str, str, str]], year: int,
                comments: dict[Loc, list[str]]) -> dict[str, Any]:
    name = re.sub(r"^(insats|projekt)\s*[:–-]\s*", "", re.sub(r"^\d+(\.\d+)*\.?\s+", "", item.heading), flags=re.I)
    data: dict[str, Any] = {"namn": name.strip() or item.heading}
    kinds = " ".join(plain(v) for v in item.values.get("typ", [])).lower() + " " + item.heading.lower()
    if "individ" in kinds:
        data["typ"] = "individinriktad"
    elif "struktur" in kinds:
        data["typ"] = "strukturinriktad"
    parties: list[str] = []
    others: list[str] = []
    for value in item.values.get("parter", []):
        for part in re.split(r",|;|\boch\b|/|\n|\s-\s", plain(value)):
            part = part.strip(" .-")
            if not part:
                continue
            group = _members_named(part, members)
            member = None if group else member_of(part, members)
            if group:
                parties.extend(group)
            elif member == "staten":
                parties.extend(mid for mid, _, kind in members if kind in ("försäkringskassan", "arbetsförmedlingen"))
            elif member:
                parties.append(member)
            else:
                others.append(part)
    data["parter"] = list(dict.fromkeys(parties)) or "ej angivet"  # what the text does not state (load/unstated.py)
    if not parties:
        comments[("parter",)] = [todo("texten nämner inga av medlemmarna som parter; skriv medlemmarnas id "
                                      "(från forbund.yaml), eller låt `ej angivet` stå om planen inte anger dem.")]
    if others:
        data["övriga_parter"] = others
    owner = " ".join(plain(v) for v in item.values.get("ägare", []))
    if owner:
        data["ägare"] = owner
    period = _period(" ".join(plain(v) for v in item.values.get("period", [])))
    if period:
        data["period"] = period
    granted = _granted(item.values.get("beviljat", []), year)
    if granted:
        data["beviljat"] = granted
    else:
        comments[("namn",)] = [todo(f"texten anger inget beviljat belopp; skriv det under beviljat: ({year}: "
                                    "… kronor), eller ta bort den här raden.")]
    for key in ("syfte", "målgrupp", "ledning", "uppföljning"):
        values = [v for v in item.values.get(key, []) if plain(v)]
        if values:
            data[key] = _joined(values) if len(values) > 1 or key != "målgrupp" else plain(values[0])
    goals = [re.sub(r"^- ", "", plain(v)) for v in item.values.get("insatsmål", []) if plain(v)]
    if goals:
        data["insatsmål"] = goals
    return data


GROUP_WORDS = [  # how a text names several members at once, or one by its kind
    (re.compile(r"^(alla|samtliga)( fyra)? (parter|medlemmar)|^förbundets (parter|medlemmar)|^samtliga$", re.I),
     ("försäkringskassan", "arbetsförmedlingen", "region", "kommun")),
    (re.compile(r"^(alla |samtliga |de )?(medlems)?kommuner(na)?$", re.I), ("kommun",)),
    (re.compile(r"^(regionen|landstinget)$", re.I), ("region",)),
    (re.compile(r"^(fk|försäkringskassan)$", re.I), ("försäkringskassan",)),
    (re.compile(r"^(af|arbetsförmedlingen)$", re.I), ("arbetsförmedlingen",)),
]


def _members_named(text: str, members: list[tuple[str, str, str]]) -> list[str]:
    """The members a word for several of them names (``kommunerna``, ``samtliga parter``, ``regionen``, ``FK``)."""
    for pattern, kinds in GROUP_WORDS:
        if pattern.match(text.strip()):
            return [mid for mid, _, kind in members if kind in kinds]
    return []


def _period(text: str) -> dict[str, str] | None:
    if not text:
        return None
    dates = [m[1] or f"{m[4]}-{MONTHS.index(m[3].lower()) + 1:02}-{int(m[2]):02}" for m in DATE.finditer(text)]
    years = YEARS.findall(DATE.sub(" ", text))
    start = dates[0] if dates else (f"{years[0]}-01-01" if years else None)
    end: str | None = dates[1] if len(dates) > 1 else None
    if end is None and re.search(r"löpande|tillsvidare|tills vidare|pågående", text, re.I):
        end = "löpande"
    elif end is None and len(years) > (0 if dates else 1):
        end = f"{years[-1]}-12-31"
    if start is None:
        return {"slut": end} if end else None
    return {"start": start, **({"slut": end} if end else {})}


def _granted(values: list[str], year: int) -> dict[str, str]:
    found: dict[str, str] = {}
    for value in values:
        text = plain(value)
        stated = YEARS.findall(text)
        for part in re.split(r";|\n", text):
            money = re.search(r"(-?\d[\d\s\u00a0]*(?:,\d+)?)\s*(tkr|kr|kronor|sek)?\b", YEARS.sub(" ", part), re.I)
            if not money or not money[1].strip():
                continue
            try:
                kronor, unit = parse_amount(" ".join(money[1].split()) + (f" {money[2]}" if money[2] else ""))
            except AmountError:
                continue
            if unit == "tkr":
                kronor *= 1000
            when = YEARS.findall(part) or stated or [str(year)]
            found[when[0]] = f"{amount(abs(kronor).quantize(Decimal(1)))} kronor"
    return found


ROLES = ["vice ordförande", "ordförande", "ledamot", "ersättare"]
PERSON = re.compile(r"[A-ZÅÄÖÉ][\wåäöéü'-]+(?:\s+[A-ZÅÄÖÉ][\wåäöéü'-]+)+")


def board_member(cells: list[str], members: list[tuple[str, str, str]]) -> dict[str, str] | None:
    """A board member from a row of a board table or a list item split at its commas: a name, a role, perhaps the
    member they represent; None for a row that is not one."""
    texts = [plain(c) for c in cells if plain(c)]
    role = next((r for t in texts for r in ROLES if r in t.lower()), None)
    if role is None:
        return None
    name = next((t for t in texts if PERSON.fullmatch(t) and not any(r in t.lower() for r in ROLES)
                 and member_of(t, members) is None), None)
    if name is None:
        return None
    found: dict[str, str] = {"namn": name, "roll": role}
    member = next((m for t in texts if t != name and (m := member_of(t, members)) and m != "staten"), None)
    if member:
        found["medlem"] = member
    rest = [t for t in texts if t != name and not any(r in t.lower() for r in ROLES) and member_of(t, members) is None]
    if rest:
        found["titel"] = ", ".join(rest)
    return found
