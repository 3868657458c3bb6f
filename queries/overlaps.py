"""Where applications overlap each other, and where they duplicate a local scheme.

Two findings reviewers ask for when they compare the applications of a call (issue 4, item 5):

- **overlapping applications**: two applications of the same call on the same territories (one's
  territories contain or meet the other's) aimed at the same publics; the partners they share are
  the evidence, since a shared partner is what makes two projects compete for the same people and
  the same staff;
- **scheme duplication**: an application doing, on a scheme's territories and for its publics, the
  stages a local scheme (*dispositif*) does, without declaring that it articulates with it — the
  call asks projects to *s'articuler avec les dispositifs préexistants*. Provan & Milward (2001)
  count the absence of service duplication among a network's effectiveness criteria.

The rules themselves are the metrics ``overlapping_projects`` and ``scheme_overlaps`` of
:mod:`queries.metrics.redundancy`, so the report of one project and the comparison of a call agree;
this module gathers them across the applications of a call, turns each pair into one finding, and
adds what a reviewer reads (scheme name, operator, shared territories, sentences in French and
English).

References
----------
Provan, K. G., & Milward, H. B. (2001). Do networks really work? A framework for evaluating
public-sector organizational networks. *Public Administration Review*, 61(4), 414–423.
https://doi.org/10.1111/0033-3352.00045
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
from pydantic import BaseModel, ConfigDict, PrivateAttr

from graph_service.domain.french import count, count_en
from graph_service.domain.vocabulary import Lang, Stage, label
from queries.metrics._common import Measure, ProjectContext
from queries.metrics.redundancy import overlapping_projects, scheme_overlaps


class Finding(BaseModel):
    """A finding a reviewer can paste: ``sentence(lang)`` says it in French or English."""

    model_config = ConfigDict(frozen=True)


def _labels(codes: Iterable[str], lang: Lang) -> str:
    return ", ".join(label(c, lang) for c in codes)


class ProjectOverlap(Finding):
    """Two applications on shared territories with shared publics (the pair is in id order)."""

    project: str
    other: str
    territories: list[str]
    publics: list[str]
    shared_members: list[str]

    def involves(self, project_id: str) -> bool:
        return project_id in (self.project, self.other)

    def counterpart(self, project_id: str) -> str:
        return self.other if project_id == self.project else self.project

    def sentence(self, lang: Lang = "fr") -> str:
        if lang == "fr":
            text = (
                f"Les candidatures {self.project} et {self.other} visent les mêmes publics "
                f"({_labels(self.publics, lang) or '—'}) sur les mêmes territoires ({', '.join(self.territories)})"
            )
            if self.shared_members:
                text += f" et partagent {count(len(self.shared_members), 'partenaire')} : {', '.join(self.shared_members)}"
            return text + "."
        text = (
            f"Applications {self.project} and {self.other} target the same publics "
            f"({_labels(self.publics, lang) or '—'}) on the same territories ({', '.join(self.territories)})"
        )
        if self.shared_members:
            text += f" and share {count_en(len(self.shared_members), 'partner')}: {', '.join(self.shared_members)}"
        return text + "."


class SchemeDuplication(Finding):
    """An application covering a scheme's territories, stages and publics without articulating with it."""

    project: str
    scheme: str
    scheme_name: str
    operator: str | None
    operator_is_member: bool
    territories: list[str]
    stages: list[str]
    publics: list[str]
    members: list[str]

    def sentence(self, lang: Lang = "fr") -> str:
        if lang == "fr":
            text = (
                f"La candidature {self.project} recoupe le dispositif « {self.scheme_name} » ({self.scheme}) "
                f"sans s'y articuler : mêmes territoires ({', '.join(self.territories) or '—'}), "
                f"étapes {_labels(self.stages, lang)}, publics {_labels(self.publics, lang) or '—'}."
            )
            if self.operator_is_member:
                text += f" Son opérateur ({self.operator}) est pourtant partenaire."
            return text
        text = (
            f"Application {self.project} duplicates scheme “{self.scheme_name}” ({self.scheme}) "
            f"without articulating with it: same territories ({', '.join(self.territories) or '—'}), "
            f"stages {_labels(self.stages, lang)}, publics {_labels(self.publics, lang) or '—'}."
        )
        if self.operator_is_member:
            text += f" Its operator ({self.operator}) is a partner, though."
        return text


class Overlaps(BaseModel):
    """The overlaps of a set of applications: between themselves and with local schemes."""

    model_config = ConfigDict(frozen=True)

    projects: list[ProjectOverlap]
    schemes: list[SchemeDuplication]
    # Findings indexed once by application: a call's comparison asks each application for its
    # overlaps, and a scan of every pair per application was quadratic (most of ``compare`` at
    # 2,000 applications). The model is frozen, so the index cannot go stale.
    _pairs_of: dict[str, list[ProjectOverlap]] = PrivateAttr(default_factory=dict)
    _schemes_of: dict[str, list[SchemeDuplication]] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        for overlap in self.projects:
            self._pairs_of.setdefault(overlap.project, []).append(overlap)
            if overlap.other != overlap.project:
                self._pairs_of.setdefault(overlap.other, []).append(overlap)
        for duplication in self.schemes:
            self._schemes_of.setdefault(duplication.project, []).append(duplication)

    def overlapping(self, project_id: str) -> list[str]:
        """The applications overlapping ``project_id``, sorted."""
        return sorted(o.counterpart(project_id) for o in self._pairs_of.get(project_id, ()))

    def duplicated_schemes(self, project_id: str) -> list[str]:
        """The schemes ``project_id`` duplicates, sorted."""
        return sorted(d.scheme for d in self._schemes_of.get(project_id, ()))

    def of(self, project_id: str) -> Overlaps:
        """Only the findings that concern ``project_id`` (in the order of the whole)."""
        return Overlaps(
            projects=list(self._pairs_of.get(project_id, ())),
            schemes=list(self._schemes_of.get(project_id, ())),
        )


