"""The ecosystem map's detail panel says where an imported organisation comes from."""

from __future__ import annotations

from pathlib import Path

from graph_service.services.demo import demo_dataset
from graph_service.services.ecosystem import merge_data_inclusion, organisation_id
from graph_service.services.maps import ecosystem_scene
from graph_service.stores.sqlite import SQLiteStore
from loaders.data_inclusion import load_mapping, read_files

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_detail_lines_of_an_imported_organisation_end_with_its_source(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "map.db")
    try:
        store.upsert_dataset(demo_dataset())
        merge_data_inclusion(
            store, read_files(FIXTURES / "structures.json", FIXTURES / "services.json"), load_mapping()
        )
        scene = ecosystem_scene(store, "59172")
    finally:
        store.close()
    nodes = {node.id: node for node in scene.nodes}
    imported = nodes[organisation_id("emplois-de-linclusion--aci-escaut")]
    assert (
        # The map sets French typography: a narrow no-break space before the colon.
        "Source\u202f: data·inclusion (emplois-de-linclusion--aci-escaut), mise à jour le 01/06/2026"
        in imported.hover
    )
    # An organisation entered by hand shows no source line.
    assert not any(line.startswith("Source :") for line in nodes["prev-denain"].hover)


def test_a_commune_of_5000_imported_structures_opens_as_an_aggregated_map(tmp_path: Path) -> None:
    from benchmarks.data_inclusion_generator import generate, write

    structures, services = generate(5000, 5000, [("59172", "Denain")], seed=5)
    paths = write(tmp_path / "di", structures, services)
    store = SQLiteStore(tmp_path / "big.db")
    try:
        store.upsert_dataset(demo_dataset())
        report = merge_data_inclusion(store, read_files(*paths), load_mapping())
        scene = ecosystem_scene(store, "59172")
    finally:
        store.close()
    assert len(report.added) > 4800
    # Past 2,500 organisations the map groups them by sector: a handful of nodes, still readable.
    assert scene.aggregated
    assert len(scene.nodes) <= 12
