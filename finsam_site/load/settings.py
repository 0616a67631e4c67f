"""Site settings: the schema of ``site.yaml``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from .fields import Date, Flag, Strict, web_address_problem
from .forbund import RuleConfig


class Contact(Strict):
    name: str = Field(alias="namn", description="Vem som svarar, t.ex. förbundets kansli")
    email: str | None = Field(None, alias="e-post")
    phone: str | None = Field(None, alias="telefon")


class Accessibility(Strict):
    """What the accessibility statement (tillgänglighetsredogörelse) must say; no dates are invented."""

    status: Literal["helt förenlig", "delvis förenlig", "inte förenlig"] = Field(
        alias="status", description="Hur väl webbplatsen uppfyller lagen (2018:1937)"
    )
    known_issues: str = Field("", alias="brister", description="Kända brister och varför (Markdown)")
    method: str = Field(alias="metod", description="Hur tillgängligheten har bedömts")
    assessed: Date = Field(alias="bedömd", description="När bedömningen gjordes")
    updated: Date = Field(alias="uppdaterad", description="När redogörelsen senast uppdaterades")


class Licence(Strict):
    """The licence the open data is published under; finsam-site never assumes one (docs/open-data.md)."""

    name: str = Field(alias="namn", description="Licensens namn, t.ex. CC0 1.0 eller CC BY 4.0")
    url: str | None = Field(
        None, alias="url", description="Adressen till licenstexten, t.ex. https://creativecommons.org/licenses/by/4.0/"
    )

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and web_address_problem(value) is not None:
            raise ValueError(
                f"`{value}` är inte en fullständig webbadress; skriv adressen till licenstexten med https://, "
                "till exempel https://creativecommons.org/publicdomain/zero/1.0/."
            )
        return value


class MarkdownSettings(Strict):
    """How authors' Markdown is turned into HTML (see docs/security.md)."""

    allow_html: Flag = Field(
        False,
        alias="tillåt_html",
        description="Behåll rå HTML i Markdown som den skrevs, utan att rensa den (standard: nej, den rensas)",
    )


class SiteConfig(Strict):
    title: str = Field(alias="titel", description="Webbplatsens namn")
    description: str = Field("", alias="beskrivning")
    publisher: str = Field(alias="utgivare", description="Organisationen som publicerar webbplatsen")
    base_url: str | None = Field(None, alias="base_url", description="Adress där webbplatsen publiceras")
    contact: Contact = Field(alias="kontakt")
    templates: str = Field(
        "templates", alias="mallar", description="Mapp med egna mallar som ersätter standardmallarna"
    )
    content: str = Field("content", alias="innehåll", description="Mapp med innehållet")
    accessibility: Accessibility | None = Field(None, alias="tillgänglighet")
    licence: Licence | None = Field(
        None, alias="licens", description="Licensen för de öppna data (standard: ingen licens anges)"
    )
    search: Flag = Field(True, alias="sök", description="Bygg ett sökindex med Pagefind (standard: ja)")
    drafts: Flag = Field(
        True,
        alias="utkast",
        description="Ta med planer som inte är beslutade (status: utkast eller förslag) i bygget, tydligt märkta som "
        "utkast (standard: ja). false lämnar dem utanför; förhandsvisningen visar dem alltid.",
    )
    pdf: Flag = Field(False, alias="pdf", description="Skapa en tillgänglig PDF av varje plan (kräver WeasyPrint)")
    small_numbers: int = Field(5, alias="minsta_antal", description="Antal under gränsen visas som ”färre än N”")
    rules: RuleConfig = Field(default_factory=RuleConfig, alias="regler")
    markdown: MarkdownSettings = Field(
        default_factory=MarkdownSettings, alias="markdown", description="Hur löptexten i Markdown görs om till HTML"
    )

    @field_validator("small_numbers")
    @classmethod
    def _small_numbers(cls, value: int) -> int:
        if value < 0:
            raise ValueError(f"`{value}`: `minsta_antal` kan inte vara negativt; skriv 0 för att visa alla antal.")
        return value
