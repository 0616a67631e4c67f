"""Every catalogue a build writes against DCAT-AP-SE 3.0.1: parsed back, every mandatory and recommended property
of the profile per class, then the shapes: the EU DCAT-AP 3.0 SHACL shapes (with the places where the Swedish
profile deliberately differs from them) and our own shapes of the Swedish profile (tests/fixtures/dcat-ap-se,
README.md there says where each file comes from and under which licence)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, SiteFactory
from pyshacl import validate
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, SH
from test_catalogue import BASE as BASE_IRI
from test_catalogue import _built, _site

from finsam_site.build import build

# plain namespaces: pytest probes a test module's names, and rdflib's own warn on every unknown one
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

SHAPES = Path(__file__).parent / "fixtures" / "dcat-ap-se"
VCARD = "http://www.w3.org/2006/vcard/ns#"
DCATAP = "http://data.europa.eu/r5r/"
ORG = "https://www.w3.org/ns/org#"

# The profile's properties per class (docs.dataportal.se/dcat/3.0.1): mandatory, recommended.
PROFILE: dict[str, tuple[list[str], list[str]]] = {
    str(DCAT.Catalog): (
        [DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCTERMS.license, DCAT.dataset],
        [DCTERMS.issued, DCTERMS.language, DCTERMS.modified, FOAF.homepage, DCTERMS.spatial, DCAT.themeTaxonomy],
    ),
    str(DCAT.Dataset): (
        [DCTERMS.title, DCTERMS.description, DCTERMS.publisher],
        [DCAT.contactPoint, DCAT.keyword, DCAT.theme, DCTERMS.issued, DCTERMS.conformsTo, DCTERMS.spatial,
         DCTERMS.temporal, DCTERMS.accessRights],
    ),
    str(DCAT.Distribution): (
        [DCAT.accessURL, DCTERMS["format"]],
        [DCTERMS.description, DCATAP + "availability", DCTERMS.license],
    ),
    str(FOAF.Agent): (
        [FOAF.name, DCTERMS.type],
        [DCTERMS.description, ORG + "classification", DCTERMS.identifier],
    ),
    VCARD + "Organization": (
        [VCARD + "fn", VCARD + "hasEmail"],
        [VCARD + "hasTelephone", VCARD + "hasAddress"],
    ),
}

# Recommended properties a catalogue leaves out, and why: finsam-site states only what the content states.
NOT_STATED = {
    str(DCTERMS.spatial): "the förbund's area: no table maps its kommuner to Geonames IRIs",
    DCATAP + "availability": "how long a file stays available is the publisher's decision, not stated anywhere",
    VCARD + "hasAddress": "site.yaml's kontakt has no postal address",
    ORG + "classification": "the profile's only class (fee financing) does not apply to a samordningsförbund",
}
# ... and those only stated where the content states them
WHERE_STATED = {
    str(DCTERMS.issued): "a document's decision date (beslutad)",
    str(DCTERMS.modified): "the latest decision date of the catalogue's documents",
    str(DCTERMS.identifier): "forbund.yaml's orgnr",
    str(DCTERMS.license): "site.yaml's licens",
    VCARD + "hasTelephone": "site.yaml's kontakt: telefon",
}

# Where DCAT-AP-SE 3.0.1 asks for another form than the EU DCAT-AP 3.0 shapes do: (path, constraint component).
SWEDISH_FORM = {
    (str(DCTERMS["format"]), "ClassConstraintComponent"): "a media type as a literal, from the profile's list",
    (str(DCTERMS["format"]), "NodeKindConstraintComponent"): "a media type as a literal, from the profile's list",
    (str(DCAT.accessURL), "ClassConstraintComponent"): "an address (https?://…), no rdf:type asked",
    (str(DCAT.downloadURL), "ClassConstraintComponent"): "an address (https?://…), no rdf:type asked",
    (str(DCAT.landingPage), "ClassConstraintComponent"): "an address, no rdf:type asked",
    (str(FOAF.homepage), "ClassConstraintComponent"): "an address, no rdf:type asked",
    (str(DCAT.contactPoint), "ClassConstraintComponent"): "vcard:Organization or vcard:Individual",
    (str(DCTERMS.license), "ClassConstraintComponent"): "an IRI from the profile's list of licences",
    (str(DCTERMS.language), "ClassConstraintComponent"): "an IRI from the EU language table",
    (str(DCTERMS.accessRights), "ClassConstraintComponent"): "an IRI from the EU access-right table",
    (str(DCTERMS.type), "ClassConstraintComponent"): "an IRI from the ADMS publisher types",
}


@pytest.fixture(scope="module")
def catalogues(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Graph]:
    """Every catalogue of the repository's own site (five förbund, one orgnr, no licence, no phone)."""
    out = tmp_path_factory.mktemp("repo") / "out"
    assert build(REPO, out).written
    return {p.relative_to(out).as_posix(): _parse(p) for p in sorted(out.rglob("katalog.rdf"))}


