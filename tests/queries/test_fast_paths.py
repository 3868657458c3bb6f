"""The report's faster paths give the reference values, on seeded random project networks.

Each fast path is compared with the plain computation it replaces: networkx itself (closeness,
articulation points, density, betweenness), Brandes' general pass, the role table of Gould &
Fernandez applied pair by pair, and the networkx graph of working ties. Floats are compared
with ``==``: the fast paths add the same terms in the same order, so reports stay identical to
the last digit.
"""

from __future__ import annotations

import random
from itertools import combinations

import networkx as nx
import pytest

from queries.metrics import (
    Net,
    articulation_points,
    brokerage_roles,
    compute_metrics,
    dead_ends,
    ei_index,
    lead_betweenness,
    lead_betweenness_rank,
    lead_brokerage,
    lead_constraint_weighted,
    lead_effective_size,
    mean_capability_distance,
    redundant_pairs,
    single_points_of_failure,
    unique_contributions,
)
from queries.metrics._common import (
    attr_list,
    capability_sets,
    evidence_of,
    is_working,
    jaccard,
    pairwise_jaccard,
    pairwise_similarity,
    working_edges,
    working_graph,
)
from queries.metrics.brokerage import ROLES, _role, all_brokerage
from queries.metrics.federation import (
    _brandes,
    _universal_score,
    _within_two_steps,
    betweenness,
    density,
    lead_betweenness_and_rank,
    lead_closeness,
)
from queries.metrics.redundancy import weighted_burt
from queries.metrics.resilience import cut_vertices
from queries.scoring import default_config
from tests.queries.networks import network

SECTORS = ["employment", "social", "health", "enterprise", None]
COMMITMENTS = ["convention", "lettre_engagement", "cofinancement", "informel"]
SEEDS = range(40)


