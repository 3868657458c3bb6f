"""The evidence of a report: member ids, tie keys and edges, as lists a reader (or JSON) takes.

A report shows about seventy pieces of evidence (each family's metrics, each finding, each
critical failure) for some thirty distinct contents, which hold some four hundred and fifty
edges between them, each edge of the network in about five of them. :class:`EvidenceConverter`
converts each distinct content once and builds each edge's ``[u, v]`` list once.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, ValidationError

from queries.metrics import Evidence


class EvidenceOut(BaseModel):
    nodes: list[str] = Field(default_factory=list)
    ties: list[str] = Field(default_factory=list)
    edges: list[list[str]] = Field(default_factory=list)


def evidence_out(evidence: Evidence) -> EvidenceOut:
    """The evidence validated by pydantic, member ids that are not strings converted.

    The reference conversion, which :class:`EvidenceConverter` reproduces. A test graph of
    integers has integer member ids: they become strings.
    """
    try:
        return EvidenceOut(nodes=evidence.nodes, ties=evidence.ties, edges=evidence.edges)
    except ValidationError:
        return EvidenceOut(
            nodes=list(map(str, evidence.nodes)),
            ties=list(evidence.ties),
            edges=[[str(u), str(v)] for u, v in evidence.edges],
        )


class _NotPlain(Exception):
    """An edge that is not a pair of exact strings: the evidence takes :func:`evidence_out`."""


class _EdgeLists(dict[Any, list[str]]):
    """One ``[u, v]`` list per distinct edge of a report, built the first time it is shown.

    An edge equal to a known one (same hash, equal ends) gets the known list: ends that are
    exact strings of the same text, as pydantic gives. Anything else new (ends that are not
    exactly ``str``, a str subclass such as an enum member, which pydantic would turn into a
    plain ``str``; not a pair) raises :class:`_NotPlain`.
    """

    def __missing__(self, edge: Any) -> list[str]:
        if type(edge) is not tuple or len(edge) != 2:
            raise _NotPlain
        u, v = edge
        if type(u) is not str or type(v) is not str:
            raise _NotPlain
        found = self[edge] = [u, v]
        return found


class EvidenceConverter:
    """Converts the evidence of one report as :func:`evidence_out` does, each content once.

    Several metrics give the same evidence (the lead alone, every member…), and a metric's
    evidence backs its family entry and often a finding: calling the converter with an
    :class:`~queries.metrics.Evidence` gives the same :class:`EvidenceOut` for the same content,
    which the report shares.

    ``nodes`` and ``ties`` are validated by pydantic. The edges are not: pydantic would build
    and check a list per edge shown (some 450 in a report of thirty members, the larger part of
    its evidence's cost) where the network has some ninety distinct ones. Each edge's list is
    built once (:class:`_EdgeLists`) and shared by the pieces of evidence that show it, as the
    pieces themselves are shared; an evidence with an edge the fast path does not take goes
    whole through :func:`evidence_out`. Use one converter per report.
    """

    def __init__(self) -> None:
        self._converted: dict[tuple[Any, ...], EvidenceOut] = {}
        self._edges = _EdgeLists()

    def __call__(self, evidence: Evidence) -> EvidenceOut:
        key = (evidence.nodes, evidence.ties, evidence.edges)
        found = self._converted.get(key)
        if found is None:
            found = self._converted[key] = self._convert(evidence)
        return found

    def _convert(self, evidence: Evidence) -> EvidenceOut:
        try:
            edges = list(map(self._edges.__getitem__, evidence.edges))
            found = EvidenceOut(nodes=evidence.nodes, ties=evidence.ties, edges=())
        except (_NotPlain, TypeError, ValidationError):
            return evidence_out(evidence)
        # Lists of two exact strings (checked above): what validating the edges would give.
        found.__dict__["edges"] = edges
        return found


__all__ = ["EvidenceConverter", "EvidenceOut", "evidence_out"]
