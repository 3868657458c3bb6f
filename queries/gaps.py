"""What a partnership lacks, and which organisations of the territory would fill it.

For project leads (issue 4, item 6): the gaps of a project network N(P) — pathway stages nobody
does, barriers nobody lifts, declared publics nobody serves, communes nobody works on, sectors and
enterprises missing, local schemes not articulated with — and the organisations of the territory
ecosystem, not yet partners, ranked by the coverage each adds.

The ranking is the greedy algorithm for weighted set cover (Chvátal 1979): repeatedly take the
candidate that fills the most still-open gaps (weighted by kind), so the first recommendation is
the single most useful partner, the second the most useful *given the first*, and so on. Greedy is
within a factor H(n) ≈ ln n of the smallest cover, and it explains itself: each step says what it
adds.

References
----------
Chvátal, V. (1979). A greedy heuristic for the set-covering problem. *Mathematics of Operations
Research*, 4(3), 233–235. https://doi.org/10.1287/moor.4.3.233
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum

import networkx as nx
from pydantic import BaseModel, ConfigDict

from graph_service.domain.models import Organisation, Provenance
from graph_service.domain.vocabulary import Barrier, EnterpriseSubtype, Lang, Public, Sector, Stage, label
from queries.improvements import Action
from queries.metrics._common import ProjectContext
from queries.metrics.complementarity import (
    barrier_coverage,
    public_coverage,
    stage_coverage,
    territory_coverage,
)
from queries.metrics.schemes import scheme_articulation_share


class GapKind(StrEnum):
    STAGE = "stage"
    BARRIER = "barrier"
    PUBLIC = "public"
    COMMUNE = "commune"
    SECTOR = "sector"
    ENTERPRISE = "enterprise"
    SCHEME = "scheme"


# (singular, plural) in French then English, for the reasons.
_KIND_WORDS: dict[GapKind, tuple[str, str, str, str]] = {
    GapKind.STAGE: ("étape manquante", "étapes manquantes", "missing stage", "missing stages"),
    GapKind.BARRIER: ("frein non levé", "freins non levés", "unaddressed barrier", "unaddressed barriers"),
    GapKind.PUBLIC: ("public non servi", "publics non servis", "unserved public", "unserved publics"),
    GapKind.COMMUNE: (
        "commune non couverte",
        "communes non couvertes",
        "uncovered commune",
        "uncovered communes",
    ),
    GapKind.SECTOR: ("secteur absent", "secteurs absents", "missing sector", "missing sectors"),
    GapKind.ENTERPRISE: (
        "manque côté entreprises",
        "manques côté entreprises",
        "enterprise gap",
        "enterprise gaps",
    ),
    GapKind.SCHEME: (
        "dispositif non articulé",
        "dispositifs non articulés",
        "scheme not articulated",
        "schemes not articulated",
    ),
}

DEFAULT_WEIGHTS: dict[GapKind, float] = dict.fromkeys(GapKind, 1.0)
ENTERPRISE_GAP = "enterprise"
# The call names "entreprises adaptées" among the enterprises downstream; for a project aimed at
# people with disabilities, an adapted enterprise (or an ESAT) is the exit that fits them.
ADAPTED_ENTERPRISE_GAP = "entreprise_adaptee"
ADAPTED_SUBTYPES = frozenset({EnterpriseSubtype.ENTREPRISE_ADAPTEE, EnterpriseSubtype.ESAT})
DEFAULT_LIMIT = 10


class Gap(BaseModel):
    """One thing the partnership lacks, with the candidates that could bring it."""

    model_config = ConfigDict(frozen=True)

    kind: GapKind
    code: str
    name: str
    name_en: str
    fillers: list[str]

    @property
    def ref(self) -> tuple[GapKind, str]:
        return (self.kind, self.code)


class Recommendation(BaseModel):
    """A candidate partner at its place in the greedy order, with what it would add."""

    model_config = ConfigDict(frozen=True)

    rank: int
    organisation: str
    name: str
    sector: Sector
    gain: float
    fills: list[Gap]
    reason: str
    reason_en: str
    # Where the organisation comes from when a public referential brought it (issue 15).
    provenance: Provenance | None = None
    # The partnership strength it would add joining with a convention (what-if), when computed.
    strength_change: float | None = None

    def sentence(self, lang: Lang = "fr") -> str:
        return self.reason if lang == "fr" else self.reason_en


class GapAnalysis(BaseModel):
    """The gaps of a project and the ranked recommendations; ``unfilled`` has no candidate.

    ``actions`` are the steps on the partners it already has (formalise a commitment, declare a
    known cooperation), each with its score change: :func:`queries.improvements.improvements`.
    """

    model_config = ConfigDict(frozen=True)

    project: str
    gaps: list[Gap]
    recommendations: list[Recommendation]
    unfilled: list[Gap]
    actions: list[Action] = []

    def missing(self, kind: GapKind) -> list[str]:
        """The codes of the gaps of one kind, in the order they were found."""
        return [g.code for g in self.gaps if g.kind is kind]


def _node_sectors(graph: nx.Graph) -> set[str]:
    return {sector for _, sector in graph.nodes(data="sector") if sector}


def missing_items(
    graph: nx.Graph,
    context: ProjectContext,
    *,
    required_stages: Iterable[str] | None = None,
    barriers: Iterable[str] | None = None,
) -> list[tuple[GapKind, str]]:
    """List what N(P) lacks, kind by kind, in vocabulary order.

    Each kind is the ``missing`` detail of the metric that measures it, so the gaps and the report
    agree:

    - stages: ``required_stages`` (default: all six) that no member does in the project
      (:func:`~queries.metrics.complementarity.stage_coverage`);
    - barriers: ``barriers`` (default: all eight) no member lifts (``barrier_coverage``);
    - publics: publics the project declares that no member serves (``public_coverage``);
    - communes: communes of the project's territories where no member works (``territory_coverage``);
    - sectors: sectors other than ``enterprise`` with no member;
    - enterprise: ``enterprise`` when no member is an enterprise (the pathway's exit), and
      ``entreprise_adaptee`` when the project declares the ``handicap`` public and no member is an
      adapted enterprise or an ESAT;
    - schemes: schemes active on the project's territories the project does not articulate with
      (``scheme_articulation_share``).

    A project with no territory lacks no commune and no scheme: nothing says where to look.
    """
    required = [Stage(s).value for s in (required_stages if required_stages is not None else Stage)]
    sectors = _node_sectors(graph)
    items: list[tuple[GapKind, str]] = []
    items += [(GapKind.STAGE, s) for s in stage_coverage(graph, required).detail["missing"]]
    considered = [Barrier(b).value for b in (barriers if barriers is not None else Barrier)]
    items += [(GapKind.BARRIER, b) for b in barrier_coverage(graph, considered).detail["missing"]]
    items += [(GapKind.PUBLIC, p) for p in public_coverage(graph).detail["missing"]]
    items += [(GapKind.COMMUNE, c) for c in territory_coverage(graph, context).detail["missing"]]
    items += [
        (GapKind.SECTOR, s.value) for s in Sector if s is not Sector.ENTERPRISE and s.value not in sectors
    ]
    if Sector.ENTERPRISE.value not in sectors:
        items.append((GapKind.ENTERPRISE, ENTERPRISE_GAP))
    subtypes = {subtype for _, subtype in graph.nodes(data="subtype") if subtype}
    if Public.HANDICAP.value in (graph.graph.get("publics") or ()) and not subtypes & {
        s.value for s in ADAPTED_SUBTYPES
    }:
        items.append((GapKind.ENTERPRISE, ADAPTED_ENTERPRISE_GAP))
    not_articulated = scheme_articulation_share(graph, context).detail["not_articulated"]
    items += [(GapKind.SCHEME, s) for s in sorted(not_articulated)]
    return items


def works_on(context: ProjectContext, territories: Iterable[str], commune: str) -> bool:
    """Whether an actor of ``territories`` works on ``commune``: at it or above it (as in
    :func:`~queries.metrics.complementarity.territory_coverage`)."""
    return bool(set(territories) & {commune, *context.ancestors(commune)})


def contribution(
    candidate: Organisation,
    missing: Iterable[tuple[GapKind, str]],
    operated: Mapping[str, str | None],
    context: ProjectContext,
) -> set[tuple[GapKind, str]]:
    """The gaps among ``missing`` that ``candidate`` would fill if it joined.

    ``operated`` maps a scheme id to its operator: joining brings the articulation with the schemes
    one operates. A candidate brings its own stages, barriers, publics, territories and sector.
    """
    stages = {s.value for s in candidate.stages}
    barriers = {b.value for b in candidate.barriers}
    publics = {p.value for p in candidate.publics}
    brings: set[tuple[GapKind, str]] = set()
    for kind, code in missing:
        if (
            (kind is GapKind.STAGE and code in stages)
            or (kind is GapKind.BARRIER and code in barriers)
            or (kind is GapKind.PUBLIC and code in publics)
            or (kind is GapKind.COMMUNE and works_on(context, candidate.territories, code))
            or (kind is GapKind.SECTOR and code == candidate.sector.value)
            or (
                kind is GapKind.ENTERPRISE
                and code == ENTERPRISE_GAP
                and candidate.sector is Sector.ENTERPRISE
            )
            or (
                kind is GapKind.ENTERPRISE
                and code == ADAPTED_ENTERPRISE_GAP
                and candidate.subtype in ADAPTED_SUBTYPES
            )
            or (kind is GapKind.SCHEME and operated.get(code) == candidate.id)
        ):
            brings.add((kind, code))
    return brings


def _names(kind: GapKind, code: str, context: ProjectContext) -> tuple[str, str]:
    if kind is GapKind.COMMUNE:
        names = {t.code: t.name for t in context.territories}
        return names.get(code, code), names.get(code, code)
    if kind is GapKind.SCHEME:
        name = next((s.name for s in context.schemes if s.id == code), code)
        return name, name
    if kind is GapKind.ENTERPRISE and code == ADAPTED_ENTERPRISE_GAP:
        return "Entreprise adaptée ou ESAT", "Adapted enterprise or ESAT"
    if kind is GapKind.ENTERPRISE:
        return "Entreprise en aval du parcours", "Enterprise downstream of the pathway"
    return label(code, "fr"), label(code, "en")


def _reason(fills: Sequence[Gap], lang: Lang) -> str:
    parts = []
    for kind in GapKind:
        names = [g.name if lang == "fr" else g.name_en for g in fills if g.kind is kind]
        if not names:
            continue
        words = _KIND_WORDS[kind]
        word = (
            (words[0] if len(names) == 1 else words[1])
            if lang == "fr"
            else (words[2] if len(names) == 1 else words[3])
        )
        parts.append(f"{len(names)} {word} ({', '.join(names)})")
    joined = "; ".join(parts)
    return f"Comblerait {joined}." if lang == "fr" else f"Would fill {joined}."


_SOURCE_NAMES = {"data-inclusion": "data·inclusion"}


def source_sentence(provenance: Provenance | None, lang: Lang) -> str:
    """`` Source : data·inclusion (dora--…), mise à jour le 04/05/2026.`` — or nothing when entered by hand."""
    if provenance is None:
        return ""
    name = _SOURCE_NAMES.get(provenance.source, provenance.source)
    if lang == "fr":
        updated = f", mise à jour le {provenance.updated:%d/%m/%Y}" if provenance.updated else ""
        return f" Source : {name} ({provenance.source_id}){updated}."
    updated = f", updated on {provenance.updated.isoformat()}" if provenance.updated else ""
    return f" Source: {name} ({provenance.source_id}){updated}."


def greedy_order(
    candidates: Sequence[Organisation],
    covers: Mapping[str, set[tuple[GapKind, str]]],
    weights: Mapping[GapKind, float],
    limit: int | None,
) -> list[tuple[Organisation, list[tuple[GapKind, str]], float]]:
    """Greedy weighted set cover: each step takes the candidate adding the most open weight.

    Ties go to the candidate covering more gaps in all (counting those already filled), then to
    the name and the id, so the order is deterministic. Candidates that add nothing are left out.
    """
    open_items = set().union(*covers.values()) if covers else set()
    remaining = [c for c in candidates if covers.get(c.id)]
    order: list[tuple[Organisation, list[tuple[GapKind, str]], float]] = []
    while remaining and open_items and (limit is None or len(order) < limit):
        scored = [(_weight(covers[c.id] & open_items, weights), c) for c in remaining]
        gain, best = min(
            scored, key=lambda pair: (-pair[0], -len(covers[pair[1].id]), pair[1].name, pair[1].id)
        )
        if gain <= 0:
            break
        added = covers[best.id] & open_items
        order.append((best, sorted(added), gain))
        open_items -= added
        remaining.remove(best)
    return order


def _weight(items: Iterable[tuple[GapKind, str]], weights: Mapping[GapKind, float]) -> float:
    return float(sum(weights.get(kind, 1.0) for kind, _ in items))


def find_gaps(
    graph: nx.Graph,
    candidates: Iterable[Organisation],
    context: ProjectContext,
    *,
    required_stages: Iterable[str] | None = None,
    barriers: Iterable[str] | None = None,
    weights: Mapping[GapKind, float] | None = None,
    limit: int | None = DEFAULT_LIMIT,
) -> GapAnalysis:
    """The gaps of a project network and the ranked organisations that would fill them.

    Parameters
    ----------
    graph : nx.Graph
        N(P), as built by :func:`graph_service.domain.network.project_network`.
    candidates : iterable of Organisation
        Organisations of the territory ecosystem; members of ``graph`` are left out.
    context : ProjectContext
        The territory tree and the local schemes (those outside the project's territories are
        ignored), as for the report.
    required_stages : iterable of Stage codes, optional
        The stages the call requires (default: all six).
    barriers : iterable of Barrier codes, optional
        The barriers the call considers (default: all eight).
    weights : mapping of GapKind to float, optional
        How much filling one gap of each kind is worth (default 1 each: plain coverage count).
    limit : int or None, default 10
        How many recommendations to return; ``None`` for the whole greedy order.

    Returns
    -------
    GapAnalysis
        ``gaps`` (each with every candidate that could fill it), ``recommendations`` in greedy
        order, with the gaps each adds at its step and the reason in French and English, and
        ``unfilled``: the gaps no candidate fills.

    Examples
    --------
    An organisation covering two missing stages ranks before one covering one: see
    ``tests/queries/test_gaps.py``.
    """
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    missing = missing_items(graph, context, required_stages=required_stages, barriers=barriers)
    operated = {s.id: s.operator for s in context.schemes}
    # An organisation its referential no longer lists (closed) is never proposed.
    open_candidates = (c for c in candidates if not (c.provenance and c.provenance.closed))
    pool = sorted({c.id: c for c in open_candidates if c.id not in graph}.values(), key=lambda c: c.id)
    covers = {c.id: contribution(c, missing, operated, context) for c in pool}
    gaps = _gaps(missing, pool, covers, context)
    order = greedy_order(pool, covers, weights, limit)
    return GapAnalysis(
        project=str(graph.graph.get("project", "")),
        gaps=list(gaps.values()),
        recommendations=_recommendations(order, missing, gaps),
        unfilled=[g for g in gaps.values() if not g.fillers],
    )


def _gaps(
    missing: Sequence[tuple[GapKind, str]],
    pool: Sequence[Organisation],
    covers: Mapping[str, set[tuple[GapKind, str]]],
    context: ProjectContext,
) -> dict[tuple[GapKind, str], Gap]:
    """Each missing item as a :class:`Gap`, with every candidate that would fill it."""
    gaps: dict[tuple[GapKind, str], Gap] = {}
    for kind, code in missing:
        name, name_en = _names(kind, code, context)
        fillers = sorted(c.id for c in pool if (kind, code) in covers[c.id])
        gaps[(kind, code)] = Gap(kind=kind, code=code, name=name, name_en=name_en, fillers=fillers)
    return gaps


def _recommendations(
    order: Sequence[tuple[Organisation, list[tuple[GapKind, str]], float]],
    missing: Sequence[tuple[GapKind, str]],
    gaps: Mapping[tuple[GapKind, str], Gap],
) -> list[Recommendation]:
    """The greedy order as recommendations, each with the gaps it adds and why, in both languages."""
    recommendations = []
    for rank, (organisation, added, gain) in enumerate(order, 1):
        fills = [gaps[item] for item in missing if item in added]
        recommendations.append(
            Recommendation(
                rank=rank,
                organisation=organisation.id,
                name=organisation.name,
                sector=organisation.sector,
                gain=gain,
                fills=fills,
                reason=_reason(fills, "fr") + source_sentence(organisation.provenance, "fr"),
                reason_en=_reason(fills, "en") + source_sentence(organisation.provenance, "en"),
                provenance=organisation.provenance,
            )
        )
    return recommendations


__all__ = [
    "ADAPTED_ENTERPRISE_GAP",
    "DEFAULT_LIMIT",
    "DEFAULT_WEIGHTS",
    "ENTERPRISE_GAP",
    "Gap",
    "GapAnalysis",
    "GapKind",
    "Recommendation",
    "contribution",
    "find_gaps",
    "greedy_order",
    "missing_items",
    "source_sentence",
    "works_on",
]
