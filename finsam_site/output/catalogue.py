"""The DCAT-AP-SE 3.0.1 catalogue as RDF/XML, the form Sveriges dataportal harvests (docs/open-data.md).

A catalogue page (pages/catalogue.py) names the documents it describes and their data files; this renderer makes
one ``dcat:Catalog``, one ``dcat:Dataset`` per document and one ``dcat:Distribution`` per data file, with the
publisher (``foaf:Agent``, by the dataportal's IRI for the organisation number), one contact point
(``vcard:Organization``, site.yaml's ``kontakt``) and each dataset's period (``dcterms:PeriodOfTime``). Every
thing has an absolute IRI (urls.CatalogueIris): no blank nodes, as the dataportal asks.

Everything comes from the content: titles, keywords and themes from the documents and forbund.yaml, issued and
modified from the decision dates (``beslutad``, ``reviderad``), a file's ``dcat:byteSize`` from ``measure``: the
size of the file as written (a build makes the catalogues after every other file, output/render.py). No clock is
read, and the RDF/XML is written in a fixed order (:class:`OrderedGraph`; rdflib declares the namespaces in a set's
order, so they are sorted here): two builds of the same content give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from .. import urls
from ..check.catalogue import licence_iri, org_digits
from ..diagnostics import Diagnostic
from ..load.content import DocumentContent
from ..load.documents import Document, InterimReport
from ..load.model import Plan
from ..load.settings import Contact, SiteConfig
from ..pages.page import Page
from ..urls import CatalogueIris, Download

if TYPE_CHECKING:
    import jinja2

    from ..compute.cards import ForbundCard
    from ..pages.catalogue import Described

DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
THEMES = Namespace(EU + "data-theme/")
SWEDISH = URIRef(EU + "language/SWE")
PUBLIC = URIRef(EU + "access-right/PUBLIC")
LOCAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/LocalAuthority")
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")  # DCAT-AP-SE: the metadata itself is CC0
MEDIA_TYPES = {"CSV": "text/csv", "JSON": "application/json"}  # a Download's format → its IANA media type
IANA = "https://www.iana.org/assignments/media-types/"
KEYWORDS = ("samordningsförbund", "finansiell samordning", "rehabilitering")
DOCUMENT_KEYWORDS = {"verksamhetsplan": ("verksamhetsplan", "budget", "mål", "insatser"),
                     "delårsrapport": ("delårsrapport", "utfall", "prognos"),
                     "årsredovisning": ("årsredovisning", "utfall", "bokslut"),
                     "rapport": ("uppföljning", "utfall")}

Measure = Callable[[Page], int | None]
Rendered = tuple[dict[str, bytes], list[Diagnostic]]


def render(env: jinja2.Environment, pages: list[Page], site: dict[str, Any], measure: Measure) -> Rendered:
    """The catalogue pages among ``pages``, by URL; ``measure`` gives a data file's size as written."""
    config: SiteConfig = site["config"]
    sizes: dict[str, int | None] = {}

    def size(page: Page) -> int | None:
        if page.url not in sizes:
            sizes[page.url] = measure(page)
        return sizes[page.url]

    return {page.url: catalogue_rdf(page, config, size) for page in pages}, []


def catalogue_rdf(page: Page, config: SiteConfig, size: Measure) -> bytes:
    assert config.base_url is not None  # pages/groups.py makes a catalogue only for a site with an address
    iris = CatalogueIris(config.base_url)
    graph = OrderedGraph(bind_namespaces="core")  # core: xml (for xml:lang), rdf, xsd
    for prefix, namespace in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("vcard", VCARD),
                              ("dcatap", DCATAP), ("xsd", XSD), ("rdf", RDF)):
        graph.bind(prefix, namespace)
    own: ForbundCard | None = page.context["own"]
    documents: list[Described] = page.context["documents"]
    forbund: list[ForbundCard] = page.context["forbund"]
    catalogue = URIRef(iris.of(page.url))
    publisher = _site_publisher(graph, iris, config, forbund) if own is None else _publisher(graph, iris, own)
    add = graph.add
    add((catalogue, RDF.type, DCAT.Catalog))
    add((catalogue, DCTERMS.title, _sv(f"Öppna data från {own.info.name}" if own else config.title)))
    add((catalogue, DCTERMS.description, _sv(_catalogue_description(config, own))))
    add((catalogue, DCTERMS.publisher, publisher))
    add((catalogue, DCTERMS.license, CC0))
    add((catalogue, DCTERMS.language, SWEDISH))
    add((catalogue, FOAF.homepage, URIRef(iris.of(own.url if own else "index.html"))))
    add((catalogue, DCAT.themeTaxonomy, URIRef(EU + "data-theme")))
    metas: list[Document] = [doc.document.meta.model for doc in documents]
    issued = [m.decided for m in metas if m.decided is not None]
    modified = [m.revised or m.decided for m in metas if m.revised or m.decided]
    if issued:
        add((catalogue, DCTERMS.issued, Literal(min(issued), datatype=XSD.date)))
    if modified:
        add((catalogue, DCTERMS.modified, Literal(max(d for d in modified if d is not None), datatype=XSD.date)))
    contact = _contact(graph, iris, config.contact)
    for doc in documents:
        add((catalogue, DCAT.dataset, _dataset(graph, iris, config, doc, contact, size)))
    return _sorted_namespaces(graph.serialize(format="pretty-xml", max_depth=1, encoding="utf-8"))


