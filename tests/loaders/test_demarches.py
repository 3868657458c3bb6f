"""The démarches-simplifiées export, read through its TOML mapping."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from graph_service.domain.models import Dataset
from graph_service.domain.validation import InputError, InvalidInput, KnownIds
from graph_service.domain.vocabulary import Commitment, Stage
from loaders import load_bytes, load_path
from tests.support.datasets import luhn_key

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "demarches"
MAPPING = (EXAMPLE / "mapping.toml").read_bytes()
COMMUNES = {"59178", "59569", "59392", "59183", "59271"}
KNOWN = KnownIds(territories=COMMUNES)

DOSSIER_HEADER = [
    "ID",
    "État du dossier",
    "Intitulé du projet",
    "SIRET de la structure porteuse",
    "Raison sociale de la structure porteuse",
    "Secteur de la structure porteuse",
    "Communes d'intervention",
    "Publics visés",
]
PARTNER_HEADER = [
    "Dossier ID",
    "Ligne",
    "SIRET du partenaire",
    "Nom du partenaire",
    "Secteur du partenaire",
    "Nature de l'engagement",
    "Rôle dans le projet",
    "Étapes du parcours",
]


def siret(number: int) -> str:
    body = f"98{number:011d}"
    return body + luhn_key(body)


LEAD, PARTNER = siret(1), siret(2)


def export(dossiers: list[list[Any]], partners: list[list[Any]], header: list[str] = DOSSIER_HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Dossiers"
    for row in [header, *dossiers]:
        sheet.append(row)
    block = book.create_sheet("Partenaires")
    for row in [PARTNER_HEADER, *partners]:
        block.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def dossier(number: int = 7, lead: str = LEAD, **changes: Any) -> list[Any]:
    row = {
        "id": number,
        "state": "en_instruction",
        "title": "Projet test",
        "lead": lead,
        "name": "Porteur",
        "sector": "Action sociale",
        "communes": "Douai (59178)",
        "publics": "Décrocheurs scolaires",
    }
    row.update(changes)
    return list(row.values())


def partner(number: int = 7, organisation: str = PARTNER, **changes: Any) -> list[Any]:
    row = {
        "dossier": number,
        "line": 1,
        "siret": organisation,
        "name": "Partenaire",
        "sector": "Santé",
        "commitment": "Convention signée",
        "role": None,
        "stages": "Repérage, Levée des freins",
    }
    row.update(changes)
    return list(row.values())


def errors_of(data: bytes, mapping: bytes | None = MAPPING) -> list[InputError]:
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(data, "export.xlsx", known=KNOWN, mapping=mapping)
    return excinfo.value.errors


def located(error: InputError) -> tuple[str, str | None, int | None, str | None]:
    return (error.code, error.sheet, error.row, error.column)


def test_the_shipped_example_loads_into_its_four_applications_and_their_partners() -> None:
    loaded = load_path(EXAMPLE / "export-dossiers.xlsx", known=KNOWN, mapping=EXAMPLE / "mapping.toml")
    dataset = loaded.dataset
    assert loaded.format == "demarches-simplifiees"
    assert [p.id for p in dataset.projects] == ["ds-1201", "ds-1202", "ds-1203", "ds-1204"]
    assert {p.call for p in dataset.projects} == {"aap-invisibles-2019"}
    assert [len(p.partners) for p in dataset.projects] == [4, 3, 3, 1]
    first = dataset.projects[0]
    assert first.title == "Les Passerelles du Douaisis"
    assert first.territories == ["59178", "59569"]
    assert [p.value for p in first.publics] == ["neet_16_25", "qpv"]
    assert [(p.commitment, p.stages) for p in first.partners] == [
        (Commitment.CONVENTION, [Stage.ACCOMPAGNEMENT]),
        (Commitment.LETTRE_ENGAGEMENT, [Stage.ACCOMPAGNEMENT, Stage.FORMATION]),
        (Commitment.LETTRE_ENGAGEMENT, [Stage.EMPLOI]),
        (Commitment.INFORMEL, [Stage.LEVEE_FREINS]),
    ]
    # 13 organisations, each once: the Douaisis mission locale is a partner of 1201 and the lead
    # of 1204, the employers' network a partner of 1202 and 1203.
    assert len(dataset.organisations) == 13
    by_id = {o.id: o for o in dataset.organisations}
    assert dataset.projects[3].lead == first.partners[0].organisation
    assert by_id[dataset.projects[3].lead].name == "Mission locale du Douaisis (fictive)"
    assert dataset.projects[1].partners[2].organisation == dataset.projects[2].partners[2].organisation
    assert all(o.siret == o.id for o in dataset.organisations)
    # The lead's SIRET was typed with spaces in the export.
    assert by_id[first.lead].name == "Association Trait d'Union"
    assert dataset.projects[1].partners[1].stages is None  # empty cell: the organisation's stages
    # The form asks for no tie between members and no scheme: missing, not absent.
    assert {tuple(p.unreported) for p in dataset.projects} == {("ties", "schemes")}
    assert loaded.detected == [
        "export-dossiers.xlsx : export démarches-simplifiées, 4 dossier(s), 11 partenaire(s), "
        "13 organisation(s) identifiée(s) par SIRET"
    ]


def test_dossiers_in_states_left_out_by_the_mapping_are_skipped_with_their_partners() -> None:
    mapping = MAPPING.replace(
        b'# states = ["en_instruction", "accepte"]', b'states = ["en_instruction", "accepte"]'
    )
    loaded = load_bytes(
        (EXAMPLE / "export-dossiers.xlsx").read_bytes(), "export.xlsx", known=KNOWN, mapping=mapping
    )
    assert [p.id for p in loaded.dataset.projects] == ["ds-1201", "ds-1203", "ds-1204"]
    assert len(loaded.dataset.organisations) == 13 - 3  # the draft's lead and its two own partners
    assert loaded.detected[1] == "export.xlsx : 1 dossier(s) écarté(s) par leur état (en_construction : 1)"


def test_the_example_is_what_its_build_script_writes(tmp_path: Path) -> None:
    import runpy

    module = runpy.run_path(str(EXAMPLE / "build_example.py"))
    module["build"]().save(tmp_path / "again.xlsx")
    built = openpyxl.load_workbook(tmp_path / "again.xlsx")
    shipped = openpyxl.load_workbook(EXAMPLE / "export-dossiers.xlsx")
    for title in ("Dossiers", "Partenaires"):
        assert list(built[title].values) == list(shipped[title].values)


def test_an_export_without_its_mapping_asks_for_it() -> None:
    (error,) = errors_of(export([dossier()], []), mapping=None)
    assert (error.code, error.file) == ("mapping_required", "export.xlsx")
    assert "--mapping" in error.message


def test_an_invalid_partner_siret_is_reported_at_its_cell() -> None:
    wrong = PARTNER[:-1] + str((int(PARTNER[-1]) + 1) % 10)
    (error,) = errors_of(export([dossier()], [partner(organisation=wrong)]))
    assert located(error) == ("invalid_siret", "Partenaires", 2, "SIRET du partenaire")


def test_an_invalid_lead_siret_is_reported_once_at_its_cell() -> None:
    (error,) = errors_of(export([dossier(lead="123 456 789 00012")], []))
    assert located(error) == ("invalid_siret", "Dossiers", 2, "SIRET de la structure porteuse")


def test_an_unknown_label_names_the_sheet_row_and_column_and_says_how_to_fix_it() -> None:
    (error,) = errors_of(export([dossier()], [partner(commitment="Poignée de main")]))
    assert located(error) == ("unknown_label", "Partenaires", 2, "Nature de l'engagement")
    assert "[labels.commitment]" in error.message


def test_a_commune_unknown_to_the_store_and_the_files_is_dangling() -> None:
    (error,) = errors_of(export([dossier(communes="Douai (59178), Lens (62498)")], []))
    assert located(error) == ("dangling_reference", "Dossiers", 2, "Communes d'intervention")
    assert "62498" in error.message


def test_a_partner_of_a_dossier_absent_from_the_dossiers_sheet_is_reported() -> None:
    (error,) = errors_of(export([dossier()], [partner(number=8)]))
    assert located(error) == ("dangling_reference", "Partenaires", 2, "Dossier ID")


def test_a_lead_listed_as_its_own_partner_is_reported_at_the_partner_row() -> None:
    (error,) = errors_of(export([dossier()], [partner(), partner(organisation=LEAD, line=2)]))
    assert located(error) == ("lead_is_partner", "Partenaires", 3, "SIRET du partenaire")


def test_a_missing_column_named_by_the_mapping_is_reported() -> None:
    header = [c if c != "Publics visés" else "Publics" for c in DOSSIER_HEADER]
    (error,) = errors_of(export([dossier()], [], header=header))
    assert located(error) == ("missing_column", "Dossiers", 1, "Publics visés")


def test_a_formula_in_the_export_is_refused() -> None:
    (error,) = errors_of(export([dossier(title="=B2")], []))
    assert located(error) == ("formula", "Dossiers", 2, "Intitulé du projet")


def test_duplicate_dossiers_are_reported_at_the_second_row() -> None:
    (error,) = errors_of(export([dossier(), dossier()], []))
    assert located(error) == ("duplicate_id", "Dossiers", 3, "ID")


@pytest.mark.parametrize(
    ("mapping", "column"),
    [
        (b"call = ", None),
        (MAPPING.replace(b'title = "Intitul', b'titre = "Intitul'), "dossiers.titre"),
        (MAPPING.replace(b'call = "aap-invisibles-2019"', b""), "call"),
        (MAPPING + b'\n[labels.colours]\n"Rouge" = "red"\n', "labels.colours"),
        (MAPPING.replace(b'separator = ","', b'seperator = ","'), "seperator"),
    ],
    ids=["not TOML", "unknown key", "no call", "unknown label table", "misspelt top-level key"],
)
def test_a_bad_mapping_is_reported_with_the_key_at_fault(mapping: bytes, column: str | None) -> None:
    (error,) = errors_of(export([dossier()], []), mapping=mapping)
    assert (error.code, error.column) == ("bad_mapping", column)


def test_a_partner_the_store_knows_by_its_siret_keeps_its_stored_id_and_data() -> None:
    # The store holds the partner as "centre-sante" with this SIRET: the export must point at it,
    # not create a second organisation with the same SIRET nor overwrite the stored one.
    known = KnownIds(territories=COMMUNES, organisations={"centre-sante"}, sirets={PARTNER: "centre-sante"})
    loaded = load_bytes(export([dossier()], [partner()]), "export.xlsx", known=known, mapping=MAPPING)
    project = loaded.dataset.projects[0]
    assert [p.organisation for p in project.partners] == ["centre-sante"]
    assert [o.id for o in loaded.dataset.organisations] == [LEAD]


def test_a_lead_the_store_knows_by_its_siret_keeps_its_stored_id() -> None:
    known = KnownIds(territories=COMMUNES, organisations={"asso-porteuse"}, sirets={LEAD: "asso-porteuse"})
    loaded = load_bytes(export([dossier()], [partner()]), "export.xlsx", known=known, mapping=MAPPING)
    assert loaded.dataset.projects[0].lead == "asso-porteuse"
    assert [o.id for o in loaded.dataset.organisations] == [PARTNER]


def test_a_form_application_keeps_what_it_was_never_asked_through_a_json_round_trip() -> None:
    loaded = load_path(EXAMPLE / "export-dossiers.xlsx", known=KNOWN, mapping=EXAMPLE / "mapping.toml")
    document = loaded.dataset.to_document()
    assert document["projects"][0]["unreported"] == ["ties", "schemes"]
    assert Dataset.model_validate(document) == loaded.dataset
    # A project that was asked everything writes no such key: other documents are unchanged.
    plain = loaded.dataset.projects[0].model_copy(update={"unreported": []})
    assert "unreported" not in plain.model_dump(mode="json")
