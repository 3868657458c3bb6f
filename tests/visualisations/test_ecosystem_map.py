"""The territory ecosystem map and the call overlap map: overlays, marks, filters, aggregation."""

from __future__ import annotations

import time

import pytest

from tests.visualisations.fixtures import XSS_IMG, XSS_SCRIPT, hostile_dataset, large_territory
from visualisations import ecosystem_map, overlap_map, render_svg, standalone_html, style
from visualisations.overlap import APPLICATION_PREFIX
from visualisations.scene import Scene


@pytest.fixture(scope="module")
def ecosystem() -> Scene:
    return ecosystem_map(hostile_dataset(), focus_project="p-xss", recommended=["lonely"])


def test_every_organisation_and_scheme_is_drawn_with_its_ties(ecosystem: Scene) -> None:
    assert len(ecosystem.nodes) == 8  # seven organisations and the CEJ
    # ml–ent, cio–sante, lonely–other-lead, and ml operating the CEJ.
    assert len(ecosystem.edges) == 4


def test_the_leads_partners_stand_apart_from_everyone_else(ecosystem: Scene) -> None:
    by_id = {n.id: n for n in ecosystem.nodes}
    assert {n.id for n in ecosystem.nodes if n.marks.focus} == {"lead", "ml", "ent", "cio", "sante"}
    assert by_id["lead"].role == "lead" and by_id["lead"].shape == "star"
    assert by_id["ml"].border == "#000000"
    assert "Pas encore dans votre partenariat" in by_id["other-lead"].hover
    assert [c.value for c in ecosystem.filters["focus"]] == ["members", "others"]


def test_recommended_organisations_are_marked_in_green(ecosystem: Scene) -> None:
    lonely = next(n for n in ecosystem.nodes if n.id == "lonely")
    assert lonely.marks.recommended and lonely.border == "#00A000"
    assert "Recommandée\u202f: comblerait un manque de votre partenariat" in lonely.hover
    sections = {s.title: s.items for s in ecosystem.sections}
    assert sections["Organisations recommandées (anneau vert)"] == ("Club de sport",)


def test_applications_are_overlays_the_page_can_filter_on(ecosystem: Scene) -> None:
    by_id = {n.id: n for n in ecosystem.nodes}
    assert by_id["ml"].applications == ["p-xss", "p-other"]
    assert by_id["lonely"].applications == []
    # other-lead is in no focus and leads p-other: its border is p-other's overlay colour.
    assert by_id["other-lead"].border == style.application_colour(1)
    assert [c.value for c in ecosystem.filters["application"]] == ["p-xss", "p-other"]
    assert "enterprise" in [c.value for c in ecosystem.filters["sector"]]


def test_a_sector_filter_keeps_that_sector_and_the_schemes_it_operates() -> None:
    scene = ecosystem_map(hostile_dataset(), sector="employment")
    assert sorted(n.id for n in scene.nodes) == ["cej", "ml"]


def test_past_the_threshold_the_map_groups_by_sector_and_says_so() -> None:
    scene = ecosystem_map(hostile_dataset(), max_nodes=5)
    assert scene.aggregated
    counts = {n.id: n.label for n in scene.nodes}
    assert counts["social"] == "Social (2)"  # the lead and the Tourcoing social centre
    assert counts["scheme"] == "Dispositifs (1)"
    assert scene.notice is not None and "regroupe par secteur" in scene.notice


def test_a_two_thousand_node_ecosystem_is_built_in_seconds_and_stays_detailed() -> None:
    dataset = large_territory()
    started = time.perf_counter()
    scene = ecosystem_map(dataset)
    html = standalone_html(scene)
    elapsed = time.perf_counter() - started
    assert not scene.aggregated
    assert (len(scene.nodes), len(scene.edges)) == (2000, 5000 + 100)  # ties plus scheme operators
    assert elapsed < 20  # about 2 s on an idle machine; generous for a busy CI
    assert '"large":true' in html  # straight edges, hidden while dragging
    # Dashes cost about a second per frame at this size: informal ties are pale instead.
    assert not any(e.dashes for e in scene.edges)
    assert any(e.opacity < 1 for e in scene.edges)
    assert "Informel (trait pâle)" in [e.label for e in scene.legend]


def test_overlap_map_marks_the_partners_shared_by_applications() -> None:
    dataset = hostile_dataset()
    organisations = {o.id: o for o in dataset.organisations}
    scene = overlap_map(dataset.projects, organisations)
    boxes = [n for n in scene.nodes if n.role == "application"]
    assert sorted(n.id for n in boxes) == [APPLICATION_PREFIX + "p-other", APPLICATION_PREFIX + "p-xss"]
    assert sorted(n.id for n in scene.nodes if n.marks.shared) == ["cio", "ml"]
    # One edge per membership: five in p-xss, three in p-other.
    assert len(scene.edges) == 8
    cio_other = next(e for e in scene.edges if e.target == "cio" and e.source.endswith("p-other"))
    assert cio_other.dashes  # cio is an informal partner of p-other
    shared = {s.title: s.items for s in scene.sections}["Partenaires partagés"]
    assert shared[0].startswith(XSS_SCRIPT)


def test_ecosystem_pages_and_images_keep_names_as_text(ecosystem: Scene) -> None:
    html = standalone_html(ecosystem)
    assert XSS_IMG not in html and XSS_SCRIPT not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in render_svg(ecosystem)
