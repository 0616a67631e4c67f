"""Each mistake an author makes, written into a copy of a real site: the first message is its true cause, in the
file where the author must act, in Swedish, with a hint that names what to write (issue 16)."""

from __future__ import annotations

import errno
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import PLAN, REPO, SiteFactory, run_cli
from hardening import as_author
from pydantic import BaseModel

from finsam_site.authoring.jsonschema import schema_for
from finsam_site.authoring.messages import messages
from finsam_site.build import build, check
from finsam_site.check.rules import registry
from finsam_site.compute import followup
from finsam_site.diagnostics import Diagnostic, os_reason
from finsam_site.load import accounts, documents, forbund, model, settings
from finsam_site.load.explain import validate_model
from finsam_site.load.yamlload import Document

ORNSKOLDSVIK = "content/ornskoldsvik/2024"
TABLE = {m.rule for m in messages()} | {r.id for r in registry()}
# words of pydantic's, PyYAML's and argparse's English that must never reach an author
ENGLISH = re.compile(
    r"\b(Input|should|valid|Field|required|invalid|choice|expected|error|usage|options|arguments|found|"
    r"mapping|value|allowed|instance|string|integer|decimal|number|dictionary|object|type|help|show|exit)\b"
)


def copy_real_site(tmp_path: Path) -> Path:
    """A copy of the repository's site.yaml and the Örnsköldsvik förbund as transcribed."""
    root = tmp_path / "real"
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    shutil.copytree(REPO / "content" / "ornskoldsvik", root / "content" / "ornskoldsvik")
    return root


@pytest.fixture
def real_site(tmp_path: Path) -> Path:
    return copy_real_site(tmp_path)


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def problems(root: Path) -> list[Diagnostic]:
    result = check(root)
    assert result.failed(), "the mistake was not reported"
    return result.diagnostics


def assert_swedish(diag: Diagnostic) -> None:
    for text in (diag.message, diag.hint):
        assert not ENGLISH.search(text.replace("`", " ")), f"English in {text!r}"


def first(root: Path, path: str, rule: str, message: str, hint: str) -> Diagnostic:
    """The first problem is the one at ``path`` with ``rule``; its message and hint say what is given."""
    found = problems(root)
    diag = found[0]
    assert (diag.path, diag.rule) == (path, rule), [d.format() for d in found]
    assert message in diag.message, diag.format()
    assert hint in diag.hint, diag.format()
    assert diag.rule in TABLE, f"{diag.rule} is not in docs/meddelanden.md"
    assert_swedish(diag)
    return diag


# --- cascades: the first line printed is the cause, and its consequences are not printed ---------------------------


def test_unknown_budget_member_gives_one_error_not_the_share_errors_it_causes(real_site: Path) -> None:
    edit(real_site, f"{ORNSKOLDSVIK}/budget.yaml", "medlem: region-vasternorrland", "medlem: region")
    diag = first(real_site, f"{ORNSKOLDSVIK}/budget.yaml", "ref-part", "Medlemmen `region` finns inte",
                 "menade du `region-vasternorrland`?")
    assert (diag.line, diag.column) == (19, 21)
    assert [d.rule for d in problems(real_site)] == ["ref-part"]  # no finsam-fördelning, no budget-summa


def test_a_file_that_fails_validation_is_not_a_missing_reference_in_another_file(real_site: Path) -> None:
    edit(real_site, f"{ORNSKOLDSVIK}/insatser/02-plattform-u.md", "2024: 600 000 kronor", "2024: 0,6 mkr")
    first(real_site, f"{ORNSKOLDSVIK}/insatser/02-plattform-u.md", "schema-värde",
          "`0,6 mkr`: miljoner kronor skrivs ut, som `600 000` kronor eller `600` tusental kronor", "")
    assert [d.rule for d in problems(real_site)] == ["schema-värde"]  # no ref-insats from budget.yaml


def test_a_misspelt_key_in_a_goal_is_one_error_in_the_goal(real_site: Path) -> None:
    goal = f"{ORNSKOLDSVIK}/mal/03-plattform-u-samordningsteam.md"
    edit(real_site, goal, "rubrik:", "rubirk:")
    first(real_site, goal, "schema-okänt-fält", "Okänt fält `rubirk`", "menade du `rubrik`?")
    assert len(problems(real_site)) == 1  # neither "rubrik saknas" nor ref-mål in the insats


