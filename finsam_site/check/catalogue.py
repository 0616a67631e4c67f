"""What the DCAT-AP-SE catalogue needs from the site's facts, and the warnings where a fact is missing.

A build with ``base_url`` writes a catalogue for Sveriges dataportal (pages/catalogue.py, output/catalogue.py).
It can only say what site.yaml and forbund.yaml state, so ``check`` warns, at the place to write it, where the
catalogue must do without a fact the dataportal uses:

- ``katalog-orgnr``: a förbund without ``orgnr`` (or with a value that is no organisation number). The catalogue
  then names the publisher by an address on the förbund's own page instead of the dataportal's
  ``http://dataportal.se/organisation/SE<orgnr>``, and gives no ``dcterms:identifier``; the dataportal cannot tell
  it is the organisation it has registered.
- ``katalog-kontakt``: site.yaml's ``kontakt`` without ``e-post``, which DCAT-AP-SE requires of a contact point.
- ``katalog-licens``: a licence that the catalogue cannot name by an address (no ``url`` and not one of the
  Creative Commons licences the dataportal lists): the data files are then described without a licence.

Their severity is set like a rule's (``regler: allvarlighet:`` in site.yaml, or in forbund.yaml for
``katalog-orgnr``): ``fel``, ``varning`` (the default) or ``av``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..diagnostics import ERROR, WARNING, Diagnostic, Severity
from ..load.content import SiteContent
from ..load.settings import Licence

# The Creative Commons licences as the dataportal lists them (DCAT-AP-SE 3.0.1, "cc-license-choices"): http,
# with the trailing slash; any other spelling of the same licence is another IRI to the harvester.
CC_LICENCES = {
    "by": "http://creativecommons.org/licenses/by/4.0/",
    "by-nc": "http://creativecommons.org/licenses/by-nc/4.0/",
    "by-nc-nd": "http://creativecommons.org/licenses/by-nc-nd/4.0/",
    "by-nc-sa": "http://creativecommons.org/licenses/by-nc-sa/4.0/",
    "by-nd": "http://creativecommons.org/licenses/by-nd/4.0/",
    "by-sa": "http://creativecommons.org/licenses/by-sa/4.0/",
    "zero": "http://creativecommons.org/publicdomain/zero/1.0/",
}
_CC_URL = re.compile(r"^https?://(?:www\.)?creativecommons\.org/(?:licenses/([a-z-]+)/4\.0|publicdomain/(zero)/1\.0)"
                     r"(?:/(?:legalcode|deed)?(?:\.[a-zA-Z-]+)?)?/?$")
_CC_NAME = re.compile(r"^cc[ -]?(by(?:[ -](?:nc|nd|sa))*)[ -]?4\.0$|^(cc0)(?:[ -]?1\.0)?$")


def licence_iri(licence: Licence | None) -> tuple[str, bool] | None:
    """The licence's IRI as the dataportal expects it, and whether it is one of the Creative Commons licences it
    lists (else the author's own address, a ``dcterms:LicenseDocument``); None where it cannot be named."""
    if licence is None:
        return None
    if licence.url:
        match = _CC_URL.match(licence.url.strip())
        if match:
            return CC_LICENCES.get(match.group(1) or match.group(2), licence.url), True
    name = _CC_NAME.match(" ".join(licence.name.lower().split()))
    if name:
        key = "zero" if name.group(2) else name.group(1).replace(" ", "-")
        if key in CC_LICENCES:
            return CC_LICENCES[key], True
    return (licence.url, False) if licence.url else None


def org_digits(org_nr: str | None) -> str | None:
    """An organisation number's ten digits (``222000-2063`` → ``2220002063``); None for anything else, such as a
    value that says the source does not state it."""
    digits = "".join(c for c in org_nr or "" if c.isdigit())
    return digits if len(digits) == 10 and re.fullmatch(r"\d{6}-?\d{4}", (org_nr or "").strip()) else None


def check_catalogue(site: SiteContent) -> list[Diagnostic]:
    """The catalogue's warnings (none without ``base_url``: no catalogue is written)."""
    config = site.config.model
    if config.base_url is None:
        return []
    found: list[Diagnostic] = []
    site_severities: dict[str, str] = dict(config.rules.severities)
    for forbund in site.forbund:
        info = forbund.info.model
        rules = info.rules
        severity = _severity({**site_severities, **(rules.severities if rules else {})}, "katalog-orgnr")
        if org_digits(info.org_nr) is None and severity:
            mark = forbund.info.doc.mark(("namn",)) if forbund.info.doc.marks else None
            found.append(Diagnostic(
                forbund.info.path, mark.line if mark else 0, mark.column if mark else 0, severity, "katalog-orgnr",
                f"{info.name} har inget organisationsnummer: datakatalogen för Sveriges dataportal kan då inte "
                "ange utgivaren så att dataportalen känner igen förbundet.",
                "Skriv förbundets organisationsnummer i forbund.yaml, till exempel `orgnr: 222000-2063`.",
            ))
    contact_severity = _severity(site_severities, "katalog-kontakt")
    if config.contact.email is None and contact_severity:
        mark = site.config.doc.mark(("kontakt",))
        found.append(Diagnostic(site.config.path, mark.line, mark.column, contact_severity, "katalog-kontakt",
                                "Kontakten i site.yaml har ingen e-postadress, som datakatalogen för Sveriges "
                                "dataportal måste ange för varje datamängd.",
                                "Skriv en adress under `kontakt:`, till exempel `e-post: kansli@example.se`."))
    licence_severity = _severity(site_severities, "katalog-licens")
    if config.licence is not None and licence_iri(config.licence) is None and licence_severity:
        mark = site.config.doc.mark(("licens", "namn"))
        found.append(Diagnostic(site.config.path, mark.line, mark.column, licence_severity, "katalog-licens",
                                f"Licensen `{config.licence.name}` har ingen adress, så datakatalogen kan inte ange "
                                "den för filerna.",
                                "Skriv licensens adress under `licens:`, till exempel "
                                "`url: https://creativecommons.org/licenses/by/4.0/`."))
    return found


def _severity(severities: Mapping[str, str], rule: str) -> Severity | None:
    setting = severities.get(rule, WARNING)
    return None if setting == "av" else ERROR if setting == ERROR else WARNING

