import pytest

from finsam_site.load import yamlload
from finsam_site.load.yamlload import parse_yaml


def test_values_keep_their_positions() -> None:
    doc, diags = parse_yaml("namn: Ånge\nmedlemmar:\n  - id: fk\n    typ: x\n", "f.yaml")
    assert diags == [] and doc is not None
    assert doc.mark(("medlemmar", 0, "typ")).line == 4
    assert doc.mark(("medlemmar", 0, "typ")).column == 10
    assert doc.mark(("namn",), key=True).column == 1


def test_line_offset_for_front_matter() -> None:
    doc, _ = parse_yaml("rubrik: x\ntyp: y\n", "m.md", line_offset=1)
    assert doc is not None and doc.mark(("typ",)).line == 3


def test_yaml_11_surprises_stay_text() -> None:
    doc, _ = parse_yaml("a: no\nb: 08\nc: 2023-11-30\nd: yes\ne: 1.5\nf: ~\ng:\nh: 'null'\n", "x.yaml")
    assert doc is not None
    assert doc.data == {
        "a": "no",
        "b": "08",
        "c": "2023-11-30",
        "d": "yes",
        "e": "1.5",
        "f": None,
        "g": None,
        "h": "null",
    }


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    doc, diags = parse_yaml("namn: a\nkortnamn: b\nnamn: c\n", "f.yaml")
    assert doc is None
    assert [(d.line, d.column, d.rule) for d in diags] == [(3, 1, "yaml-syntax")]
    assert "`namn` förekommer två gånger (första gången på rad 1)" in diags[0].message


def test_aliases_are_refused_so_alias_bombs_cannot_explode() -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    doc, diags = parse_yaml(bomb, "bomb.yaml")
    assert doc is None
    assert diags[0].line == 2 and "alias" in diags[0].message


def test_syntax_error_is_located_and_swedish() -> None:
    _, diags = parse_yaml("rubrik: Mål: fler i arbete\n", "m.yaml")
    assert (diags[0].line, diags[0].rule) == (1, "yaml-syntax")
    assert "kolon" in diags[0].message and "citattecken" in diags[0].hint


def test_tab_indentation_is_explained() -> None:
    _, diags = parse_yaml("a:\n\tb: 1\n", "t.yaml")
    assert diags[0].line == 2 and "Tabbtecken" in diags[0].message


def test_custom_tags_are_refused() -> None:
    _, diags = parse_yaml("a: !!python/object:os.system x\n", "t.yaml")
    assert diags[0].rule == "yaml-syntax" and "tagg" in diags[0].message
    _, diags = parse_yaml("a: !egen x\n", "t.yaml")
    assert "tagg" in diags[0].message


# Duplicate keys are refused at every depth, not only at the top of the document; the same key in two different
# mappings is fine.
def test_duplicate_key_in_a_nested_mapping_is_an_error() -> None:
    doc, diags = parse_yaml("a:\n  b: 1\n  c: 2\n  b: 3\n", "f.yaml")
    assert doc is None
    assert [(d.line, d.column, d.rule) for d in diags] == [(4, 3, "yaml-syntax")]
    assert "`b` förekommer två gånger (första gången på rad 2)" in diags[0].message


def test_duplicate_key_in_a_list_item_is_an_error() -> None:
    text = "medlemmar:\n  - id: fk\n    typ: x\n  - id: af\n    typ: y\n    id: ag\n"
    doc, diags = parse_yaml(text, "f.yaml")
    assert doc is None
    assert [(d.line, d.column) for d in diags] == [(6, 5)]
    assert "`id` förekommer två gånger (första gången på rad 4)" in diags[0].message


def test_the_same_key_in_different_mappings_is_not_a_duplicate() -> None:
    doc, diags = parse_yaml("a:\n  b: 1\nc:\n  b: 2\nd:\n  - b: 3\n  - b: 4\n", "f.yaml")
    assert diags == [] and doc is not None
    assert doc.data == {"a": {"b": "1"}, "c": {"b": "2"}, "d": [{"b": "3"}, {"b": "4"}]}


# --- Positions, empty values and the wording of syntax errors (mutation testing: tools/mutation.py) ----------------