def test_decimal_comma_in_a_bracket_list_names_the_split_number_first(real_site: Path) -> None:
    budget = f"{ORNSKOLDSVIK}/budget.yaml"
    edit(real_site, budget, "belopp: 1 255,5 | 1 255,5 | 1 255,5", "belopp: [1 255,5, 1 255,5, 1 255,5]")
    diag = first(real_site, budget, "budget-bredd", "Raden har 6 belopp men tabellen har 3 kolumner",
                 "`belopp: 1 255,5 | 1 255,5 | 1 255,5`")
    assert "Kommatecknet i `1 255,5` delade talet" in diag.hint
    assert [d.rule for d in problems(real_site)] == ["budget-bredd"]  # no sums, shares or results


def test_decimal_comma_that_keeps_the_count_of_amounts_is_still_found(real_site: Path) -> None:
    budget = f"{ORNSKOLDSVIK}/budget.yaml"
    edit(real_site, budget, "belopp: 1 255,5 | 1 255,5 | 1 255,5", "belopp: [1 255,5, 1 255]")
    first(real_site, budget, "budget-komma", "Beloppet `1 255,5` har delats i två",
          "`belopp: 1 255,5 | 1 255`")
    assert [d.rule for d in problems(real_site)] == ["budget-komma"]


def test_a_list_written_without_spaces_is_not_taken_for_decimal_commas(make_site: SiteFactory) -> None:
    root = make_site()
    edit(root, f"{PLAN}/budget.yaml", "belopp: -785 | -790", "belopp: [-785,-790]")
    assert not check(root).failed()


def test_a_section_that_fails_does_not_make_its_tables_unused(make_site: SiteFactory) -> None:
    root = make_site()
    edit(root, f"{PLAN}/avsnitt/01-inledning.md", "rubrik: Inledning", "rubrik: [Inledning")
    found = check(root).diagnostics
    assert [d.rule for d in found] == ["yaml-syntax"], [d.format() for d in found]
    assert found[0].path == f"{PLAN}/avsnitt/01-inledning.md"


def test_an_empty_goal_file_is_one_error_in_the_goal(real_site: Path) -> None:
    goal = f"{ORNSKOLDSVIK}/mal/03-plattform-u-samordningsteam.md"
    (real_site / goal).write_text("", "utf-8")
    first(real_site, goal, "framsida-saknas", "Filen ska börja med en rad `---`", "")
    assert len(problems(real_site)) == 1  # the insats that names the goal is not an error too


def test_a_file_name_that_cannot_be_an_id_is_one_error(real_site: Path) -> None:
    folder = real_site / ORNSKOLDSVIK / "insatser"
    (folder / "02-plattform-u.md").rename(folder / "02-Plattform U.md")
    first(real_site, f"{ORNSKOLDSVIK}/insatser/02-Plattform U.md", "id", "`Plattform U` kan inte bli en webbadress",
          "små bokstäver")
    assert len(problems(real_site)) == 1  # budget.yaml's `insats: plattform-u` is not a second error


def test_an_acknowledgement_hint_names_a_subject_and_no_empty_gäller(real_site: Path) -> None:
    edit(real_site, f"{ORNSKOLDSVIK}/plan.yaml", "beslutad: 2023-11-30", "beslutad: 2023-12-05")
    diag = first(real_site, f"{ORNSKOLDSVIK}/plan.yaml", "beslut-senast", "efter den 30 november 2023",
                 '`regel: beslut-senast`, `gäller: "beslutad"` och en `förklaring:`')
    assert 'gäller: ""' not in diag.hint


# --- wrong causes, named rightly -----------------------------------------------------------------------------------


