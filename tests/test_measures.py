"""Measures and outcomes as förbund write them: every form of target and outcome (pure parser tests with inline
strings), a förbund's own status scale, and how the site shows outcomes in words and statuses it cannot compute."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import PLAN, SiteFactory, soup
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam_site.build import build, check
from finsam_site.check.targets import Quantity, Target, assess, outcome_quantity, parse_target
from finsam_site.compute.followup import scale_text
from finsam_site.load.outcomes import DEFAULT_SCALE, FollowUp, Level, Outcome

GOAL = f"{PLAN}/mal/01-fler-i-arbete.md"
FOLLOWUP = f"{PLAN}/uppfoljning.yaml"
FORBUND = "content/exempel/forbund.yaml"
D = Decimal


def outcome(**fields: str) -> Outcome:
    return Outcome.model_validate({"tillfälle": "helar", **fields})


def scale(*levels: tuple[str, str, str | None]) -> tuple[Level, ...]:
    return tuple(
        Level.model_validate({"status": w, "betyder": m, **({"från": f} if f else {})}) for w, m, f in levels
    )


TRAFFIC = scale(("grön", "uppfyllt", None), ("gul", "delvis uppfyllt", "70 %"), ("röd", "inte uppfyllt", None))
WORDS = scale(("uppnått", "uppfyllt", None), ("delvis uppnått", "delvis uppfyllt", None),
              ("ej uppnått", "inte uppfyllt", None))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("≥ 85 %", Target(">=", Quantity(D(85), "%"))),
        ("minst 60", Target(">=", Quantity(D(60)))),
        ("högst 15 %", Target("<=", Quantity(D(15), "%"))),
        ("90 %", Target(">=", Quantity(D(90), "%"))),
        ("> 4 ggr/år", Target(">", Quantity(D(4)))),
        ("1 gång per år", Target(">=", Quantity(D(1)))),
        ("mindre än 2 %", Target("<", Quantity(D(2), "%"))),
        ("3 av 4", Target(">=", Quantity(D(3), "%", of=D(4)))),
        ("minst 3 av 4 kommuner", Target(">=", Quantity(D(3), "%", of=D(4)))),
        ("≥ 7,5 indexpoäng", Target(">=", Quantity(D("7.5"), "poäng"))),
        ("index minst 70", Target(">=", Quantity(D(70), "poäng"))),
        ("öka med 5 procentenheter", Target(">=", Quantity(D(5), "%", change=True))),
        ("+5 procentenheter", Target(">=", Quantity(D(5), "%", change=True))),
        ("öka med 5 procentenheter från 62 %", Target(">=", Quantity(D(5), "%", change=True), Quantity(D(62), "%"))),
        ("minska med 10 %", Target("<=", Quantity(D(-10), change=True, relative=True))),
        ("−10 %", Target("<=", Quantity(D(-10), change=True, relative=True))),
        ("öka med högst 2 poäng", Target("<=", Quantity(D(2), "poäng", change=True))),
        ("ska minska i förhållande till föregående år", Target("<", Quantity(D(0), change=True))),
        ("Ska öka", Target(">", Quantity(D(0), change=True))),
    ],
)
def test_every_form_of_target(text: str, expected: Target) -> None:
    assert parse_target(text) == expected


@pytest.mark.parametrize(
    "text", ["En utredningsrapport är framtagen senast i slutet av 2024", "så många som möjligt", "Löpande", ""]
)
def test_a_target_in_words_is_no_target(text: str) -> None:
    assert parse_target(text) is None


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"värde": "64"}, Quantity(D(64))),
        ({"värde": "88 %"}, Quantity(D(88), "%")),
        ({"värde": "3 av 4"}, Quantity(D(3), "%", of=D(4))),
        ({"täljare": "141", "nämnare": "160"}, Quantity(D(141), "%", of=D(160))),
        ({"värde": "7,2 indexpoäng"}, Quantity(D("7.2"), "poäng")),
        ({"värde": "+6 procentenheter"}, Quantity(D(6), "%", change=True)),
        ({"värde": "ökat med 6 procentenheter"}, Quantity(D(6), "%", change=True)),
        ({"värde": "-12 %"}, Quantity(D(-12), change=True, relative=True)),
        ({"värde": "Arbetet pågår enligt plan."}, None),
        ({"beskrivning": "Ett fall: Anna fick …"}, None),
    ],
)
def test_every_form_of_outcome(fields: dict[str, str], expected: Quantity | None) -> None:
    assert outcome_quantity(outcome(**fields)) == expected


@pytest.mark.parametrize(
    ("target", "fields", "expected"),
    [
        ("3 av 4", {"värde": "3 av 4"}, ("uppfyllt", "")),
        ("3 av 4", {"täljare": "7", "nämnare": "8"}, ("uppfyllt", "")),  # 87,5 % ≥ 75 %: compared as a ratio
        ("3 av 4", {"värde": "2 av 4"}, ("inte uppfyllt", "")),  # 50 % is 67 % of 75 %
        ("3 av 4", {"värde": "70 %"}, ("delvis uppfyllt", "")),
        ("3 av 4", {"värde": "3"}, ("kan inte prövas", "Målvärdet är en andel (till exempel 3 av 4) men utfallet "
                                    "anger inte av hur många.")),
        ("≥ 7 indexpoäng", {"värde": "7,2 indexpoäng"}, ("uppfyllt", "")),
        ("≥ 7 indexpoäng", {"värde": "6"}, ("delvis uppfyllt", "")),
        ("≥ 7 indexpoäng", {"värde": "72 %"}, ("kan inte prövas", "Målvärdet anges i poäng men utfallet i procent.")),
        ("öka med 5 procentenheter", {"värde": "68 %", "baslinje": "62 %"}, ("uppfyllt", "")),
        ("öka med 5 procentenheter", {"värde": "66 %", "baslinje": "62 %"}, ("delvis uppfyllt", "")),
        ("öka med 5 procentenheter från 62 %", {"värde": "68 %"}, ("uppfyllt", "")),
        ("öka med 5 procentenheter", {"värde": "+6 procentenheter"}, ("uppfyllt", "")),
        ("öka med 5 procentenheter", {"värde": "68 %"}, (
            "kan inte prövas",
            "Målvärdet är en förändring men utfallet anger ingen baslinje att räkna från (skriv `baslinje:`).",
        )),
        ("minska med 10 %", {"värde": "85", "baslinje": "100"}, ("uppfyllt", "")),
        ("minska med 10 %", {"värde": "95", "baslinje": "100"}, ("inte uppfyllt", "")),
        ("minska med 10 %", {"värde": "-12 %"}, ("uppfyllt", "")),
        ("ska minska", {"värde": "-3 %"}, ("uppfyllt", "")),
        ("ska minska", {"värde": "41 %", "baslinje": "40 %"}, ("inte uppfyllt", "")),
        ("≥ 60", {"värde": "+10", "baslinje": "55"}, ("uppfyllt", "")),
        ("En rapport är framtagen 2024", {"värde": "Rapporten är klar"}, ("kan inte prövas", "Målvärdet står i ord.")),
        ("≥ 85 %", {"beskrivning": "Deltagarna berättar …"}, ("kan inte prövas", "Utfallet beskrivs i ord.")),
        (None, {"värde": "64"}, ("kan inte prövas", "Måttet har inget målvärde.")),
    ],
)
def test_each_form_is_compared_in_its_own_terms(
    target: str | None, fields: dict[str, str], expected: tuple[str, str]
) -> None:
    found = assess(target, outcome(**fields))
    assert (found.status, found.reason) == expected


def test_a_forbund_scale_uses_its_own_words_and_limits() -> None:
    assert assess("≥ 60", outcome(värde="60"), TRAFFIC).word == "grön"
    assert assess("≥ 60", outcome(värde="45"), TRAFFIC).word == "gul"  # 75 % of the target: gul from 70 %
    assert assess("≥ 60", outcome(värde="45"), DEFAULT_SCALE).word == "inte uppfyllt"  # below the tool's 80 %
    assert assess("≥ 60", outcome(värde="40"), TRAFFIC).word == "röd"
    assert assess("högst 15 %", outcome(värde="20 %"), TRAFFIC).word == "gul"  # 15 is 75 % of 20
    lenient = scale(("grön", "uppfyllt", "95"), ("röd", "inte uppfyllt", None))
    assert assess("≥ 60", outcome(värde="58"), lenient).word == "grön"
    assert assess("> 4", outcome(värde="4"), lenient).word == "grön"  # 100 % of the target, by the förbund's limit


def test_a_scale_without_limits_cannot_tell_its_middle_levels_apart() -> None:
    found = assess("≥ 60", outcome(värde="45"), WORDS)
    assert (found.status, found.candidates) == ("kan inte prövas", ("delvis uppnått", "ej uppnått"))
    assert found.reason == "Statusskalan anger ingen gräns för delvis uppnått."
    assert assess("≥ 60", outcome(värde="61"), WORDS).word == "uppnått"


def test_scale_in_words() -> None:
    assert scale_text(DEFAULT_SCALE) == ("uppfyllt när utfallet når målvärdet, delvis uppfyllt när det når minst "
                                         "80\u00a0% av målvärdet, annars inte uppfyllt")
    assert scale_text(WORDS) == ("uppnått när utfallet når målvärdet, delvis uppnått (källan anger ingen gräns), "
                                 "annars ej uppnått")
    assert "grön när utfallet når minst 92,5\u00a0% av målvärdet" in scale_text(
        scale(("grön", "uppfyllt", "92,5"), ("röd", "inte uppfyllt", None))
    )


@pytest.mark.parametrize(
    ("levels", "message"),
    [
        ([{"status": "gul", "betyder": "delvis uppfyllt"}, {"status": "grön", "betyder": "uppfyllt"}],
         "med den bästa först"),
        ([{"status": "grön", "betyder": "uppfyllt"}, {"status": "Grön", "betyder": "inte uppfyllt"}], "två gånger"),
        ([{"status": "grön", "betyder": "uppfyllt", "från": "50"}, {"status": "gul", "betyder": "delvis uppfyllt",
          "från": "70"}, {"status": "röd", "betyder": "inte uppfyllt"}], "ska minska"),
    ],
)
def test_a_scale_must_make_sense(levels: list[dict[str, str]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FollowUp.model_validate({"tillfällen": [{"id": "a", "namn": "A", "typ": "helår"}], "statusskala": levels})


MEASURES = '''    målvärde: "≥ 60"
  - text: Andel kommuner med samverkansavtal.
    målvärde: 3 av 4
  - text: En kartläggning är gjord.
    målvärde: Kartläggningen är klar under året.
  - text: Upplevd samverkan (index).
    målvärde: öka med 5 poäng
'''

TRAFFIC_YAML = """
statusskala:
  - {status: grön, betyder: uppfyllt}
  - {status: gul, betyder: delvis uppfyllt, från: 70 %}
  - {status: röd, betyder: inte uppfyllt}