# Project id → metric key → value, as in a report's ``metrics``.
Measured = Mapping[str, Mapping[str, Any]]

_METRICS: dict[str, Callable[[nx.Graph, ProjectContext], Measure]] = {
    "overlapping_projects": overlapping_projects,
    "scheme_overlaps": scheme_overlaps,
}


def _measure(graph: nx.Graph, context: ProjectContext, measured: Measured | None, key: str) -> list[Any]:
    values = (measured or {}).get(str(graph.graph.get("project")))
    if values is not None and key in values:
        return list(values[key] or [])
    return list(_METRICS[key](graph, context).value)


def _by_project(graphs: Iterable[nx.Graph]) -> list[nx.Graph]:
    return sorted(graphs, key=lambda g: str(g.graph.get("project")))


def project_overlaps(
    graphs: Sequence[nx.Graph], context: ProjectContext, *, measured: Measured | None = None
) -> list[ProjectOverlap]:
    """Find the pairs of overlapping applications among ``graphs``.

    Each graph is one application's N(P); ``context.projects`` must hold the applications to
    compare against (usually those of the call) and ``context.territories`` the territory tree.
    The rule is :func:`queries.metrics.redundancy.overlapping_projects`: same call, territories
    that meet (equal or nested), a public in common (or none declared on one side); shared members
    are evidence, not a condition. The relation is symmetric, so each pair appears once, with
    ``project`` < ``other``; ``territories`` are the other project's territories meeting the
    first's. ``measured`` (project id → metric values, e.g. ``report.metrics``) saves computing
    ``overlapping_projects`` again for an application whose report is already there.

    Returns
    -------
    list of ProjectOverlap
        Sorted by pair; ``[]`` when no two applications overlap.
    """
    return _pairs(
        (str(graph.graph.get("project")), _measure(graph, context, measured, "overlapping_projects"))
        for graph in _by_project(graphs)
    )


def _pairs(found: Iterable[tuple[str, list[Any]]]) -> list[ProjectOverlap]:
    """The pairs of overlapping applications, from each one's ``overlapping_projects`` items
    (in project order), each pair once, sorted."""
    pairs: dict[tuple[str, str], ProjectOverlap] = {}
    for own, items in found:
        for item in items:
            other = str(item["project"])
            first, second = sorted((own, other))
            if (first, second) in pairs:
                continue
            pairs[(first, second)] = ProjectOverlap(
                project=first,
                other=second,
                territories=list(item["territories"]),
                publics=list(item["publics"]),
                shared_members=list(item["shared_members"]),
            )
    return [pairs[key] for key in sorted(pairs)]


def scheme_duplications(
    graph: nx.Graph, context: ProjectContext, *, measured: Measured | None = None
) -> list[SchemeDuplication]:
    """Find the schemes of ``context.schemes`` one application duplicates without articulating.

    The rule is :func:`queries.metrics.redundancy.scheme_overlaps`: a scheme active on the
    project's territories, not declared by the project, doing a stage some member does and, when
    both name publics, serving one of the project's publics. ``context.schemes`` must hold the
    schemes found; ``measured`` as in :func:`project_overlaps`.

    Returns
    -------
    list of SchemeDuplication
        In scheme id order, each with the territories where the two meet, the duplicated stages
        and publics, the members doing those stages, and whether the scheme's operator is a member
        (the articulation may exist without being declared).
    """
    project = str(graph.graph.get("project"))
    territories = list(graph.graph.get("territories") or ())
    schemes = {s.id: s for s in context.schemes}
    found = []
    for item in _measure(graph, context, measured, "scheme_overlaps"):
        scheme = schemes[str(item["scheme"])]
        stages = set(item["stages"])
        found.append(
            SchemeDuplication(
                project=project,
                scheme=scheme.id,
                scheme_name=scheme.name,
                operator=scheme.operator,
                operator_is_member=scheme.operator is not None and scheme.operator in graph,
                territories=context.overlap(territories, scheme.territories),
                stages=[s.value for s in Stage if s.value in stages],
                publics=list(item["publics"]),
                members=sorted(str(n) for n, own in graph.nodes(data="stages") if stages & set(own or ())),
            )
        )
    return found


def find_overlaps(
    graphs: Sequence[nx.Graph], context: ProjectContext, *, measured: Measured | None = None
) -> Overlaps:
    """Both kinds of overlap for a set of applications (see the two functions above)."""
    ordered = _by_project(graphs)
    return Overlaps(
        projects=project_overlaps(ordered, context, measured=measured),
        schemes=[d for graph in ordered for d in scheme_duplications(graph, context, measured=measured)],
    )


def overlaps_of(measured: Measured, duplications: Mapping[str, Sequence[SchemeDuplication]]) -> Overlaps:
    """What :func:`find_overlaps` finds, from what each application's report already holds:
    its ``overlapping_projects`` (in ``measured``) and its scheme duplications, found beside its
    report (:func:`scheme_duplications` on its own N(P) and context)."""
    ordered = sorted(measured)
    return Overlaps(
        projects=_pairs(
            (project, list(measured[project].get("overlapping_projects") or [])) for project in ordered
        ),
        schemes=[d for project in ordered for d in duplications.get(project, ())],
    )


__all__ = [
    "Finding",
    "Measured",
    "Overlaps",
    "ProjectOverlap",
    "SchemeDuplication",
    "find_overlaps",
    "overlaps_of",
    "project_overlaps",
    "scheme_duplications",
]
