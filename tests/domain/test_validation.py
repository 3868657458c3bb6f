"""Validation of a whole dataset: every rule, and where each error points."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_service.domain.validation import (
    InputError,
    InvalidInput,
    KnownIds,
    build_dataset,
    json_locator,
    parse_document,
)
from tests.support.datasets import make_siret, organisation, small_region_document

Document = dict[str, Any]


def errors_of(document: Any, known: KnownIds | None = None) -> list[InputError]:
    with pytest.raises(InvalidInput) as caught:
        parse_document(document, "region.json", known)
    return caught.value.errors


def single_error(document: Any) -> InputError:
    errors = errors_of(document)
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def edited(edit: Callable[[Document], object]) -> Document:
    document = small_region_document()
    edit(document)
    return document


def test_the_small_region_is_valid() -> None:
    assert parse_document(small_region_document()).size == 25


# -- unknown codes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "index", "field", "value"),
    [
        ("organisations", 0, "sector", "banque"),
        ("organisations", 3, "subtype", "startup"),
        ("territories", 0, "level", "canton"),
        ("schemes", 0, "kind", "rsa"),
        ("ties", 0, "kind", "amitie"),
    ],
)
def test_an_unknown_code_names_the_table_row_and_field(
    table: str, index: int, field: str, value: str
) -> None:
    error = single_error(edited(lambda d: d[table][index].update({field: value})))
    assert error.code == "unknown_code"
    assert (error.file, error.sheet, error.row, error.column) == ("region.json", table, index + 1, field)
    assert f"code inconnu « {value} »" in error.message
    assert error.message_en.startswith("Input should be")


def test_an_unknown_code_inside_a_list_names_its_position() -> None:
    error = single_error(edited(lambda d: d["organisations"][1]["stages"].append("insertion")))
    assert (error.code, error.sheet, error.row, error.column) == (
        "unknown_code",
        "organisations",
        2,
        "stages.2",
    )
    # The admitted codes are listed, so a person can correct the cell.
    assert "reperage" in error.message and "emploi" in error.message


def test_an_unknown_commitment_of_a_partner_names_the_partner() -> None:
    error = single_error(edited(lambda d: d["projects"][0]["partners"][1].update(commitment="promesse")))
    assert (error.code, error.sheet, error.row, error.column) == (
        "unknown_code",
        "projects",
        1,
        "partners.1.commitment",
    )


# -- dangling references ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "table", "row", "column", "ref"),
    [
        (
            lambda d: d["projects"][0]["partners"][0].update(organisation="ghost"),
            "projects",
            1,
            "partners.0.organisation",
            "ghost",
        ),
        (lambda d: d["projects"][1].update(lead="ghost"), "projects", 2, "lead", "ghost"),
        (lambda d: d["schemes"][1].update(operator="ghost"), "schemes", 2, "operator", "ghost"),
        (lambda d: d["ties"][2].update(source="ghost"), "ties", 3, "source", "ghost"),
        (lambda d: d["ties"][2].update(target="ghost"), "ties", 3, "target", "ghost"),
        (lambda d: d["ties"][3].update(project="p-ghost"), "ties", 4, "project", "p-ghost"),
        (lambda d: d["territories"][4].update(parent="200000172"), "territories", 5, "parent", "200000172"),
        (
            lambda d: d["organisations"][2]["territories"].append("59350"),
            "organisations",
            3,
            "territories.1",
            "59350",
        ),
        (
            lambda d: d["projects"][2]["schemes"].append("prij-lille"),
            "projects",
            3,
            "schemes.0",
            "prij-lille",
        ),
    ],
    ids=[
        "partner",
        "lead",
        "operator",
        "tie-source",
        "tie-target",
        "tie-project",
        "territory-parent",
        "organisation-territory",
        "project-scheme",
    ],
)
def test_a_dangling_reference_names_what_is_missing_and_where(
    edit: Callable[[Document], object], table: str, row: int, column: str, ref: str
) -> None:
    error = single_error(edited(edit))
    assert error.code == "dangling_reference"
    assert (error.sheet, error.row, error.column) == (table, row, column)
    assert f"« {ref} » introuvable" in error.message
    assert repr(ref) in error.message_en


def test_references_to_ids_the_store_already_holds_are_not_dangling() -> None:
    tie = {"source": "ml-roubaix", "target": "ft-tourcoing", "kind": "orientation", "project": "p-roubaix"}
    known = KnownIds(organisations={"ml-roubaix", "ft-tourcoing"}, projects={"p-roubaix"})
    assert len(parse_document({"ties": [tie]}, known=known).ties) == 1
    assert [e.column for e in errors_of({"ties": [tie]})] == ["source", "target", "project"]


def test_an_organisation_with_its_own_error_is_not_reported_again_where_it_is_named() -> None:
    errors = errors_of(edited(lambda d: d["organisations"][1].update(sector="banque")))
    assert [(e.sheet, e.column) for e in errors] == [("organisations", "sector")]


# -- duplicates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "index", "column", "what"),
    [
        ("territories", 5, "code", "territoire"),
        ("organisations", 4, "id", "organisation"),  # mel: no SIRET to repeat too
        ("schemes", 0, "id", "dispositif"),
        ("projects", 1, "id", "projet"),
        ("ties", 1, "target", "lien"),
    ],
)
def test_a_duplicate_id_is_reported_on_its_second_occurrence(
    table: str, index: int, column: str, what: str
) -> None:
    document = small_region_document()
    rows = document[table]
    rows.append(rows[index])
    error = single_error(document)
    assert error.code == "duplicate_id"
    assert (error.sheet, error.row, error.column) == (table, len(rows), column)
    assert error.message.startswith(what) and "en double" in error.message
    assert error.message_en.startswith("duplicate")


def test_two_organisations_with_one_siret_are_reported() -> None:
    def edit(d: Document) -> None:
        d["organisations"][5]["siret"] = d["organisations"][0]["siret"]

    error = single_error(edited(edit))
    assert (error.code, error.sheet, error.row, error.column) == (
        "duplicate_siret",
        "organisations",
        6,
        "siret",
    )
    assert make_siret(1) in error.message


def test_a_tie_of_the_same_kind_declared_by_another_project_is_not_a_duplicate() -> None:
    def edit(d: Document) -> None:
        d["ties"].append({**d["ties"][0], "project": "p-tourcoing-2020"})

    assert len(parse_document(edited(edit)).ties) == 5


# -- projects, ties, territories -------------------------------------------------------------


def test_a_lead_listed_as_its_own_partner_is_refused() -> None:
    def edit(d: Document) -> None:
        d["projects"][1]["partners"].append({"organisation": "ccas-valenciennes", "commitment": "convention"})

    error = single_error(edited(edit))
    assert (error.code, error.sheet, error.row, error.column) == (
        "lead_is_partner",
        "projects",
        2,
        "partners.1.organisation",
    )
    assert "propre partenaire" in error.message


def test_a_partner_listed_twice_is_refused() -> None:
    def edit(d: Document) -> None:
        d["projects"][0]["partners"].append({"organisation": "ent-textile", "commitment": "informel"})

    error = single_error(edited(edit))
    assert (error.code, error.column) == ("duplicate_partner", "partners.3.organisation")


def test_a_self_tie_is_refused_on_its_target() -> None:
    error = single_error(edited(lambda d: d["ties"][2].update(target="ml-roubaix")))
    assert (error.code, error.sheet, error.row, error.column) == ("self_tie", "ties", 3, "target")
    assert error.message == "un lien ne peut pas relier une organisation à elle-même"
    assert error.message_en == "a tie cannot link an organisation to itself"


@given(st.integers().filter(lambda n: not 1 <= n <= 3))
@settings(max_examples=30, deadline=None)
def test_a_strength_outside_one_to_three_is_refused(strength: int) -> None:
    error = single_error(edited(lambda d: d["ties"][0].update(strength=strength)))
    assert (error.code, error.sheet, error.row, error.column) == ("out_of_range", "ties", 1, "strength")
    assert ("au moins 1" if strength < 1 else "au plus 3") in error.message


@pytest.mark.parametrize("strength", [1, 2, 3])
def test_strengths_one_to_three_are_accepted(strength: int) -> None:
    assert (
        parse_document(edited(lambda d: d["ties"][0].update(strength=strength))).ties[0].strength == strength
    )


@pytest.mark.parametrize(
    ("index", "code"),
    [(4, "5951"), (2, "20009320"), (2, "200093202"), (1, "5"), (0, "320"), (7, "59512")],
    ids=["commune", "epci-length", "epci-luhn", "departement", "region", "qpv"],
)
def test_a_malformed_insee_code_is_refused_on_the_code_column(index: int, code: str) -> None:
    # Children keep pointing at the old code; give the broken entry no children to keep one error.
    document = small_region_document()
    document["territories"][index]["code"] = code
    for territory in document["territories"]:
        territory["parent"] = None
    for table in ("organisations", "schemes", "projects"):
        for row in document[table]:
            row["territories"] = []
    error = single_error(document)
    assert (error.code, error.sheet, error.row, error.column) == (
        "malformed_territory_code",
        "territories",
        index + 1,
        "code",
    )
    level = document["territories"][index]["level"]
    assert level in error.message_en and code in error.message_en
    assert "INSEE" in error.message or "SIREN" in error.message


def test_a_territory_under_a_lower_level_is_refused() -> None:
    error = single_error(edited(lambda d: d["territories"][2].update(parent="59512")))
    assert (error.code, error.row, error.column) == ("invalid_parent", 3, "parent")


def test_a_territory_cannot_be_its_own_parent() -> None:
    error = single_error(edited(lambda d: d["territories"][4].update(parent="59512")))
    assert (error.code, error.row, error.column) == ("self_parent", 5, "parent")


def test_an_invalid_siret_is_refused_on_the_siret_column() -> None:
    error = single_error(edited(lambda d: d["organisations"][0].update(siret="73282932000075")))
    assert (error.code, error.sheet, error.row, error.column) == (
        "invalid_siret",
        "organisations",
        1,
        "siret",
    )
    assert "SIRET invalide « 73282932000075 »" in error.message
    assert "Luhn" in error.message_en


def test_a_siret_typed_with_spaces_is_stored_without_them() -> None:
    document = edited(lambda d: d["organisations"][0].update(siret="732 829 320 00074"))
    assert parse_document(document).organisations[0].siret == "73282932000074"


def test_a_subtype_outside_the_enterprise_sector_is_refused() -> None:
    error = single_error(edited(lambda d: d["organisations"][0].update(subtype="sme")))
    assert (error.code, error.column) == ("subtype_without_enterprise", "subtype")


def test_an_identifier_with_a_pipe_is_refused() -> None:
    document = {"organisations": [organisation("a|b")]}
    error = single_error(document)
    assert (error.code, error.sheet, error.row, error.column) == (
        "invalid_identifier",
        "organisations",
        1,
        "id",
    )


def test_a_missing_field_and_an_unknown_field_are_named() -> None:
    document = {"organisations": [{"id": "x", "sector": "health", "colour": "blue"}]}
    errors = {(e.code, e.column) for e in errors_of(document)}
    assert errors == {("missing", "name"), ("extra_forbidden", "colour")}


def test_a_text_over_the_limit_is_refused_with_its_length() -> None:
    error = single_error({"organisations": [organisation("x", name="a" * 10_000)]})
    assert (error.code, error.column) == ("too_long", "name")
    assert "10000 caractères" in error.message


# -- documents -------------------------------------------------------------------------------


def test_every_error_of_a_document_is_reported_at_once() -> None:
    def edit(d: Document) -> None:
        d["organisations"][0]["sector"] = "banque"
        d["projects"][1]["lead"] = "ghost"
        d["ties"][1]["strength"] = 9
        d["territories"].append(d["territories"][0])

    codes = sorted(e.code for e in errors_of(edited(edit)))
    assert codes == ["dangling_reference", "duplicate_id", "out_of_range", "unknown_code"]


def test_every_error_names_the_file_table_row_and_field() -> None:
    def edit(d: Document) -> None:
        d["organisations"][1]["siret"] = "12345678901234"
        d["organisations"][2]["stages"] = ["nulle_part"]
        d["projects"][0]["partners"][0]["organisation"] = "ghost"
        d["ties"][0]["target"] = "asso-horizon"
        d["ties"][3]["strength"] = 0
        d["schemes"].append(d["schemes"][0])

    errors = errors_of(edited(edit))
    assert len(errors) == 6
    for error in errors:
        assert error.file == "region.json"
        assert error.sheet in {"organisations", "projects", "ties", "schemes"}
        assert error.row is not None and error.row >= 1
        assert error.column
        assert error.code.isascii() and error.code == error.code.lower()
        assert str(error).startswith(f"fichier region.json, feuille {error.sheet}, ligne {error.row}")


def test_a_document_that_is_not_an_object_is_refused() -> None:
    error = single_error([1, 2, 3])
    assert error.code == "not_an_object"


def test_a_table_that_is_not_a_list_is_refused() -> None:
    error = single_error({"organisations": {"id": "x"}})
    assert (error.code, error.sheet) == ("list_type", "organisations")


def test_an_unknown_table_is_refused() -> None:
    error = single_error({"partenaires": []})
    assert (error.code, error.sheet) == ("unknown_table", "partenaires")


def test_an_organisation_reusing_a_stored_siret_under_another_id_is_refused() -> None:
    siret = "73282932000074"
    raw = {"organisations": [{"id": "nouvelle", "name": "Nouvelle", "sector": "social", "siret": siret}]}
    with pytest.raises(InvalidInput) as excinfo:
        build_dataset(raw, json_locator("f.json"), KnownIds(sirets={siret: "ancienne"}))
    [error] = excinfo.value.errors
    assert (error.code, error.sheet, error.row, error.column) == (
        "duplicate_siret",
        "organisations",
        1,
        "siret",
    )
    assert "ancienne" in error.message
    # The organisation that holds the SIRET may be updated under its own id.
    same = {"organisations": [{**raw["organisations"][0], "id": "ancienne"}]}
    assert build_dataset(same, json_locator("f.json"), KnownIds(sirets={siret: "ancienne"})).organisations
