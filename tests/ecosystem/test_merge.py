"""Merging data·inclusion into the demo territory: matches, duplicates, re-import, disappearance.

The same behaviour is asserted on the embedded store and on Neo4j (``MergeContract``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph_service.domain.models import Partner
from graph_service.domain.validation import InvalidInput
from graph_service.services.analysis import project_gaps
from graph_service.services.demo import demo_dataset
from graph_service.services.ecosystem import merge_data_inclusion, normalise_name, organisation_id
from graph_service.stores.neo4j import Neo4jStore
from graph_service.stores.protocol import Store
from graph_service.stores.sqlite import SQLiteStore
from loaders.data_inclusion import load_mapping, read_files

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 10, 1)
ACI = organisation_id("emplois-de-linclusion--aci-escaut")
BOUTIQUE = organisation_id("dora--boutique-emploi")
CANAL = organisation_id("dora--atelier-canal")


def first_import(store: Store):
    records = read_files(FIXTURES / "structures.json", FIXTURES / "services.json")
    return merge_data_inclusion(store, records, load_mapping(), today=TODAY)


def next_import(store: Store, departement: str | None = None):
    records = read_files(FIXTURES / "structures-next.csv", FIXTURES / "services.csv")
    return merge_data_inclusion(store, records, load_mapping(), departement=departement, today=TODAY)


class MergeContract:
    @pytest.fixture
    def demo(self, store: Store) -> Store:
        store.upsert_dataset(demo_dataset())
        return store

    def test_the_first_import_report_counts_every_decision(self, demo: Store) -> None:
        report = first_import(demo)
        assert report.rows_read == {"structures": 13, "services": 7}
        assert report.rejected == {"structures": ["dora--invalide"], "services": ["dora--svc-invalide"]}
        assert report.without_commune == ["dora--sans-commune"]
        assert report.orphan_services == ["dora--svc-orphelin"]
        # The same chantier published by two producers, merged on its SIRET; the newest record leads.
        assert report.duplicates == [["emplois-de-linclusion--aci-escaut", "dora--aci-escaut-vert"]]
        assert report.closed_in_file == ["france-travail--agence-denain-nord"]
        assert report.matched_by_siret == ["mission-locale--ml-porte-hainaut"]
        assert report.matched_by_name == ["dora--cs-corons"]
        assert [(d.record, d.organisation, d.applied) for d in report.doubtful] == [
            ("dora--cs-corons", "cs-corons-bleus", True),
            ("dora--prevention-escaut-sud", "prev-denain", False),
        ]
        assert sorted(report.updated) == ["cs-corons-bleus", "ml-denaisis"]
        assert len(report.added) == 7 and ACI in report.added
        assert report.territories_added == ["62", "62041"]
        assert report.summary.tables["organisations"].added == 7
        assert report.summary.tables["organisations"].changed == 2

    def test_a_matched_organisation_keeps_its_data_and_gains_the_provenance(self, demo: Store) -> None:
        before = demo.get_organisation("ml-denaisis")
        first_import(demo)
        after = demo.get_organisation("ml-denaisis")
        assert before is not None and after is not None and after.provenance is not None
        assert after.model_copy(update={"provenance": None}) == before
        assert after.provenance.matched and after.provenance.source_id == "mission-locale--ml-porte-hainaut"

    def test_an_imported_structure_is_mapped_and_keeps_its_provenance_and_accents(self, demo: Store) -> None:
        first_import(demo)
        aci = demo.get_organisation(ACI)
        assert aci is not None and aci.provenance is not None
        assert (aci.sector.value, aci.subtype and aci.subtype.value) == ("enterprise", "siae")
        assert {"formation", "emploi"} <= {s.value for s in aci.stages}
        assert aci.territories == ["59172"]
        assert aci.provenance.also == ["dora--aci-escaut-vert"]
        assert aci.provenance.updated == date(2026, 6, 1)
        epicerie = demo.get_organisation(organisation_id("dora--epicerie-mesanges"))
        assert epicerie is not None and epicerie.name == "Épicerie solidaire « Les Mésanges » (fictive)"

    def test_importing_the_same_files_again_changes_nothing(self, demo: Store) -> None:
        first_import(demo)
        again = first_import(demo)
        assert again.added == [] and again.updated == []
        assert len(again.unchanged) == 9
        assert again.summary.changed == again.summary.added == 0

    def test_a_newer_file_updates_what_changed_and_deletes_what_disappeared(self, demo: Store) -> None:
        first_import(demo)
        report = next_import(demo)
        assert report.updated == [ACI]
        assert sorted(report.disappeared_deleted) == sorted([CANAL, BOUTIQUE])
        assert report.disappeared_kept == []
        assert demo.get_organisation(CANAL) is None
        aci = demo.get_organisation(ACI)
        assert aci is not None and aci.name == "Chantier d'insertion (fictif) Escaut Vert et Bleu"

    def test_a_closed_structure_a_project_names_is_kept_marked_and_never_recommended(
        self, demo: Store
    ) -> None:
        first_import(demo)
        project = demo.get_project("p-2019-07")
        assert project is not None
        named = project.model_copy(
            update={"partners": [*project.partners, Partner(organisation=BOUTIQUE, commitment="informel")]}
        )
        demo.upsert_dataset(demo.export_dataset().model_copy(update={"projects": [named]}))
        report = next_import(demo)
        assert report.disappeared_kept == [BOUTIQUE]
        assert report.disappeared_deleted == [CANAL]
        boutique = demo.get_organisation(BOUTIQUE)
        assert boutique is not None and boutique.provenance is not None
        assert boutique.provenance.closed == TODAY
        # Not a candidate anywhere: p-2019-01 works elsewhere, p-2019-07 has it as a member.
        gaps = project_gaps(demo, "p-2019-06", limit=None)
        assert BOUTIQUE not in {r.organisation for r in gaps.recommendations}

    def test_a_departement_import_leaves_the_others_alone(self, demo: Store) -> None:
        first_import(demo)
        report = next_import(demo, departement="62")
        assert report.outside_departement == 9  # 11 valid rows: one in the 62, one with no commune
        assert report.disappeared_deleted == []  # nothing of the 59 is judged from a file of the 62
        assert demo.get_organisation(CANAL) is not None

    def test_strict_refuses_the_whole_import_and_stores_nothing(self, demo: Store) -> None:
        before = demo.export_dataset()
        records = read_files(FIXTURES / "structures.json", FIXTURES / "services.json")
        with pytest.raises(InvalidInput) as caught:
            merge_data_inclusion(demo, records, load_mapping(), strict=True)
        assert {e.row for e in caught.value.errors if e.file == "structures.json"} == {7, 8}
        assert demo.export_dataset() == before

    def test_gaps_recommend_an_imported_structure_with_its_source(self, demo: Store) -> None:
        first_import(demo)
        gaps = project_gaps(demo, "p-2019-07")
        imported = [r for r in gaps.recommendations if r.provenance and not r.provenance.matched]
        assert imported and imported[0].organisation == ACI
        assert "Source : data·inclusion (emplois-de-linclusion--aci-escaut), mise à jour le 01/06/2026." in (
            imported[0].reason
        )


class TestSQLiteMerge(MergeContract):
    @pytest.fixture
    def store(self, tmp_path: Path):
        store = SQLiteStore(tmp_path / "merge.db")
        yield store
        store.close()


class TestNeo4jMerge(MergeContract):
    @pytest.fixture
    def store(self, neo4j_store: Neo4jStore) -> Neo4jStore:
        return neo4j_store


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Centre Social (Fictif) des Corons Bleus", "Centre social (fictif) des Corons-Bleus"),
        ("L'École de la 2e Chance", "ecole 2E CHANCE"),
        ("Épicerie « Les Mésanges »", "epicerie mesanges"),
    ],
)
def test_names_that_differ_by_case_accents_punctuation_and_articles_normalise_alike(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


def test_organisation_ids_are_plain_and_distinct_when_the_slug_loses_something() -> None:
    assert organisation_id("mission-locale--ml-59") == "di-mission-locale--ml-59"
    a, b = organisation_id("dora--Abc"), organisation_id("dora--abc")
    assert a != b and a.startswith("di-dora--abc-")