@pytest.mark.parametrize("quotes", ["”…”", "“…”", "’…’"])
def test_word_quotes_around_text_with_a_colon(real_site: Path, quotes: str) -> None:
    goal = f"{ORNSKOLDSVIK}/mal/03-plattform-u-samordningsteam.md"
    title = "Plattform U har utvecklats till ett bredare samordningsteam som tar vid efter Resurslotsens " \
        "beredningsgrupp."
    edit(real_site, goal, title, f"{quotes[0]}Mål: ett bredare samordningsteam{quotes[-1]}")
    straight = "'" if quotes[0] == "’" else '"'
    diag = first(real_site, goal, "yaml-syntax", f"typografiskt citattecken (`{quotes[0]}`)",
                 f"`rubrik: {straight}Mål: ett bredare samordningsteam{straight}`")
    assert (diag.line, diag.column) == (2, 9)
    assert len(problems(real_site)) == 1


def test_word_quotes_around_a_list_item_with_a_colon(real_site: Path) -> None:
    plan = f"{ORNSKOLDSVIK}/plan.yaml"
    edit(real_site, plan, "  - Psykisk hälsa", "  - ”Psykisk hälsa: unga vuxna”")
    diag = first(real_site, plan, "schema-typ", "`prioriteringar` ska vara en text", '`"Psykisk hälsa: unga vuxna"`')
    assert "typografiska citattecken" in diag.hint and diag.line == 28


def test_word_quotes_without_a_colon_are_warned_not_published_silently(real_site: Path) -> None:
    plan = f"{ORNSKOLDSVIK}/plan.yaml"
    vision = "Varje människa har en given plats i välfärdssamhället i Örnsköldsvik."
    edit(real_site, plan, f"vision: {vision}", f"vision: ”{vision}”")
    result = check(real_site)
    assert not result.failed() and result.failed(strict=True)
    (diag,) = [d for d in result.diagnostics if d.rule == "citattecken"]
    assert (diag.path, diag.line, diag.severity) == (plan, 7, "varning")
    assert f'`"{vision}"`' in diag.hint and "publiceras" in diag.message
    assert_swedish(diag)
    edit(real_site, plan, f"vision: ”{vision}”", f"vision: '”{vision}”'")  # as the hint says, to keep them
    assert not check(real_site).failed(strict=True)


def test_over_indentation_is_named_on_its_line(real_site: Path) -> None:
    forbund = "content/ornskoldsvik/forbund.yaml"
    edit(real_site, forbund, "    namn: Region Västernorrland\n    typ: region",
         "    namn: Region Västernorrland\n      typ: region")
    diag = first(real_site, forbund, "yaml-syntax", "indragen 2 mellanslag mer än fältet `namn:`",
                 "Ta bort 2 mellanslag i början av raden, så att `typ:` står rakt under `namn:`")
    assert diag.line == 15
    assert "citattecken" not in diag.message + diag.hint


def test_missing_space_after_a_colon_is_named_on_its_line(real_site: Path) -> None:
    plan = f"{ORNSKOLDSVIK}/plan.yaml"
    edit(real_site, plan, "vision: Varje", "vision:Varje")
    diag = first(real_site, plan, "yaml-syntax", "Efter kolonet i `vision:` saknas ett mellanslag",
                 "`vision: Varje människa")
    assert (diag.line, diag.column) == (7, 7)


def test_a_colon_inside_unquoted_text_still_asks_for_quotes(real_site: Path) -> None:
    goal = f"{ORNSKOLDSVIK}/mal/04-analysformaga.md"
    text = (real_site / goal).read_text("utf-8")
    title = re.search(r"^rubrik: (.*)$", text, re.M).group(1)  # type: ignore[union-attr]
    edit(real_site, goal, f"rubrik: {title}", "rubrik: Mål: bättre analys")
    diag = first(real_site, goal, "yaml-syntax", "Texten innehåller ett kolon följt av mellanslag",
                 '`rubrik: "Mål: bättre analys"`')
    assert (diag.line, diag.column) == (2, 9)


VISION = "vision: Varje människa har en given plats i välfärdssamhället i Örnsköldsvik."