"""


def _site(make_site: SiteFactory, followup: str, forbund_scale: str = "") -> Path:
    root = make_site()
    goal = (root / GOAL).read_text("utf-8").replace('    målvärde: "≥ 60"\n', MEASURES)
    forbund = (root / FORBUND).read_text("utf-8") + forbund_scale.lstrip("\n")
    return make_site({GOAL: goal, FOLLOWUP: followup, FORBUND: forbund})


FOLLOWUP_YAML = """
tillfällen:
  - {id: delar, namn: Delårsrapport 2024, typ: delår}
  - {id: helar, namn: Årsredovisning 2024, typ: helår}
utfall:
  - {tillfälle: helar, mål: fler-i-arbete, mått: 1, värde: "45", status_i_rapporten: gul}
  - {tillfälle: helar, mål: fler-i-arbete, mått: 2, täljare: 2, nämnare: 4, status_i_rapporten: röd}
  - tillfälle: helar
    mål: fler-i-arbete
    mått: 3
    status_i_rapporten: grön
    beskrivning: |
      Kartläggningen blev klar i oktober och **presenterades** för styrelsen.
  - {tillfälle: helar, mål: fler-i-arbete, mått: 4, värde: "71 poäng", baslinje: "65 poäng"}
"""


def _text(path: Path) -> str:
    return re.sub(r"[ \t\n]+", " ", soup(path).main.get_text(" ", strip=True))  # keeps no-break spaces


def test_pages_show_the_forbunds_scale_and_outcomes_in_words(make_site: SiteFactory, tmp_path: Path) -> None:
    result = build(_site(make_site, FOLLOWUP_YAML, TRAFFIC_YAML), tmp_path / "o")
    assert result.written, [d.format() for d in result.diagnostics]
    goal = _text(tmp_path / "o/exempel/2024/mal/fler-i-arbete/index.html")
    assert "Årsredovisning 2024: 45. ◐ Gul (enligt rapporten och finsam-sites beräkning)" in goal
    assert "färre än 5 av färre än 5. ✗ Röd (enligt rapporten och finsam-sites beräkning)" in goal
    assert ("Årsredovisning 2024: ✓ Grön (enligt rapporten; finsam-site räknar fram ? Kan inte prövas Målvärdet står "
            "i ord.") in goal
    assert "i ord. ) Kartläggningen blev klar i oktober och presenterades för styrelsen." in goal
    assert "71 poäng, baslinje 65 poäng. ✓ Grön" in goal
    assert "Inte mätt än" not in goal
    page = soup(tmp_path / "o/exempel/2024/mal/fler-i-arbete/index.html")
    assert page.find("strong").get_text() == "presenterades"  # the description is Markdown
    overview = _text(tmp_path / "o/exempel/2024/uppfoljning/index.html")
    assert ("med förbundets egen statusskala: grön när utfallet når målvärdet, gul när det når minst 70\u00a0% av "
            "målvärdet, annars röd.") in overview
    table = soup(tmp_path / "o/exempel/2024/uppfoljning/index.html").main.tbody
    rows = [[re.sub(r"\s+", " ", c.get_text(" ", strip=True)) for c in tr.find_all(["th", "td"])]
            for tr in table.find_all("tr")]
    assert rows[2][:3] == ["En kartläggning är gjord.", "Kartläggningen är klar under året.", "– Inte mätt än"]
    assert rows[2][3].startswith("Kartläggningen blev klar i oktober och presenterades för styrelsen. ✓ Grön")
    assert rows[1][3].startswith("färre än 5 av färre än 5 ✗ Röd")


def test_the_computed_status_is_shown_beside_a_printed_one_that_differs(
    make_site: SiteFactory, tmp_path: Path
) -> None:
    wrong = FOLLOWUP_YAML.replace('värde: "45", status_i_rapporten: gul', 'värde: "60", status_i_rapporten: gul')
    site = _site(make_site, wrong, TRAFFIC_YAML)
    [diag] = [d for d in check(site).diagnostics if d.rule == "utfall-status"]
    assert diag.message == "Rapporten anger status ”gul” men målvärdet och utfallet ger ”grön”."
    assert (diag.path, diag.line) == (FOLLOWUP, 5)
    assert not build(site, tmp_path / "o").written  # an error until the board's report is acknowledged
    ack = """
    kvitteringar:
      - regel: utfall-status
        gäller: "fler-i-arbete / mått 1 / Årsredovisning 2024"
        förklaring: Rapporten räknade med ett tidigare utfall.
    """
    (site / PLAN / "kvitteringar.yaml").write_text(ack.replace("\n    ", "\n").lstrip(), "utf-8")
    result = build(site, tmp_path / "o")
    assert result.written, [d.format() for d in result.diagnostics]
    goal = _text(tmp_path / "o/exempel/2024/mal/fler-i-arbete/index.html")
    assert "60. ◐ Gul (enligt rapporten; finsam-site räknar fram ✓ Grön" in goal
    goal_html = soup(tmp_path / "o/exempel/2024/mal/fler-i-arbete/index.html")
    assert {s.get_text(strip=True) for s in goal_html.select(".status-uppfyllt")} >= {"✓ Grön"}


def test_a_status_that_cannot_be_tested_is_reported_as_such(make_site: SiteFactory, tmp_path: Path) -> None:
    site = _site(make_site, FOLLOWUP_YAML, TRAFFIC_YAML)
    assert [d for d in check(site).diagnostics if d.rule == "utfall-status"] == []
    build(site, tmp_path / "o")
    review = _text(tmp_path / "o/exempel/2024/granskning/index.html")
    assert ("Kan inte prövas: fler-i-arbete / mått 3 / Årsredovisning 2024: Målvärdet står i ord.") in review


def test_an_uppfoljning_scale_overrides_the_forbunds(make_site: SiteFactory, tmp_path: Path) -> None:
    own = FOLLOWUP_YAML.replace("gul}", "delvis uppnått}").replace("röd}", "ej uppnått}").replace(
        "status_i_rapporten: grön", "status_i_rapporten: uppnått"
    ) + "statusskala:\n  - {status: uppnått, betyder: uppfyllt}\n  - {status: delvis uppnått, betyder: delvis " \
        "uppfyllt}\n  - {status: ej uppnått, betyder: inte uppfyllt}\n"
    site = _site(make_site, own, TRAFFIC_YAML)
    assert [d for d in check(site).diagnostics if d.rule.startswith(("utfall", "ref"))] == []
    build(site, tmp_path / "o")
    goal = _text(tmp_path / "o/exempel/2024/mal/fler-i-arbete/index.html")
    assert "45. ◐ Delvis uppnått (enligt rapporten; finsam-site räknar fram ? Kan inte prövas Statusskalan anger " \
           "ingen gräns för delvis uppnått." in goal


def test_a_status_word_outside_the_scale_is_an_error_with_a_hint(make_site: SiteFactory) -> None:
    wrong = FOLLOWUP_YAML.replace("status_i_rapporten: gul", "status_i_rapporten: orange")
    [diag] = [d for d in check(_site(make_site, wrong, TRAFFIC_YAML)).diagnostics if d.rule == "ref-status"]
    assert (diag.line, diag.message) == (5, "Statusen `orange` finns inte i statusskalan.")
    assert "`grön`, `gul`, `röd`" in diag.hint
    [default] = [d for d in check(_site(make_site, FOLLOWUP_YAML)).diagnostics if d.rule == "ref-status"][:1]
    assert default.message == "Statusen `gul` finns inte i statusskalan."


def test_a_bad_scale_in_forbund_yaml_is_located(make_site: SiteFactory) -> None:
    bad = TRAFFIC_YAML.replace("{status: grön, betyder: uppfyllt}", "{status: grön, betyder: klart}")
    diags = check(_site(make_site, FOLLOWUP_YAML, bad)).diagnostics
    assert any((d.path, d.line, d.message) == (FORBUND, 20, "`betyder` kan inte vara `klart`.") for d in diags), diags


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_status_colour_meets_wcag_aa_contrast() -> None:
    from conftest import REPO

    css = (REPO / "templates/static/style.css").read_text("utf-8")
    variables = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", css))
    rules = re.findall(r"\.(status-[\w-]+)[^{]*\{[^}]*?(?<![-\w])color:\s*([^;}]+)", css)
    colours = {name: variables.get(value.strip()[6:-1], value.strip()) for name, value in rules}
    shown = {"status-uppfyllt", "status-delvis-uppfyllt", "status-inte-uppfyllt", "status-inte-mätt-än",
             "status-kan-inte-prövas", "status-reason"}
    assert shown <= colours.keys(), colours
    for name in shown:
        for background in (variables["bg"], variables["soft"]):
            light, dark = sorted((_luminance(colours[name]), _luminance(background)), reverse=True)
            assert (light + 0.05) / (dark + 0.05) >= 4.5, (name, colours[name], background)


def test_an_insats_outcome_in_words_is_shown_as_written(make_site: SiteFactory, tmp_path: Path) -> None:
    followup = FOLLOWUP_YAML + """  - tillfälle: helar
    insats: vidare-vy
    deltagare: 34
    beskrivning: Ett fall ur verksamheten, *avidentifierat*, som rapporten beskriver.
