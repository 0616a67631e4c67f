from finsam_site.yamlload import parse_yaml


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
