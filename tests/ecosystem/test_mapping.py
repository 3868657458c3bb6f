"""The shipped data·inclusion mapping, its choices and its override."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from data_inclusion.schema import v1

from graph_service.domain.validation import InvalidInput
from graph_service.domain.vocabulary import Barrier, EnterpriseSubtype, Public, Sector, Stage
from loaders.data_inclusion import ServiceRecord, StructureRecord, load_mapping, map_structure


def structure(*networks: str) -> StructureRecord:
    return StructureRecord(
        id="dora--x", producer="dora", name="Structure fictive", siret=None, commune="59172",
        commune_name="Denain", updated=date(2026, 1, 5), networks=networks, closed=False, row=1,
    )  # fmt: skip


def service(*themes: str, type_: str | None = None, publics: tuple[str, ...] = ()) -> ServiceRecord:
    return ServiceRecord(
        id="dora--s", structure_id="dora--x", themes=themes, type=type_, publics=publics, commune=None, row=1
    )


def test_every_network_of_the_schema_has_an_entry_with_a_sector() -> None:
    mapping = load_mapping()
    assert set(mapping.reseaux_porteurs) == {n.value for n in v1.ReseauPorteur}
    assert all(entry.sector is not None for entry in mapping.reseaux_porteurs.values())
    # Every category of themes is mapped, so a theme never goes unmapped unless it is new.
    assert {c.value for c in v1.Categorie} <= set(mapping.thematiques)


def test_the_choices_the_issue_names() -> None:
    mapping = load_mapping()
    assert map_structure(mapping, structure("mission-locale"), []).sector is Sector.EMPLOYMENT
    housing = map_structure(mapping, structure(), [service("logement-hebergement--louer-un-logement")])
    assert housing.barriers == [Barrier.LOGEMENT]
    assert housing.sector is Sector.SOCIAL  # no network: the default sector
    remobilised = map_structure(mapping, structure(), [service("remobilisation--lien-social")])
    assert remobilised.stages == [Stage.MOBILISATION]


def test_an_adapted_enterprise_is_an_enterprise_of_its_subtype_bringing_jobs_for_disabled_people() -> None:
    mapped = map_structure(load_mapping(), structure("ea"), [])
    assert (mapped.sector, mapped.subtype) == (Sector.ENTERPRISE, EnterpriseSubtype.ENTREPRISE_ADAPTEE)
    assert mapped.stages == [Stage.EMPLOI] and mapped.publics == [Public.HANDICAP]


def test_a_structure_gets_the_union_of_its_networks_and_services_in_vocabulary_order() -> None:
    mapped = map_structure(
        load_mapping(),
        structure("mission-locale"),
        [service("se-former--trouver-sa-formation", type_="atelier", publics=("jeunes", "femmes"))],
    )
    assert mapped.stages == [Stage.REPERAGE, Stage.MOBILISATION, Stage.ACCOMPAGNEMENT, Stage.FORMATION]
    # « femmes » names no public of the call: it brings none.
    assert mapped.publics == [Public.NEET_16_25, Public.JEUNES_16_29]
    assert mapped.unmapped == set()


def test_an_override_replaces_the_entries_it_names_and_keeps_the_others(tmp_path: Path) -> None:
    override = tmp_path / "ma-correspondance.toml"
    override.write_text(
        '[reseaux_porteurs]\nmjc = { sector = "social", stages = ["reperage"] }\n'
        '[thematiques]\nmobilite = { barriers = ["mobilite"], stages = ["levee_freins"] }\n',
        "utf-8",
    )
    mapping = load_mapping(override)
    assert mapping.reseaux_porteurs["mjc"].sector is Sector.SOCIAL
    assert mapping.reseaux_porteurs["mission-locale"].sector is Sector.EMPLOYMENT
    mapped = map_structure(mapping, structure("mjc"), [service("mobilite--preparer-un-permis")])
    assert mapped.sector is Sector.SOCIAL and mapped.stages == [Stage.REPERAGE, Stage.LEVEE_FREINS]


def test_an_override_with_an_unknown_code_is_refused_naming_the_file_table_and_key(tmp_path: Path) -> None:
    override = tmp_path / "faux.toml"
    override.write_text('[reseaux_porteurs]\nclub-de-prevention = { sector = "social" }\n', "utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_mapping(override)
    error = caught.value.errors[0]
    assert (error.file, error.sheet, error.column) == ("faux.toml", "reseaux_porteurs", "club-de-prevention")


def test_an_override_with_a_value_outside_our_vocabulary_is_refused(tmp_path: Path) -> None:
    override = tmp_path / "faux.toml"
    override.write_text('[reseaux_porteurs]\nmjc = { sector = "sport" }\n', "utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_mapping(override)
    assert caught.value.errors[0].sheet == "reseaux_porteurs"