"""
    result = build(_site(make_site, followup, TRAFFIC_YAML), tmp_path / "o")
    assert result.written, [d.format() for d in result.diagnostics]
    insats = _text(tmp_path / "o/exempel/2024/insatser/vidare-vy/index.html")
    assert "Årsredovisning 2024: 34 deltagare. Ett fall ur verksamheten, avidentifierat , som rapporten beskriver." \
        in insats
    assert "Inte mätt än" not in insats


def test_the_authors_guide_example_of_uppfoljning_is_valid() -> None:
    import yaml
    from conftest import REPO

    from finsam_site.load.outcomes import level_named, scale_for

    guide = (REPO / "docs/content-format.md").read_text("utf-8")
    section = guide.split("## `uppfoljning.yaml`", 1)[1]
    example = FollowUp.model_validate(yaml.safe_load(section.split("```yaml\n", 1)[1].split("```", 1)[0]))
    scale_used = scale_for(example, None)
    assert [level.word for level in scale_used] == ["uppnått", "delvis uppnått", "ej uppnått"]
    printed = [o.printed_status for o in example.outcomes if o.printed_status]
    assert printed and all(level_named(scale_used, word) for word in printed)
    forbund = guide.split("## `forbund.yaml`", 1)[1].split("## `plan.yaml`", 1)[0]
    block = "statusskala:" + forbund.split("```yaml\nstatusskala:", 1)[1].split("```", 1)[0]
    assert [level.word for level in FollowUp.model_validate(
        {"tillfällen": [{"id": "a", "namn": "A", "typ": "helår"}], **yaml.safe_load(block)}
    ).scale or []] == ["grön", "gul", "röd"]


def test_the_rules_do_not_apply_where_a_report_prints_nothing_to_compare(make_site: SiteFactory) -> None:
    plain = "tillfällen:\n  - {id: helar, namn: Årsredovisning 2024, typ: helår}\nutfall:\n" \
            "  - {tillfälle: helar, mål: fler-i-arbete, mått: 1, värde: \"64\"}\n"
    result = check(_site(make_site, plain))
    assert result.diagnostics == []
    [report] = result.reports.values()
    statuses = {o.rule.id: o.status for o in report.outcomes if o.rule.id.startswith("utfall")}
    assert statuses == {"utfall-andel": "ej tillämplig", "utfall-status": "ej tillämplig"}


TEXTS = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(["≥", "minst", "högst", "öka", "minska", "med", "från", "index", "av", "+", "−", "-",
                              "0", "3", "4", "62", "7,5", "1 255", "%", "procentenheter", "poäng", "ggr/år", " "]),
             max_size=8).map(" ".join),
)


@settings(max_examples=200, deadline=None)
@given(target=TEXTS, value=TEXTS, baseline=TEXTS)
def test_any_text_is_a_target_or_words_and_never_an_exception(target: str, value: str, baseline: str) -> None:
    parsed = parse_target(target)
    assert parsed is None or isinstance(parsed, Target)
    found = assess(target, outcome(värde=value, baslinje=baseline), TRAFFIC)
    assert found.status in ("uppfyllt", "delvis uppfyllt", "inte uppfyllt", "kan inte prövas")
    assert (found.status == "kan inte prövas") == bool(found.reason)
