"""The evidence of a report: member ids, tie keys and edges, as lists a reader (or JSON) takes."""

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


class EvidenceConverter:
    """Converts the evidence of one report (:func:`evidence_out`), each distinct content once.

    Several metrics give the same evidence (the lead alone, every member…), and a metric's
    evidence backs its family entry and often a finding: calling the converter with an
    :class:`~queries.metrics.Evidence` gives the same :class:`EvidenceOut` for the same content,
    which the report shares.
    """

    def __init__(self) -> None:
        self._converted: dict[tuple[Any, ...], EvidenceOut] = {}

    def __call__(self, evidence: Evidence) -> EvidenceOut:
        key = (evidence.nodes, evidence.ties, evidence.edges)
        found = self._converted.get(key)
        if found is None:
            found = self._converted[key] = evidence_out(evidence)
        return found


__all__ = ["EvidenceConverter", "EvidenceOut", "evidence_out"]
