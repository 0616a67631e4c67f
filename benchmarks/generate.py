"""A synthetic national corpus in the content format, for the benchmark.

Every samordningsförbund publishing ten years of plans: 75 förbund × 10 plan
years by default, each plan sized like the seed plans (about 10 goals, 10
insatser with a few paragraphs of Markdown each, a budget of about 25 lines
over 3–4 columns, four prose sections and a free table). The budgets add up
and follow the Finsam rules, so the corpus passes ``finsam-site check``.

Everything comes from one ``random.Random(seed)``: the same arguments give the
same files, byte for byte.

    python benchmarks/generate.py DEST [--forbund 75] [--years 10] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

FIRST_YEAR = 2017
REGIONS = [
    "Stockholm", "Uppsala", "Sörmland", "Östergötland", "Jönköpings län", "Kronoberg", "Kalmar län", "Gotland",
    "Blekinge", "Skåne", "Halland", "Västra Götaland", "Värmland", "Örebro län", "Västmanland", "Dalarna",
    "Gävleborg", "Västernorrland", "Jämtland Härjedalen", "Västerbotten", "Norrbotten",
]
PREFIXES = ["Ål", "Björk", "Sjö", "Ek", "Lind", "Berg", "Dal", "Fors", "Ås", "Näs", "Strand", "Hag", "Mal", "Rön",
            "Sand", "Tall", "Vik", "Älv", "Öd", "Kvarn", "Gran", "Hed", "Lo", "Myr", "Bro", "Kyrk", "Ny", "Norr",
            "Sör", "Väst", "Öster", "Hög", "Mo", "Ros", "Grön", "Sten", "Klint", "Hav", "Fjäll", "Skog"]
SUFFIXES = ["by", "sala", "köping", "ås", "dal", "fors", "holm", "vik", "näs", "berga", "hult", "sjö", "torp",
            "stad", "ryd", "mark", "ö", "rum", "lunda", "åker", "backa", "hamn", "tuna", "vall"]
INSATS_NAMES = ["Navet", "Vidare Vy", "Startpunkten", "Resurslotsen", "Steget", "Bron", "Framåt", "Kompassen",
                "Vägen ut", "Arbetsnära", "Hälsoteamet", "Unga i fokus", "Plattformen", "Nya steg", "Jobbspåret",
                "Samverkansteamet", "Lotsen", "Motivationsgruppen", "Språkbron", "Trappan", "Kraftsamling",
                "Tillsammans", "Basen", "Öppna dörren"]
SENTENCES = [
    "Förbundet finansierar insatser för personer i åldern 16–64 år som behöver samordnat stöd från flera parter.",
    "Syftet är att individen ska närma sig arbete eller studier och på sikt nå egen försörjning.",
    "Insatsen bedrivs i nära samverkan mellan Försäkringskassan, Arbetsförmedlingen, regionen och kommunerna.",
    "Deltagarna får stöd av en coach som samordnar kontakterna med myndigheterna.",
    "Arbetet utgår från metoden Supported Employment och ett tjänstedesignat arbetssätt.",
    "Styrgruppen följer upp verksamheten varje kvartal och rapporterar till styrelsen.",
    "Under året fortsätter arbetet med att utveckla den strukturella samverkan mellan parterna.",
    "Uppföljningen sker i Uppföljning Finsam och med de nationella indikatorerna för samverkan.",
    "Målgruppen har ofta en kombination av psykisk, fysisk och social ohälsa.",
    "En viktig del av arbetet är att skapa förutsättningar för kvalitativa utredningar i reella miljöer.",
    "Förbundet verkar för att insatserna ges utifrån ett jämställdhetsperspektiv.",
    "Erfarenheterna från tidigare projekt tas tillvara i den ordinarie verksamheten.",
    "Kompetensutveckling erbjuds medarbetare hos samtliga parter.",
    "Beredningsgruppen bereder ärenden inför styrelsens sammanträden.",
    "Medlemssamråd hålls varje år innan budgeten fastställs.",
    "Verksamheten ska vara lokalt anpassad och integrerad i parternas ordinarie arbete.",
    "Deltagarnas upplevelse av stödet mäts med enkäter två gånger per år.",
    "Projektägaren ansvarar för att insatsen når de mål som har satts upp.",
    "Förbundet har ingen myndighetsutövning och hanterar inga uppgifter om enskilda personer.",
    "Resultatet redovisas i delårsrapporten och i årsredovisningen.",
    "Samverkan med arbetsgivare på den öppna arbetsmarknaden är en framgångsfaktor.",
    "Unga vuxna som varken arbetar eller studerar är en prioriterad grupp.",
    "Förbundschefen leder kansliet och ansvarar för den löpande verksamheten.",
    "Genom insatsen kan befintliga resurser hos parterna användas mer effektivt.",
]
GOAL_KINDS = ["övergripande", "effektmål", "aktivitetsmål", "verksamhetsmål", "kvalitetsmål", "individinriktat",
              "strukturinriktat", "projektmål", "finansiellt", "strategiskt"]
GOAL_TITLES = [
    "Fler personer i målgruppen når arbete eller studier.", "Samverkan mellan parterna stärks.",
    "Deltagarna upplever att stödet är samordnat.", "Insatserna ges på lika villkor för kvinnor och män.",
    "Unga vuxna får tidigt stöd mot arbete.", "Kunskapen om målgruppen ökar hos parterna.",
    "Förbundets medel används effektivt.", "Fler arbetsgivare tar emot deltagare.",
    "Den psykiska hälsan hos deltagarna förbättras.", "Uppföljningen av insatserna är enhetlig.",
    "Nyanlända kommer snabbare i egen försörjning.", "Fler sjukskrivna återgår i arbete.",
]
MEASURES = [("Minst {n} personer deltar i förbundets individinsatser.", "≥ {n}"),
            ("Minst {p} % av deltagarna går vidare till arbete eller studier.", "≥ {p} %"),
            ("Andelen deltagare som upplever ökad delaktighet är minst {p} %.", "≥ {p} %"),
            ("Administrationens andel av kostnaderna är högst 15 %.", "≤ 15 %"),
            ("Minst {n} utbildningstillfällen genomförs för parternas personal.", "≥ {n}")]


def money(value: int) -> str:
    """``-1255000`` → ``-1 255 000`` (the way the plans print it)."""
    sign, digits = ("-" if value < 0 else ""), str(abs(value))
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return sign + " ".join(groups)


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", "".join(c for c in folded if not unicodedata.combining(c))).strip("-")


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def block(text: str, indent: int = 2) -> str:
    """A YAML literal block (``|``) holding ``text``."""
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in text.split("\n")) + "\n"


@dataclass
class Member:
    id: str
    name: str
    kind: str


@dataclass
class Forbund:
    id: str
    name: str
    short: str
    region: str
    members: list[Member]


class Writer:
    """Writes one corpus; ``rng`` is the only source of variation."""

    def __init__(self, dest: Path, seed: int) -> None:
        self.dest = dest
        self.rng = random.Random(seed)
        self.places: set[str] = set()
        self.files = 0

    def write(self, rel: str, text: str) -> None:
        path = self.dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        self.files += 1

    def place(self) -> str:
        while True:
            name = self.rng.choice(PREFIXES) + self.rng.choice(SUFFIXES)
            if name not in self.places:
                self.places.add(name)
                return name

    def sentences(self, count: int) -> str:
        return " ".join(self.rng.sample(SENTENCES, count))

    def paragraphs(self, count: int, low: int = 2, high: int = 4) -> str:
        return "\n\n".join(self.sentences(self.rng.randint(low, high)) for _ in range(count))

    # --- the files -----------------------------------------------------------

    def site(self) -> None:
        self.write(
            "site.yaml",
            "titel: Samordningsförbundens verksamhetsplaner\n"
            "beskrivning: Ett påhittat nationellt underlag för prestandamätning.\n"
            "utgivare: finsam-site\n"
            "kontakt:\n  namn: Kansliet\n  e-post: kansli@example.se\n"
            "tillgänglighet:\n  status: delvis förenlig\n  metod: Självskattning.\n"
            "  bedömd: 2026-01-15\n  uppdaterad: 2026-01-15\n",
        )

    def forbund(self, index: int) -> Forbund:
        town = self.place()
        region = REGIONS[index % len(REGIONS)]
        members = [Member("forsakringskassan", "Försäkringskassan", "försäkringskassan"),
                   Member("arbetsformedlingen", "Arbetsförmedlingen", "arbetsförmedlingen"),
                   Member(f"region-{slug(region)}", f"Region {region}", "region")]
        for name in [town, *(self.place() for _ in range(self.rng.randint(0, 3)))]:
            members.append(Member(f"{slug(name)}-kommun", f"{name} kommun", "kommun"))
        fb = Forbund(slug(town), f"Samordningsförbundet {town}", town, region, members)
        lines = [f"namn: {fb.name}", f"kortnamn: {fb.short}", f"orgnr: 222000-{1000 + index:04d}",
                 f"bildat: {self.rng.randint(2005, 2015)}-{self.rng.randint(1, 12):02d}-01", f"län: {region}",
                 "medlemmar:"]
        for m in members:
            lines += [f"  - id: {m.id}", f"    namn: {m.name}", f"    typ: {m.kind}"]
        self.write(f"content/{fb.id}/forbund.yaml", "\n".join(lines) + "\n")
        return fb

    def plan(self, fb: Forbund, year: int) -> None:
        base = f"content/{fb.id}/{year}"
        rng = self.rng
        groups = rng.sample([("unga-vuxna", "Unga vuxna 16–29 år"), ("langtidssjukskrivna", "Långtidssjukskrivna"),
                             ("nyanlanda", "Nyanlända"), ("psykisk-ohalsa", "Personer med psykisk ohälsa")], 2)
        areas = [("individens-sjalvforsorjning", "Individens självförsörjning"),
                 ("strukturell-samverkan", "Strukturell samverkan"), ("kunskap-och-larande", "Kunskap och lärande")]
        board = []
        for m in fb.members[2:]:
            board += [f"  - namn: {self.person()}\n    roll: ledamot\n    medlem: {m.id}",
                      f"  - namn: {self.person()}\n    roll: ersättare\n    medlem: {m.id}"]
        board[0] = board[0].replace("roll: ledamot", "roll: ordförande")
        text = (
            f"titel: Verksamhetsplan och budget {year}, plan {year + 1}–{year + 2}\n"
            f"år: {year}\nplanår: [{year + 1}, {year + 2}]\n"
            f"beslutad: {year - 1}-11-{rng.randint(10, 29)}\n"
            f"sammanfattning: {fb.name}s verksamhetsplan och budget för {year}.\n"
            f"vision: {quote('Varje människa i ' + fb.short + ' har en plats i arbetslivet.')}\n"
            "målgrupper:\n" + "".join(f"  - id: {i}\n    namn: {n}\n    beskrivning: {self.sentences(2)}\n"
                                      for i, n in groups)
            + "strategiska_områden:\n" + "".join(f"  - id: {i}\n    namn: {n}\n" for i, n in areas)
            + "prioriteringar:\n" + "".join(f"  - {self.sentences(1)}\n" for _ in range(3))
            + "styrelse:\n" + "\n".join(board) + "\n"
            + f"förslag_till_beslut:\n  - Att godkänna verksamhetsplan och budget {year}.\n"
            "budgetmål:\n  - typ: administration_max\n    procent: 15\n    källa: Finansiella mål\n"
        )
        self.write(f"{base}/plan.yaml", text)
        goal_ids = self.goals(base, year, [i for i, _ in areas], [i for i, _ in groups])
        insatser = self.insatser(base, year, fb, goal_ids)
        granted = self.budget(base, year, fb, insatser)
        for insats in insatser:
            self.write(insats.path, insats.text.replace("{amount}", money(granted[insats.id])))
        self.sections(base, year)

    def person(self) -> str:
        first = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Ahmed", "Leila", "Mikael"]
        last = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
                "Svensson", "Gustafsson", "Lindberg", "Holm"]
        return f"{self.rng.choice(first)} {self.rng.choice(last)}"

    def goals(self, base: str, year: int, areas: list[str], groups: list[str]) -> list[str]:
        rng = self.rng
        ids: list[str] = []
        for n, title in enumerate(rng.sample(GOAL_TITLES, 10), 1):
            ident = slug(title)[:32].strip("-")
            ids.append(ident)
            measures = ""
            for template, target in rng.sample(MEASURES, rng.randint(1, 3)):
                values = {"n": rng.randint(2, 12) * 10, "p": rng.randint(4, 9) * 10}
                measures += (f"  - etikett: Mätbart\n    text: {quote(template.format(**values))}\n"
                             f"    målvärde: {quote(target.format(**values))}\n")
            parent = f"överordnat: {ids[0]}\n" if n > 1 and rng.random() < 0.3 else ""
            text = (f"---\nrubrik: {title}\ntyp: {GOAL_KINDS[(n - 1) % len(GOAL_KINDS)]}\nnummer: Mål {n}\n"
                    f"{parent}hur:\n  - {self.sentences(1)}\n  - {self.sentences(1)}\nmått:\n{measures}"
                    f"uppföljning: {self.sentences(1)}\nansvarig: Förbundschef\når: {quote(str(year))}\n"
                    f"strategiska_områden: [{rng.choice(areas)}]\nmålgrupper: [{rng.choice(groups)}]\n---\n"
                    f"{self.paragraphs(rng.randint(1, 2))}\n")
            self.write(f"{base}/mal/{n:02d}-{ident}.md", text)
        return ids

    def insatser(self, base: str, year: int, fb: Forbund, goals: list[str]) -> list[InsatsFile]:
        """The insatser of one plan; their text has ``{amount}`` where the budget's amount goes."""
        rng = self.rng
        kommuner = [m for m in fb.members if m.kind == "kommun"]
        result = []
        for n, name in enumerate(rng.sample(INSATS_NAMES, 10), 1):
            parties = ["forsakringskassan", rng.choice(kommuner).id]
            if rng.random() < 0.6:
                parties.insert(1, fb.members[2].id)
            kind = "individinriktad" if n % 3 else "strukturinriktad"
            text = (f"---\nnamn: {name}\ntyp: {kind}\nparter: [{', '.join(parties)}]\n"
                    f"ägare: {rng.choice(kommuner).name}, arbetsmarknadsenheten\n"
                    f"period:\n  start: {year - rng.randint(0, 2)}-01-01\n  slut: {year + rng.randint(0, 2)}-12-31\n"
                    f"beviljat:\n  {year}: {{amount}} kronor\n"
                    f"syfte: {block(self.paragraphs(2))}"
                    f"målgrupp: {self.sentences(1)}\nmål: [{', '.join(rng.sample(goals, 2))}]\n"
                    f"insatsmål:\n  - {self.sentences(1)}\n  - {self.sentences(1)}\n"
                    f"ledning: {block(self.paragraphs(1) + chr(10) * 2 + self.bullets(3))}"
                    f"uppföljning: {block(self.paragraphs(1))}"
                    f"---\n## Arbetssätt och metoder\n\n{self.paragraphs(2)}\n\n"
                    f"### Samverkan\n\n{self.paragraphs(1)} *{self.sentences(1)}*\n")
            result.append(InsatsFile(f"{base}/insatser/{n:02d}-{slug(name)}.md", slug(name), name, text))
        return result

    def bullets(self, count: int) -> str:
        return "\n".join(f"- {s}" for s in self.rng.sample(SENTENCES, count))

    def budget(self, base: str, year: int, fb: Forbund, insatser: list[InsatsFile]) -> dict[str, int]:
        """Write budget.yaml; returns each insats's amount in the budget year's column (in kronor)."""
        rng = self.rng
        kommuner = [m for m in fb.members if m.kind == "kommun"]
        first = [(f"Förväntat utfall {year - 1}", "förväntat utfall", year - 1)] if rng.random() < 0.5 else []
        columns = [*first, (f"Budget {year}", "budget", year), (f"Plan {year + 1}", "plan", year + 1),
                   (f"Plan {year + 2}", "plan", year + 2)]
        weights = [rng.randint(1, 5) for _ in kommuner]
        shares = [rng.randint(5, 15) for _ in insatser]
        revenue = rng.randint(500, 4000) * 4000
        cols = [self.column(revenue * (100 + 2 * c) // 100 // 4000 * 4000, weights, shares)
                for c in range(len(columns))]
        equity = revenue * rng.randint(5, 12) // 100 // 1000 * 1000
        opening, closing = [], []
        for col in cols:
            opening.append(equity)
            equity += col["result"][""]
            closing.append(equity)

        def cells(key: str, sub: str = "") -> str:
            return " | ".join(money(c[key][sub]) for c in cols)

        def post(label: str, key: str, sub: str = "", extra: str = "", pad: str = "        ") -> str:
            return f"{pad}- post: {label}\n{extra}{pad}  belopp: {cells(key, sub)}\n"

        revenues = (post("Försäkringskassan (statens andel)", "staten", extra="          medlem: forsakringskassan\n")
                    + post("Arbetsförmedlingen", "af", extra="          medlem: arbetsformedlingen\n")
                    + post(fb.members[2].name, "region", extra=f"          medlem: {fb.members[2].id}\n")
                    + "".join(post(k.name, "kommuner", str(i), extra=f"          medlem: {k.id}\n")
                              for i, k in enumerate(kommuner)))
        inner = " " * 12
        admin = "".join(post(label, "admin", label, pad=inner) for label in ADMIN)
        efforts = "".join(post(i.name, "insatser", str(n), extra=f"{inner}  insats: {i.id}\n", pad=inner)
                          for n, i in enumerate(insatser))
        efforts += post("Kompetensutveckling", "other", "komp", pad=inner)
        efforts += post("Reserverade medel", "other", "reserv", pad=inner)
        text = (
            f"tabeller:\n  - rubrik: Budget {year} och plan {year + 1}–{year + 2}\n    enhet: kr\n    kolumner:\n"
            + "".join(f"      - {{rubrik: {label}, typ: {kind}, år: {y}}}\n" for label, kind, y in columns)
            + "    rader:\n      - grupp: Intäkter\n        kategori: intäkter\n        rader:\n" + revenues
            + f"        summa:\n          rubrik: Summa intäkter\n          belopp: {cells('revenue')}\n"
            "      - grupp: Kostnader\n        kategori: kostnader\n        rader:\n"
            "          - grupp: Administration\n            kategori: administration\n            rader:\n" + admin
            + f"            summa:\n              rubrik: Summa administration\n"
            f"              belopp: {cells('admin_sum')}\n"
            "          - grupp: Insatser\n            kategori: insatser\n            rader:\n" + efforts
            + f"            summa:\n              rubrik: Summa insatser\n              belopp: {cells('insats_sum')}\n"
            f"        summa:\n          rubrik: Summa kostnader\n          belopp: {cells('costs')}\n"
            f"    resultat:\n      rubrik: Resultat\n      belopp: {cells('result')}\n"
            f"    ingående_eget_kapital:\n      rubrik: Eget kapital vid årets början\n"
            f"      belopp: {' | '.join(money(v) for v in opening)}\n"
            f"    utgående_eget_kapital:\n      rubrik: Eget kapital vid årets slut\n"
            f"      belopp: {' | '.join(money(v) for v in closing)}\n"
            f"noter: {block(self.paragraphs(1))}"
        )
        self.write(f"{base}/budget.yaml", text)
        budget_col = cols[len(first)]["insatser"]
        return {i.id: -budget_col[str(n)] for n, i in enumerate(insatser)}

    def column(self, revenue: int, weights: list[int], shares: list[int]) -> dict[str, dict[str, int]]:
        """One column's amounts: 50/25/25 revenues, about 12 % administration, a small surplus."""
        rng = self.rng
        quarter = revenue // 4
        kommuner = _split(quarter, weights, 1000)
        costs = revenue - rng.randint(0, revenue // 50 // 1000) * 1000
        admin_total = revenue * rng.randint(9, 14) // 100 // 1000 * 1000
        pool = costs - admin_total
        komp = pool * 3 // 100 // 1000 * 1000
        efforts = _split(pool * 90 // 100, shares, 5000, exact=False)
        reserv = pool - komp - sum(efforts)
        return {
            "staten": {"": revenue // 2}, "af": {"": 0}, "region": {"": quarter},
            "kommuner": {str(i): v for i, v in enumerate(kommuner)}, "revenue": {"": revenue},
            "admin": {label: -v for label, v in zip(ADMIN, _split(admin_total, ADMIN_SHARES, 1000), strict=True)},
            "admin_sum": {"": -admin_total}, "insatser": {str(i): -v for i, v in enumerate(efforts)},
            "other": {"komp": -komp, "reserv": -reserv}, "insats_sum": {"": -pool}, "costs": {"": -costs},
            "result": {"": revenue - costs},
        }

    def sections(self, base: str, year: int) -> None:
        rng = self.rng
        titles = [("inledning", "Inledning"), ("organisation", "Organisation"),
                  ("uppfoljning-och-utvardering", "Uppföljning och utvärdering"),
                  ("budget", "Kommentarer till budgeten")]
        for n, (ident, title) in enumerate(titles, 1):
            tables = "tabeller: [malkarta]\n" if ident == "uppfoljning-och-utvardering" else ""
            heading = rng.choice(GOAL_TITLES).rstrip(".")
            body = f"{self.paragraphs(2)}\n\n## {heading}\n\n{self.paragraphs(rng.randint(1, 3))}"
            if ident == "organisation":
                body += "\n\n" + self.bullets(4)
            self.write(f"{base}/avsnitt/{n:02d}-{ident}.md", f"---\nrubrik: {title}\n{tables}---\n{body}\n")
        rows = "".join(f"  - [{quote(rng.choice(GOAL_TITLES))}, {quote(self.sentences(1))}, Förbundschef, "
                       f'"{year}"]\n' for _ in range(5))
        self.write(f"{base}/tabeller/malkarta.yaml",
                   f"rubrik: Målkarta {year}\nkolumner: [Mål, Mätbart, Ansvarig, År]\nrader:\n{rows}")


@dataclass(frozen=True)
class InsatsFile:
    path: str
    id: str
    name: str
    text: str


ADMIN = ["Förbundschef", "Kansli och ekonomiadministration", "Styrelsearvoden", "Revision", "Lokaler och IT"]
ADMIN_SHARES = [45, 25, 12, 8, 10]


def _split(total: int, weights: list[int], step: int, exact: bool = True) -> list[int]:
    """``total`` in parts by ``weights``, each rounded down to ``step``; ``exact``: the last part takes the rest."""
    parts = [total * w // sum(weights) // step * step for w in weights]
    if exact:
        parts[-1] = total - sum(parts[:-1])
    return parts


def generate(dest: Path, forbund: int = 75, years: int = 10, seed: int = 1) -> int:
    """Write the corpus into ``dest`` (replaced if it exists); returns the number of files written."""
    if dest.exists():
        shutil.rmtree(dest)
    corpus = Writer(dest, seed)
    corpus.site()
    for index in range(forbund):
        fb = corpus.forbund(index)
        for year in range(FIRST_YEAR, FIRST_YEAR + years):
            corpus.plan(fb, year)
    return corpus.files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--forbund", type=int, default=75)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    files = generate(args.dest, args.forbund, args.years, args.seed)
    print(f"wrote {files} files for {args.forbund} förbund × {args.years} years into {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
