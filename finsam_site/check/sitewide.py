"""Site-wide checks: the site's published address, party names that would share one page, the mergers between
förbund (a predecessor or successor is a förbund of the whole site) and the facts the open-data catalogue needs
(catalogue.py)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from .. import urls
from ..diagnostics import ERROR, WARNING, Diagnostic
from ..load import values
from ..load.content import SiteContent
from ..load.explain import closest
from ..load.fields import web_address_problem
from .catalogue import check_catalogue
from .refs import at


def check_site(site: SiteContent) -> list[Diagnostic]:
    return check_base_url(site) + check_party_names(site) + list(check_successions(site)) + check_catalogue(site)


def check_base_url(site: SiteContent) -> list[Diagnostic]:
    base = site.config.model.base_url
    if base is None:
        return []
    parts = urlsplit(base)
    if web_address_problem(base) is None and "//" not in parts.path and not parts.query and not parts.fragment:
        return []  # no control character (urlsplit drops them), no `//` in the path (the 404 page's `<base>`)
    mark = site.config.doc.mark(("base_url",))
    return [
        Diagnostic(
            site.config.path,
            mark.line,
            mark.column,
            ERROR,
            "base-url",
            f"`base_url` måste vara en fullständig webbadress, inte `{base}`.",
            "Skriv adressen där webbplatsen publiceras, till exempel https://www.example.se/planer/.",
        )
    ]


def _same_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def check_party_names(site: SiteContent) -> list[Diagnostic]:
    """Two members whose different names give one party page (``Region X`` and ``Region X!``): one would
    silently take the other's page, so it is an error at the later member."""
    first: dict[str, tuple[str, str]] = {}  # slug → (name, file)
    found = []
    for forbund in site.forbund:
        for index, member in enumerate(forbund.info.model.members):
            slug = values.party_slug(member.name)
            name, where = first.setdefault(slug, (member.name, forbund.info.path))
            if _same_name(name) == _same_name(member.name):
                continue
            doc = forbund.info.doc
            mark = doc.mark(("medlemmar", index, "namn")) if doc.marks else None
            page = urls.party(slug).removesuffix("index.html")
            found.append(Diagnostic(
                forbund.info.path, mark.line if mark else 0, mark.column if mark else 0, ERROR, "part-namn",
                f"Medlemmen `{member.name}` skulle få samma sida ({page}) som `{name}` i {where}.",
                "Skriv namnet likadant som i det andra förbundet om det är samma organisation, annars ett namn "
                "som skiljer sig med mer än skiljetecken.",
            ))
    return found


def check_successions(site: SiteContent) -> Iterator[Diagnostic]:
    """A predecessor or successor named by its id is a förbund of the site, not the förbund itself; where both
    förbund state the merger, they agree on its date."""
    infos = {f.id: f.info.model for f in site.forbund}
    for forbund in site.forbund:
        info = forbund.info.model
        for key, links, other_side in (("föregångare", info.predecessors, "successors"),
                                       ("efterträdare", info.successors, "predecessors")):
            for i, link in enumerate(links):
                if link.forbund is None:
                    continue
                loc = (key, i, "förbund")
                if link.forbund == forbund.id:
                    yield at(forbund.info, loc, "ref-förbund", "Ett förbund kan inte vara sin egen "
                             f"{key}.", f"Ange id:t för det andra förbundet i `{key}:`.")
                elif link.forbund not in infos:
                    others = [f for f in infos if f != forbund.id]
                    hint = (f"menade du `{guess}`?" if (guess := closest(link.forbund, others)) else
                            "Skriv förbundets `namn:` i stället för `förbund:` om det inte finns på webbplatsen.")
                    yield at(forbund.info, loc, "ref-förbund", f"Förbundet `{link.forbund}` finns inte på "
                             "webbplatsen.", hint)
                else:
                    mirror = [m for m in getattr(infos[link.forbund], other_side) if m.forbund == forbund.id]
                    if link.effective is not None and any(m.effective not in (None, link.effective) for m in mirror):
                        yield at(forbund.info, (key, i, "datum"), "ref-förbund",
                                 f"Sammanslagningen med `{link.forbund}` har ett annat datum i dess forbund.yaml.",
                                 "Skriv samma `datum:` i båda förbundens forbund.yaml, eller bara i det ena.",
                                 WARNING)
