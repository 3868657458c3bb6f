"""What each entity checks alone, and the helpers the models carry."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from graph_service.domain.models import Dataset, Organisation, Project, Tie, tie_key
from graph_service.domain.vocabulary import Commitment, TieKind
from tests.support.datasets import small_region


def test_a_tie_key_joins_source_target_kind_and_project() -> None:
    tie = Tie(source="a", target="b", kind=TieKind.ORIENTATION, project="p")
    assert tie.key == "a|b|orientation|p"
    assert Tie(source="a", target="b", kind=TieKind.CONVENTION).key == "a|b|convention|"
    assert tie_key("a", "b", "orientation", None) == "a|b|orientation|"


def test_tie_defaults_are_informal_and_weakest() -> None:
    tie = Tie.model_validate({"source": "a", "target": "b", "kind": "orientation"})
    assert (tie.formal, tie.strength, tie.project) == (False, 1, None)


def test_repeated_list_values_are_dropped_keeping_the_first_position() -> None:
    organisation = Organisation.model_validate(
        {"id": "x", "name": "X", "sector": "social", "stages": ["formation", "reperage", "formation"]}
    )
    assert [s.value for s in organisation.stages] == ["formation", "reperage"]


def test_member_ids_are_the_lead_then_the_partners_in_order() -> None:
    project = Project.model_validate(
        {
            "id": "p",
            "title": "T",
            "call": "c",
            "lead": "l",
            "partners": [
                {"organisation": "b", "commitment": "informel"},
                {"organisation": "a", "commitment": "convention"},
            ],
        }
    )
    assert project.member_ids == ["l", "b", "a"]
    assert project.partners[1].commitment is Commitment.CONVENTION


def test_entities_are_frozen_and_refuse_unknown_fields() -> None:
    organisation = small_region().organisations[0]
    with pytest.raises(ValidationError):
        organisation.name = "Autre"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Organisation.model_validate({"id": "x", "name": "X", "sector": "social", "colour": "red"})


def test_whitespace_around_identifiers_and_names_is_stripped() -> None:
    organisation = Organisation.model_validate({"id": " x ", "name": " X ", "sector": "social"})
    assert (organisation.id, organisation.name) == ("x", "X")


def test_dataset_size_counts_every_entity() -> None:
    assert Dataset().size == 0
    assert small_region().size == 8 + 8 + 2 + 3 + 4
