"""The pages end to end in Chromium: sign-in, comparison, maps, what-if, roles, hostile names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.pages.conftest import LiveSite
from tests.support.browser import BrowserPage
from tests.visualisations.fixtures import XSS_IMG, XSS_SCRIPT

pytestmark = pytest.mark.browser

Screenshot = Callable[[BrowserPage, str], Path]


def sign_in(watched: BrowserPage, site: LiveSite, role: str, target: str = "/pages/") -> None:
    page = watched.page
    page.goto(f"{site.url}{target}")
    assert "/pages/connexion" in page.url
    page.fill("#token", site.tokens[role])
    page.click("button[type=submit]")
    page.wait_for_url(f"{site.url}{target}")


def test_sign_in_keeps_the_token_out_of_scripts_and_sign_out_forgets_it(
    browser_page: BrowserPage, live_site: LiveSite
) -> None:
    sign_in(browser_page, live_site, "reviewer")
    page = browser_page.page
    assert page.evaluate("document.cookie") == ""  # HttpOnly: no script reads the token
    assert "Instructeur DREETS" in page.inner_text("header")
    page.click("text=Se déconnecter")
    page.wait_for_url(f"{live_site.url}/pages/connexion")
    page.goto(f"{live_site.url}/pages/appels/aap-test")
    assert "/pages/connexion" in page.url
    browser_page.assert_clean()


def test_reviewer_compares_downloads_and_opens_the_overlap_map(
    browser_page: BrowserPage, live_site: LiveSite, screenshot: Screenshot
) -> None:
    sign_in(browser_page, live_site, "reviewer", "/pages/appels/aap-test")
    page = browser_page.page
    assert page.locator("table.comparison tbody tr").count() == 2
    with page.expect_download() as download:
        page.click("text=Télécharger (CSV)")
    assert download.value.suggested_filename == "comparaison.csv"
    screenshot(browser_page, "comparaison")
    page.click("text=Carte des recouvrements")
    assert browser_page.map_counts() == [8, 8]  # two applications, six organisations
    browser_page.click_node("ml")
    assert page.locator("#details-body h3").inner_text() == XSS_SCRIPT
    screenshot(browser_page, "recouvrements")
    browser_page.assert_clean()


def test_project_page_shows_the_report_and_the_map_side_by_side(
    browser_page: BrowserPage, live_site: LiveSite, screenshot: Screenshot
) -> None:
    sign_in(browser_page, live_site, "lead", "/pages/candidatures/p-xss")
    page = browser_page.page
    assert browser_page.map_counts() == [6, 7]  # five members and the CEJ; seven ties
    browser_page.click_node("lead")
    assert page.locator("#details-body h3").inner_text() == XSS_IMG
    frame = page.frame_locator("iframe.report-frame")
    assert frame.locator("body").inner_text(timeout=10000) != ""
    screenshot(browser_page, "projet")
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    browser_page.assert_clean()


def test_lead_sees_their_ecosystem_with_their_partners_marked(
    browser_page: BrowserPage, live_site: LiveSite, screenshot: Screenshot
) -> None:
    sign_in(browser_page, live_site, "lead", "/pages/territoires/59512?candidature=p-xss")
    page = browser_page.page
    # Roubaix: lead, ml, ent, cio, sante, lonely and the CEJ; ties ml–ent, cio–sante, ml–CEJ.
    assert browser_page.map_counts() == [7, 3]
    page.select_option("#filter-focus", "members")
    assert page.evaluate("window.partnershipMap.visible") == 5
    assert "Raccrocher à Tourcoing" not in page.content()
    screenshot(browser_page, "ecosysteme")
    browser_page.assert_clean()


def test_what_if_flow_from_the_form_to_the_result(browser_page: BrowserPage, live_site: LiveSite) -> None:
    sign_in(browser_page, live_site, "lead", "/pages/candidatures/p-xss/simulation")
    page = browser_page.page
    page.check("text=Maison de santé")
    page.click("#simulation button[type=submit]")
    page.wait_for_selector("#resultat")
    assert "Force du partenariat (0-100)" in page.inner_text("#resultat")
    assert page.is_checked("text=Maison de santé")  # the form keeps the choice
    browser_page.assert_clean()


def test_a_lead_gets_404_on_another_application(browser_page: BrowserPage, live_site: LiveSite) -> None:
    sign_in(browser_page, live_site, "lead")
    response = browser_page.page.goto(f"{live_site.url}/pages/candidatures/p-other")
    assert response is not None and response.status == 404
    assert "introuvable" in browser_page.page.inner_text("main")
    assert "Raccrocher" not in browser_page.page.content()
    # The only console line is the browser reporting the 404 itself.
    assert all("404" in line for line in browser_page.console_errors)
    assert browser_page.dialogs == [] and browser_page.blocked == []