@pytest.fixture(params=["libyaml", "python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each case through the fast path (libyaml) and through the pure-Python loader."""
    if request.param == "python":
        monkeypatch.setattr(yamlload, "_CLoader", None)
    return str(request.param)


def test_a_position_falls_back_to_the_nearest_parent(loader: str) -> None:
    doc, _ = parse_yaml("a:\n  b: 1\nc: [x, y]\n", "f.yaml", line_offset=1)
    assert doc is not None
    assert doc.mark(("a", "b")) == (3, 6)
    assert doc.mark(("a", "b"), key=True) == (3, 3)
    assert doc.mark(("a", "saknas", 0)) == doc.mark(("a",)) == (3, 3)  # the value of `a` starts on the next line
    assert doc.mark(("c", 1)) == (4, 8)
    assert doc.mark(("c",), key=True) == (4, 1)
    assert doc.mark(("c", 1), key=True) == (4, 8)  # a list item has no key: its value's position
    assert doc.mark(("finns-inte",)) == doc.mark(()) == (2, 1)
    empty, _ = parse_yaml("", "f.yaml")
    assert empty is not None and empty.data is None and empty.mark(("a",)) == (1, 1)


def test_only_empty_tilde_and_null_are_no_value(loader: str) -> None:
    doc, _ = parse_yaml("a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: '~'\ng: \"\"\nh: nil\ni: none\n", "f.yaml")
    assert doc is not None
    assert doc.data == dict.fromkeys("abcde") | {"f": "~", "g": "", "h": "nil", "i": "none"}


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        (
            "a: b: c\n",
            (3, 4),
            "Texten innehåller ett kolon följt av mellanslag, som YAML läser som början på ett nytt fält.",
        ),
        ("a:\n  - b\n c: d\n", (5, 2), "Indraget eller strukturen stämmer inte här."),
        ("- a\nb: c\n", (4, 1), "Indraget eller strukturen stämmer inte här."),
        ("a: [1, 2\nb: 3\n", (4, 2), "En lista inom `[ ]` eller fält inom `{ }` avslutas inte som väntat."),
        ("a: {b: 1\nc: 2\n", (4, 2), "En lista inom `[ ]` eller fält inom `{ }` avslutas inte som väntat."),
        ("? [a]\n: b\n", (3, 3), "En nyckel måste vara en enkel text."),
        ("a: !!binary x\n", (3, 4), "Okänd YAML-tagg `tag:yaml.org,2002:binary`."),
        ("a: b\x01\n", (3, 5), "Filen innehåller ett tecken som inte får finnas i en textfil (kod 0x0001)."),
        ("a: 'x\n", (3, 4), "Citattecknet som börjar texten här stängs aldrig på raden."),
    ],
)
def test_syntax_errors_are_worded_and_located_after_the_front_matter(
    loader: str, text: str, position: tuple[int, int], message: str
) -> None:
    doc, diags = parse_yaml(text, "f.md", line_offset=2)
    assert doc is None
    assert [(d.path, d.line, d.column, d.severity, d.rule, d.message) for d in diags] == [
        ("f.md", *position, "fel", "yaml-syntax", message)
    ]


def test_the_hints_of_syntax_errors() -> None:
    hints = {
        text: parse_yaml(text, "f.yaml")[1][0].hint
        for text in ("a: b: c\n", "a:\n  - b\n c: d\n", "a: [1, 2\nb: 3\n", "a: 'x\n", "a: b\x01\n", "a: !!binary x\n")
    }
    assert hints == {
        "a: b: c\n": 'Sätt texten inom citattecken: `a: "b: c"`.',  # the author's own text, quoted
        "a:\n  - b\n c: d\n": "Kontrollera att raderna har samma indrag som fälten ovanför.",
        "a: [1, 2\nb: 3\n": "Kontrollera att varje `[` har sin `]` och att texter med kommatecken eller kolon står "
        "inom citattecken.",
        "a: 'x\n": "Avsluta texten med samma sorts citattecken: `a: 'x'`.",
        "a: b\x01\n": "Ta bort tecknet; det syns ofta inte i editorn.",
        "a: !!binary x\n": "Ta bort taggen.",
    }


def test_an_alias_is_refused_on_both_paths(loader: str) -> None:
    doc, diags = parse_yaml("a: &x 1\nb: *x\n", "f.yaml")
    assert doc is None
    assert [(d.line, d.column) for d in diags] == [(2, 4)]
    assert diags[0].hint == "Skriv ut värdet på nytt i stället för att hänvisa till ett ankare."


def test_values_stay_text_whatever_their_tag_or_nesting(loader: str) -> None:
    doc, diags = parse_yaml("a: !!str 5\nb: !!int 6\nc: [1, [2, 3]]\nd: {e: 1.50}\n", "f.yaml")
    assert diags == [] and doc is not None
    assert doc.data == {"a": "5", "b": "6", "c": ["1", ["2", "3"]], "d": {"e": "1.50"}}
    assert doc.mark(("c", 1, 0)) == (3, 9)


def test_a_second_document_in_one_file_is_refused(loader: str) -> None:
    doc, diags = parse_yaml("a: 5\n---\nb: 6\n", "f.yaml")
    assert doc is None and [(d.line, d.column, d.message) for d in diags] == [
        (2, 1, "En rad `---` står mitt bland fälten.")
    ]


def test_a_byte_order_mark_is_no_part_of_the_first_key(loader: str) -> None:
    doc, diags = parse_yaml("\ufeffa: 1\n", "f.yaml")
    assert diags == [] and doc is not None and doc.data == {"a": "1"}


def test_a_file_nested_too_deep_is_refused_at_its_start(loader: str) -> None:
    doc, diags = parse_yaml("titel: " + "[" * 5000 + "]" * 5000 + "\n", "f.md", line_offset=2)
    assert doc is None
    assert [(d.line, d.column, d.rule, d.message, d.hint) for d in diags] == [
        (3, 1, "yaml-syntax", "Filen är för djupt nästlad.", "Skriv om filen med färre nivåer av indrag.")
    ]


def test_refusals_on_the_fast_path_fall_back_to_the_worded_ones() -> None:
    # libyaml refuses (returns None) and the pure-Python loader words the diagnostic.
    for text in ("a: 1\na: 2\n", "a: &x 1\nb: *x\n", "a: !!binary x\n", "a: [1\n"):
        assert yamlload._parse_with_libyaml(text, "f.yaml", 0) is None, text
        assert parse_yaml(text, "f.yaml")[1], text