@pytest.mark.parametrize(("new", "line", "message", "hint"), [
    ('vision: "Varje människa har', 7, "Citattecknet som börjar texten här stängs aldrig",
     '`vision: "Varje människa har en given plats i välfärdssamhället i Örnsköldsvik."`'),
    ('vision: "Varje" människa har', 7, "Texten fortsätter efter citattecknet", """`vision: '"Varje" människa har"""),
    ("vision: @Varje människa har", 7, "Ett värde kan inte börja med `@`", '`vision: "@Varje människa har'),
    ('vision: "C:\\Varje"', 7, "Ett omvänt snedstreck", "enkla citattecken"),
    ("vision: |Varje människa har", 7, "Efter `|` eller `>` ska raden ta slut", "Flytta texten till nästa rad"),
    ("vision: Varje\n---\nmänniska: har", 8, "En rad `---` står mitt bland fälten", "Ta bort raden"),
])
def test_other_yaml_mistakes_are_named_in_swedish(
    real_site: Path, new: str, line: int, message: str, hint: str
) -> None:
    plan = f"{ORNSKOLDSVIK}/plan.yaml"
    edit(real_site, plan, VISION, new + " en given plats i välfärdssamhället i Örnsköldsvik."
         if "har" in new else new)
    diag = first(real_site, plan, "yaml-syntax", message, hint)
    assert diag.line == line


@pytest.mark.parametrize(("rel", "old", "new"), [
    ("plan.yaml", "procent: 20", "procent: 20 %"),
    ("../../../site.yaml", "regler:\n", "regler:\n  eget_kapital_max: 20 %\n  tolerans_fördelning: 0,5\n"),
])
def test_percent_sign_and_decimal_comma_are_accepted_in_number_fields(
    real_site: Path, rel: str, old: str, new: str
) -> None:
    edit(real_site, f"{ORNSKOLDSVIK}/{rel}", old, new)
    result = check(real_site)
    assert not result.failed(), [d.format() for d in result.diagnostics]


def test_a_percentage_that_is_not_a_number_is_explained(real_site: Path) -> None:
    edit(real_site, "site.yaml", "regler:\n", "regler:\n  eget_kapital_max: tjugo procent\n")
    first(real_site, "site.yaml", "schema-värde", "`tjugo procent` är inte ett tal", "`15` eller `12,5`")


def test_utf16_is_named_as_utf16(real_site: Path) -> None:
    insats = real_site / ORNSKOLDSVIK / "insatser/02-plattform-u.md"
    insats.write_bytes(insats.read_text("utf-8").encode("utf-16"))
    diag = first(real_site, f"{ORNSKOLDSVIK}/insatser/02-plattform-u.md", "teckenkodning", "UTF-16",
                 "Spara om filen som UTF-8")
    assert "Windows-1252" not in diag.message
    assert len(problems(real_site)) == 1


def test_windows_1252_is_still_named_as_such(real_site: Path) -> None:
    insats = real_site / ORNSKOLDSVIK / "insatser/02-plattform-u.md"
    insats.write_bytes(insats.read_text("utf-8").encode("cp1252", errors="replace"))
    first(real_site, f"{ORNSKOLDSVIK}/insatser/02-plattform-u.md", "teckenkodning", "Windows-1252", "UTF-8")


def test_a_party_written_by_its_name_gets_its_id(real_site: Path) -> None:
    insats = f"{ORNSKOLDSVIK}/insatser/02-plattform-u.md"
    edit(real_site, insats, "parter: [ornskoldsviks-kommun, region-vasternorrland,",
         "parter: [Örnsköldsviks kommun, Region Västernorrland,")
    found = problems(real_site)
    assert [(d.path, d.rule) for d in found] == [(insats, "ref-part")] * 2
    assert "Skriv `ornskoldsviks-kommun`" in found[0].hint and "Skriv `region-vasternorrland`" in found[1].hint
    assert "skriven med sitt namn" in found[0].message


def test_a_goal_written_by_its_number_gets_its_id(make_site: SiteFactory) -> None:
    root = make_site()
    edit(root, f"{PLAN}/insatser/01-vidare-vy.md", "mål: [fler-i-arbete]", "mål: [Mål 1]")
    first(root, f"{PLAN}/insatser/01-vidare-vy.md", "ref-mål", "`Mål 1` är skrivet med sitt nummer",
          "Skriv `fler-i-arbete`")


