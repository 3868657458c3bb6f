"""The standalone maps in Chromium: they draw, answer a click, stay offline and run no name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from graph_service.domain.network import project_network
from tests.support.browser import BrowserPage
from tests.visualisations.fixtures import XSS_IMG, XSS_SCRIPT, hostile_dataset
from visualisations import ecosystem_map, overlap_map, project_map, standalone_html
from visualisations.scene import Scene

pytestmark = pytest.mark.browser

Screenshot = Callable[[BrowserPage, str], Path]


def project_scene() -> Scene:
    dataset = hostile_dataset()
    project = next(p for p in dataset.projects if p.id == "p-xss")
    graph = project_network(project, {o.id: o for o in dataset.organisations}, dataset.ties)
    return project_map(graph, [s for s in dataset.schemes if s.id in project.schemes])


def open_map(watched: BrowserPage, scene: Scene, tmp_path: Path) -> None:
    path = tmp_path / "carte.html"
    path.write_text(standalone_html(scene), encoding="utf-8")
    watched.page.goto(path.as_uri())
    watched.map_counts()  # waits until the map says it is ready


def test_project_map_draws_every_member_and_tie_and_shows_a_members_details(
    browser_page: BrowserPage, tmp_path: Path, screenshot: Screenshot
) -> None:
    open_map(browser_page, project_scene(), tmp_path)
    assert browser_page.map_counts() == [6, 7]
    browser_page.click_node("ml")
    details = browser_page.page.locator("#details-body")
    assert details.locator("h3").inner_text() == XSS_SCRIPT
    assert "Engagement\u202f: Convention signée" in details.inner_text()
    screenshot(browser_page, "projet")
    browser_page.assert_clean()


def test_hostile_names_show_as_text_and_run_nothing(browser_page: BrowserPage, tmp_path: Path) -> None:
    open_map(browser_page, project_scene(), tmp_path)
    browser_page.click_node("lead")
    page = browser_page.page
    assert page.locator("#details-body h3").inner_text() == XSS_IMG
    # Hovering shows the tooltip, a text element: no <img> anywhere in the document.
    page.mouse.move(1, 1)
    assert page.evaluate("document.querySelectorAll('img, iframe').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    assert "Points d'articulation" in page.inner_text(".map-side")
    assert XSS_IMG in page.inner_text(".map-side")
    page.wait_for_timeout(300)  # an onerror would have fired by now
    browser_page.assert_clean()


def test_ecosystem_map_draws_the_territory_and_filters_by_application(
    browser_page: BrowserPage, tmp_path: Path, screenshot: Screenshot
) -> None:
    scene = ecosystem_map(hostile_dataset(), focus_project="p-xss", recommended=["lonely"])
    open_map(browser_page, scene, tmp_path)
    assert browser_page.map_counts() == [8, 4]
    page = browser_page.page
    page.select_option("#filter-application", "p-other")
    assert page.evaluate("window.partnershipMap.visible") == 3  # other-lead, ml, cio
    page.select_option("#filter-application", "")
    page.select_option("#filter-focus", "others")
    assert page.evaluate("window.partnershipMap.visible") == 3  # other-lead, lonely, the CEJ
    page.select_option("#filter-focus", "")
    browser_page.click_node("lonely")
    assert "Recommandé" in page.inner_text("#details-body")
    screenshot(browser_page, "ecosysteme")
    browser_page.assert_clean()


def test_overlap_map_draws_applications_and_shared_partners(
    browser_page: BrowserPage, tmp_path: Path
) -> None:
    dataset = hostile_dataset()
    scene = overlap_map(dataset.projects, {o.id: o for o in dataset.organisations})
    open_map(browser_page, scene, tmp_path)
    assert browser_page.map_counts() == [8, 8]
    browser_page.assert_clean()