def _sv(text: str) -> Literal:
    return Literal(" ".join(text.split()), lang="sv")


def _catalogue_description(config: SiteConfig, own: ForbundCard | None) -> str:
    if own is not None:
        return (f"Budgetar, ekonomi, mål och insatser ur {own.info.name}s planer och rapporter som öppna data "
                f"(CSV och JSON), publicerade på {config.title}.")
    return config.description or f"Samordningsförbundens budgetar, mål och insatser som öppna data: {config.title}."


def coverage(meta: Document) -> tuple[date, date]:
    """The time a document's data covers: a plan's budget year and plan years, a delårsrapport's year up to its
    last day (``period_till``), a report's year."""
    years = [meta.year, *(meta.plan_years or ())] if isinstance(meta, Plan) else [meta.year]
    end = meta.through if isinstance(meta, InterimReport) and meta.through else date(max(years), 12, 31)
    return date(meta.year, 1, 1), end


def _publisher(graph: Graph, iris: CatalogueIris, card: ForbundCard) -> URIRef:
    """A förbund as a ``foaf:Agent``: by the dataportal's IRI for its organisation number where forbund.yaml has
    one (check/catalogue.py warns where it has not)."""
    info = card.info
    digits = org_digits(info.org_nr)
    agent = URIRef(iris.publisher(card.id, digits))
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, FOAF.name, _sv(info.name)))
    graph.add((agent, DCTERMS.type, LOCAL_AUTHORITY))
    if digits:
        graph.add((agent, DCTERMS.identifier, Literal(digits)))
    members = ", ".join(m.name for m in info.members)
    graph.add((agent, DCTERMS.description, _sv(
        f"Samordningsförbund enligt lagen (2003:1210) om finansiell samordning av rehabiliteringsinsatser. "
        f"Medlemmar: {members}.")))
    if info.website:
        graph.add((agent, FOAF.homepage, URIRef(info.website)))
    return agent


def _site_publisher(graph: Graph, iris: CatalogueIris, config: SiteConfig, forbund: list[ForbundCard]) -> URIRef:
    """The publisher of the site's catalogue: the förbund itself on a site of one förbund (the dataportal advises
    against a publisher of the catalogue's own), else site.yaml's ``utgivare``."""
    if len(forbund) == 1:
        return _publisher(graph, iris, forbund[0])
    agent = URIRef(iris.site_publisher)
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, FOAF.name, _sv(config.publisher)))
    graph.add((agent, DCTERMS.type, LOCAL_AUTHORITY))
    graph.add((agent, DCTERMS.description, _sv(f"Utgivare av {config.title}.")))
    return agent


def _contact(graph: Graph, iris: CatalogueIris, contact: Contact) -> URIRef:
    node = URIRef(iris.contact)
    graph.add((node, RDF.type, VCARD.Organization))
    graph.add((node, VCARD.fn, Literal(contact.name)))
    if contact.email:
        graph.add((node, VCARD.hasEmail, URIRef("mailto:" + contact.email.strip())))
    phone = tel_uri(contact.phone)
    if phone:
        voice = URIRef(iris.telephone)
        graph.add((node, VCARD.hasTelephone, voice))
        graph.add((voice, RDF.type, VCARD.Voice))
        graph.add((voice, VCARD.hasValue, URIRef(phone)))
    return node


def tel_uri(phone: str | None) -> str | None:
    """``070-123 45 67`` → ``tel:+46701234567``; None for what is not a phone number."""
    if not phone or not re.fullmatch(r"[0-9+()\-.\s]+", phone):
        return None
    digits = re.sub(r"[^0-9+]", "", phone)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+46" + digits[1:]
    return "tel:" + digits if re.fullmatch(r"\+?[0-9]{5,}", digits) else None


