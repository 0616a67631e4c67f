"""JSON Schemas of the content files, for editors: ``finsam-site schema [--out DIR]``.

One schema per kind of content file, generated from the pydantic models, with
Swedish descriptions, so that an editor (VS Code with the YAML extension)
completes field names, explains them and underlines mistakes while the author
types. The schemas describe the files as an editor reads them (YAML 1.2: a
plain ``2024`` is a number, ``2023-11-30`` is text), so wherever finsam-site
accepts text that it converts (a year, an amount, a single value for a list)
the schema accepts both forms. ``check`` remains the judge: it also checks what
a schema cannot (references, sums, the Finsam rules).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ..diagnostics import os_reason
from ..load import fields, kinds, model, outcomes, values
from ..report import Reporter


def schema_kinds() -> dict[str, tuple[type[BaseModel], str, str]]:
    """Schema name → (model, where such files are (for editor settings), Swedish title): the table of content kinds
    (load/kinds.py), one schema per kind."""
    return {kind.schema: (kind.model, kind.glob, kind.title) for kind in kinds.KINDS}


YEAR = {"anyOf": [{"type": "integer", "minimum": 1900, "maximum": 2099},
                  {"type": "string", "pattern": r"^\s*(19|20)\d{2}\s*$"}], "description": "Ett årtal, t.ex. 2024"}
AMOUNT = {"type": ["number", "string"], "description": "Ett belopp som det skrivs på svenska, t.ex. 1 255 500"}
CELL = {"type": ["number", "string", "null"], "description": "Ett belopp i tabellens enhet, tomt (~) eller okänt"}
INPUTS: dict[Callable[..., Any], JsonSchemaValue] = {
    fields._parse_year: YEAR,
    fields._parse_date: {"type": "string", "pattern": r"^\s*\d{4}-\d{2}-\d{2}\s*$", "description": "ÅÅÅÅ-MM-DD"},
    fields._parse_slug: {"type": "string", "pattern": fields.SLUG.pattern,
                        "description": "Ett id: små bokstäver a–z, siffror och bindestreck"},
    fields._parse_web_address: {"type": "string", "pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/\\@]+([/?#][^\s\\]*)?$",
                               "description": "En hel webbadress, t.ex. https://www.example.se/"},
    fields._parse_kronor: AMOUNT,
    fields._parse_cell: CELL,
    fields._parse_cells: {"anyOf": [{"type": "string", "description": "Beloppen åtskilda av |, t.ex. 785 | 790"},
                                   {"type": "number", "description": "Ett enda belopp, i en tabell med en kolumn"},
                                   {"type": "array", "items": CELL}]},
    outcomes._count: {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string"}], "description": "Ett antal"},
    values.parse_percent: {"anyOf": [{"type": "number"},
                                     {"type": "string", "pattern": r"^\s*-?\d+([,.]\d+)?\s*%?\s*$"}],
                           "description": "Ett procenttal, t.ex. 15, 12,5 eller 15 %"},
    values.parse_number: {"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^\s*-?\d+([,.]\d+)?\s*$"}],
                          "description": "Ett tal, t.ex. 0,5"},
    model._insats_kind: {"anyOf": [{"enum": sorted(model.INSATS_KIND_SYNONYMS)}, {"type": "null"}],
                         "description": "individinriktad eller strukturövergripande, som i Uppföljning Finsam (äldre "
                         "ord som strukturinriktad godtas och visas med de nya orden)"},
    values.parse_flag: {"anyOf": [{"type": "boolean"}, {"enum": ["ja", "nej", "Ja", "Nej"]}],
                        "description": "Ja eller nej (true eller false)"},
}
UNSTATED = {"type": "string", "pattern": r"^\s*[Ee][Jj]\s+[Aa][Nn][Gg][Ii][Vv]([Ee][Tt]|[Ee][Nn]|[Nn][Aa])\s*$",
            "description": "ej angivet: källan anger inte uppgiften"}
SINGLE_OR_LIST = (fields.as_list, model._as_measures)  # one value may stand for a list of one

DESCRIPTIONS = {
    "agenda2030": "Agenda 2030-mål som målet bidrar till, t.ex. [5, 8, 16]",
    "allvarlighet": "Ändra en regels allvarlighet: regelns id och fel, varning eller av",
    "anm": "En anmärkning som visas vid raden",
    "ansvarig": "Vem som ansvarar, t.ex. Förbundschef",
    "belopp": "Beloppen som de är tryckta, ett per kolumn: 1 255,5 | 1 255,5 | ~",
    "beskrivning": "En beskrivande text",
    "beslutad": "När styrelsen beslutade planen, ÅÅÅÅ-MM-DD",
    "beslutad_av": "Vem som beslutade, t.ex. Förbundsstyrelsen",
    "beviljat": "Beviljat belopp per år, t.ex. 2024: 595 000 kronor",
    "beviljat_anm": "Vad det beviljade beloppet gäller",
    "budget": "Projektets egen budget, i samma form som en tabell i budget.yaml",
    "budgetmål": "Förbundets egna mål för budgeten, t.ex. administration högst 15 %",
    "datum": "Datum för tillfället, ÅÅÅÅ-MM-DD",
    "deltagare": "Antal deltagare",
    "e-post": "E-postadress",
    "eget_kapital_bas": "Vad det egna kapitalet jämförs med: medlemsbidrag eller intäkter",
    "enhet": "Tabellens enhet: kr, tkr eller mnkr",
    "fokusområden": "Fokusområden (id från plan.yaml)",
    "förklaring": "Styrelsens förklaring av avvikelsen",
    "förslag_till_beslut": "Förslaget till beslut, en punkt per att-sats",
    "hur": "Hur målet ska nås: en text eller en lista",
    "id": "Ett kort id: små bokstäver a–z, siffror och bindestreck",
    "ingående_eget_kapital": "Ingående eget kapital, som tryckt",
    "insats": "Insatsens id",
    "insatsmål": "Insatsens egna mål",
    "kategori": "Radens slag: intäkter, kostnader, administration, insatser eller övrigt",
    "kolumner": "Tabellens kolumner",
    "kommentar": "En kommentar till utfallet",
    "kontakt": "Vem läsarna kan kontakta",
    "kvitteringar": "Kända avvikelser som styrelsen har förklarat",
    "ledning": "Hur insatsen leds och styrs",
    "län": "Länet förbundet ligger i",
    "medfinansiering": "Medfinansiering, t.ex. från Europeiska socialfonden",
    "medlemmar": "Förbundets medlemmar",
    "mål": "Mål (id)",
    "målgrupp": "Vilka insatsen vänder sig till",
    "målgrupper": "Målgrupper",
    "mått": "Hur målet mäts: en text eller en lista",
    "namn": "Namnet",
    "noter": "Noter under tabellen (Markdown)",
    "nämnare": "Nämnaren i andelen",
    "orgnr": "Organisationsnummer, t.ex. 222000-2063",
    "period": "Insatsens period: start och slut (ett datum eller löpande)",
    "prioriteringar": "Förbundets prioriteringar",
    "procent": "Gränsen i procent",
    "rader": "Tabellens rader",
    "regel": "Regelns id, t.ex. budget-summa",
    "regler": "Inställningar för reglerna (se `finsam-site hjälp regler`)",
    "resultat": "Resultatet, som tryckt",
    "roll": "ordförande, vice ordförande, ledamot eller ersättare",
    "rubrik": "Rubriken",
    "slut": "Slutdatum ÅÅÅÅ-MM-DD, eller löpande",
    "start": "Startdatum ÅÅÅÅ-MM-DD",
    "status_i_rapporten": "Status som rapporten anger den",
    "strategiska_områden": "Strategiska områden",
    "styrelse": "Styrelsens ledamöter och ersättare",
    "summa": "Gruppens summa, som tryckt",
    "syfte": "Insatsens syfte (Markdown)",
    "synnerliga_skäl": "Varför kostnaderna får överstiga intäkterna",
    "tabeller": "Tabellerna",
    "telefon": "Telefonnummer",
    "text": "Måttet i ord",
    "till_arbete_eller_studier": "Antal som gick till arbete eller studier",
    "tillfälle": "Uppföljningstillfällets id",
    "tillfällen": "Uppföljningstillfällena, t.ex. delårsrapport och årsredovisning",
    "tillgänglighet": "Tillgänglighetsredogörelsens uppgifter",
    "titel": "Planens titel",
    "typ": "Slaget (se de tillåtna värdena)",
    "täljare": "Täljaren i andelen",
    "uppföljning": "Hur och när det följs upp",
    "utfall": "Utfallen",
    "utgående_eget_kapital": "Utgående eget kapital, som tryckt",
    "vision": "Förbundets vision",
    "webbplats": "Förbundets webbplats",
    "ägare": "Projektägare",
    "år": "Året",
    "överordnat": "Id för ett överordnat mål",
    "övriga_parter": "Parter som inte är medlemmar",
}


class AuthorSchema(GenerateJsonSchema):
    """pydantic's schema, widened to what finsam-site accepts before converting, with Swedish descriptions."""

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        function = schema["function"]["function"]
        if function in INPUTS:
            return dict(INPUTS[function])
        inner = super().function_before_schema(schema)
        if function in SINGLE_OR_LIST and inner.get("type") == "array":
            item = inner.get("items", {})
            return {"anyOf": [item, inner, {"type": "null"}]}
        return inner

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        result = super().model_schema(schema)
        properties = result.get("properties", {})
        for name, prop in properties.items():
            prop.pop("title", None)
            description = prop.pop("description", DESCRIPTIONS.get(name))
            if name not in result.get("required", ()):  # a field the source may not state (load/unstated.py)
                prop = {"anyOf": [prop, UNSTATED]}
            properties[name] = {**prop, "description": description} if description else prop
        return result


