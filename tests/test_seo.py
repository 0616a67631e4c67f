"""The published folder: sitemap.xml, robots.txt, canonical and Open Graph addresses, the 404 page, the favicon,
reproducible output, and the link check of build --check-links."""

from __future__ import annotations

import runpy
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import PLAN, REPO, SiteFactory, run_cli, snapshot, soup

from finsam_site.build import build
from finsam_site.output.linkcheck import resolve

SITE_WITH_ADDRESS = """
titel: Exempelplaner
beskrivning: En liten webbplats för testerna.
utgivare: Exempelförbundet
base_url: https://example.se/planer
kontakt:
  namn: Kansliet
  e-post: kansli@example.se
"""
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _built(make_site: SiteFactory, tmp_path: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    out = tmp_path / "out"
    result = build(make_site(files), out)
    assert result.written, [d.format() for d in result.diagnostics]
    return out


def test_sitemap_lists_every_page_at_its_published_address(make_site: SiteFactory, tmp_path: Path) -> None:
    out = _built(make_site, tmp_path, {"site.yaml": SITE_WITH_ADDRESS})
    locs = [e.text for e in ET.parse(out / "sitemap.xml").getroot().iter(f"{SITEMAP_NS}loc")]
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    unlisted = ("404.html", "sok/index.html")
    expected = sorted("https://example.se/planer/" + p.removesuffix("index.html") for p in pages if p not in unlisted)
    assert sorted(locs) == expected
    assert "https://example.se/planer/exempel/2024/insatser/vidare-vy/" in locs
    assert "https://example.se/planer/" in locs
    assert not any("404" in str(loc) or "/sok/" in str(loc) for loc in locs)
    assert "<lastmod>" not in (out / "sitemap.xml").read_text("utf-8")  # no clocks


def test_robots_names_the_sitemap(make_site: SiteFactory, tmp_path: Path) -> None:
    out = _built(make_site, tmp_path, {"site.yaml": SITE_WITH_ADDRESS})
    assert (out / "robots.txt").read_text("utf-8") == (
        "User-agent: *\nDisallow: /planer/pagefind/\n\nSitemap: https://example.se/planer/sitemap.xml\n"
    )


def test_canonical_and_open_graph_use_the_address_and_links_stay_relative(
    make_site: SiteFactory, tmp_path: Path
) -> None:
    out = _built(make_site, tmp_path, {"site.yaml": SITE_WITH_ADDRESS})
    html = soup(out / "exempel/2024/insatser/vidare-vy/index.html")
    address = "https://example.se/planer/exempel/2024/insatser/vidare-vy/"
    assert html.find("link", rel="canonical")["href"] == address
    assert html.find("meta", property="og:url")["content"] == address
    assert html.find("meta", property="og:title")["content"] == "Vidare Vy – Exempel"
    assert html.find("meta", property="og:locale")["content"] == "sv_SE"
    assert html.title is not None and html.title.get_text() == "Vidare Vy – Exempel | Exempelplaner"
    assert html.find("meta", attrs={"name": "description"})["content"].startswith("Insatsen Vidare Vy")
    assert html.find("link", rel="icon", type="image/svg+xml")["href"] == "../../../../assets/favicon.svg"
    assert (out / "assets/favicon.svg").read_text("utf-8").startswith("<svg")
    internal = [a["href"] for a in html.find_all("a") if not a["href"].startswith(("mailto:", "https:"))]
    assert internal and not any(href.startswith("/") or "example.se" in href for href in internal)


def test_an_ico_favicon_is_linked_beside_the_svg_one(make_site: SiteFactory, tmp_path: Path) -> None:
    out = _built(make_site, tmp_path)
    icons = soup(out / "exempel/2024/insatser/vidare-vy/index.html").find_all("link", rel="icon")
    assert [(i["href"], i.get("sizes"), i.get("type")) for i in icons] == [
        ("../../../../assets/favicon.ico", "32x32", None),  # first, with its size, so that browsers prefer the SVG
        ("../../../../assets/favicon.svg", None, "image/svg+xml"),
    ]
    assert soup(out / "index.html").find("link", rel="icon")["href"] == "assets/favicon.ico"
    ico = (out / "assets/favicon.ico").read_bytes()
    assert ico[:6] == b"\x00\x00\x01\x00\x01\x00"  # an icon file holding one image
    assert (ico[6], ico[7], int.from_bytes(ico[12:14], "little")) == (32, 32, 32)  # 32×32, 32 bits per pixel
    drawn = runpy.run_path(str(REPO / "tools/make_favicon.py"))["favicon"]()
    assert ico == drawn, "run python3 tools/make_favicon.py after changing the icon"


def test_without_an_address_there_is_no_sitemap_and_no_canonical(make_site: SiteFactory, tmp_path: Path) -> None:
    out = _built(make_site, tmp_path)
    assert not (out / "sitemap.xml").exists()
    assert (out / "robots.txt").read_text("utf-8") == "User-agent: *\nDisallow: /pagefind/\n"
    assert soup(out / "index.html").find("link", rel="canonical") is None
    assert soup(out / "404.html").find("base") is None


def test_the_404_page_is_swedish_and_resolves_its_links_from_the_site_folder(
    make_site: SiteFactory, tmp_path: Path
) -> None:
    out = _built(make_site, tmp_path, {"site.yaml": SITE_WITH_ADDRESS})
    html = soup(out / "404.html")
    assert html.html is not None and html.html["lang"] == "sv"
    assert html.h1 is not None and html.h1.get_text() == "Sidan finns inte"
    assert html.find("base")["href"] == "/planer/"
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert html.find("link", rel="canonical") is None
    assert html.find("a", string="Gå till startsidan")["href"] == "index.html"


def test_a_base_url_that_is_no_address_is_a_located_error(make_site: SiteFactory) -> None:
    root = make_site({"site.yaml": SITE_WITH_ADDRESS.replace("https://example.se/planer", "example.se/planer")})
    result = run_cli("check", "--site", root)
    assert result.returncode == 1
    assert "site.yaml:4:11: fel [base-url] `base_url` måste vara en fullständig webbadress" in result.stderr


def test_two_builds_of_the_seed_plans_are_byte_identical(tmp_path: Path) -> None:
    first, second = build(REPO, tmp_path / "a", strict=True), build(REPO, tmp_path / "b", strict=True)
    assert first.written and second.written, [d.format() for d in first.diagnostics]
    assert first.diagnostics == second.diagnostics == [], [d.format() for d in first.diagnostics]
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert any(name.startswith("pagefind/fragment/") for name in a)
    assert "sitemap.xml" in a and "data/index.json" in a
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []


def test_check_links_passes_on_the_seed_plans(tmp_path: Path) -> None:
    result = run_cli("build", "--strict", "--check-links", "--site", REPO, "--out", tmp_path / "o")
    assert result.returncode == 0, result.stderr
    assert "länk" not in result.stderr
    assert result.stderr.rstrip().endswith("Bygget är klart: inga fel, 0 varningar."), result.stderr


def test_check_links_reports_a_broken_link_and_anchor_with_page_and_target(
    make_site: SiteFactory, tmp_path: Path
) -> None:
    root = make_site(
        {
            f"{PLAN}/avsnitt/01-inledning.md": """
            ---
            rubrik: Inledning
            ---
            Läs [om insatsen](insatser/finns-inte/index.html) och [målet](mal/fler-i-arbete/index.html#saknas).
            Det [här ankaret](#inledning) och [insatsen](insatser/vidare-vy/index.html) finns.
            """
        }
    )
    out = tmp_path / "o"
    assert run_cli("build", "--site", root, "--out", out).returncode == 0  # without the check the site is built
    before = snapshot(out)
    result = run_cli("build", "--check-links", "--site", root, "--out", out)
    assert result.returncode == 1
    page = "exempel/2024/index.html"
    assert f"{page}:" in result.stderr
    assert (
        "fel [länk-saknas] Länken `insatser/finns-inte/index.html` pekar på "
        "`exempel/2024/insatser/finns-inte/index.html`, som inte finns på webbplatsen." in result.stderr
    )
    assert (
        "fel [länk-ankare] Länken `mal/fler-i-arbete/index.html#saknas` pekar på ankaret `#saknas`, "
        "som inte finns på sidan `exempel/2024/mal/fler-i-arbete/index.html`." in result.stderr
    )
    assert result.stderr.count("[länk-") == 2
    assert "tips: Rätta länken" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(out) == before  # a failed check leaves the published output as it was


@pytest.mark.parametrize(
    ("page", "href", "page_base", "expected"),
    [
        ("a/b/index.html", "../c/", None, ("a/c/index.html", "")),
        ("a/index.html", "#mal", None, ("a/index.html", "mal")),
        ("a/index.html", "https://example.se/planer/x/#y", None, ("x/index.html", "y")),
        ("a/index.html", "https://example.se/planer/", None, ("index.html", "")),
        ("a/index.html", "https://www.riksdagen.se/", None, None),
        ("a/index.html", "mailto:kansli@example.se", None, None),
        ("a/index.html", "/annan/sida.html", None, ("../annan/sida.html", "")),
        ("a/index.html", "../../utanfor.html", None, ("../utanfor.html", "")),
        ("404.html", "sok/index.html", "/planer/", ("sok/index.html", "")),
    ],
)
def test_link_resolution(page: str, href: str, page_base: str | None, expected: tuple[str, str] | None) -> None:
    assert resolve(page, href, "https://example.se/planer/", page_base) == expected
