"""Site settings: the schema of ``site.yaml``."""

from __future__ import annotations

from pydantic import Field

from .model import RuleConfig, Strict


class Contact(Strict):
    name: str = Field(alias="namn", description="Vem som svarar, t.ex. förbundets kansli")
    email: str | None = Field(None, alias="e-post")
    phone: str | None = Field(None, alias="telefon")


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
    rules: RuleConfig = Field(default_factory=RuleConfig, alias="regler")
