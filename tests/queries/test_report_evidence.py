"""The report's evidence conversion gives what validating each piece with pydantic gives.

:class:`EvidenceConverter` builds each edge's list once per report instead of validating it in
every piece of evidence that shows it; it is compared with :func:`evidence_out`, the plain
validation, on the evidence of seeded random project networks and on ids pydantic converts or
refuses.
"""

from __future__ import annotations

import enum

import pytest

from queries.metrics import Evidence, compute_metrics
from queries.report import compute_report
from queries.report.evidence import EvidenceConverter, EvidenceOut, evidence_out
from tests.queries.networks import SEEDS, random_graph, random_project


class _Kind(enum.StrEnum):
    CEJ = "cej"


class _Text(str):
    pass


def same(converted: EvidenceOut, reference: EvidenceOut) -> bool:
    """Equal lists of the same types (a str subclass must become a plain str, as pydantic does)."""
    return converted.model_dump() == reference.model_dump() and [
        type(x) for x in (*converted.nodes, *converted.ties, *(e for edge in converted.edges for e in edge))
    ] == [
        type(x) for x in (*reference.nodes, *reference.ties, *(e for edge in reference.edges for e in edge))
    ]


@pytest.mark.parametrize("seed", SEEDS)
def test_the_converted_evidence_of_every_metric_is_the_validated_one(seed):
    for graph in (random_project(seed), random_graph(seed)):
        convert = EvidenceConverter()
        for measure in compute_metrics(graph).values():
            converted = convert(measure.evidence)
            assert same(converted, evidence_out(measure.evidence))
            assert convert(measure.evidence) is converted  # one object per content
            assert converted.model_fields_set == {"nodes", "ties", "edges"}


@pytest.mark.parametrize(
    "evidence",
    [
        Evidence(),
        Evidence(nodes=("a", "b"), ties=("a|b|k|p",), edges=(("a", "b"),)),
        Evidence(nodes=(1, 2), edges=((1, 2),)),  # a network of integers: ids become strings
        Evidence(edges=(("a", 2),)),
        Evidence(nodes=(_Kind.CEJ,), edges=((_Kind.CEJ, "a"),)),  # enum members become plain str
        Evidence(edges=((_Text("a"), "b"),)),
        Evidence(edges=(("a", "b", "c"),)),  # not a pair: pydantic keeps it as it is
    ],
)
def test_ids_pydantic_converts_or_edges_it_keeps_as_they_are_convert_as_it_does(evidence):
    convert = EvidenceConverter()
    convert(Evidence(nodes=("a",), edges=(("a", "b"),)))  # an edge already known
    assert same(convert(evidence), evidence_out(evidence))


def test_a_str_subclass_equal_to_a_known_edge_gets_its_plain_strings():
    convert = EvidenceConverter()
    convert(Evidence(edges=(("a", "b"),)))
    converted = convert(Evidence(edges=((_Text("a"), "b"),)))
    assert [type(x) for x in converted.edges[0]] == [str, str]


@pytest.mark.parametrize("seed", range(5))
def test_a_report_is_its_own_validation(seed):
    report = compute_report(random_project(seed))
    assert type(report).model_validate(report.model_dump()).model_dump_json() == report.model_dump_json()
