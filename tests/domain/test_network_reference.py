"""N(P) built from its dicts (graph_service.domain.network) is the graph networkx's own calls build.

The builder fills the graph's dicts directly; each network is compared, attributes and adjacency
in order, with the same network built by ``add_node`` / ``add_edge`` (moved here from the
report's former fast-path tests).
"""

from __future__ import annotations

import random

import networkx as nx
import pytest


def _reference_project_network(project, organisations, ties) -> nx.Graph:  # type: ignore[no-untyped-def]
    """N(P) built with networkx's add_node / add_edge, as graph_service.domain.network did."""
    from graph_service.domain.network import COMMITMENT_STRENGTH

    def attributes(o):  # type: ignore[no-untyped-def]
        return {
            "name": o.name,
            "sector": o.sector.value,
            "subtype": o.subtype.value if o.subtype else None,
            "siret": o.siret,
            "territories": list(o.territories),
            "org_stages": [s.value for s in o.stages],
            "barriers": [b.value for b in o.barriers],
            "publics": [p.value for p in o.publics],
        }

    graph = nx.Graph(
        project=project.id,
        title=project.title,
        call=project.call,
        lead=project.lead,
        territories=list(project.territories),
        publics=[p.value for p in project.publics],
        schemes=list(project.schemes),
    )
    lead = organisations[project.lead]
    graph.add_node(
        lead.id,
        **attributes(lead),
        stages=[s.value for s in lead.stages],
        role="lead",
        commitment=None,
        project_role=None,
        formal=True,
    )
    for partner in project.partners:
        o = organisations[partner.organisation]
        stages = partner.stages if partner.stages is not None else o.stages
        graph.add_node(
            o.id,
            **attributes(o),
            stages=[s.value for s in stages],
            role="partner",
            commitment=partner.commitment.value,
            project_role=partner.role,
            formal=partner.commitment.formal,
        )
        graph.add_edge(
            project.lead,
            o.id,
            commitment=partner.commitment.value,
            ties=[],
            kinds=[],
            formal=partner.commitment.formal,
            strength=COMMITMENT_STRENGTH[partner.commitment],
            declared=False,
            provenance=["commitment"],
        )
    for tie in ties:
        if tie.source not in graph or tie.target not in graph:
            continue
        if tie.project is not None and tie.project != project.id:
            continue  # another application's tie is not part of N(P)
        origin = "known" if tie.project is None else "declared"
        if graph.has_edge(tie.source, tie.target):
            data = graph.edges[tie.source, tie.target]
            if tie.key in data["ties"]:
                continue
            data["strength"] = tie.strength if not data["declared"] else max(data["strength"], tie.strength)
            data["ties"] = sorted([*data["ties"], tie.key])
            data["kinds"] = sorted({*data["kinds"], tie.kind.value})
            data["formal"] = data["formal"] or tie.formal
            data["declared"] = True
            found = {*data["provenance"], origin}
            data["provenance"] = [p for p in ("commitment", "declared", "known") if p in found]
        else:
            graph.add_edge(
                tie.source,
                tie.target,
                commitment=None,
                ties=[tie.key],
                kinds=[tie.kind.value],
                formal=tie.formal,
                strength=tie.strength,
                declared=True,
                provenance=[origin],
            )
    if project.unreported:
        graph.graph["unreported"] = list(project.unreported)
    return graph


def _same_graph(ours: nx.Graph, theirs: nx.Graph) -> None:
    assert ours.graph == theirs.graph
    # Order matters (the Burt sums and the evidence follow it), so items are compared as lists.
    assert [(n, list(d.items())) for n, d in ours.nodes(data=True)] == [
        (n, list(d.items())) for n, d in theirs.nodes(data=True)
    ]
    for member in theirs:
        assert [(v, list(d.items())) for v, d in ours.adj[member].items()] == [
            (v, list(d.items())) for v, d in theirs.adj[member].items()
        ]
        for v in ours.adj[member]:  # one data dict per edge, shared by both ends
            assert ours.adj[member][v] is ours.adj[v][member]


@pytest.mark.parametrize("seed", range(6))
def test_project_network_built_from_its_dicts_is_the_graph_networkx_calls_build(seed: int) -> None:
    from benchmarks.generator import RegionParameters, generate_region
    from graph_service.domain.network import project_network

    region = generate_region(
        RegionParameters(organisations=250, projects=25, ties=1_500, communes=30, schemes=5, seed=seed)
    )
    organisations = {o.id: o for o in region.organisations}
    rng = random.Random(seed)
    # Every tie of the region (most with an end outside the project), some twice, shuffled.
    ties = [*region.ties, *rng.sample(region.ties, len(region.ties) // 10)]
    rng.shuffle(ties)
    declared = 0
    for project in region.projects:
        ours = project_network(project, organisations, ties)
        _same_graph(ours, _reference_project_network(project, organisations, ties))
        declared += sum(1 for _, _, d in ours.edges(data=True) if d["declared"])
    assert declared > 0  # the ties were exercised, not only the commitments


def test_two_networks_sharing_an_organisation_do_not_share_its_attribute_lists() -> None:
    from benchmarks.generator import RegionParameters, generate_region
    from graph_service.domain.network import project_network

    region = generate_region(RegionParameters(organisations=60, projects=4, ties=100, communes=10, schemes=2))
    organisations = {o.id: o for o in region.organisations}
    project = region.projects[0]
    first = project_network(project, organisations, region.ties)
    lead = project.lead
    for name in ("territories", "org_stages", "barriers", "publics", "stages"):
        first.nodes[lead][name].append("changed")
    second = project_network(project, organisations, region.ties)
    _same_graph(second, _reference_project_network(project, organisations, region.ties))


def test_project_network_of_a_member_named_twice_or_a_lead_named_partner_is_networkx_s() -> None:
    # The dataset's validation refuses both; the builder still does what add_node/add_edge do.
    from benchmarks.generator import RegionParameters, generate_region
    from graph_service.domain.models import Project
    from graph_service.domain.network import project_network

    region = generate_region(RegionParameters(organisations=60, projects=4, ties=300, communes=10, schemes=2))
    organisations = {o.id: o for o in region.organisations}
    for project in region.projects:
        document = project.model_dump(mode="json")
        partners = document["partners"]
        partners.append({**partners[0], "commitment": "informel", "stages": []})
        partners.append({"organisation": project.lead, "commitment": "convention"})
        odd = Project.model_validate(document)
        _same_graph(
            project_network(odd, organisations, region.ties),
            _reference_project_network(odd, organisations, region.ties),
        )
