"""SIRET, SIREN and INSEE territory code checks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_service.domain.codes import (
    luhn_valid,
    normalise_siret,
    siren_valid,
    siret_valid,
    territory_code_problem,
)
from graph_service.domain.vocabulary import TerritoryLevel
from tests.support.datasets import luhn_key, make_siret

# The machine running the suite may be busy: no per-example deadline, the examples are cheap anyway.
unhurried = settings(deadline=None)

# INSEE's own example: the seventh establishment of SIREN 732 829 320.
INSEE_EXAMPLE_SIRET = "73282932000074"
LA_POSTE_HEAD_OFFICE = "35600000000048"


def test_insee_example_siret_is_valid() -> None:
    assert siret_valid(INSEE_EXAMPLE_SIRET)
    assert siren_valid(INSEE_EXAMPLE_SIRET[:9])


def test_luhn_matches_a_hand_computed_checksum() -> None:
    # The textbook example 79927398713: from the right, the digits 3 1 7 8 9 3 7 2 9 9 7 become
    # 3 2 7 7 9 6 7 4 9 9 7 once every second one is doubled (16 → 7, 18 → 9); they sum to 70.
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")


@pytest.mark.parametrize(
    "siret",
    ["7328293200007", "732829320000745", "7328293200007A", "", "73282932000075"],
)
def test_a_siret_with_a_wrong_length_a_letter_or_a_wrong_key_is_refused(siret: str) -> None:
    assert not siret_valid(siret)


def test_la_poste_head_office_follows_luhn() -> None:
    assert luhn_valid(LA_POSTE_HEAD_OFFICE)
    assert siret_valid(LA_POSTE_HEAD_OFFICE)


def test_la_poste_establishments_need_a_digit_sum_divisible_by_five() -> None:
    # 3+5+6+4+9+8+3+7 = 45: a multiple of 5, though the Luhn sum is not a multiple of 10.
    assert not luhn_valid("35600000049837")
    assert siret_valid("35600000049837")
    # 3+5+6+1+2+3+4+5 = 29.
    assert not siret_valid("35600000012345")


@unhurried
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_every_generated_siret_is_valid(number: int) -> None:
    assert siret_valid(make_siret(number))


@unhurried
@given(
    st.integers(min_value=0, max_value=10**12 - 1),
    st.integers(min_value=1, max_value=9),
)
def test_a_siret_with_a_wrong_key_digit_is_always_refused(number: int, shift: int) -> None:
    siret = make_siret(number)
    wrong = siret[:-1] + str((int(siret[-1]) + shift) % 10)
    assert not siret_valid(wrong)


@unhurried
@given(st.text(alphabet="0123456789", min_size=13, max_size=13), st.integers(0, 12), st.integers(1, 9))
def test_changing_any_one_digit_of_a_siret_breaks_its_key(body: str, position: int, shift: int) -> None:
    if body.startswith("356000000"):
        body = "4" + body[1:]
    siret = body + luhn_key(body)
    changed = siret[:position] + str((int(siret[position]) + shift) % 10) + siret[position + 1 :]
    assert not siret_valid(changed)


def test_spaces_dots_and_non_breaking_spaces_are_stripped_from_a_siret() -> None:
    assert normalise_siret("732 829 320\u00a000074") == INSEE_EXAMPLE_SIRET
    assert normalise_siret("732.829.320.00074") == INSEE_EXAMPLE_SIRET
    assert normalise_siret("732\u202f829\u202f320-00074") == INSEE_EXAMPLE_SIRET


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("59512", TerritoryLevel.COMMUNE),
        ("2A004", TerritoryLevel.COMMUNE),  # Ajaccio
        ("97411", TerritoryLevel.COMMUNE),  # Saint-Denis (La Réunion)
        ("200093201", TerritoryLevel.EPCI),  # Métropole Européenne de Lille
        ("59", TerritoryLevel.DEPARTEMENT),
        ("01", TerritoryLevel.DEPARTEMENT),
        ("2B", TerritoryLevel.DEPARTEMENT),
        ("974", TerritoryLevel.DEPARTEMENT),
        ("32", TerritoryLevel.REGION),
        ("QN05912M", TerritoryLevel.QPV),
        ("QP059012", TerritoryLevel.QPV),
    ],
)
def test_well_formed_insee_codes_are_accepted(code: str, level: TerritoryLevel) -> None:
    assert territory_code_problem(code, level) is None


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("5951", TerritoryLevel.COMMUNE),
        ("595120", TerritoryLevel.COMMUNE),
        ("2C004", TerritoryLevel.COMMUNE),
        ("59", TerritoryLevel.COMMUNE),
        ("20009320", TerritoryLevel.EPCI),
        ("200093202", TerritoryLevel.EPCI),  # wrong Luhn key
        ("59512", TerritoryLevel.EPCI),
        ("00", TerritoryLevel.DEPARTEMENT),
        ("20", TerritoryLevel.DEPARTEMENT),  # Corsica is 2A and 2B
        ("96", TerritoryLevel.DEPARTEMENT),
        ("977", TerritoryLevel.DEPARTEMENT),
        ("3", TerritoryLevel.REGION),
        ("324", TerritoryLevel.REGION),
        ("59512", TerritoryLevel.QPV),
        ("QX05912M", TerritoryLevel.QPV),
    ],
)
def test_malformed_insee_codes_are_refused_with_the_expected_shape(code: str, level: TerritoryLevel) -> None:
    problem = territory_code_problem(code, level)
    assert problem is not None
    assert "SIREN" in problem or "attendu" in problem


def reference_luhn(digits: str) -> bool:
    """Luhn as ISO/IEC 7812-1 states it, digit by digit: the implementation under test uses tables."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


@unhurried
@given(st.text(alphabet="0123456789", min_size=1, max_size=20))
def test_luhn_agrees_with_the_digit_by_digit_definition(digits: str) -> None:
    assert luhn_valid(digits) == reference_luhn(digits)


def test_an_empty_string_is_not_a_luhn_number() -> None:
    assert not luhn_valid("")


@pytest.mark.parametrize(
    "code",
    ["７３２８２９３２０００７４", "٧٣٢٨٢٩٣٢٠٠٠٧٤", "7328293200007²"],
    ids=["fullwidth", "arabic-indic", "superscript"],
)
def test_digits_outside_ascii_are_refused_in_a_siret(code: str) -> None:
    assert not siret_valid(code)
    assert not luhn_valid(code)


def test_digits_outside_ascii_are_refused_in_a_territory_code() -> None:
    assert territory_code_problem("５９５１２", TerritoryLevel.COMMUNE) is not None
    assert territory_code_problem("２００093201", TerritoryLevel.EPCI) is not None