def schema_for(kind: str) -> dict[str, Any]:
    cls, _, title = schema_kinds()[kind]
    result = cls.model_json_schema(by_alias=True, mode="validation", schema_generator=AuthorSchema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{kind}.schema.json",
            **result, "title": title}


def foreign_file(out_dir: Path) -> Path | None:
    """A file in ``out_dir`` that writing the schemas would replace but that finsam-site did not write."""
    for kind in schema_kinds():
        path = out_dir / f"{kind}.schema.json"
        if not path.exists() and not path.is_symlink():
            continue
        try:
            ours = not path.is_symlink() and json.loads(path.read_text("utf-8")).get("$id") == path.name
        except (OSError, ValueError, AttributeError):
            ours = False
        if not ours:
            return path
    return None


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in schema_kinds():
        path = out_dir / f"{kind}.schema.json"
        path.write_text(json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n", "utf-8")
        written.append(path)
    return written


def vscode_settings(schema_dir: str) -> dict[str, Any]:
    """The ``yaml.schemas`` setting for VS Code's YAML extension (paths relative to the site)."""
    return {"yaml.schemas": {f"{schema_dir}/{kind}.schema.json": pattern
                             for kind, (_, pattern, _) in schema_kinds().items() if not pattern.endswith(".md")}}


def run_schema(root: Path, out: Path | None, reporter: Reporter) -> int:
    """``finsam-site schema [--out DIR]``: returns the exit code."""
    out_dir = out if out is not None else root / "schemas"
    if (foreign := foreign_file(out_dir)) is not None:
        reporter.error(f"{foreign}: filen finns redan och skrevs inte av finsam-site; den skrivs inte över. "
                       "Välj en annan mapp med --out.")
        return 1
    try:
        written = write_schemas(out_dir)
    except OSError as exc:
        reporter.error(f"{out_dir}: schemana kunde inte skrivas ({os_reason(exc)}).")
        return 1
    reporter.ok(f"Skrev {len(written)} scheman till {out_dir}.")
    try:
        relative = "./" + out_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = out_dir.resolve().as_posix()
    reporter.info("Lägg till i .vscode/settings.json (se `finsam-site hjälp editor`):")
    reporter.info(json.dumps(vscode_settings(relative), ensure_ascii=False, indent=2))
    return 0
