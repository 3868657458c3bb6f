"""The store contract: what every implementation of the ``Store`` Protocol must do.

``StoreContract`` is not collected on its own (no ``Test`` prefix). Each store subclasses it as
``TestXxxContract`` and provides a ``store`` fixture that yields an **empty** store, closed after
the test. Only the Protocol's methods are used here, so the same tests run against SQLite and Neo4j.
"""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graph_service.domain.errors import Conflict, NotFound
from graph_service.domain.models import Dataset, Tie
from graph_service.domain.validation import parse_document
from graph_service.stores.protocol import Store
from tests.support.datasets import (
    DEPARTEMENT,
    MEL,
    QPV_ROUBAIX,
    ROUBAIX,
    TOURCOING,
    VALENCIENNES,
    VALENCIENNES_METROPOLE,
    organisation,
    small_region,
    small_region_document,
)

TABLES = ("territories", "organisations", "schemes", "projects", "ties")


def ids(entities: list[object], key: str = "id") -> list[str]:
    return [getattr(e, key) for e in entities]


class StoreContract:
    """Behaviour shared by every store. Subclasses provide the ``store`` fixture (an empty store)."""

    @pytest.fixture
    def loaded(self, store: Store) -> Store:
        store.upsert_dataset(small_region())
        return store

    # -- upsert, get, list -------------------------------------------------------------------

    def test_an_empty_store_exports_an_empty_dataset(self, store: Store) -> None:
        assert store.export_dataset() == Dataset()
        assert store.list_projects() == []

    def test_a_first_import_counts_every_entity_as_added(self, store: Store) -> None:
        dataset = small_region()
        summary = store.upsert_dataset(dataset)
        for table in TABLES:
            assert summary.tables[table].added == len(getattr(dataset, table)), table
        assert summary.added == dataset.size
        assert summary.changed == summary.unchanged == 0

    def test_every_upserted_entity_can_be_read_back_by_its_key(self, loaded: Store) -> None:
        dataset = small_region()
        for territory in dataset.territories:
            assert loaded.get_territory(territory.code) == territory
        for org in dataset.organisations:
            assert loaded.get_organisation(org.id) == org
        for scheme in dataset.schemes:
            assert loaded.get_scheme(scheme.id) == scheme
        for project in dataset.projects:
            assert loaded.get_project(project.id) == project

    def test_unfiltered_lists_return_every_entity_in_insertion_order(self, loaded: Store) -> None:
        dataset = small_region()
        assert loaded.list_territories() == dataset.territories
        assert loaded.list_organisations() == dataset.organisations
        assert loaded.list_schemes() == dataset.schemes
        assert loaded.list_projects() == dataset.projects
        assert loaded.list_ties() == dataset.ties

    def test_reading_a_missing_entity_returns_none(self, loaded: Store) -> None:
        assert loaded.get_territory("59999") is None
        assert loaded.get_organisation("nobody") is None
        assert loaded.get_scheme("nothing") is None
        assert loaded.get_project("p-none") is None

    # -- list filters ------------------------------------------------------------------------

    def test_organisations_on_an_epci_include_those_of_its_communes_and_their_qpv(
        self, loaded: Store
    ) -> None:
        found = ids(loaded.list_organisations(territory=MEL))
        # asso-horizon sits on a QPV of Roubaix: two levels below the EPCI.
        assert found == ["asso-horizon", "ml-roubaix", "ft-tourcoing", "ent-textile", "mel"]

    def test_organisations_on_a_commune_exclude_those_of_its_epci_and_neighbours(self, loaded: Store) -> None:
        assert ids(loaded.list_organisations(territory=TOURCOING)) == ["ft-tourcoing", "ent-textile"]
        assert ids(loaded.list_organisations(territory=VALENCIENNES)) == [
            "ccas-valenciennes",
            "e2c-hainaut",
            "plie-hainaut",
        ]

    def test_organisations_on_the_departement_are_all_of_them(self, loaded: Store) -> None:
        assert len(loaded.list_organisations(territory=DEPARTEMENT)) == 8

    def test_organisations_filter_by_sector_and_public(self, loaded: Store) -> None:
        assert ids(loaded.list_organisations(sector="employment")) == [
            "ml-roubaix",
            "ft-tourcoing",
            "plie-hainaut",
        ]
        assert ids(loaded.list_organisations(public="neet_16_25")) == [
            "asso-horizon",
            "ml-roubaix",
            "ccas-valenciennes",
        ]
        assert ids(loaded.list_organisations(sector="employment", public="neet_16_25", territory=MEL)) == [
            "ml-roubaix"
        ]
        assert loaded.list_organisations(sector="health") == []

    def test_schemes_filter_by_territory_including_sub_territories(self, loaded: Store) -> None:
        assert ids(loaded.list_schemes(territory=MEL)) == ["cej-roubaix"]
        assert ids(loaded.list_schemes(territory=VALENCIENNES_METROPOLE)) == ["plie-valenciennes"]
        assert loaded.list_schemes(territory=TOURCOING) == []

    def test_projects_filter_by_call(self, loaded: Store) -> None:
        assert ids(loaded.list_projects(call="aap-2019")) == ["p-roubaix", "p-valenciennes"]
        assert ids(loaded.list_projects(call="aap-2020")) == ["p-tourcoing-2020"]
        assert loaded.list_projects(call="aap-1999") == []

    def test_projects_filter_by_territory_including_sub_territories(self, loaded: Store) -> None:
        assert ids(loaded.list_projects(territory=MEL)) == ["p-roubaix", "p-tourcoing-2020"]
        assert ids(loaded.list_projects(territory=ROUBAIX)) == ["p-roubaix"]
        assert ids(loaded.list_projects(territory=VALENCIENNES_METROPOLE)) == ["p-valenciennes"]

    def test_projects_filter_by_organisation_as_lead_or_partner(self, loaded: Store) -> None:
        # ml-roubaix is a partner of p-roubaix and the lead of p-tourcoing-2020.
        assert ids(loaded.list_projects(organisation="ml-roubaix")) == ["p-roubaix", "p-tourcoing-2020"]
        assert ids(loaded.list_projects(organisation="ent-textile")) == ["p-roubaix"]
        assert loaded.list_projects(organisation="mel") == []

    def test_projects_filter_by_public_and_combined_filters(self, loaded: Store) -> None:
        assert ids(loaded.list_projects(public="qpv")) == ["p-roubaix"]
        assert ids(loaded.list_projects(call="aap-2019", organisation="asso-horizon")) == ["p-roubaix"]
        assert loaded.list_projects(call="aap-2020", territory=VALENCIENNES_METROPOLE) == []

    def test_ties_filter_by_organisation_at_either_end_and_by_project(self, loaded: Store) -> None:
        keys = [t.key for t in loaded.list_ties(organisation="ml-roubaix")]
        assert keys == [
            "asso-horizon|ml-roubaix|orientation|p-roubaix",
            "ml-roubaix|ft-tourcoing|co_intervention|p-roubaix",
            "ml-roubaix|mel|echange_information|",
        ]
        assert [t.key for t in loaded.list_ties(project="p-valenciennes")] == [
            "ccas-valenciennes|e2c-hainaut|convention|p-valenciennes"
        ]
        assert len(loaded.list_ties(organisation="ml-roubaix", project="p-roubaix")) == 2

    # -- idempotency, changes, order, round trip ---------------------------------------------

    def test_importing_the_same_dataset_twice_changes_nothing(self, loaded: Store) -> None:
        before = loaded.export_dataset().to_document()
        summary = loaded.upsert_dataset(small_region())
        assert summary.added == summary.changed == 0
        assert summary.unchanged == small_region().size
        for table in TABLES:
            assert summary.tables[table].unchanged == len(getattr(small_region(), table)), table
        assert loaded.export_dataset().to_document() == before

    def test_a_changed_entity_is_counted_as_changed_and_keeps_its_place(self, loaded: Store) -> None:
        document = small_region_document()
        document["organisations"][1]["name"] = "Mission Locale Roubaix-Lys"
        tie = document["ties"][0]
        tie["strength"] = 3
        summary = loaded.upsert_dataset(
            parse_document(
                {"organisations": [document["organisations"][1]], "ties": [tie]},
                known=loaded.known_ids(),
            )
        )
        assert summary.tables["organisations"].changed == 1
        assert summary.tables["ties"].changed == 1
        assert summary.added == 0 and summary.changed == 2
        exported = loaded.export_dataset().to_document()
        assert exported == document

    def test_the_same_ends_and_kind_without_a_project_is_another_tie(self, loaded: Store) -> None:
        declared = next(t for t in small_region_document()["ties"] if t.get("project"))
        undeclared = {**declared, "project": None, "strength": 1}
        ties = {"ties": [undeclared, declared]}
        summary = loaded.upsert_dataset(parse_document(ties, known=loaded.known_ids()))
        assert (summary.tables["ties"].added, summary.tables["ties"].unchanged) == (1, 1)
        # Sent again, each finds itself: neither is taken for the other.
        summary = loaded.upsert_dataset(parse_document(ties, known=loaded.known_ids()))
        assert (summary.tables["ties"].added, summary.tables["ties"].unchanged) == (0, 2)
        both = [
            t for t in loaded.list_ties(organisation=declared["source"]) if t.target == declared["target"]
        ]
        assert sorted((t.project or "", t.strength) for t in both) == sorted(
            [("", 1), (declared["project"], declared.get("strength", 1))]
        )

    def test_new_entities_are_exported_after_those_already_stored(self, loaded: Store) -> None:
        newcomer = organisation("asso-nouvelle", "youth_sport_culture", territories=[ROUBAIX])
        document = small_region_document()
        # Resend everything in reverse order, with one newcomer first: the stored order wins.
        reversed_document = {table: list(reversed(rows)) for table, rows in document.items()}
        reversed_document["organisations"].insert(0, newcomer)
        summary = loaded.upsert_dataset(parse_document(reversed_document))
        assert summary.added == 1 and summary.changed == 0
        document["organisations"].append(newcomer)
        assert loaded.export_dataset().to_document() == document

    def test_import_then_export_gives_the_same_json_document(self, store: Store) -> None:
        text = json.dumps(small_region_document(), ensure_ascii=False, indent=2)
        store.upsert_dataset(parse_document(json.loads(text), "region.json"))
        exported = json.dumps(store.export_dataset().to_document(), ensure_ascii=False, indent=2)
        assert exported == text

    def test_an_organisation_without_optional_fields_round_trips(self, store: Store) -> None:
        bare = {"organisations": [{"id": "x", "name": "X", "sector": "health"}]}
        store.upsert_dataset(parse_document(bare))
        assert store.export_dataset().to_document()["organisations"] == [
            organisation("x", "health", name="X")
        ]

    def test_an_organisation_keeps_its_provenance_and_one_without_has_none(self, loaded: Store) -> None:
        provenance = {
            "source": "data-inclusion",
            "source_id": "dora--Accueil-59-é",
            "producer": "dora",
            "updated": "2026-03-02",
            "also": ["mission-locale--59-001"],
            "matched": False,
            "closed": None,
        }
        imported = {**organisation("di-accueil", "social", territories=[ROUBAIX]), "provenance": provenance}
        summary = loaded.upsert_dataset(
            parse_document({"organisations": [imported]}, known=loaded.known_ids())
        )
        assert summary.added == 1
        read = loaded.get_organisation("di-accueil")
        assert read is not None and read.provenance is not None
        assert read.provenance.model_dump(mode="json") == provenance
        exported = loaded.export_dataset().to_document()["organisations"]
        assert exported[-1] == imported
        assert all("provenance" not in o for o in exported[:-1])
        closed = {**imported, "provenance": {**provenance, "closed": "2026-04-01"}}
        assert (
            loaded.upsert_dataset(
                parse_document({"organisations": [closed]}, known=loaded.known_ids())
            ).changed
            == 1
        )
        again = loaded.get_organisation("di-accueil")
        assert again is not None and again.provenance is not None
        assert str(again.provenance.closed) == "2026-04-01"

    # -- deletes -----------------------------------------------------------------------------

    def test_deleting_a_missing_entity_raises_not_found(self, loaded: Store) -> None:
        with pytest.raises(NotFound):
            loaded.delete_territory("59999")
        with pytest.raises(NotFound):
            loaded.delete_organisation("nobody")
        with pytest.raises(NotFound):
            loaded.delete_scheme("nothing")
        with pytest.raises(NotFound):
            loaded.delete_project("p-none")
        with pytest.raises(NotFound):
            loaded.delete_tie("a|b|orientation|")

    @pytest.mark.parametrize(
        ("organisation_id", "why"),
        [
            ("asso-horizon", "lead of p-roubaix"),
            ("ent-textile", "partner of p-roubaix only"),
            ("plie-hainaut", "operator of plie-valenciennes only"),
        ],
    )
    def test_deleting_a_referenced_organisation_is_a_conflict(
        self, loaded: Store, organisation_id: str, why: str
    ) -> None:
        before = loaded.export_dataset()
        with pytest.raises(Conflict):
            loaded.delete_organisation(organisation_id)
        assert loaded.export_dataset() == before, why

    def test_deleting_an_organisation_removes_its_ties(self, loaded: Store) -> None:
        loaded.delete_organisation("mel")
        assert loaded.get_organisation("mel") is None
        assert loaded.list_ties(organisation="mel") == []
        assert len(loaded.list_ties()) == 3
        assert "mel" not in loaded.known_ids().organisations

    def test_deleting_a_project_removes_the_ties_it_declared_and_keeps_the_others(
        self, loaded: Store
    ) -> None:
        loaded.delete_project("p-roubaix")
        assert loaded.get_project("p-roubaix") is None
        assert [t.key for t in loaded.list_ties()] == [
            "ml-roubaix|mel|echange_information|",
            "ccas-valenciennes|e2c-hainaut|convention|p-valenciennes",
        ]
        assert loaded.list_projects(organisation="ent-textile") == []
        # Its partners stay; the one it alone referenced can now be deleted.
        loaded.delete_organisation("ent-textile")
        assert loaded.get_organisation("ent-textile") is None

    def test_deleting_a_scheme_a_project_articulates_with_is_a_conflict(self, loaded: Store) -> None:
        with pytest.raises(Conflict):
            loaded.delete_scheme("cej-roubaix")
        loaded.delete_scheme("plie-valenciennes")
        assert ids(loaded.list_schemes()) == ["cej-roubaix"]
        loaded.delete_organisation("plie-hainaut")

    def test_deleting_a_referenced_territory_is_a_conflict(self, loaded: Store) -> None:
        for code in (MEL, ROUBAIX, VALENCIENNES):
            with pytest.raises(Conflict):
                loaded.delete_territory(code)
        assert loaded.get_territory(MEL) is not None

    def test_a_tie_is_deleted_by_its_key(self, loaded: Store) -> None:
        loaded.delete_tie("ml-roubaix|mel|echange_information|")
        assert [t.key for t in loaded.list_ties(organisation="mel")] == []
        assert len(loaded.list_ties()) == 3

    # -- project network ---------------------------------------------------------------------

    def test_project_network_has_the_lead_and_partners_as_nodes(self, loaded: Store) -> None:
        graph = loaded.project_network("p-roubaix")
        assert isinstance(graph, nx.Graph) and not graph.is_directed()
        assert set(graph.nodes) == {"asso-horizon", "ml-roubaix", "ft-tourcoing", "ent-textile"}
        assert graph.graph["project"] == "p-roubaix"
        assert graph.graph["lead"] == "asso-horizon"
        assert graph.graph["call"] == "aap-2019"
        assert graph.graph["territories"] == [ROUBAIX, TOURCOING]
        assert graph.graph["schemes"] == ["cej-roubaix"]

    def test_project_network_node_attributes_describe_roles_and_commitments(self, loaded: Store) -> None:
        graph = loaded.project_network("p-roubaix")
        lead = graph.nodes["asso-horizon"]
        assert (lead["role"], lead["commitment"], lead["sector"]) == ("lead", None, "social")
        assert lead["territories"] == [QPV_ROUBAIX]
        partner = graph.nodes["ent-textile"]
        assert (partner["role"], partner["commitment"], partner["formal"]) == (
            "partner",
            "lettre_engagement",
            True,
        )
        assert (partner["sector"], partner["subtype"], partner["project_role"]) == (
            "enterprise",
            "sme",
            "immersions",
        )
        assert graph.nodes["ft-tourcoing"]["formal"] is False

    def test_partner_stages_default_to_the_organisations_own(self, loaded: Store) -> None:
        graph = loaded.project_network("p-roubaix")
        # ml-roubaix declares what it does in this project; ft-tourcoing declares nothing.
        assert graph.nodes["ml-roubaix"]["stages"] == ["accompagnement"]
        assert graph.nodes["ml-roubaix"]["org_stages"] == ["accompagnement", "formation"]
        assert graph.nodes["ft-tourcoing"]["stages"] == ["accompagnement", "emploi"]
        assert graph.nodes["asso-horizon"]["stages"] == ["reperage", "mobilisation"]

    def test_project_network_links_the_lead_to_each_partner_by_its_commitment(self, loaded: Store) -> None:
        graph = loaded.project_network("p-roubaix")
        textile = graph.edges["asso-horizon", "ent-textile"]
        assert (textile["commitment"], textile["strength"], textile["formal"], textile["declared"]) == (
            "lettre_engagement",
            2,
            True,
            False,
        )
        informal = graph.edges["asso-horizon", "ft-tourcoing"]
        assert (informal["commitment"], informal["strength"], informal["formal"]) == ("informel", 1, False)

    def test_a_declared_tie_on_a_lead_partner_edge_sets_its_strength_and_kinds(self, loaded: Store) -> None:
        edge = loaded.project_network("p-roubaix").edges["asso-horizon", "ml-roubaix"]
        # The convention alone implies 3, but the declared tie says 2: the declaration wins.
        assert edge["commitment"] == "convention"
        assert edge["strength"] == 2
        assert edge["kinds"] == ["orientation"]
        assert edge["ties"] == ["asso-horizon|ml-roubaix|orientation|p-roubaix"]
        assert edge["declared"] is True and edge["formal"] is True

    def test_a_declared_tie_between_two_partners_is_an_edge(self, loaded: Store) -> None:
        graph = loaded.project_network("p-roubaix")
        edge = graph.edges["ml-roubaix", "ft-tourcoing"]
        assert edge["commitment"] is None
        assert (edge["kinds"], edge["strength"], edge["formal"]) == (["co_intervention"], 3, False)
        assert graph.number_of_edges() == 4  # three commitments and one partner–partner tie

    def test_a_tie_to_a_non_member_is_left_out_of_the_project_network(self, loaded: Store) -> None:
        graph = loaded.project_network("p-roubaix")
        assert "mel" not in graph

    def test_a_tie_declared_by_another_application_is_not_part_of_the_project_network(
        self, loaded: Store
    ) -> None:
        # In p-tourcoing-2020 (lead ml-roubaix, partner asso-horizon), the tie p-roubaix declared
        # between them belongs to p-roubaix: only the informal commitment joins them here.
        edge = loaded.project_network("p-tourcoing-2020").edges["ml-roubaix", "asso-horizon"]
        assert edge["commitment"] == "informel"
        assert (edge["ties"], edge["declared"], edge["formal"], edge["strength"]) == ([], False, False, 1)
        assert edge["provenance"] == ["commitment"]

    def test_a_tie_known_on_the_territory_between_members_is_an_edge_of_known_provenance(
        self, loaded: Store
    ) -> None:
        known = {
            "source": "ent-textile",
            "target": "ml-roubaix",
            "kind": "echange_information",
            "formal": False,
            "strength": 1,
            "project": None,
        }
        loaded.upsert_dataset(parse_document({"ties": [known]}, known=loaded.known_ids()))
        graph = loaded.project_network("p-roubaix")
        assert graph.edges["ent-textile", "ml-roubaix"]["provenance"] == ["known"]
        assert graph.edges["ml-roubaix", "ft-tourcoing"]["provenance"] == ["declared"]
        # The lead's edge to ml-roubaix carries the commitment and the tie p-roubaix declares.
        assert graph.edges["asso-horizon", "ml-roubaix"]["provenance"] == ["commitment", "declared"]
        assert graph.edges["asso-horizon", "ent-textile"]["provenance"] == ["commitment"]

    def test_project_network_of_a_missing_project_raises_not_found(self, loaded: Store) -> None:
        with pytest.raises(NotFound):
            loaded.project_network("p-none")

    def test_project_networks_are_read_together_in_the_order_asked_and_equal_one_by_one(
        self, loaded: Store
    ) -> None:
        asked = ["p-tourcoing-2020", "p-roubaix"]
        together = loaded.project_networks(asked)
        assert [g.graph["project"] for g in together] == asked
        for graph, project_id in zip(together, asked, strict=True):
            alone = loaded.project_network(project_id)
            assert graph.graph == alone.graph
            assert list(graph.nodes(data=True)) == list(alone.nodes(data=True))
            assert list(graph.edges(data=True)) == list(alone.edges(data=True))

    def test_project_networks_with_a_missing_project_raise_not_found(self, loaded: Store) -> None:
        with pytest.raises(NotFound):
            loaded.project_networks(["p-roubaix", "p-none"])

    # -- data version ------------------------------------------------------------------------

    def test_every_committed_write_increases_the_data_version_and_reads_do_not(self, store: Store) -> None:
        first = store.data_version()
        store.upsert_dataset(small_region())
        loaded = store.data_version()
        assert loaded > first
        store.project_network("p-roubaix")
        store.list_projects()
        assert store.data_version() == loaded
        store.delete_tie("ml-roubaix|mel|echange_information|")
        assert store.data_version() > loaded

    def test_a_refused_write_leaves_the_data_version_as_it_was(self, loaded: Store) -> None:
        before = loaded.data_version()
        with pytest.raises(NotFound):
            loaded.delete_tie("ml-roubaix|mel|orientation|p-none")
        with pytest.raises(Conflict):
            loaded.delete_organisation("ml-roubaix")
        assert loaded.data_version() == before

    # -- territory ecosystem -----------------------------------------------------------------

    def test_ecosystem_of_an_epci_holds_its_communes_and_their_organisations(self, loaded: Store) -> None:
        ecosystem = loaded.territory_ecosystem(MEL)
        assert {t.code for t in ecosystem.territories} == {MEL, ROUBAIX, TOURCOING, QPV_ROUBAIX}
        assert set(ids(ecosystem.organisations)) == {
            "asso-horizon",
            "ml-roubaix",
            "ft-tourcoing",
            "ent-textile",
            "mel",
        }
        assert set(ids(ecosystem.projects)) == {"p-roubaix", "p-tourcoing-2020"}
        assert ids(ecosystem.schemes) == ["cej-roubaix"]
        assert {t.key for t in ecosystem.ties} == {
            "asso-horizon|ml-roubaix|orientation|p-roubaix",
            "ml-roubaix|ft-tourcoing|co_intervention|p-roubaix",
            "ml-roubaix|mel|echange_information|",
        }

    def test_ecosystem_of_an_epci_excludes_another_epcis_organisations(self, loaded: Store) -> None:
        ecosystem = loaded.territory_ecosystem(VALENCIENNES_METROPOLE)
        assert set(ids(ecosystem.organisations)) == {"ccas-valenciennes", "e2c-hainaut", "plie-hainaut"}
        assert ids(ecosystem.projects) == ["p-valenciennes"]
        assert ids(ecosystem.schemes) == ["plie-valenciennes"]
        assert [t.key for t in ecosystem.ties] == ["ccas-valenciennes|e2c-hainaut|convention|p-valenciennes"]

    def test_an_ecosystem_is_a_dataset_that_validates_on_its_own(self, loaded: Store) -> None:
        for code in (MEL, ROUBAIX, VALENCIENNES_METROPOLE, DEPARTEMENT):
            document = loaded.territory_ecosystem(code).to_document()
            rebuilt = parse_document(document, f"ecosystem-{code}.json")
            assert rebuilt.to_document() == document

    def test_ecosystem_of_a_missing_territory_raises_not_found(self, loaded: Store) -> None:
        with pytest.raises(NotFound):
            loaded.territory_ecosystem("59999")

    # -- known ids, ping ---------------------------------------------------------------------

    def test_known_ids_are_the_stored_keys_of_each_table(self, loaded: Store) -> None:
        known = loaded.known_ids()
        dataset = small_region()
        assert known.territories == {t.code for t in dataset.territories}
        assert known.organisations == {o.id for o in dataset.organisations}
        assert known.schemes == {s.id for s in dataset.schemes}
        assert known.projects == {p.id for p in dataset.projects}
        # Each stored SIRET names its organisation, so an import can resolve partners by SIRET.
        assert known.sirets == {o.siret: o.id for o in dataset.organisations if o.siret}
        assert known.sirets

    def test_known_ids_let_a_partial_import_reference_stored_entities(self, loaded: Store) -> None:
        tie = {"source": "mel", "target": "ft-tourcoing", "kind": "financement"}
        dataset = parse_document({"ties": [tie]}, known=loaded.known_ids())
        assert loaded.upsert_dataset(dataset).tables["ties"].added == 1
        assert Tie.model_validate(tie) in loaded.list_ties(organisation="mel")

    def test_ping_answers_on_an_empty_and_a_loaded_store(self, store: Store) -> None:
        store.ping()
        store.upsert_dataset(small_region())
        store.ping()


__all__ = ["StoreContract"]