def test_ids_separated_by_commas_without_brackets_get_the_list_written(real_site: Path) -> None:
    insats = f"{ORNSKOLDSVIK}/insatser/02-plattform-u.md"
    edit(real_site, insats, "parter: [ornskoldsviks-kommun, region-vasternorrland, arbetsformedlingen, "
         "forsakringskassan]", "parter: ornskoldsviks-kommun, region-vasternorrland")
    first(real_site, insats, "ref-part", "är en enda text, inte en lista med 2 id",
          "`parter: [ornskoldsviks-kommun, region-vasternorrland]`")


def test_a_parent_goal_written_by_its_number_gets_its_id(make_site: SiteFactory) -> None:
    goal = "---\nrubrik: Ett delmål\ntyp: aktivitetsmål\növerordnat: Mål 1\n---\n"
    root = make_site({f"{PLAN}/mal/02-delmal.md": goal})
    first(root, f"{PLAN}/mal/02-delmal.md", "ref-mål", "`Mål 1` är skrivet med sitt nummer", "Skriv `fler-i-arbete`")


def test_a_missing_plan_file_says_how_to_create_it(real_site: Path) -> None:
    (real_site / ORNSKOLDSVIK / "plan.yaml").unlink()
    first(real_site, f"{ORNSKOLDSVIK}/plan.yaml", "fil", "plan.yaml saknas", "`finsam-site new plan ornskoldsvik 2024`")


@pytest.mark.parametrize("text", ["", "\n\n", "# inga kvitteringar ännu\n"])
def test_an_empty_optional_file_is_not_an_error(make_site: SiteFactory, text: str) -> None:
    root = make_site({f"{PLAN}/kvitteringar.yaml": text.encode(), f"{PLAN}/uppfoljning.yaml": text.encode()})
    result = check(root)
    assert not result.failed(strict=True), [d.format() for d in result.diagnostics]


def test_an_empty_anchor_file_is_still_an_error(make_site: SiteFactory) -> None:
    root = make_site({f"{PLAN}/plan.yaml": b"# tom\n"})
    first(root, f"{PLAN}/plan.yaml", "schema-typ", "Filen är tom", "`titel:`")


# --- helpful extras --------------------------------------------------------------------------------------------------


def test_an_unknown_unit_is_not_corrected_to_another_unit(real_site: Path) -> None:
    edit(real_site, f"{ORNSKOLDSVIK}/budget.yaml", "enhet: tkr", "enhet: Mkr")  # `kr` is one letter away
    diag = first(real_site, f"{ORNSKOLDSVIK}/budget.yaml", "schema-värde", "`enhet` kan inte vara `Mkr`",
                 "`enhet: mnkr`")
    assert "menade du" not in diag.hint and "1 mnkr = 1 000 tkr" in diag.hint


def test_a_date_without_leading_zeros_gets_the_right_form_offered(real_site: Path) -> None:
    edit(real_site, f"{ORNSKOLDSVIK}/plan.yaml", "beslutad: 2023-11-30", "beslutad: 2023-1-5")
    first(real_site, f"{ORNSKOLDSVIK}/plan.yaml", "schema-värde", "`2023-1-5`", "`2023-01-05`")


def test_yes_and_no_in_swedish(make_site: SiteFactory) -> None:
    root = make_site()
    edit(root, "site.yaml", "titel:", "sök: nej\npdf: nej\ntitel:")
    assert not check(root).failed()
    edit(root, "site.yaml", "sök: nej", "sök: kanske")
    first(root, "site.yaml", "schema-värde", "`kanske` är varken ja eller nej", "`true` eller `false`")


# --- the command line --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "expected", "hint"), [
    (["bygg"], "ogiltigt val: 'bygg'", "menade du `build`?"),
    ([], "det här saknas: KOMMANDO", "finsam-site --help"),
    (["check", "--format", "xml"], "--format: ogiltigt val: 'xml'", ""),
    (["new", "forbund", "x"], "det här saknas: --namn", ""),
    (["serve", "--port", "abc"], "--port: ogiltigt värde: 'abc' är inte ett heltal", ""),
    (["check", "--bogus"], "okända argument: --bogus", ""),
])
def test_argument_errors_are_swedish(args: list[str], expected: str, hint: str) -> None:
    run = run_cli(*args)
    assert run.returncode == 2
    assert run.stderr.startswith("användning: finsam-site")
    message, tips = run.stderr.splitlines()[-2:]
    assert expected in message and message.startswith("finsam-site") and ": fel: " in message
    assert tips.startswith("    tips: ") and hint in tips
    assert not ENGLISH.search(re.sub(r"'[^']*'|`[^`]*`|--?[\w-]+|\{[^}]*\}", " ", run.stderr.split("fel:", 1)[1]))


