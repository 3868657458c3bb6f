"""No two legend entries of different meaning share a colour, on any map of the demo.

Colours are compared in CIELAB (ΔE*76, sRGB with a D65 white): two entries closer than
:data:`DISTINCT` could be read for one another on a map. Entries whose colour is only a sample
(``swatch=False``: a white role shape, a grey line style) mean their shape, not their colour.
"""

from __future__ import annotations

import itertools

import pytest

from graph_service.services.demo import demo_dataset
from graph_service.services.maps import ecosystem_scene, overlap_scene, project_scene
from graph_service.stores.sqlite import SQLiteStore
from visualisations import style
from visualisations.scene import Scene

DISTINCT = 20.0  # ΔE*76; about 2.3 is just noticeable, 20 reads as another colour at a glance


def lab(colour: str) -> tuple[float, float, float]:
    """sRGB ``#RRGGBB`` → CIELAB (D65), the formulas of IEC 61966-2-1 and CIE 15."""

    def linear(c: float) -> float:
        return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92

    r, g, b = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b), strict=True)) ** 0.5


def test_delta_e_matches_published_values() -> None:
    # White is L* 100, black L* 0: ΔE 100. sRGB red is L* 53.24, a* 80.09, b* 67.20 (Bruce Lindbloom).
    assert delta_e("#FFFFFF", "#000000") == pytest.approx(100, abs=0.01)
    assert lab("#FF0000") == pytest.approx((53.24, 80.09, 67.20), abs=0.05)


def test_every_palette_colour_is_distinct_from_every_other() -> None:
    colours = {
        **{f"secteur {k}": v for k, v in style.SECTOR_COLOURS.items()},
        "dispositif": style.SCHEME_COLOUR,
        **{f"lien {k}": v for k, v in style.TIE_COLOURS.items()},
        "engagement": style.COMMITMENT_COLOUR,
        "opère": style.OPERATES_COLOUR,
        "plusieurs natures": style.MIXED_COLOUR,
        "articulation": style.ARTICULATION_BORDER,
        "votre partenariat": style.LEAD_BORDER,
        "recommandée": style.RECOMMENDED_BORDER,
        **{f"candidature {i}": c for i, c in enumerate(style.APPLICATION_COLOURS)},
    }
    close = [
        (a, b, round(delta_e(x, y), 1))
        for (a, x), (b, y) in itertools.combinations(colours.items(), 2)
        if delta_e(x, y) < 25
    ]
    assert close == []


@pytest.fixture(scope="module")
def demo_scenes(tmp_path_factory: pytest.TempPathFactory) -> list[Scene]:
    store = SQLiteStore(tmp_path_factory.mktemp("legend") / "demo.db")
    try:
        dataset = demo_dataset()
        store.upsert_dataset(dataset)
        scenes = [project_scene(store, p.id) for p in dataset.projects]
        scenes.append(overlap_scene(store, "aap-invisibles-2019"))
        scenes.append(ecosystem_scene(store, "59"))
        scenes.extend(ecosystem_scene(store, p.territories[0], focus_project=p.id) for p in dataset.projects)
        return scenes
    finally:
        store.close()


def test_no_two_legend_entries_of_different_meaning_share_a_colour(demo_scenes: list[Scene]) -> None:
    for scene in demo_scenes:
        entries = [e for e in scene.legend if e.swatch]
        assert entries, scene.title
        clashes = [
            (a.label, b.label, round(delta_e(a.key_colour, b.key_colour), 1))
            for a, b in itertools.combinations(entries, 2)
            if a.label != b.label and delta_e(a.key_colour, b.key_colour) < DISTINCT
        ]
        assert clashes == [], scene.title


def test_every_map_of_the_demo_labels_some_members(demo_scenes: list[Scene]) -> None:
    for scene in demo_scenes:
        labelled = [n for n in scene.nodes if n.labelled]
        assert len(labelled) >= min(len(scene.nodes) // 2, 5), scene.title
        # The members that matter most keep their label: the lead, the applications, the shared.
        for node in scene.nodes:
            if node.role == "application":
                assert node.labelled, (scene.title, node.label)
