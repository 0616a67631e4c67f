"""The DCAT-AP-SE catalogue (pages/catalogue.py, output/catalogue.py): which builds write it, what it says, that its
byte sizes are the files' own, that it is the same bytes on every run, and the warnings of check/catalogue.py.
The profile's properties and shapes are checked in test_catalogue_profile.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SiteFactory, add_second_forbund, run_cli, snapshot
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from finsam_site.build import build
from finsam_site.check.catalogue import licence_iri, org_digits
from finsam_site.load.settings import Licence
from finsam_site.output.catalogue import tel_uri
from finsam_site.preview.session import Session

# plain namespaces: pytest probes a test module's names, and rdflib's own warn on every unknown one
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

BASE = "https://example.se/planer/"
SITE_YAML = """
titel: Exempelplaner
beskrivning: En liten webbplats för testerna.
utgivare: Exempelförbundet
base_url: https://example.se/planer
kontakt:
  namn: Kansliet
  e-post: kansli@example.se
  telefon: 070-123 45 67
licens:
  namn: CC BY 4.0
  url: https://creativecommons.org/licenses/by/4.0/deed.sv
"""


def _site(make_site: SiteFactory, site_yaml: str = SITE_YAML) -> Path:
    root = make_site({"site.yaml": site_yaml})
    add_second_forbund(root)  # grannby: a copy of exempel, without its orgnr below
    info = root / "content/grannby/forbund.yaml"
    info.write_text(info.read_text("utf-8").replace("orgnr: 222000-0000\n", ""), "utf-8")
    return root


def _built(root: Path) -> Path:
    out = root / "out"
    result = build(root, out)
    assert result.written, [d.format() for d in result.diagnostics]
    return out


def _graph(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="xml")
    return graph


def test_a_site_without_base_url_has_no_catalogue(make_site: SiteFactory) -> None:
    out = _built(make_site())
    assert not list(out.rglob("*.rdf"))


def test_the_site_and_each_forbund_have_a_catalogue_of_their_documents(make_site: SiteFactory) -> None:
    out = _built(_site(make_site))
    site, own = _graph(out / "data/katalog.rdf"), _graph(out / "exempel/data/katalog.rdf")
    assert (out / "grannby/data/katalog.rdf").is_file()
    catalogue = URIRef(BASE + "data/katalog.rdf")
    assert sorted(map(str, site.objects(catalogue, DCAT.dataset))) == [
        BASE + "exempel/2024/#datamangd", BASE + "grannby/2024/#datamangd"]
    assert list(own.objects(URIRef(BASE + "exempel/data/katalog.rdf"), DCAT.dataset)) == [
        URIRef(BASE + "exempel/2024/#datamangd")]
    dataset = URIRef(BASE + "exempel/2024/#datamangd")
    assert {str(o) for o in own.objects(dataset, DCAT.distribution)} == {
        BASE + "exempel/2024/#distribution-budget-csv", BASE + "exempel/2024/#distribution-budget-json",
        BASE + "exempel/2024/#distribution-mal-och-insatser-json"}
    assert own.value(dataset, DCTERMS.title) == Literal(
        "Verksamhetsplan 2024, budget 2024 och plan 2025–2026 – Samordningsförbundet Exempel", lang="sv")
    assert own.value(dataset, DCTERMS.issued) == Literal("2023-11-30", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#date"))
    period = own.value(dataset, DCTERMS.temporal)
    assert (str(own.value(period, DCAT.startDate)), str(own.value(period, DCAT.endDate))) == (
        "2024-01-01", "2026-12-31")  # the budget year and the plan years
    themes = {str(t).rsplit("/", 1)[1] for t in own.objects(dataset, DCAT.theme)}
    assert themes == {"GOVE", "SOCI", "ECON"}
    assert Literal("Exempel", lang="sv") in set(own.objects(dataset, DCAT.keyword))


def test_the_publisher_is_named_by_its_organisation_number_and_otherwise_on_its_page(make_site: SiteFactory) -> None:
    out = _built(_site(make_site))
    graph = _graph(out / "data/katalog.rdf")
    exempel = graph.value(URIRef(BASE + "exempel/2024/#datamangd"), DCTERMS.publisher)
    grannby = graph.value(URIRef(BASE + "grannby/2024/#datamangd"), DCTERMS.publisher)
    assert exempel == URIRef("http://dataportal.se/organisation/SE2220000000")
    assert graph.value(exempel, DCTERMS.identifier) == Literal("2220000000")
    assert grannby == URIRef(BASE + "grannby/#organisation")
    assert graph.value(grannby, DCTERMS.identifier) is None
    assert graph.value(grannby, FOAF.name) == Literal("Samordningsförbundet Grannby", lang="sv")
    # the site's catalogue of two förbund is published by site.yaml's utgivare; a förbund's by the förbund
    assert graph.value(URIRef(BASE + "data/katalog.rdf"), DCTERMS.publisher) == URIRef(BASE + "#utgivare")
    own = _graph(out / "grannby/data/katalog.rdf")
    assert own.value(URIRef(BASE + "grannby/data/katalog.rdf"), DCTERMS.publisher) == grannby


def test_each_distribution_has_the_size_of_its_file_as_written_and_the_licence(make_site: SiteFactory) -> None:
    out = _built(_site(make_site))
    graph = _graph(out / "data/katalog.rdf")
    distributions = list(graph.subjects(RDF.type, DCAT.Distribution))
    assert len(distributions) == 6
    for node in distributions:
        url = str(graph.value(node, DCAT.downloadURL))
        assert graph.value(node, DCAT.accessURL) == URIRef(url)
        file = out / url.removeprefix(BASE)
        assert int(graph.value(node, DCAT.byteSize)) == file.stat().st_size > 0, url
        media = str(graph.value(node, DCTERMS["format"]))
        assert media == {".csv": "text/csv", ".json": "application/json"}[file.suffix]
        assert graph.value(node, DCAT.mediaType) == URIRef("https://www.iana.org/assignments/media-types/" + media)
        assert graph.value(node, DCTERMS.license) == URIRef("http://creativecommons.org/licenses/by/4.0/")


def test_every_thing_has_an_absolute_iri_and_there_is_no_blank_node(make_site: SiteFactory) -> None:
    out = _built(_site(make_site))
    for path in out.rglob("katalog.rdf"):
        graph = _graph(path)
        for triple in graph:
            assert not any(isinstance(term, BNode) for term in triple), triple
            for term in triple:
                if isinstance(term, URIRef):
                    assert str(term).startswith(("http://", "https://", "mailto:", "tel:")), term


def test_the_catalogue_is_the_same_bytes_on_every_run(make_site: SiteFactory) -> None:
    """rdflib writes in a hash order of its own; two processes with other hash seeds must still agree."""
    root = _site(make_site)
    made = []
    for seed in ("1", "2"):
        out = root / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "finsam_site", "build", "--site", str(root), "--out", str(out)],
                       check=True, capture_output=True, env=env, timeout=120)
        made.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("katalog.rdf"))})
    assert made[0] == made[1] and len(made[0]) == 3


def test_a_missing_orgnr_is_a_located_warning_that_the_settings_can_turn_off(make_site: SiteFactory) -> None:
    root = _site(make_site)
    result = run_cli("check", "--site", root)
    assert result.returncode == 0
    assert ("content/grannby/forbund.yaml:1:7: varning [katalog-orgnr] Samordningsförbundet Grannby har inget "
            "organisationsnummer") in result.stderr
    assert "content/exempel/forbund.yaml" not in result.stderr
    info = root / "content/grannby/forbund.yaml"
    info.write_text(info.read_text("utf-8") + "regler:\n  allvarlighet:\n    katalog-orgnr: av\n", "utf-8")
    assert "katalog-orgnr" not in run_cli("check", "--site", root).stderr


def test_no_catalogue_warning_without_base_url(make_site: SiteFactory) -> None:
    root = _site(make_site, SITE_YAML.replace("base_url: https://example.se/planer\n", ""))
    assert "katalog-" not in run_cli("check", "--site", root).stderr


def test_a_contact_without_email_and_a_licence_without_address_are_warnings(make_site: SiteFactory) -> None:
    text = SITE_YAML.replace("  e-post: kansli@example.se\n", "").replace(
        "  namn: CC BY 4.0\n  url: https://creativecommons.org/licenses/by/4.0/deed.sv\n", "  namn: Egen licens\n")
    result = run_cli("check", "--site", _site(make_site, text))
    assert "site.yaml:6:3: varning [katalog-kontakt] Kontakten i site.yaml har ingen e-postadress" in result.stderr
    assert "site.yaml:9:9: varning [katalog-licens] Licensen `Egen licens` har ingen adress" in result.stderr


@pytest.mark.parametrize(("name", "url", "expected"), [
    ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "http://creativecommons.org/publicdomain/zero/1.0/"),
    ("CC0", None, "http://creativecommons.org/publicdomain/zero/1.0/"),
    ("cc-by-4.0", None, "http://creativecommons.org/licenses/by/4.0/"),
    ("CC BY-SA 4.0", None, "http://creativecommons.org/licenses/by-sa/4.0/"),
    ("Erkännande", "https://creativecommons.org/licenses/by/4.0/legalcode.sv", "http://creativecommons.org/licenses/by/4.0/"),
    ("Attribution", "http://www.creativecommons.org/licenses/by/4.0", "http://creativecommons.org/licenses/by/4.0/"),
])
def test_licences_are_written_as_the_dataportal_lists_them(name: str, url: str | None, expected: str) -> None:
    assert licence_iri(Licence.model_validate({"namn": name, "url": url})) == (expected, True)


def test_an_unlisted_licence_keeps_its_address_and_one_without_address_is_none() -> None:
    own = Licence.model_validate({"namn": "Datalicens Sverige", "url": "https://example.se/licens"})
    assert licence_iri(own) == ("https://example.se/licens", False)
    assert licence_iri(Licence.model_validate({"namn": "Egen licens"})) is None
    assert licence_iri(Licence.model_validate({"namn": "CC BY 3.0"})) is None  # not one the dataportal lists
    assert licence_iri(None) is None


def test_phone_numbers_become_tel_uris() -> None:
    assert tel_uri("070-123 45 67") == "tel:+46701234567"
    assert tel_uri("+46 60 12 34 56") == "tel:+4660123456"
    assert tel_uri("0046 60 12 34 56") == "tel:+4660123456"
    assert tel_uri("ring växeln") is None
    assert tel_uri(None) is None


def test_a_preview_keeps_the_catalogues_in_step_with_the_files_they_measure(make_site: SiteFactory) -> None:
    root = _site(make_site, SITE_YAML + "sök: false\n")  # a preview leaves the search index as it was
    session, preview = Session(), root / "preview"
    assert build(root, preview, memory=session).written
    before = (preview / "data/katalog.rdf").read_bytes()
    insats = root / "content/grannby/2024/insatser/01-vidare-vy.md"
    insats.write_text(insats.read_text("utf-8").replace("Insatsen pågår", "Insatsen, som är ny, pågår"), "utf-8")
    session.notice([insats])
    assert build(root, preview, memory=session).written
    fresh = _built(root)
    assert snapshot(preview) == snapshot(fresh)
    assert (preview / "data/katalog.rdf").read_bytes() != before  # the goals file grew, and its size with it


def test_only_an_organisation_number_gives_the_dataportals_publisher_iri() -> None:
    assert org_digits("222000-2063") == org_digits("2220002063") == "2220002063"
    assert org_digits(None) is None
    assert org_digits("okänt") is None and org_digits("222000-206") is None and org_digits("2220-00-2063") is None