def test_help_is_swedish() -> None:
    for args in (["--help"], ["build", "--help"], ["new", "plan", "--help"]):
        run = run_cli(*args)
        assert run.returncode == 0 and run.stdout.startswith("användning: finsam-site")
        assert "flaggor:" in run.stdout and "visa den här hjälpen och avsluta" in run.stdout
        for english in ("usage:", "options:", "positional arguments", "show this help"):
            assert english not in run.stdout


def test_a_failing_strict_check_and_build_do_not_say_inga_fel(make_site: SiteFactory) -> None:
    root = make_site()
    edit(root, f"{PLAN}/plan.yaml", "vision: Alla", "vision: ”Alla")
    edit(root, f"{PLAN}/plan.yaml", "arbetslivet.", "arbetslivet.”")
    for command in ("check", "build"):
        run = run_cli(command, "--strict", "--site", root)
        assert run.returncode == 1
        last = run.stderr.strip().splitlines()[-1]
        assert "inga fel," not in last and "misslyckades" in last and "--strict" in last, run.stderr
    plain = run_cli("build", "--site", root)
    assert plain.returncode == 0
    assert re.search(r"på \d+,\d\d s\.", plain.stderr + plain.stdout), plain.stderr  # 4,64 s, not 4.64 s


# --- no English: every field of every model, fed wrong values ------------------------------------------------------

WRONG: list[object] = [
    "abc", "25 %", "2024-13-45", "1.200.000", "-1,5e3", "Mål 1", "ja", "”citat”",
    None, [], ["a", "b"], [["x"]], {"x": "y"}, [{"x": "y"}], {"2024": "abc"},
]


def _models() -> list[type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}
    for module in (model, documents, forbund, accounts, settings, followup):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel) and value.model_fields \
                    and value.__module__ == module.__name__:
                found[f"{value.__module__}.{value.__name__}"] = value
    return list(found.values())


def _outside_code(text: str) -> str:
    return re.sub(r"`[^`]*`", " ", text)


@pytest.mark.parametrize("cls", _models(), ids=lambda c: c.__name__)
def test_no_english_for_any_wrong_value_of_any_field(cls: type[BaseModel]) -> None:
    seen = 0
    for name, info in cls.model_fields.items():
        key = info.alias or name
        for wrong in WRONG:
            for data in ({key: wrong}, {key: [wrong]}, {key: {"x": wrong}}):
                _, diags = validate_model(cls, Document("fil.yaml", data))
                for diag in diags:
                    seen += 1
                    for text in (diag.message, diag.hint):
                        assert not ENGLISH.search(_outside_code(text)), f"{cls.__name__}.{key}={wrong!r}: {text!r}"
                        assert "(" not in text or "Input" not in text
    _, whole = validate_model(cls, Document("fil.yaml", "en text"))
    assert whole and not ENGLISH.search(_outside_code(whole[0].message + whole[0].hint))
    assert seen > len(cls.model_fields) * 10  # every field was driven into errors


def test_the_editor_schema_accepts_what_the_messages_say_may_be_written() -> None:
    site = jsonschema.Draft202012Validator(schema_for("site"))
    plan = jsonschema.Draft202012Validator(schema_for("plan"))
    assert site.is_valid({"titel": "x", "utgivare": "x", "kontakt": {"namn": "x"}, "sök": "nej",
                          "regler": {"eget_kapital_max": "20 %", "tolerans_fördelning": "0,5"}})
    assert not site.is_valid({"titel": "x", "utgivare": "x", "kontakt": {"namn": "x"}, "sök": "kanske"})
    budget_target = {"typ": "administration_max", "procent": "12,5 %"}
    assert plan.is_valid({"titel": "x", "år": 2024, "budgetmål": [budget_target]})
    assert not plan.is_valid({"titel": "x", "år": 2024, "budgetmål": [{**budget_target, "procent": "tjugo"}]})


