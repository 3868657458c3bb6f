"""The demo as a reviewer and a lead see it, at 1366x768 and 1920x1080, in Chromium.

All eight applications show in the comparison without a scrolling frame; every map draws labels
that do not overlap and stay inside their canvas, a legend whose entries of different meaning
never share a colour (ΔE*76 ≥ 20) and its table under it; no page shows an
English interface word or a French typography slip. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from graph_service.auth import Role
from graph_service.server import create_app
from graph_service.services.demo import demo_dataset
from graph_service.settings import Settings
from graph_service.stores.sqlite import SQLiteStore
from tests.support.browser import BrowserPage, serve
from tests.support.french import english_words, typography_mistakes
from tests.visualisations.test_legend import DISTINCT, delta_e

pytestmark = pytest.mark.browser

VIEWPORTS = [(1366, 768), (1920, 1080)]
CALL = "aap-invisibles-2019"
MAPS = [
    f"/pages/appels/{CALL}/recouvrements",
    "/pages/territoires/59",
    "/pages/territoires/59392?candidature=p-2019-02",
    "/pages/candidatures/p-2019-02",
]


@dataclass
class Demo:
    url: str
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    folder = tmp_path_factory.mktemp("demo")
    store = SQLiteStore(folder / "graph.db")
    store.upsert_dataset(demo_dataset())
    app = create_app(Settings(db_path=folder / "graph.db", auth_db_path=folder / "auth.db"), store)
    try:
        with serve(app) as url:
            registry = app.state.services.tokens
            tokens = {
                "reviewer": registry.create(Role.REVIEWER, regions=["32"]).secret,
                "lead": registry.create(Role.LEAD, organisation=store.get_project("p-2019-07").lead).secret,  # type: ignore[union-attr]
            }
            yield Demo(url, tokens)
    finally:
        store.close()


def open_as(chromium: Any, demo: Demo, role: str, size: tuple[int, int]) -> BrowserPage:
    context = chromium.new_context(viewport={"width": size[0], "height": size[1]}, locale="fr-FR")
    watched = BrowserPage(context.new_page())
    page = watched.page
    page.on("pageerror", lambda error: watched.page_errors.append(str(error)))
    page.goto(f"{demo.url}/pages/connexion")
    page.fill("#token", demo.tokens[role])
    page.click("button[type=submit]")
    page.wait_for_url(f"{demo.url}/pages/")
    return watched


def check_text(page: Any, *, findings: bool = False) -> None:
    """No English word; no typography slip. The report's findings (``findings``) are checked for
    plural agreement only (no « (s) », no « 1 liens »): their spacing is queries/report's."""
    text = page.inner_text("body")
    assert english_words(text, cli=False) == [], page.url
    mistakes = typography_mistakes(text)
    if findings:
        mistakes = [m for m in mistakes if m[0].isdigit() or "(" in m]
    assert mistakes == [], page.url


@pytest.mark.parametrize("size", VIEWPORTS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_all_eight_applications_show_in_the_comparison_without_a_frame(
    chromium: Any, demo: Demo, size: tuple[int, int], screenshot: Callable[[BrowserPage, str], Path]
) -> None:
    watched = open_as(chromium, demo, "reviewer", size)
    page = watched.page
    page.goto(f"{demo.url}/pages/appels/{CALL}")
    rows = page.locator("table.comparison tbody tr")
    assert rows.count() == 8
    for index in range(8):
        box = rows.nth(index).bounding_box()
        assert box is not None and box["y"] + box["height"] <= size[1], index
    # No element between the page and the table scrolls on its own.
    frames = page.evaluate(
        """() => { const out = []; let e = document.querySelector('table.comparison').parentElement;
           while (e && e !== document.documentElement) { const o = getComputedStyle(e).overflowY;
             if (o === 'auto' || o === 'scroll') out.push(e.tagName); e = e.parentElement; } return out; }"""
    )
    assert frames == []
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    screenshot(watched, f"comparaison-{size[0]}")
    check_text(page)
    page.goto(f"{demo.url}/pages/appels/{CALL}/ecart?a=p-2019-01&b=p-2019-02")
    assert page.locator("table.gap tbody tr.findings").count() > 0
    screenshot(watched, f"ecart-{size[0]}")
    check_text(page, findings=True)
    assert watched.page_errors == []
    page.context.close()


@pytest.mark.parametrize("size", VIEWPORTS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("path", MAPS)
def test_every_map_draws_labels_that_do_not_overlap_and_a_table(
    chromium: Any,
    demo: Demo,
    size: tuple[int, int],
    path: str,
    screenshot: Callable[[BrowserPage, str], Path],
) -> None:
    watched = open_as(chromium, demo, "reviewer", size)
    page = watched.page
    page.goto(f"{demo.url}{path}")
    nodes, _ = watched.map_counts()
    boxes = page.evaluate("window.partnershipMap.labelBoxes()")
    assert len(boxes) >= min(nodes // 2, 5)  # the others show their name on hover and in the table
    for box in boxes:
        canvas = box["canvas"]
        assert canvas["left"] - 1 <= box["left"] and box["right"] <= canvas["right"] + 1, box["text"]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["right"] <= b["left"]
                or b["right"] <= a["left"]
                or a["bottom"] <= b["top"]
                or b["bottom"] <= a["top"]
            )
            assert apart, (a["text"], b["text"])
    legend = page.evaluate(
        "Array.from(document.querySelectorAll('.map-legend li[data-colour]'))"
        ".map(li => [li.textContent.trim(), li.getAttribute('data-colour')])"
    )
    assert len(legend) >= 3
    for (label_a, colour_a), (label_b, colour_b) in itertools.combinations(legend, 2):
        assert label_a == label_b or delta_e(colour_a, colour_b) >= DISTINCT, (label_a, label_b)
    assert page.locator("table.map-members tbody tr").count() == nodes
    page.locator("table.map-members thead button", has_text="Liens").click()
    assert page.locator("table.map-members thead th[aria-sort]").count() == 1
    page.evaluate("document.getElementById('map').scrollIntoView({block: 'start'})")
    screenshot(watched, f"carte-{size[0]}")
    check_text(page)
    assert watched.page_errors == []
    page.context.close()


def test_the_ecosystem_filters_by_sector_and_application_without_reloading(chromium: Any, demo: Demo) -> None:
    watched = open_as(chromium, demo, "reviewer", VIEWPORTS[0])
    page = watched.page
    page.goto(f"{demo.url}/pages/territoires/59")
    nodes, _ = watched.map_counts()
    page.evaluate("window.notReloaded = true")
    page.select_option("#filter-sector", "employment")
    employment = page.evaluate("window.partnershipMap.visible")
    assert 0 < employment < nodes
    page.select_option("#filter-sector", "")
    page.select_option("#filter-application", "p-2019-02")
    assert page.evaluate("window.partnershipMap.visible") == 6  # Sambre Avenir: its lead and 5 partners
    assert page.evaluate("window.notReloaded") is True  # the same page: nothing was reloaded
    page.context.close()


def test_the_gaps_lead_of_the_demo_sees_gaps_and_a_simulation(chromium: Any, demo: Demo) -> None:
    watched = open_as(chromium, demo, "lead", VIEWPORTS[0])
    page = watched.page
    page.goto(f"{demo.url}/pages/candidatures/p-2019-07/manques")
    assert page.locator("ul.gaps li").count() > 0
    assert page.locator("table.recommendations tbody tr").count() > 0
    check_text(page)
    page.goto(f"{demo.url}/pages/")
    check_text(page)
    page.context.close()