def random_project(seed: int) -> nx.Graph:
    """N(P) with 1–30 partners, random commitments, sectors (some missing) and declared ties."""
    rng = random.Random(seed)
    partners = [f"p{i:02d}" for i in range(rng.randint(1, 30))]
    rng.shuffle(partners)
    pairs = list(combinations(partners, 2))
    ties = rng.sample(pairs, min(len(pairs), rng.randint(0, 2 * len(partners))))
    graph = network(
        "lead",
        {p: rng.choice(COMMITMENTS) for p in partners},
        ties=ties,
        sectors={m: rng.choice(SECTORS) or "social" for m in ["lead", *partners]},
    )
    for node in rng.sample(partners, len(partners) // 5):
        graph.nodes[node]["sector"] = None  # a missing attribute
    for u, v in ties:
        if rng.random() < 0.3:
            graph.edges[u, v]["formal"] = True
    return graph


def random_graph(seed: int) -> nx.Graph:
    """A structural graph without a member tied to every other: sparse, often disconnected."""
    rng = random.Random(seed)
    graph = nx.gnp_random_graph(rng.randint(0, 25), rng.uniform(0.05, 0.3), seed=seed)
    return nx.relabel_nodes(graph, {n: f"n{n}" for n in graph})


def index_adjacency(graph: nx.Graph) -> list[list[int]]:
    index = {v: i for i, v in enumerate(graph)}
    return [[index[w] for w in graph.adj[v] if w != v] for v in graph]


@pytest.mark.parametrize("seed", SEEDS)
def test_the_two_step_betweenness_is_brandes_to_the_last_bit(seed):
    adjacency = index_adjacency(random_project(seed))
    assert _within_two_steps(adjacency) == _brandes(adjacency)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_lead_score_alone_is_its_score_among_all_and_it_ranks_first(seed):
    graph = random_project(seed)
    adjacency = index_adjacency(graph)
    lead = list(graph).index("lead")
    assert _universal_score(adjacency, lead) == _within_two_steps(adjacency)[lead]
    alone, rank = lead_betweenness_and_rank(graph)
    scores = betweenness(graph)
    assert alone == lead_betweenness(graph, scores)
    assert rank == lead_betweenness_rank(graph, scores)
    assert rank.value == 1


@pytest.mark.parametrize("seed", SEEDS)
def test_betweenness_matches_networkx_with_and_without_a_member_tied_to_all(seed):
    for graph in (random_project(seed), random_graph(seed)):
        expected = nx.betweenness_centrality(graph, normalized=True)
        found = betweenness(graph)
        assert found == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_cut_vertices_are_networkx_articulation_points(seed):
    for graph in (random_project(seed), random_graph(seed), nx.path_graph(seed % 6)):
        assert cut_vertices(dict(graph.adjacency())) == set(nx.articulation_points(graph))


def test_cut_vertices_ignore_self_loops_and_find_each_root_with_two_children():
    graph = nx.Graph([("a", "a"), ("a", "b"), ("a", "c"), ("d", "e"), ("e", "f"), ("f", "d")])
    assert cut_vertices(dict(graph.adjacency())) == set(nx.articulation_points(graph)) == {"a"}


@pytest.mark.parametrize("seed", SEEDS)
def test_lead_closeness_and_density_are_networkx_floats_exactly(seed):
    graph = random_project(seed)
    graph.add_node("isolated", sector="social")  # a member out of reach
    assert lead_closeness(graph).value == nx.closeness_centrality(graph, u="lead")
    assert density(graph).value == nx.density(graph)


def reference_brokerage(graph: nx.Graph, node: str) -> tuple[dict[str, int], list[tuple[str, str, str]]]:
    """Gould & Fernandez counted pair by pair with the role table of :func:`_role`."""
    counts = {**dict.fromkeys(ROLES, 0), "total": 0}
    pairs: list[tuple[str, str, str]] = []
    group = graph.nodes[node].get("sector")
    if group is None:
        return counts, pairs
    contacts = sorted((n for n in graph[node] if n != node), key=str)
    for a, c in combinations(contacts, 2):
        ga, gc = graph.nodes[a].get("sector"), graph.nodes[c].get("sector")
        if ga is None or gc is None or graph.has_edge(a, c):
            continue
        role = _role(ga, group, gc)
        counts["total"] += 1
        counts[role] += 1
        if role == "gatekeeper":
            counts["representative"] += 1
        pairs.append((a, c, role))
    return counts, pairs


@pytest.mark.parametrize("seed", SEEDS)
def test_brokerage_counts_and_pairs_match_the_role_table(seed):
    graph = random_project(seed)
    counted = all_brokerage(graph)
    assert counted == {node: reference_brokerage(graph, node) for node in graph}
    only_lead = all_brokerage(graph, pairs_of=["lead"])
    assert only_lead["lead"] == counted["lead"]
    assert all(found == (counted[n][0], []) for n, found in only_lead.items() if n != "lead")


@pytest.mark.parametrize("seed", SEEDS)
def test_the_working_adjacency_is_the_working_graph_in_the_same_order(seed):
    graph = random_project(seed)
    net = Net(graph)
    kept = working_graph(graph)
    assert list(net.working) == list(kept)
    assert {n: list(around) for n, around in net.working.items()} == {n: list(kept.adj[n]) for n in kept}
    assert net.working_edges == working_edges(graph)
    assert net.working_around("lead") == [v for v, d in graph.adj["lead"].items() if is_working(d)]


@pytest.mark.parametrize("seed", range(10))
def test_metrics_sharing_one_reading_equal_each_metric_computed_alone(seed):
    graph = random_project(seed)
    config = default_config()
    shared = compute_metrics(graph, config=config)
    stages = [s.value for s in config.required_stages]
    alone = {
        "lead_betweenness": lead_betweenness(graph),
        "lead_betweenness_rank": lead_betweenness_rank(graph),
        "lead_brokerage": lead_brokerage(graph),
        "brokerage_roles": brokerage_roles(graph),
        "lead_effective_size": lead_effective_size(graph),
        "lead_constraint_weighted": lead_constraint_weighted(graph),
        "articulation_points": articulation_points(graph),
        "single_points_of_failure": single_points_of_failure(graph, stages),
        "mean_capability_distance": mean_capability_distance(graph),
        "unique_contributions": unique_contributions(graph),
        "redundant_pairs": redundant_pairs(graph, config.thresholds.redundancy_jaccard),
        "ei_index": ei_index(graph),
        "dead_ends": dead_ends(graph),
    }
    for key, measure in alone.items():
        assert shared[key] == measure, key


@pytest.mark.parametrize("seed", SEEDS)
def test_pairwise_jaccard_on_bit_masks_is_the_jaccard_of_each_pair(seed):
    rng = random.Random(seed)
    items = [f"stage:{i}" for i in range(8)] + [f"public:{i}" for i in range(6)]
    sets = {f"m{i}": set(rng.sample(items, rng.randint(0, 6))) for i in range(rng.randint(0, 12))}
    expected = [(a, b, jaccard(sets[a], sets[b])) for a, b in combinations(sets, 2)]
    assert pairwise_jaccard(sets) == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_a_net_reads_attributes_capabilities_and_evidence_as_the_graph_helpers_do(seed):
    graph = random_project(seed)
    rng = random.Random(seed)
    for node in rng.sample(list(graph), min(3, len(graph))):
        graph.nodes[node]["barriers"] = ("mobilite", "sante")  # a tuple, not a list
        graph.nodes[node].pop("publics")  # a missing attribute
    net = Net(graph)
    for name in ("stages", "barriers", "publics", "territories"):
        assert net.attr(name) == {n: attr_list(graph, n, name) for n in graph}
    assert net.capabilities == capability_sets(graph)
    edges = list(graph.edges())
    for _ in range(5):
        nodes = rng.sample(list(graph), rng.randint(0, len(graph)))
        some = rng.sample(edges, rng.randint(0, len(edges)))
        some = [(v, u) if rng.random() < 0.5 else (u, v) for u, v in some]
        assert net.evidence(nodes, some) == evidence_of(graph, nodes, some)
        assert net.evidence(nodes, iter(some)) == evidence_of(graph, nodes, some)


# -- N(P) built through the graph's own dicts ------------------------------------------------


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


def test_the_heap_is_frozen_during_a_call_s_reports_and_given_back_after_even_on_error() -> None:
    import gc

    from graph_service.services.analysis import heap_frozen

    alive = [[n] for n in range(1_000)]  # tracked objects alive before the block
    assert gc.get_freeze_count() == 0
    with heap_frozen():
        assert gc.get_freeze_count() >= len(alive)
    assert gc.get_freeze_count() == 0
    with pytest.raises(ZeroDivisionError), heap_frozen():
        1 / 0  # noqa: B018
    assert gc.get_freeze_count() == 0


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


def _reference_weighted_burt(graph: nx.Graph, node: str) -> tuple[float, float] | None:
    """Burt's weighted sums with every contact's whole proportion dict, as networkx reads them."""
    adjacency = graph.adj

    def strengths(n: str) -> dict[str, float]:
        return {m: float(d.get("strength", 1)) for m, d in adjacency[n].items() if m != n}

    def shares(around: dict[str, float]) -> dict[str, float]:
        whole = sum(around.values())
        return {m: w / whole for m, w in around.items()} if whole > 0 else {}

    p_node = shares(strengths(node))
    if not p_node:
        return None
    order = list(p_node)
    size = total = 0.0
    for j, p_ij in p_node.items():
        around_j = strengths(j)
        strongest = max(around_j.values(), default=0.0)
        shared = sorted((q for q in around_j if q in p_node and q != j), key=order.index)
        size += 1 - sum(p_node[q] * around_j[q] / strongest for q in shared) if strongest > 0 else 1
        indirect = 0.0
        for q in shared:
            indirect += p_node[q] * shares(strengths(q)).get(j, 0.0)
        total += (p_ij + indirect) ** 2
    return size, total


@pytest.mark.parametrize("seed", SEEDS)
def test_weighted_burt_divides_only_the_proportions_it_needs_to_the_same_floats(seed: int) -> None:
    rng = random.Random(seed)
    graph = random_graph(seed)
    for u, v in graph.edges():
        if rng.random() < 0.9:  # some edges carry no strength (1 by default), some a zero one
            graph.edges[u, v]["strength"] = rng.choice([0, 1, 2, 3])
    for node in graph:
        assert weighted_burt(graph, node) == _reference_weighted_burt(graph, node), node


@pytest.mark.parametrize("seed", SEEDS)
def test_pair_values_alone_are_the_jaccard_of_each_pair_and_give_the_same_measures(seed: int) -> None:
    graph = random_project(seed)
    for node in random.Random(seed).sample(list(graph), len(graph) // 3):
        graph.nodes[node]["stages"] = []  # some members declare nothing: pairs with no union
        graph.nodes[node]["barriers"] = []
        graph.nodes[node]["publics"] = []
    sets = capability_sets(graph)
    reference = [(a, b, jaccard(sets[a], sets[b])) for a, b in combinations(sets, 2)]
    values = pairwise_similarity(sets)
    assert values == [similarity for _, _, similarity in reference]
    for threshold in (0.0, 0.3, 0.5, 1.0):
        assert redundant_pairs(graph, threshold, sets=sets, values=values) == redundant_pairs(
            graph, threshold, sets=sets, similarities=reference
        )
    assert mean_capability_distance(graph, sets, values=values) == mean_capability_distance(
        graph, sets, similarities=reference
    )


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