def test_a_file_that_cannot_be_read_says_why_in_swedish(make_site: SiteFactory) -> None:
    root = make_site()
    plan = root / PLAN / "plan.yaml"
    plan.chmod(0)
    try:
        checked = as_author(root, "check", "--site", str(root))  # root reads anything: run without that right
        assert checked.returncode == 1, checked.stderr
        first_line = checked.stderr.splitlines()[0]
        assert first_line == f"{PLAN}/plan.yaml: fel [fil] Filen kan inte läsas: behörighet saknas.", checked.stderr
        assert "Permission" not in checked.stderr
    finally:
        plan.chmod(0o644)


def test_os_reasons_are_swedish() -> None:
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "behörighet saknas"
    assert os_reason(OSError(errno.EADDRINUSE, "Address already in use")) == "den används redan av ett annat program"
    assert "Address" not in os_reason(OSError(9999, "Something else"))


def test_the_first_line_printed_is_the_cause_and_the_postponed_rules_are_named(real_site: Path) -> None:
    edit(real_site, f"{ORNSKOLDSVIK}/budget.yaml", "medlem: region-vasternorrland", "medlem: region")
    run = run_cli("check", "--site", real_site)
    lines = run.stderr.splitlines()
    assert run.returncode == 1
    assert lines[0] == f"{ORNSKOLDSVIK}/budget.yaml:19:21: fel [ref-part] Medlemmen `region` finns inte."
    assert lines[1] == "    tips: menade du `region-vasternorrland`?"
    assert lines[2].startswith("Innehållsreglerna") and "väntar i 1 plan" in lines[2]
    assert lines[3] == "Kontrollen misslyckades: 1 fel, 0 varningar."


def test_errors_are_printed_before_warnings(real_site: Path) -> None:
    section = real_site / ORNSKOLDSVIK / "avsnitt/01-inledning.md"  # sorts before budget.yaml
    section.write_text(section.read_text("utf-8").replace("rubrik: Inledning", "rubrik: ”Inledning”"), "utf-8")
    edit(real_site, f"{ORNSKOLDSVIK}/budget.yaml", "medlem: region-vasternorrland", "medlem: region")
    lines = run_cli("check", "--site", real_site).stderr.splitlines()
    assert "fel [ref-part]" in lines[0] and "varning [citattecken]" in lines[2], lines


@pytest.mark.parametrize(("template", "rule", "expected"), [
    ("{% extends 'base.html' %}{% block content %}{{ nope }}{% endblock %}", "mall-fel", "`nope` finns inte"),
    ("{% extends 'base.html' %}{% block content %}{{ nope }{% endblock %}", "mall-syntax", "oväntat `}`"),
    ("{% extends 'base.html' %}{% block content %}{% for x in y %}{% endblock %}", "mall-syntax",
     "`endblock` står där blocket `for` ska avslutas"),
])
def test_a_template_error_is_reported_in_swedish(
    make_site: SiteFactory, tmp_path: Path, template: str, rule: str, expected: str
) -> None:
    root = make_site({"templates/accessibility.html": template})
    result = build(root, tmp_path / "o")
    assert not result.written
    (diag,) = result.diagnostics
    assert (diag.path, diag.rule) == ("templates/accessibility.html", rule) and expected in diag.message, diag
    assert not ENGLISH.search(_outside_code(diag.message + " " + diag.hint))


BROKEN = Path(__file__).parent / "broken"


@pytest.mark.parametrize("case", sorted(p.name for p in BROKEN.iterdir() if p.is_dir()))
def test_no_english_in_any_message_of_the_broken_corpus(make_site: SiteFactory, case: str) -> None:
    root = make_site()
    shutil.copytree(BROKEN / case, root, dirs_exist_ok=True)
    found = check(root).diagnostics
    for diag in found:
        assert diag.rule in TABLE, diag
        for text in (diag.message, diag.hint):
            assert not ENGLISH.search(_outside_code(text)), diag.format()
