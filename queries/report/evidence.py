"""The evidence of a report: member ids, tie keys and edges, as lists a reader (or JSON) takes.

A report shows about seventy pieces of evidence (each family's metrics, each finding, each
critical failure) for some thirty distinct contents: :class:`EvidenceConverter` converts each
distinct content once.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, ValidationError

from queries.metrics import Evidence


class EvidenceOut(BaseModel):
    nodes: list[str] = Field(default_factory=list)
    ties: list[str] = Field(default_factory=list)
    edges: list[list[str]] = Field(default_factory=list)


def evidence_out(evidence: Evidence) -> EvidenceOut:
    """The evidence validated by pydantic, member ids that are not strings converted.

    A test graph of integers has integer member ids: they become strings.
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
    """Converts the evidence of one report as :func:`evidence_out` does, each content once.

    Several metrics give the same evidence (the lead alone, every member…), and a metric's
    evidence backs its family entry and often a finding: calling the converter with an
    :class:`~queries.metrics.Evidence` gives the same :class:`EvidenceOut` for the same content,
    which the report shares. Use one converter per report.
    """

    def __init__(self) -> None:
        self._converted: dict[Evidence, EvidenceOut] = {}

    def __call__(self, evidence: Evidence) -> EvidenceOut:
        if evidence not in self._converted:
            self._converted[evidence] = evidence_out(evidence)
        return self._converted[evidence]


__all__ = ["EvidenceConverter", "EvidenceOut", "evidence_out"]
