"""In the browser (issue 26): one agreement, several municipalities.

The Kreis hosts the register; its Fachbereich Bauhof owns the Bauhof agreement of the
Gemeinden Blankenheim, Dahlem and Nettersheim. Dahlem and Nettersheim are Kommunen of the
register under the names of their parties (partners by name); the Kreis's editor sets by hand
that the party »Gemeinde Blankenheim« is the Kommune »Blankenheim/Eifel«. Dahlem's editor
reads the agreement, records Dahlem's signature, and is refused (error listed on top, tied
to the field) when choosing another party. axe-core finds nothing, at 320 px nothing scrolls
sideways. A real ``vereinbarung web`` (waitress); Debian's chromium (skipped with a German
reason without it, like ``test_browser.py``). Screenshots with ``UPDATE_SCREENSHOTS=1``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES
from .served import environment, run_script, server
from .test_accessibility import _axe, _reflows
from .test_browser import ARGS, CHROMIUM, _need, shots  # noqa: F401 (fixture)

pytestmark = pytest.mark.slow

SETUP = """
import sys
from pathlib import Path
from vereinbarung.web.command import setup
setup()
from django.contrib.auth import get_user_model
from vereinbarung.web.register import services
from vereinbarung.web.rights.grants import set_memberships
from vereinbarung.web.rights.models import Kommune
for name in ("Kreis Euskirchen", "Gemeinde Dahlem", "Gemeinde Nettersheim", "Blankenheim/Eifel"):
    Kommune.objects.create(name=name)
people = {}
for name, fachbereich in (("kreis", "Bauhof (Kreis Euskirchen)"), ("dahlem", "Bauhof (Gemeinde Dahlem)"),
                          ("blankenheim", "Bauhof (Blankenheim/Eifel)")):
    user = get_user_model()(username=name)
    user.set_password("partner-passwort-1")
    user.save()
    set_memberships(user, [(fachbereich, "Bearbeiten")])
    people[name] = user
text = (Path(sys.argv[1]) / "interkommunaler-bauhof.yaml").read_text(encoding="utf-8")
text = text.replace("\\nparties:", "\\nshort_name: Bauhof Eifel\\ndepartment: Bauhof\\nparties:", 1)
services.create(text, user=people["kreis"])
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _need(Path(CHROMIUM).exists(), "Chromium fehlt: apt-get install chromium")
    try:
        import playwright  # noqa: F401
    except ImportError:
        _need(False, "Playwright fehlt: pip install '.[test,web]'")
    env = environment(tmp_path_factory.mktemp("partner"))
    run_script(SETUP, env, str(EXAMPLES))
    with server(env, threads=4) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def browser(site: str) -> Iterator[Any]:  # noqa: ARG001 (started first)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


def _as(browser: Any, site: str, name: str, width: int = 1280) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 860}, locale="de-DE",
                                  base_url=site)  # fmt: skip
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/anmelden/")
    page.fill("#id_username", name)
    page.fill("#id_password", "partner-passwort-1")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"://[^/]+/$"))
    return page


def _checked(page: Any, shots: Path, name: str, found: dict[str, list[str]]) -> None:  # noqa: F811
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    found[name] = _axe(page)


def test_the_kreis_sets_a_partner_and_dahlem_records_only_its_own_signature(
    browser: Any, site: str, shots: Path,  # noqa: F811
) -> None:  # fmt: skip
    found: dict[str, list[str]] = {}
    # Blankenheim's party has another name: not yet a partner
    blankenheim = _as(browser, site, "blankenheim")
    assert "Bauhof Eifel" not in blankenheim.inner_text("main")

    kreis = _as(browser, site, "kreis")
    kreis.click("#tabelle tbody a >> text=Bauhof Eifel")
    line = kreis.inner_text("p.partnerkommunen")
    assert "Partnerkommunen: Gemeinde Dahlem, Gemeinde Nettersheim" in line
    kreis.click("p.partnerkommunen a >> text=festlegen")
    kreis.wait_for_selector("h1:has-text('Partnerkommunen')")
    kreis.select_option("#id_partei-0", label="Blankenheim/Eifel")
    _checked(kreis, shots, "rechte-partnerkommunen", found)
    kreis.click("main button[type=submit]")
    kreis.wait_for_selector("text=Partnerkommunen gespeichert.")
    assert "Blankenheim/Eifel (als Gemeinde Blankenheim)" in kreis.inner_text("p.partnerkommunen")
    status = kreis.inner_text("h2 >> nth=0")
    kreis.context.close()
    blankenheim.reload()
    assert "Bauhof Eifel" in blankenheim.inner_text("main")
    blankenheim.context.close()

    # Dahlem: the same agreement, the same state; its own signature only
    dahlem = _as(browser, site, "dahlem")
    dahlem.click("#tabelle tbody a >> text=Bauhof Eifel")
    assert dahlem.inner_text("h2 >> nth=0") == status
    assert dahlem.locator("p.partnerkommunen a").count() == 0  # not for partners to set
    url = str(dahlem.url).split("?")[0]
    dahlem.goto(f"{url}ereignis/")
    dahlem.select_option("#id_typ", "signed")
    dahlem.click("text=Felder anzeigen")
    dahlem.select_option("#id_party", "Gemeinde Blankenheim")
    dahlem.fill("#id_date", "01.03.2025")
    dahlem.click("button[value=speichern]")
    dahlem.wait_for_selector("#fehlerliste")
    assert dahlem.get_attribute("#id_party", "aria-invalid") == "true"
    assert "Ihrer eigenen Partei (Gemeinde Dahlem)" in dahlem.inner_text("#fehlerliste")
    _checked(dahlem, shots, "rechte-partner-fremde-partei", found)
    dahlem.select_option("#id_party", "Gemeinde Dahlem")
    dahlem.click("button[value=speichern]")
    dahlem.wait_for_selector("text=Ereignis eingetragen")
    dahlem.context.close()
    assert {name: v for name, v in found.items() if v} == {}


def test_the_partner_page_at_320_px(browser: Any, site: str) -> None:
    page = _as(browser, site, "kreis", width=320)
    widths = {}
    for address in ("/vereinbarung/1/partner/", "/vereinbarung/1/"):
        page.goto(address)
        widths[address] = _reflows(page)
    assert {a: w for a, w in widths.items() if w > 320} == {}
    assert _axe(page) == []
    page.context.close()
