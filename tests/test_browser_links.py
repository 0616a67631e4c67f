"""Every link of every page clicked in a real browser, on a site full of script payloads: no dialog may open.

The minimal fixture gets the script-in-content case and a payload in YAML fields and Markdown (javascript: links
in their disguises, event attributes, raw HTML), is built, and each page is opened from disk in Chromium; every
distinct link address is clicked once (from the first page that has it). Addresses off the disk are answered
with an empty answer, so the test never waits on the network.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from pathlib import Path

import pytest
from browser import chromium, require_browser
from conftest import FIXTURES, PLAN, add_second_forbund

from finsam_site.build import build

BROKEN = Path(__file__).parent / "broken"
PAYLOAD = "<script>alert('yaml')</script>\"'><img src=x onerror=alert('img')><svg onload=alert('svg')>"
MARKDOWN_LINKS = """
[a](javascript:alert('md')) [b](JaVaScRiPt:alert('case')) [c](&#106;avascript:alert('entity'))
[d](data:text/html,<script>alert('data')</script>) <javascript:alert('auto')> [e][ref]
<a href="jav&#x09;ascript:alert('tab')">f</a> <a href="javascript&colon;alert('colon')">g</a>
<a href=" javascript:alert('space')">h</a> [i](vbscript:msgbox('vb')) <details open ontoggle=alert('t')>j</details>

[ref]: javascript:alert('reference')
"""


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_browser()
    home = tmp_path_factory.mktemp("links")
    site = home / "site"
    shutil.copytree(FIXTURES / "minimal", site)
    shutil.copytree(BROKEN / "script-in-content", site, dirs_exist_ok=True)
    for rel, old in ((f"{PLAN}/plan.yaml", "vision: Alla har en plats i arbetslivet."),
                     ("content/exempel/forbund.yaml", "län: Exempellän"),
                     ("site.yaml", "beskrivning: En liten webbplats för testerna.")):
        path = site / rel
        key = old.split(":")[0]
        path.write_text(path.read_text("utf-8").replace(old, f"{key}: {json.dumps(PAYLOAD)}"), "utf-8")
    with (site / "content/exempel/forbund.yaml").open("a", encoding="utf-8") as file:
        file.write("webbplats: 'https://exempel.se/?q=\"><script>alert(1)</script>'\n")
    with (site / PLAN / "avsnitt/01-inledning.md").open("a", encoding="utf-8") as file:
        file.write(MARKDOWN_LINKS)
    add_second_forbund(site)  # two förbund: the pages across förbund (parties, comparison) are clicked too
    out = home / "output"
    result = build(site, out)
    assert result.written, [d.format() for d in result.diagnostics]
    return out


def test_clicking_every_link_of_every_page_opens_no_dialog(payload_site: Path) -> None:
    from playwright.sync_api import Error as PlaywrightError  # its timeout too; an aborted off-disk address

    pages = sorted(payload_site.rglob("*.html"))
    assert len(pages) > 15
    dialogs: list[str] = []
    clicked: set[str] = set()
    with chromium() as browser:
        context = browser.new_context()
        context.route(re.compile(r"^(?!file:).*"), lambda route: route.fulfill(status=204, body=""))
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        for path in pages:
            page.goto(path.as_uri())
            hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
            for index, href in enumerate(hrefs):
                if href in clicked:
                    continue
                clicked.add(href)
                if page.url != path.as_uri():
                    page.goto(path.as_uri())
                before = page.url
                page.locator("a[href]").nth(index).dispatch_event("click")
                # a link that navigates: wait until it has (a link to this page, or to nothing, does not)
                with contextlib.suppress(PlaywrightError):
                    page.wait_for_url(lambda url, before=before: url != before, timeout=500)
                page.wait_for_load_state()
    assert dialogs == []
    assert len(clicked) > 40
    assert any(href.startswith("https://exempel.se/") for href in clicked)  # the förbund's own website, linked