def _dataset(graph: Graph, iris: CatalogueIris, config: SiteConfig, doc: Described, contact: URIRef,
             size: Measure) -> URIRef:
    document, info = doc.document, doc.forbund.info
    meta = document.meta.model
    dataset = URIRef(iris.dataset(document))
    add = graph.add
    add((dataset, RDF.type, DCAT.Dataset))
    add((dataset, DCTERMS.title, _sv(f"{meta.title} – {info.name}")))
    summary = meta.summary or f"{meta.title}, {info.name}."
    if meta.draft_label:
        summary += f" {meta.draft_label}."
    formats = " och ".join(sorted({d.format for d, _ in doc.files}))
    add((dataset, DCTERMS.description, _sv(
        f"{summary} Innehåll som öppna data ({formats}): " + ", ".join(_file_label(d) for d, _ in doc.files) + ".")))
    add((dataset, DCTERMS.publisher, _publisher(graph, iris, doc.forbund)))
    add((dataset, DCAT.contactPoint, contact))
    for keyword in (*KEYWORDS, *DOCUMENT_KEYWORDS.get(document.kind, (document.kind,)), info.short_name):
        add((dataset, DCAT.keyword, _sv(keyword)))
    has_budget = any(d.key.startswith("budget") for d, _ in doc.files)
    for theme in ("GOVE", "SOCI", *(["ECON"] if has_budget else [])):
        add((dataset, DCAT.theme, THEMES[theme]))
    if meta.decided is not None:
        add((dataset, DCTERMS.issued, Literal(meta.decided, datatype=XSD.date)))
    modified = meta.revised or meta.decided  # the latest decision about the document
    if modified is not None:
        add((dataset, DCTERMS.modified, Literal(modified, datatype=XSD.date)))
    period = URIRef(iris.period(document))
    add((dataset, DCTERMS.temporal, period))
    add((period, RDF.type, DCTERMS.PeriodOfTime))
    start, end = coverage(meta)
    add((period, DCAT.startDate, Literal(start, datatype=XSD.date)))
    add((period, DCAT.endDate, Literal(end, datatype=XSD.date)))
    standard = URIRef(iris.formats)
    add((dataset, DCTERMS.conformsTo, standard))
    add((standard, RDF.type, DCTERMS.Standard))
    add((standard, DCTERMS.title, _sv(f"Öppna data från {config.title}: filerna och deras kolumner")))
    add((dataset, DCTERMS.accessRights, PUBLIC))
    add((dataset, DCAT.landingPage, URIRef(iris.of(urls.plan(document)))))
    licence = licence_iri(config.licence)
    for download, data_page in doc.files:
        add((dataset, DCAT.distribution, _distribution(graph, iris, document, download, data_page, licence, size)))
    return dataset


def _file_label(download: Download) -> str:
    return f"{download.label.lower()} som {download.format} ({download.description})"


def _distribution(graph: Graph, iris: CatalogueIris, document: DocumentContent, download: Download, page: Page,
                  licence: tuple[str, bool] | None, size: Measure) -> URIRef:
    node = URIRef(iris.distribution(document, download.key))
    address = URIRef(iris.of(download.url))
    media = MEDIA_TYPES[download.format]
    add = graph.add
    add((node, RDF.type, DCAT.Distribution))
    add((node, DCTERMS.title, _sv(f"{download.label} ({download.format})")))
    add((node, DCTERMS.description, _sv(f"{download.label} som {download.format}: {download.description}.")))
    add((node, DCAT.accessURL, address))
    add((node, DCAT.downloadURL, address))
    add((node, DCTERMS["format"], Literal(media)))  # DCAT-AP-SE: the media type as text, from the profile's list
    add((node, DCAT.mediaType, URIRef(IANA + media)))
    add((URIRef(IANA + media), RDF.type, DCTERMS.MediaType))
    if licence is not None:
        iri, listed = licence
        add((node, DCTERMS.license, URIRef(iri)))
        if not listed:
            add((URIRef(iri), RDF.type, DCTERMS.LicenseDocument))
    measured = size(page)
    if measured is not None:
        add((node, DCAT.byteSize, Literal(measured, datatype=XSD.nonNegativeInteger)))
    return node


CLASS_ORDER = (DCAT.Catalog, DCAT.Dataset, DCAT.Distribution, FOAF.Agent, VCARD.Organization)
PREDICATE_ORDER = (RDF.type, DCTERMS.title, FOAF.name, VCARD.fn, DCTERMS.description)


class OrderedGraph(Graph):
    """A graph that lists its subjects and each subject's properties in a fixed order (the things by class, then
    by IRI; a thing's title, name and description first), so that rdflib's RDF/XML writer, which writes them in
    the order the store gives them (a hash order), writes the same bytes on every run."""

    def subjects(self, predicate: Any = None, object: Any = None, unique: bool = False) -> Any:
        found = set(super().subjects(predicate, object))
        return iter(sorted(found, key=self._subject_key))

    def predicate_objects(self, subject: Any = None, unique: bool = False) -> Any:
        found = set(super().predicate_objects(subject))
        return iter(sorted(found, key=lambda po: (_rank(PREDICATE_ORDER, po[0]), str(po[0]), str(po[1]))))

    def _subject_key(self, subject: Any) -> tuple[int, str]:
        kind = min((str(o) for o in super().objects(subject, RDF.type)), default=None)
        return _rank(CLASS_ORDER, kind), str(subject)


def _rank(order: tuple[URIRef, ...], item: Any) -> int:
    names = [str(i) for i in order]
    return names.index(str(item)) if str(item) in names else len(order)


def _sorted_namespaces(xml: bytes) -> bytes:
    """rdflib declares the namespaces in a set's order, which changes from run to run: sort them."""
    start = xml.index(b"<rdf:RDF")
    head, sep, rest = xml[start:].partition(b">")
    head = xml[:start] + head
    lines = head.split(b"\n")
    declarations = sorted(line for line in lines if line.lstrip().startswith(b"xmlns"))
    others = [line for line in lines if line.strip() and not line.lstrip().startswith(b"xmlns")]
    return b"\n".join([*others, *declarations]) + sep + rest