def _parse(path: Path) -> Graph:
    return Graph().parse(path, format="xml")


def _missing(graph: Graph) -> list[tuple[str, str, str, str]]:
    """(level, class, property, subject) of every profile property a thing lacks."""
    found = []
    for cls, (mandatory, recommended) in PROFILE.items():
        for subject in graph.subjects(RDF.type, URIRef(cls)):
            for level, properties in (("mandatory", mandatory), ("recommended", recommended)):
                found += [(level, cls, str(p), str(subject)) for p in properties
                          if graph.value(subject, URIRef(str(p))) is None]
    return found


def _results(graph: Graph, shapes: str) -> list[tuple[str, str, str, str]]:
    """(severity, path, component, focus) of each result of ``shapes`` on the catalogue's own things (the EU tables
    are in the data graph only so that their concepts have their classes)."""
    data = Graph()
    data += graph
    for table in ("data-theme-skos.rdf", "access-right-skos.rdf"):
        data.parse(SHAPES / table, format="xml")
    _, report, _ = validate(data, shacl_graph=Graph().parse(SHAPES / shapes, format="turtle"), inference="none",
                            advanced=True, allow_warnings=True)
    own = set(graph.subjects())
    return sorted(
        (str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[1], str(report.value(r, SH.resultPath)),
         str(report.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[1], str(report.value(r, SH.focusNode)))
        for r in report.subjects(RDF.type, SH.ValidationResult) if report.value(r, SH.focusNode) in own
    )


def test_every_forbund_and_the_site_have_a_catalogue(catalogues: dict[str, Graph]) -> None:
    forbund = sorted(p.name for p in (REPO / "content").iterdir() if (p / "forbund.yaml").is_file())
    assert sorted(catalogues) == sorted(["data/katalog.rdf", *(f"{f}/data/katalog.rdf" for f in forbund)])


def test_every_mandatory_property_is_there_and_every_recommended_one_the_content_states(
    catalogues: dict[str, Graph],
) -> None:
    for name, graph in catalogues.items():
        assert {cls for cls in PROFILE if any(graph.subjects(RDF.type, URIRef(cls)))} == set(PROFILE), name
        missing = _missing(graph)
        assert [m for m in missing if m[0] == "mandatory"] == [], name
        assert {m[2] for m in missing} <= set(NOT_STATED) | set(WHERE_STATED), name
    union = {m[2] for graph in catalogues.values() for m in _missing(graph)}
    assert set(NOT_STATED) <= union  # each reason above is still needed


def test_a_site_that_states_licence_phone_and_orgnr_lacks_only_what_no_content_states(make_site: SiteFactory) -> None:
    out = _built(_site(make_site))
    graph = _parse(out / "exempel/data/katalog.rdf")
    assert {m[2] for m in _missing(graph)} == set(NOT_STATED)


def test_every_catalogue_passes_the_swedish_profile_shapes(catalogues: dict[str, Graph]) -> None:
    for name, graph in catalogues.items():
        results = _results(graph, "dcat-ap-se-3.0.1.ttl")
        assert [r for r in results if r[0] == "Violation"] == [], name
        assert {r[1] for r in results} <= set(NOT_STATED) | set(WHERE_STATED), name


def test_every_catalogue_passes_the_eu_shapes_where_the_swedish_profile_does_not_differ(
    catalogues: dict[str, Graph],
) -> None:
    used = set()
    for name, graph in catalogues.items():
        results = _results(graph, "dcat-ap-SHACL.ttl")
        used |= {(r[1], r[2]) for r in results}
        assert [r for r in results if (r[1], r[2]) not in SWEDISH_FORM] == [], name
    assert used == set(SWEDISH_FORM)  # every difference listed is one the catalogue has


def test_the_shapes_find_a_missing_publisher_and_email(catalogues: dict[str, Graph]) -> None:
    graph = Graph()
    graph += catalogues["ornskoldsvik/data/katalog.rdf"]
    dataset = URIRef("https://example.se/planer/ornskoldsvik/2024/#datamangd")
    graph.remove((dataset, DCTERMS.publisher, None))
    graph.remove((None, URIRef(VCARD + "hasEmail"), None))
    graph.set((next(graph.subjects(RDF.type, DCAT.Distribution)), DCAT.byteSize, URIRef("https://example.se/")))
    violations = {(r[1], r[2]) for r in _results(graph, "dcat-ap-se-3.0.1.ttl") if r[0] == "Violation"}
    assert violations == {(str(DCTERMS.publisher), "MinCountConstraintComponent"),
                          (VCARD + "hasEmail", "MinCountConstraintComponent"),
                          (str(DCAT.byteSize), "DatatypeConstraintComponent")}


def test_an_arsredovisning_is_a_dataset_of_its_year_and_passes_the_shapes(make_site: SiteFactory) -> None:
    root = _site(make_site)
    shutil.copytree(Path(__file__).parent / "fixtures/arsredovisning", root / "content/exempel/2024-arsredovisning")
    out = _built(root)
    graph = _parse(out / "exempel/data/katalog.rdf")
    dataset = URIRef("https://example.se/planer/exempel/2024-arsredovisning/#datamangd")
    period = graph.value(dataset, DCTERMS.temporal)
    assert (str(graph.value(period, DCAT.startDate)), str(graph.value(period, DCAT.endDate))) == (
        "2024-01-01", "2024-12-31")
    assert str(graph.value(dataset, DCTERMS.issued)) == "2025-03-20"
    files = sorted(str(graph.value(d, DCAT.downloadURL)).rsplit("/", 1)[1]
                   for d in graph.objects(dataset, DCAT.distribution))
    assert files == ["exempel-2024-arsredovisning-ekonomi.csv", "exempel-2024-arsredovisning-ekonomi.json"]
    assert "årsredovisning" in {str(k) for k in graph.objects(dataset, DCAT.keyword)}
    assert graph.value(URIRef(BASE_IRI + "exempel/data/katalog.rdf"), DCTERMS.modified) is not None
    results = _results(graph, "dcat-ap-se-3.0.1.ttl")
    assert [r for r in results if r[0] == "Violation"] == []


def test_the_example_of_a_forbunds_year_passes_the_shapes_with_every_document(tmp_path: Path) -> None:
    """examples/dokument (a plan, a delårsrapport and an årsredovisning) published at an address."""
    site = tmp_path / "dokument"
    shutil.copytree(REPO / "examples/dokument", site)
    with (site / "site.yaml").open("a", encoding="utf-8") as file:
        file.write("base_url: https://example.se/exempel/\n")
    out = tmp_path / "out"
    assert build(site, out).written
    graph = _parse(out / "exempel/data/katalog.rdf")
    datasets = sorted(str(d) for d in graph.subjects(RDF.type, DCAT.Dataset))
    assert datasets == sorted(f"https://example.se/exempel/exempel/{folder}/#datamangd"
                              for folder in ("2024", "2024-arsredovisning", "2024-delarsrapport"))
    assert [m for m in _missing(graph) if m[0] == "mandatory"] == []
    assert [r for r in _results(graph, "dcat-ap-se-3.0.1.ttl") if r[0] == "Violation"] == []
    assert [r for r in _results(graph, "dcat-ap-SHACL.ttl") if (r[1], r[2]) not in SWEDISH_FORM] == []
