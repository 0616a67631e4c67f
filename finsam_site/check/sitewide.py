"""Site-wide checks: the site's published address, party names that would share one page, and the facts the open-data
catalogue needs (catalogue.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

from .. import urls
from ..diagnostics import ERROR, Diagnostic
from ..load import values
from ..load.content import SiteContent
from ..load.fields import web_address_problem
from .catalogue import check_catalogue


def check_site(site: SiteContent) -> list[Diagnostic]:
    return check_base_url(site) + check_party_names(site) + check_catalogue(site)


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
