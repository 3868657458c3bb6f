"""The démarches-simplifiées export, read through its TOML mapping, as the platform writes it."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from graph_service.domain.validation import InputError, InvalidInput, KnownIds
from graph_service.domain.vocabulary import Barrier, Commitment, EnterpriseSubtype, Sector, Stage, TieKind
from loaders import load_bytes, load_path
from tests.support.datasets import luhn_key

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "demarches"
MAPPING = (EXAMPLE / "mapping.toml").read_bytes()
COMMUNES = {"59178", "59569", "59392", "59183", "59271"}
SCHEMES = {"cej-douaisis", "plie-douaisis", "cej-littoral", "cej-sambre"}
KNOWN = KnownIds(territories=COMMUNES, schemes=SCHEMES)

# The columns the example mapping names, in the platform's spelling (typographic apostrophes).
DOSSIER_HEADER = [
    "ID",
    "État du dossier",
    "Intitulé du projet",
    "SIRET de la structure porteuse",
    "Raison sociale de la structure porteuse",
    "Secteur de la structure porteuse",
    "Étapes du parcours assurées par la structure porteuse",
    "Freins levés par la structure porteuse",
    "Publics accompagnés par la structure porteuse",
    "Communes d’intervention",
    "Publics visés",
    "Dispositifs avec lesquels le projet s’articule",
]
PARTNER_HEADER = [
    "Dossier ID",
    "Ligne",
    "SIRET du partenaire",
    "Numéro RNA du partenaire",
    "Nom du partenaire",
    "Secteur du partenaire",
    "Code NAF du partenaire",
    "Catégorie juridique du partenaire",
    "Type d’entreprise",
    "Nature de l’engagement",
    "Rôle dans le projet",
    "Étapes du parcours",
    "Freins levés",
]
TIE_HEADER = [
    "Dossier ID",
    "Ligne",
    "Partenaire d’origine",
    "Partenaire destinataire",
    "Nature du lien",
    "Lien formalisé",
    "Intensité",
]


def siret(number: int) -> str:
    body = f"98{number:011d}"
    return body + luhn_key(body)


LEAD, PARTNER = siret(1), siret(2)


def export(
    dossiers: list[list[Any]],
    partners: list[list[Any]],
    ties: list[list[Any]] | None = None,
    header: list[str] = DOSSIER_HEADER,
) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Dossiers"
    for row in [header, *dossiers]:
        sheet.append(row)
    for title, columns, rows in (
        ("Partenaires", PARTNER_HEADER, partners),
        ("Liens entre partenaires", TIE_HEADER, ties or []),
    ):
        block = book.create_sheet(title)
        for row in [columns, *rows]:
            block.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def dossier(number: int = 7, lead: str | None = LEAD, **changes: Any) -> list[Any]:
    row = {
        "id": number,
        "state": "En instruction",
        "title": "Projet test",
        "lead": lead,
        "name": "Porteur",
        "sector": "Action sociale",
        "stages": "Repérage",
        "barriers": None,
        "served": None,
        "communes": "Douai (59178)",
        "publics": "Décrocheurs scolaires",
        "schemes": None,
    }
    row.update(changes)
    return list(row.values())


def partner(number: int = 7, organisation: str | None = PARTNER, **changes: Any) -> list[Any]:
    row = {
        "dossier": number,
        "line": 1,
        "siret": organisation,
        "rna": None,
        "name": "Partenaire",
        "sector": "Santé",
        "naf": None,
        "legal": None,
        "subtype": None,
        "commitment": "Convention signée",
        "role": None,
        "stages": "Repérage, Levée des freins",
        "barriers": None,
    }
    row.update(changes)
    return list(row.values())


def tie(source: str, target: str, number: int = 7, **changes: Any) -> list[Any]:
    row = {"dossier": number, "line": 1, "source": source, "target": target, "kind": "Orientation"}
    row.update({"formal": "Oui", "strength": 2, **changes})
    return list(row.values())


def load(data: bytes, mapping: bytes = MAPPING, known: KnownIds = KNOWN) -> Any:
    return load_bytes(data, "export.xlsx", known=known, mapping=mapping)


def errors_of(data: bytes, mapping: bytes | None = MAPPING) -> list[InputError]:
    with pytest.raises(InvalidInput) as excinfo:
        load_bytes(data, "export.xlsx", known=KNOWN, mapping=mapping)
    return excinfo.value.errors


def located(error: InputError) -> tuple[str, str | None, int | None, str | None]:
    return (error.code, error.sheet, error.row, error.column)


def test_the_shipped_example_imports_its_stages_barriers_schemes_and_ties() -> None:
    loaded = load_path(EXAMPLE / "export-dossiers.xlsx", known=KNOWN, mapping=EXAMPLE / "mapping.toml")
    dataset = loaded.dataset
    assert loaded.format == "demarches-simplifiees"
    # « En construction » (1202) is left out by states = ["En instruction", "Accepté"].
    assert [p.id for p in dataset.projects] == ["ds-1201", "ds-1203", "ds-1204"]
    assert [len(p.partners) for p in dataset.projects] == [6, 3, 1]
    first = dataset.projects[0]
    assert first.territories == ["59178", "59569"]
    assert [p.value for p in first.publics] == ["neet_16_25", "qpv"]
    assert first.schemes == ["cej-douaisis", "plie-douaisis"]
    # « Lettre d’engagement » with a typographic apostrophe is the mapping's « Lettre d'engagement ».
    assert [p.commitment for p in first.partners] == [
        Commitment.CONVENTION,
        Commitment.LETTRE_ENGAGEMENT,
        Commitment.LETTRE_ENGAGEMENT,
        Commitment.INFORMEL,
        Commitment.LETTRE_ENGAGEMENT,
        Commitment.INFORMEL,
    ]
    by_id = {o.id: o for o in dataset.organisations}
    lead = by_id[first.lead]  # its SIRET was written with spaces
    assert lead.name == "Association Trait d’Union"
    assert (lead.stages, lead.barriers) == (
        [Stage.REPERAGE, Stage.MOBILISATION],
        [Barrier.MOBILITE, Barrier.ACCES_DROITS],
    )
    # 1204's lead left its barriers empty: nothing is made up.
    assert by_id[dataset.projects[2].lead].barriers == []
    # A partner known by its RNA number, one with neither SIRET nor RNA.
    assert [p.organisation for p in first.partners[4:]] == ["W595009871", "ds-1201-partenaire-6"]
    assert by_id["ds-1201-partenaire-6"].siret is None
    # No sector in the form for the young workers' hostel: NAF 55.90Z says housing.
    hostel = next(o for o in dataset.organisations if o.name.startswith("Foyer"))
    assert hostel.sector is Sector.HOUSING
    assert by_id[first.partners[2].organisation].subtype is EnterpriseSubtype.SME
    ties = [t for t in dataset.ties if t.project == "ds-1201"]
    assert [(t.source, t.target, t.kind, t.formal, t.strength) for t in ties[:2]] == [
        ("ds-1201-partenaire-6", first.lead, TieKind.ORIENTATION, False, 2),
        (first.lead, first.partners[0].organisation, TieKind.ORIENTATION, True, 3),
    ]
    # A tie naming its end by a spaced SIRET: the hostel, in 1203.
    assert (dataset.ties[5].target, dataset.ties[5].kind) == (hostel.id, TieKind.CO_INTERVENTION)
    assert len(dataset.ties) == 7
    assert loaded.detected[0] == (
        "export-dossiers.xlsx : démarches-simplifiées, 3 dossiers, 10 partenaires, 7 liens, "
        "12 organisations décrites (10 par SIRET, 1 par RNA, 1 sans identifiant)"
    )
    assert "ds-1201-partenaire-6 « Collectif d’habitants du Faubourg de Béthune »" in loaded.detected[2]
    assert loaded.detected[3] == "export-dossiers.xlsx : 1 dossier écarté par leur état (En construction : 1)"


def test_the_example_is_what_its_build_script_writes(tmp_path: Path) -> None:
    import runpy

    module = runpy.run_path(str(EXAMPLE / "build_example.py"))
    module["build"]().save(tmp_path / "again.xlsx")
    built = openpyxl.load_workbook(tmp_path / "again.xlsx")
    shipped = openpyxl.load_workbook(EXAMPLE / "export-dossiers.xlsx")
    assert built.sheetnames == shipped.sheetnames
    for title in shipped.sheetnames:
        assert list(built[title].values) == list(shipped[title].values)


def test_the_example_export_is_written_the_way_the_platform_writes_it() -> None:
    book = openpyxl.load_workbook(EXAMPLE / "export-dossiers.xlsx")
    rows = list(book["Dossiers"].values)
    header = rows[0]
    states = {row[header.index("État du dossier")] for row in rows[1:]}
    assert states == {"En instruction", "En construction", "Accepté"}
    assert " " in str(rows[1][header.index("SIRET de la structure porteuse")])
    assert isinstance(rows[1][header.index("Date de démarrage")], date)
    assert None in [row[header.index("Freins levés par la structure porteuse")] for row in rows[1:]]
    partners = list(book["Partenaires"].values)
    assert "Nature de l’engagement" in partners[0]
    assert any(row[2] is None and row[3] is None for row in partners[1:])  # neither SIRET nor RNA
    assert len(list(book["Liens entre partenaires"].values)) > 1


@pytest.mark.parametrize("state", ["en_instruction", "EN INSTRUCTION", "En instruction", "en instruction"])
def test_a_state_is_read_from_its_displayed_label_or_its_api_value(state: str) -> None:
    loaded = load(export([dossier(state=state)], [partner()]))
    assert [p.id for p in loaded.dataset.projects] == ["ds-7"]


def test_states_selecting_no_dossier_is_an_error_listing_the_states_found() -> None:
    (error,) = errors_of(export([dossier(state="En construction"), dossier(8, state="Refusé")], []))
    assert (error.code, error.column) == ("no_dossier_selected", "État du dossier")
    assert "« En construction » (1)" in error.message and "« Refusé » (1)" in error.message


def test_a_state_the_platform_does_not_know_is_a_mapping_error() -> None:
    mapping = MAPPING.replace(b'states = ["En instruction", "Accept\xc3\xa9"]', b'states = ["Valid\xc3\xa9"]')
    (error,) = errors_of(export([dossier()], []), mapping=mapping)
    assert (error.code, error.column) == ("bad_mapping", "states")
    assert "« En instruction » (en_instruction)" in error.message


def test_typographic_apostrophes_and_non_breaking_spaces_match_the_mapping_labels() -> None:
    data = export([dossier()], [partner(commitment="Lettre\u00a0d\u2019engagement")])
    (member,) = load(data).dataset.projects[0].partners
    assert member.commitment is Commitment.LETTRE_ENGAGEMENT


def test_an_invalid_partner_siret_is_reported_at_its_cell() -> None:
    wrong = PARTNER[:-1] + str((int(PARTNER[-1]) + 1) % 10)
    (error,) = errors_of(export([dossier()], [partner(organisation=wrong)]))
    assert located(error) == ("invalid_siret", "Partenaires", 2, "SIRET du partenaire")


def test_an_invalid_lead_siret_is_reported_once_at_its_cell() -> None:
    (error,) = errors_of(export([dossier(lead="123 456 789 00012")], []))
    assert located(error) == ("invalid_siret", "Dossiers", 2, "SIRET de la structure porteuse")


def test_an_invalid_rna_number_is_reported_at_its_cell() -> None:
    (error,) = errors_of(export([dossier()], [partner(organisation=None, rna="595001234")]))
    assert located(error) == ("invalid_rna", "Partenaires", 2, "Numéro RNA du partenaire")


def test_a_partner_without_siret_nor_rna_gets_an_id_from_its_dossier_and_line_with_a_warning() -> None:
    rows = [partner(), partner(organisation=None, name="Collectif d’habitants", line=2)]
    loaded = load(export([dossier()], rows))
    assert [p.organisation for p in loaded.dataset.projects[0].partners] == [PARTNER, "ds-7-partenaire-2"]
    assert any("ds-7-partenaire-2 « Collectif d’habitants »" in note for note in loaded.detected)


def test_a_missing_sector_comes_from_the_naf_code_and_legal_category() -> None:
    rows = [partner(sector=None, naf="88.10C", legal="9220")]
    (organisation,) = [o for o in load(export([dossier()], rows)).dataset.organisations if o.id == PARTNER]
    # 88.10C, "aide par le travail": an ESAT (INSEE, NAF rév. 2).
    assert (organisation.sector, organisation.subtype) == (Sector.ENTERPRISE, EnterpriseSubtype.ESAT)


def test_a_missing_sector_with_no_code_to_read_it_from_is_reported_at_its_cell() -> None:
    (error,) = errors_of(export([dossier()], [partner(sector=None)]))
    assert located(error) == ("missing", "Partenaires", 2, "Secteur du partenaire")


def test_an_unknown_label_names_the_sheet_row_and_column_and_says_how_to_fix_it() -> None:
    (error,) = errors_of(export([dossier()], [partner(commitment="Poignée de main")]))
    assert located(error) == ("unknown_label", "Partenaires", 2, "Nature de l’engagement")
    assert "[labels.commitment]" in error.message


def test_a_commune_unknown_to_the_store_and_the_files_is_dangling() -> None:
    # The example mapping reads the lead's communes from the same column: the project's and the
    # lead's reference, both at that cell.
    errors = errors_of(export([dossier(communes="Douai (59178), Lens (62498)")], []))
    assert {located(error) for error in errors} == {
        ("dangling_reference", "Dossiers", 2, "Communes d’intervention")
    }
    assert all("62498" in error.message for error in errors)


def test_a_scheme_the_store_does_not_hold_is_dangling() -> None:
    (error,) = errors_of(export([dossier(schemes="CEJ du Douaisis, dispositif-inconnu")], []))
    assert located(error) == (
        "dangling_reference",
        "Dossiers",
        2,
        "Dispositifs avec lesquels le projet s’articule",
    )


def test_a_partner_of_a_dossier_absent_from_the_dossiers_sheet_is_reported() -> None:
    (error,) = errors_of(export([dossier()], [partner(number=8)]))
    assert located(error) == ("dangling_reference", "Partenaires", 2, "Dossier ID")


def test_a_lead_listed_as_its_own_partner_is_reported_at_the_partner_row() -> None:
    (error,) = errors_of(export([dossier()], [partner(), partner(organisation=LEAD, line=2)]))
    assert located(error) == ("lead_is_partner", "Partenaires", 3, "SIRET du partenaire")


def test_a_tie_names_its_ends_by_name_siret_or_as_the_lead() -> None:
    data = export(
        [dossier()], [partner()], [tie("Partenaire", "porteur"), tie(LEAD, PARTNER, kind="Financement")]
    )
    ties = load(data).dataset.ties
    assert [(t.source, t.target, t.kind) for t in ties] == [
        (PARTNER, LEAD, TieKind.ORIENTATION),
        (LEAD, PARTNER, TieKind.FINANCEMENT),
    ]


def test_a_tie_to_someone_outside_the_dossier_names_the_members() -> None:
    (error,) = errors_of(export([dossier()], [partner()], [tie("Partenaire", "Inconnu")]))
    assert located(error) == ("unknown_member", "Liens entre partenaires", 2, "Partenaire destinataire")
    assert "partenaire" in error.message and "porteur" in error.message


def test_a_tie_strength_out_of_bounds_is_reported_at_its_cell() -> None:
    (error,) = errors_of(export([dossier()], [partner()], [tie("Partenaire", "porteur", strength=5)]))
    assert located(error) == ("out_of_range", "Liens entre partenaires", 2, "Intensité")


def test_one_wrong_column_name_is_one_error_with_the_sheets_columns_and_the_closest_match() -> None:
    header = [c if c != "Intitulé du projet" else "Intitule projet" for c in DOSSIER_HEADER]
    data = export(
        [dossier(number) for number in range(1, 20)], [partner(n) for n in range(1, 20)], header=header
    )
    (error,) = errors_of(data)
    assert located(error) == ("missing_column", "Dossiers", 1, "Intitulé du projet")
    assert "colonne la plus proche : « Intitule projet »" in error.message
    assert "Raison sociale de la structure porteuse" in error.message  # the sheet's columns


def test_a_formula_in_the_export_is_refused() -> None:
    (error,) = errors_of(export([dossier(title="=B2")], []))
    assert located(error) == ("formula", "Dossiers", 2, "Intitulé du projet")


def test_duplicate_dossiers_are_reported_at_the_second_row() -> None:
    (error,) = errors_of(export([dossier(), dossier()], []))
    assert located(error) == ("duplicate_id", "Dossiers", 3, "ID")


def test_an_export_without_its_mapping_asks_for_it() -> None:
    (error,) = errors_of(export([dossier()], []), mapping=None)
    assert (error.code, error.file) == ("mapping_required", "export.xlsx")
    assert "--mapping" in error.message


@pytest.mark.parametrize(
    ("mapping", "column"),
    [
        (b"call = ", None),
        (MAPPING.replace(b'title = "Intitul', b'titre = "Intitul'), "dossiers.titre"),
        (MAPPING.replace(b'call = "aap-invisibles-2019"', b""), "call"),
        (MAPPING + b'\n[labels.colours]\n"Rouge" = "red"\n', "labels.colours"),
        (MAPPING.replace(b'separator = ","', b'seperator = ","'), "seperator"),
        (MAPPING.replace(b'kind = "Nature du lien"', b""), "ties.kind"),
    ],
    ids=[
        "not TOML",
        "unknown key",
        "no call",
        "unknown label table",
        "misspelt top-level key",
        "no tie kind",
    ],
)
def test_a_bad_mapping_is_reported_with_the_key_at_fault(mapping: bytes, column: str | None) -> None:
    (error,) = errors_of(export([dossier()], []), mapping=mapping)
    assert (error.code, error.column) == ("bad_mapping", column)


def test_a_partner_the_store_knows_by_its_siret_keeps_its_stored_id_and_data() -> None:
    # The store holds the partner as "centre-sante" with this SIRET: the export must point at it,
    # not create a second organisation with the same SIRET nor overwrite the stored one.
    known = KnownIds(territories=COMMUNES, organisations={"centre-sante"}, sirets={PARTNER: "centre-sante"})
    loaded = load(export([dossier()], [partner()]), known=known)
    project = loaded.dataset.projects[0]
    assert [p.organisation for p in project.partners] == ["centre-sante"]
    assert [o.id for o in loaded.dataset.organisations] == [LEAD]


def test_a_lead_the_store_knows_by_its_siret_keeps_its_stored_id() -> None:
    known = KnownIds(territories=COMMUNES, organisations={"asso-porteuse"}, sirets={LEAD: "asso-porteuse"})
    loaded = load(export([dossier()], [partner()]), known=known)
    assert loaded.dataset.projects[0].lead == "asso-porteuse"
    assert [o.id for o in loaded.dataset.organisations] == [PARTNER]


def test_the_report_of_an_imported_application_reads_what_the_form_filled(tmp_path: Path) -> None:
    from graph_service.services.demo import demo_dataset
    from graph_service.services.imports import import_files
    from graph_service.services.reports import project_report
    from graph_service.stores.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "graph.db")
    try:
        store.upsert_dataset(demo_dataset())
        import_files([EXAMPLE / "export-dossiers.xlsx"], store, 10**7, EXAMPLE / "mapping.toml")
        report = project_report(store, "ds-1201")
    finally:
        store.close()
    complementarity = report.families["complementarity"].metrics
    # Stages: reperage and mobilisation (lead), accompagnement, formation, levee_freins, emploi
    # (partners): all six. Barriers: mobilite and acces_droits (lead), sante (the CMP), numerique
    # (the RNA association): 4 of the 8 barriers. The lead serves both target publics on both
    # communes.
    assert complementarity["stage_coverage"] == 1.0
    assert complementarity["barrier_coverage"] == pytest.approx(4 / 8)
    assert (complementarity["public_coverage"], complementarity["territory_coverage"]) == (1.0, 1.0)
    assert report.families["scheme_articulation"].metrics["articulated_schemes"] == [
        "cej-douaisis",
        "plie-douaisis",
    ]
    # Of the four declared ties, two join partners (mission locale–CIO, CIO–joinery): 2 of the
    # 6 × 5 / 2 = 15 pairs of partners.
    assert report.families["federation"].metrics["partner_tie_density"] == pytest.approx(2 / 15, abs=5e-5)


def test_labels_in_decomposed_unicode_match_their_composed_form() -> None:
    # "Repérage" typed as e + combining acute accent (NFD), as some tools write it.
    loaded = load(export([dossier()], [partner(stages="Repe\u0301rage")]))
    assert loaded.dataset.projects[0].partners[0].stages == [Stage.REPERAGE]


def test_what_the_form_never_asks_is_recorded_as_unreported_not_absent() -> None:
    from loaders.demarches_dossiers import unasked
    from loaders.demarches_mapping import parse_mapping

    # The shipped example asks for ties, stages and schemes: nothing is missing.
    assert unasked(parse_mapping(MAPPING)) == []
    loaded = load_path(EXAMPLE / "export-dossiers.xlsx", known=KNOWN, mapping=EXAMPLE / "mapping.toml")
    assert all(p.unreported == [] for p in loaded.dataset.projects)
    # A procedure whose form has no ties block and no schemes field.
    text = MAPPING.decode("utf-8")
    text = text[: text.index("[ties]")] + text[text.index("[labels.sector]") :]
    lines = [line for line in text.splitlines() if not line.startswith("schemes =")]
    assert unasked(parse_mapping("\n".join(lines).encode("utf-8"))) == ["ties", "schemes"]
