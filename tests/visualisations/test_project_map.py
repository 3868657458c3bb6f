"""The project map: what it marks, what it says, and that it stays text and offline."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser

import networkx as nx
import pytest

from graph_service.domain.network import project_network
from tests.visualisations.fixtures import XSS_IMG, XSS_SCRIPT, XSS_SEPARATOR, hostile_dataset
from visualisations import project_map, render_png, render_svg, script_json, standalone_html, style
from visualisations.scene import Scene


@pytest.fixture(scope="module")
def network() -> nx.Graph:
    dataset = hostile_dataset()
    organisations = {o.id: o for o in dataset.organisations}
    project = next(p for p in dataset.projects if p.id == "p-xss")
    return project_network(project, organisations, dataset.ties)


@pytest.fixture(scope="module")
def scene(network: nx.Graph) -> Scene:
    schemes = [s for s in hostile_dataset().schemes if s.id == "cej"]
    return project_map(network, schemes)


@pytest.fixture(scope="module")
def html(scene: Scene) -> str:
    return standalone_html(scene)


def embedded_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.S)
    assert match is not None
    return json.loads(match.group(1))


def test_every_member_and_articulated_scheme_is_a_node(scene: Scene) -> None:
    assert sorted(n.id for n in scene.nodes) == ["cej", "cio", "ent", "lead", "ml", "sante"]
    # Four commitments, two declared ties between partners, one scheme operated by ml.
    assert len(scene.edges) == 7


def test_roles_give_shapes_and_the_lead_is_marked(scene: Scene) -> None:
    by_id = {n.id: n for n in scene.nodes}
    assert (by_id["lead"].role, by_id["lead"].shape) == ("lead", "star")
    assert by_id["lead"].marks.lead and by_id["lead"].label.startswith("★")
    assert (by_id["ent"].role, by_id["ent"].shape) == ("enterprise", "square")
    assert (by_id["ml"].role, by_id["ml"].shape) == ("partner", "dot")
    assert (by_id["cej"].role, by_id["cej"].shape) == ("scheme", "triangle")


def test_the_lead_is_the_only_articulation_point_and_the_largest_node(scene: Scene) -> None:
    # Removing the lead leaves {ml, ent} apart from {cio, sante}; it lies on every path between
    # them, so its betweenness is the largest and its node the biggest.
    assert [n.id for n in scene.nodes if n.marks.articulation] == ["lead"]
    lead = next(n for n in scene.nodes if n.id == "lead")
    assert lead.size == max(n.size for n in scene.nodes)
    assert lead.border == "#C00000"


def test_informal_ties_are_dashed_and_strength_sets_the_width(scene: Scene) -> None:
    by_pair = {frozenset((e.source, e.target)): e for e in scene.edges}
    informal = by_pair[frozenset(("lead", "ent"))]
    assert informal.dashes and informal.width == 1.0  # informal commitment: strength 1
    convention = by_pair[frozenset(("lead", "ml"))]
    assert not convention.dashes and convention.width == 5.0  # convention: strength 3
    orientation = by_pair[frozenset(("ml", "ent"))]
    assert orientation.kinds == ["orientation"] and orientation.colour == style.TIE_COLOURS["orientation"]


def test_hover_text_is_plain_french_with_stages_publics_commitment_and_unique_contribution(
    scene: Scene,
) -> None:
    ml = next(n for n in scene.nodes if n.id == "ml")
    assert ml.hover[0] == XSS_SCRIPT
    # French spacing: a narrow no-break space before the colon.
    assert "Engagement\u202f: Convention signée" in ml.hover
    ml.hover = [line.replace("\u202f", " ") for line in ml.hover]
    assert "Engagement : Convention signée" in ml.hover
    assert "Étapes : Accompagnement" in ml.hover
    assert "Publics : aucun" in ml.hover
    assert "Apporte seul : Mobilité (frein levé), Accompagnement (étape)" in ml.hover
    sante = next(n for n in scene.nodes if n.id == "sante")
    sante.hover = [line.replace("\u202f", " ") for line in sante.hover]
    assert "Apporte seul : rien que d'autres membres n'apportent déjà" in sante.hover


def test_uncovered_stages_and_articulation_points_are_listed_beside_the_map(scene: Scene) -> None:
    sections = {s.title: s.items for s in scene.sections}
    assert sections["Étapes du parcours non couvertes"] == ("Levée des freins",)
    assert sections["Points d'articulation (bordure rouge)"] == (XSS_IMG,)


def test_legend_names_the_sectors_roles_and_tie_kinds_shown(scene: Scene) -> None:
    labels = [e.label.replace("\u202f", " ") for e in scene.legend]
    for expected in (
        "Secteur : Emploi",
        "Secteur : Social",
        "Secteur : Santé",
        "Secteur : Entreprise",
        "Porteur du projet (★ étoile)",
        "Dispositif local",
        "Lien : Orientation",
        "Lien : Co-intervention",
        "Informel (pointillés)",
    ):
        assert expected in labels
    assert "Secteur : Logement" not in labels  # no housing member: not in the legend


class _References(HTMLParser):
    """Collect the attributes of elements that could load something (script content is skipped)."""

    def __init__(self) -> None:
        super().__init__()
        self.references: list[tuple[str, str, str | None]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "action", "data", "poster", "srcset"):
                self.references.append((tag, name, value))


def test_standalone_map_references_no_other_file_or_host(html: str) -> None:
    parser = _References()
    parser.feed(html)
    assert parser.references == []
    assert "link" not in parser.tags and "iframe" not in parser.tags and "img" not in parser.tags
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", html, re.I)
    for host in ("cdnjs", "jsdelivr", "unpkg", "bootstrap", "googleapis"):
        assert host not in html.lower()
    assert "sourceMappingURL" not in html
    assert "default-src 'none'" in unescape(html[:1000])  # the Content-Security-Policy meta


def test_hostile_names_never_reach_the_page_as_markup(html: str) -> None:
    for name in (XSS_IMG, XSS_SCRIPT, "<script>alert(2)</script>", "<b>Roubaix</b>"):
        assert name not in html
    # Exactly three script elements close: the data, vis-network, the map script.
    assert html.lower().count("</script>") == 3
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html  # the title, escaped by Jinja2


def test_embedded_json_gives_every_name_back_unchanged(html: str) -> None:
    data = embedded_data(html)
    names = {n["id"]: n["hover"][0] for n in data["nodes"]}
    assert names["lead"] == XSS_IMG
    assert names["ml"] == XSS_SCRIPT
    assert names["ent"] == XSS_SEPARATOR
    assert "\u2028" not in html.split('id="map-data">')[1].split("</script>")[0]


def test_script_json_escapes_what_could_end_a_script_or_a_line() -> None:
    text = str(script_json({"a": "</script>&\u2028\u2029<!--"}))
    assert text == '{"a":"\\u003c/script\\u003e\\u0026\\u2028\\u2029\\u003c!--"}'
    assert json.loads(text) == {"a": "</script>&\u2028\u2029<!--"}


def test_svg_is_well_formed_and_shows_names_as_text(scene: Scene) -> None:
    svg = render_svg(scene)
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert any(t and XSS_IMG in t for t in texts)
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))
    assert not list(root.iter("img")) and not list(root.iter("script"))
    groups = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("data-id")]
    assert len(groups) == len(scene.nodes)
    dashed = [line for line in root.iter("{http://www.w3.org/2000/svg}line") if line.get("stroke-dasharray")]
    # Informal: the lead–ent commitment and the cio–sante tie; legend: one dashed sample.
    assert len(dashed) == 3


def test_png_is_an_image_of_the_map(scene: Scene) -> None:
    png = render_png(scene)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width == 1340 and height >= 500
