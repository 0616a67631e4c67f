"""The DCAT-AP-SE catalogues: which catalogue files a build with ``base_url`` makes, and what each describes.

Every site with a published address (``base_url``) gets ``data/katalog.rdf``, which describes every document's
data, and each förbund its own ``<förbund>/data/katalog.rdf``, which it can register with Sveriges dataportal
itself (docs/open-data.md). A catalogue is a page of format ``rdf`` (output/catalogue.py renders it); its context
holds the documents it describes, each with its data files as the very pages that make them (plan.py
``document_data_pages``), so that the renderer can give each file's size as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls
from ..compute.cards import Cards, ForbundCard
from ..load.content import DocumentContent, ForbundContent, SiteContent
from .page import Page
from .plan import document_data_pages


@dataclass(frozen=True)
class Described:
    """A document in a catalogue: its förbund (id and forbund.yaml), its content and its data files."""

    forbund: ForbundCard
    document: DocumentContent
    files: tuple[tuple[urls.Download, Page], ...]


def described(forbund: ForbundContent, card: ForbundCard, cards: Cards) -> list[Described]:
    """The documents of a förbund, oldest first, each with its data files."""
    head = ForbundCard(card.id, card.info, ())  # as a plan's own data files see their förbund
    found = []
    for document in forbund.documents:
        downloads = cards.plans[document.folder].downloads
        pages = document_data_pages(head, document, downloads)
        found.append(Described(head, document, tuple(zip(downloads, pages, strict=True))))
    return found


def site_catalogue(site: SiteContent, cards: Cards) -> list[Page]:
    """``data/katalog.rdf``: every förbund's documents."""
    documents = [d for forbund, card in zip(site.forbund, cards.forbund, strict=True)
                 for d in described(forbund, card, cards)]
    heads = [ForbundCard(card.id, card.info, ()) for card in cards.forbund]
    return [_page(urls.CATALOGUE, site.config.model.title, heads, documents, None)]


def forbund_catalogue(forbund: ForbundContent, card: ForbundCard, cards: Cards) -> list[Page]:
    """``<förbund>/data/katalog.rdf``: the förbund's own documents."""
    head = ForbundCard(card.id, card.info, ())
    return [_page(urls.forbund_catalogue(card.id), card.info.name, [head], described(forbund, card, cards), head)]


def _page(url: str, title: str, forbund: list[ForbundCard], documents: list[Described],
          own: ForbundCard | None) -> Page:
    return Page(
        url,
        "katalog",
        f"Datakatalog – {title}",
        "Öppna data beskrivna enligt DCAT-AP-SE för Sveriges dataportal.",
        context={"forbund": forbund, "documents": documents, "own": own},
        format="rdf",
    )
