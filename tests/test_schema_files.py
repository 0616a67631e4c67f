"""The editor schemas (`finsam-site schema`): every content file validates against its schema as an editor reads it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import FIXTURES, PLAN, REPO, SiteFactory, run_cli

from finsam_site.authoring.jsonschema import schema_for, schema_kinds
from finsam_site.load import kinds
from finsam_site.load.parse import split_front_matter


class EditorLoader(yaml.SafeLoader):
    """YAML 1.2 core schema, as VS Code's YAML extension reads a file: `2024` is a number, `2023-11-30` and `nej`
    are text."""


EditorLoader.yaml_implicit_resolvers = {}
for tag, pattern, first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    EditorLoader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first))
EditorLoader.add_constructor("tag:yaml.org,2002:int", lambda loader, node: int(loader.construct_scalar(node)))


def as_editor_reads(path: Path) -> Any:
    text = path.read_text("utf-8-sig")
    if path.suffix == ".md":
        text = split_front_matter(text, path.name)[0]
    return _string_keys(yaml.load(text, Loader=EditorLoader))  # a SafeLoader with YAML 1.2 resolvers


def _string_keys(data: Any) -> Any:
    if isinstance(data, dict):
        return {str(k): _string_keys(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_string_keys(v) for v in data]
    return data


def kind_of(rel: str) -> str | None:
    """Which schema a content file has, by its path relative to the site (None: not a content file)."""
    kind = kinds.kind_of(rel)
    return kind.schema if kind is not None else None


def problems(root: Path, rel: str) -> list[str]:
    kind = kind_of(rel)
    assert kind is not None, f"{rel}: no schema for this file"
    validator = jsonschema.Draft202012Validator(schema_for(kind))
    errors = validator.iter_errors(as_editor_reads(root / rel))
    return [f"{rel}: {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def content_files(root: Path) -> list[str]:
    found = [root / "site.yaml", *(p for p in (root / "content").rglob("*") if p.suffix in (".yaml", ".md"))]
    return sorted(p.relative_to(root).as_posix() for p in found if p.is_file() and not p.name.startswith("."))


@pytest.mark.parametrize("kind", sorted(schema_kinds()))
def test_every_schema_is_a_valid_json_schema_with_swedish_descriptions(kind: str) -> None:
    schema = schema_for(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    described = [p for p in schema["properties"].values() if p.get("description")]
    assert len(described) == len(schema["properties"]), kind


@pytest.mark.parametrize(
    "root",
    [REPO, FIXTURES / "minimal", REPO / "examples/uppfoljning", REPO / "examples/dokument"],
    ids=["content", "fixture", "uppfoljning", "dokument"],
)
def test_every_content_file_validates_against_its_schema(root: Path) -> None:
    files = content_files(root)
    assert len(files) >= 8
    assert [p for rel in files for p in problems(root, rel)] == []


def test_the_scaffold_validates_against_the_schemas(tmp_path: Path) -> None:
    made = run_cli("new", "forbund", "nytt", "--namn", "Samordningsförbundet Nytt", "--år", "2025", "--site", tmp_path)
    assert made.returncode == 0, made.stderr
    files = content_files(tmp_path)
    assert len(files) == 9
    assert [p for rel in files for p in problems(tmp_path, rel)] == []


def test_next_years_plan_validates_against_the_schemas(make_site: SiteFactory) -> None:
    root = make_site()
    assert run_cli("new", "plan", "exempel", "2025", "--site", root).returncode == 0
    files = [rel for rel in content_files(root) if rel.startswith("content/exempel/2025/")]
    assert len(files) == 6
    assert [p for rel in files for p in problems(root, rel)] == []


def test_a_mistake_is_underlined(make_site: SiteFactory) -> None:
    root = make_site({
        f"{PLAN}/mal/01-fler-i-arbete.md": "---\nrubrik: R\ntyp: aktivitetsmal\nfärg: röd\n---\n",
        f"{PLAN}/plan.yaml": "titel: P\når: tjugofyra\nbeslutad: 30 nov\n",
    })
    found = problems(root, f"{PLAN}/mal/01-fler-i-arbete.md") + problems(root, f"{PLAN}/plan.yaml")
    assert any("typ: 'aktivitetsmal' is not one of" in p for p in found)
    assert any("'färg' was unexpected" in p for p in found)
    assert any(p.startswith(f"{PLAN}/plan.yaml: år:") for p in found)
    assert any(p.startswith(f"{PLAN}/plan.yaml: beslutad:") for p in found)


def test_schema_command_writes_every_schema_and_the_editor_settings(make_site: SiteFactory) -> None:
    root = make_site()
    result = run_cli("schema", "--site", root)
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (root / "schemas").iterdir())
    assert written == sorted(f"{kind}.schema.json" for kind in schema_kinds())
    assert json.loads((root / "schemas/budget.schema.json").read_text("utf-8")) == schema_for("budget")
    assert '"./schemas/plan.schema.json": "content/*/*/plan.yaml"' in result.stderr
    other = root / "elsewhere"
    assert run_cli("schema", "--out", other, "--site", root).returncode == 0
    assert (other / "insats.schema.json").is_file()


def test_the_licence_setting_is_in_the_site_schema(make_site: SiteFactory) -> None:
    site = (FIXTURES / "minimal" / "site.yaml").read_text("utf-8")
    licence = "licens:\n  namn: CC0 1.0\n  url: https://creativecommons.org/publicdomain/zero/1.0/\n"
    assert problems(make_site({"site.yaml": site + licence}), "site.yaml") == []
    assert schema_for("site")["properties"]["licens"]["description"].startswith("Licensen för de öppna data")
    found = problems(make_site({"site.yaml": site + "licens:\n  url: https://example.se/licens\n"}), "site.yaml")
    assert [p.split(": ")[1] for p in found] == ["licens"]  # underlined: `namn` is missing
