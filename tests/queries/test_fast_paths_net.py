"""Tables a :class:`Net` builds once for several metrics give the reference values.

Each metric that reads a shared table (capability bit masks, pair values, the members listing
each item, the sector pass over working edges, the covering of communes, the paths to an exit)
is compared with its reference formulation, on seeded random project networks: the plain scan
it replaces, written out here, or the same function handed its inputs explicitly (which takes
the reference path). Floats are compared with ``==``: same terms, same order, same digits.
"""

from __future__ import annotations

import random
from collections import Counter
from itertools import chain, combinations

import networkx as nx
import pytest

from graph_service.domain.models import Territory
from graph_service.domain.vocabulary import TerritoryLevel
from queries.metrics import (
    Net,
    articulation_points,
    barrier_coverage,
    blau_index,
    complete_trajectory_share,
    compute_metrics,
    dead_ends,
    ei_index,
    exit_stage_coverage,
    lead_ei_index,
    mean_capability_distance,
    mean_handoffs,
    public_coverage,
    redundant_pairs,
    sector_diversity,
    sector_modularity,
    sectors_linked,
    single_points_of_failure,
    stage_coverage,
    territory_coverage,
    unique_contributions,
)
from queries.metrics._common import (
    PAIR_VALUE,
    Evidence,
    Measure,
    ProjectContext,
    at_least,
    capability_sets,
    is_working,
    mask_similarity,
    pair_keys,
    pairwise_jaccard,
    pairwise_similarity,
    share,
    working_edges,
    working_graph,
)
from queries.metrics.decompartmentalisation import _ei
from queries.metrics.resilience import cut_points, cut_vertices
from queries.metrics.schemes import project_stages
from queries.metrics.trajectories import EXIT, ORDER, STAGES
from queries.scoring import default_config
from tests.queries.test_fast_paths import random_graph, random_project

SEEDS = range(40)
STAGE_CODES = ["reperage", "mobilisation", "accompagnement", "levee_freins", "formation", "emploi", "other"]
BARRIERS = ["mobilite", "sante", "logement", "garde"]
PUBLICS = ["jeunes_16_29", "qpv", "refugies"]


def with_attributes(graph: nx.Graph, seed: int) -> nx.Graph:
    """Random stages (some listed twice), barriers and publics; some members declare nothing."""
    rng = random.Random(seed)
    for node in graph:
        data = graph.nodes[node]
        if rng.random() < 0.15:
            data["stages"], data["barriers"], data["publics"] = [], [], []
            continue
        stages = rng.sample(STAGE_CODES, rng.randint(0, 3))
        if stages and rng.random() < 0.1:
            stages.append(stages[0])  # listed twice
        data["stages"] = stages
        data["barriers"] = rng.sample(BARRIERS, rng.randint(0, 2))
        if rng.random() < 0.2:
            data.pop("publics", None)  # a missing attribute
        else:
            data["publics"] = rng.sample(PUBLICS, rng.randint(0, 2))
    graph.graph["publics"] = rng.sample(PUBLICS, rng.randint(0, 3))
    return graph


def project(seed: int) -> nx.Graph:
    return with_attributes(random_project(seed), seed)


@pytest.mark.parametrize("seed", SEEDS)
def test_capability_masks_give_the_pairs_values_of_the_sets(seed: int) -> None:
    graph = project(seed)
    net = Net(graph)
    sets = capability_sets(graph)
    vocabulary, masks = net.capability_masks
    assert [vocabulary.names(mask) for mask in masks] == [sorted(items) for items in sets.values()]
    assert net.similarities == pairwise_similarity(sets) == mask_similarity(masks)
    pairs = pairwise_jaccard(sets)
    for threshold in (0.0, 0.2, 0.5, 0.75, 1.0, 1.5):
        expected = [p for p in pairs if p[2] is not None and p[2] >= threshold]
        assert net.similar_pairs(threshold) == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_similar_pairs_without_a_pair_of_empty_members_are_found_in_c(seed: int) -> None:
    graph = project(seed)
    for node in graph:
        graph.nodes[node]["stages"] = [*graph.nodes[node]["stages"], "reperage"]  # nobody empty
    net = Net(graph)
    assert None not in net.similarities
    pairs = pairwise_jaccard(capability_sets(graph))
    for threshold in (0.0, 0.3, 0.5, 1.0):
        assert net.similar_pairs(threshold) == [p for p in pairs if p[2] is not None and p[2] >= threshold]


@pytest.mark.parametrize("seed", SEEDS)
def test_unique_contributions_and_mean_distance_from_masks_equal_the_sets(seed: int) -> None:
    graph = project(seed)
    sets = capability_sets(graph)
    assert unique_contributions(graph) == unique_contributions(graph, sets)
    assert mean_capability_distance(graph) == mean_capability_distance(graph, sets)


def reference_coverage(graph: nx.Graph, attribute: str, required: list[str]) -> Measure:
    """Coverage by a scan of every member's items (each listing counts)."""
    wanted = list(dict.fromkeys(required))
    providers: dict[str, list[str]] = {item: [] for item in wanted}
    for node in graph:
        for item in graph.nodes[node].get(attribute) or ():
            if item in providers:
                providers[item].append(node)
    covered = [item for item in wanted if providers[item]]
    return Measure(
        share(len(covered), len(wanted)),
        Evidence(nodes=tuple(dict.fromkeys(n for item in covered for n in providers[item]))),
        {
            "covered": covered,
            "missing": [item for item in wanted if not providers[item]],
            "providers": {k: v for k, v in providers.items() if v},
        },
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_coverage_read_from_the_members_listing_each_item_equals_a_scan(seed: int) -> None:
    graph = project(seed)
    assert stage_coverage(graph, STAGE_CODES[:6]) == reference_coverage(graph, "stages", STAGE_CODES[:6])
    assert barrier_coverage(graph, BARRIERS) == reference_coverage(graph, "barriers", BARRIERS)
    assert public_coverage(graph) == reference_coverage(graph, "publics", graph.graph["publics"])
    stages = {n: graph.nodes[n]["stages"] for n in graph}
    exits = {s: [n for n, done in stages.items() if s in done] for s in sorted(EXIT)}
    measure = exit_stage_coverage(graph)
    assert measure.detail["covered"] == [s for s in sorted(EXIT) if exits[s]]
    assert measure.evidence.nodes == tuple(dict.fromkeys(n for s in sorted(EXIT) for n in exits[s]))
    assert project_stages(graph) == set(chain.from_iterable(stages.values()))


@pytest.mark.parametrize("seed", SEEDS)
def test_single_points_of_failure_equal_a_scan_of_the_sole_providers(seed: int) -> None:
    graph = project(seed)
    required = STAGE_CODES[:6]
    listed = Counter(s for n in graph for s in graph.nodes[n]["stages"] if s in required)
    cut = set(nx.articulation_points(graph))
    expected = {}
    for node in graph:
        sole = sorted({s for s in graph.nodes[node]["stages"] if listed[s] == 1})
        if sole or node in cut:
            expected[node] = {"stages": sole, "splits": node in cut}
    measure = single_points_of_failure(graph, required)
    assert measure.value == sorted(expected)
    assert measure.detail == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_cut_points_are_networkx_articulation_points_with_or_without_a_lead_tied_to_all(seed: int) -> None:
    rng = random.Random(seed)
    split = random_project(seed)
    split.remove_edges_from([e for e in list(split.edges("lead")) if rng.random() < 0.3])
    isolated = random_project(seed)
    isolated.add_node("isolated")
    structural = random_graph(seed)
    if len(structural):
        structural.graph["lead"] = rng.choice(list(structural))
    star = nx.star_graph(seed % 5)
    star.graph["lead"] = 0
    for graph in (random_project(seed), split, isolated, structural, star, nx.path_graph(seed % 4)):
        expected = set(nx.articulation_points(graph))
        assert cut_points(graph) == cut_vertices(dict(graph.adjacency())) == expected
        assert articulation_points(graph).value == sorted(expected, key=str)


@pytest.mark.parametrize("seed", SEEDS)
def test_one_sector_pass_gives_each_measure_of_the_working_edges(seed: int) -> None:
    graph = random_project(seed)
    for node in random.Random(seed).sample(list(graph), len(graph) // 6):
        graph.nodes[node]["sector"] = ""  # an empty sector: known for E-I, grouped with none
    edges = working_edges(graph)
    net = Net(graph)
    assert ei_index(net) == ei_index(graph, edges)
    lead_edges = [(u, v) for u, v in working_edges(graph, "lead")]
    assert lead_ei_index(net) == _ei(Net(graph), lead_edges)
    assert sectors_linked(net) == sectors_linked(graph, edges)
    assert sector_modularity(net) == sector_modularity(graph, edges)
    if edges:
        kept = working_graph(graph)
        groups: dict[str, set[str]] = {}
        for node, sector in graph.nodes(data="sector"):
            groups.setdefault(sector or "", set()).add(node)
        expected = nx.community.modularity(kept, list(groups.values()))
        assert sector_modularity(net).value == pytest.approx(expected, abs=1e-12)


def reference_dead_ends(graph: nx.Graph) -> list[str]:
    kept = working_graph(graph)
    latest = {n: max([ORDER.get(s, -1) for s in graph.nodes[n]["stages"]], default=-1) for n in graph}
    return sorted(
        n
        for n in graph
        if latest[n] >= 0
        and STAGES[latest[n]] not in EXIT
        and not any(latest[m] > latest[n] for m in kept.adj[n])
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_trajectories_read_once_per_network_equal_each_on_the_working_graph(seed: int) -> None:
    graph = project(seed)
    kept = working_graph(graph)
    net = Net(graph)
    assert complete_trajectory_share(net) == complete_trajectory_share(graph, kept)
    assert mean_handoffs(net) == mean_handoffs(graph, kept)
    assert dead_ends(net) == dead_ends(graph, kept)
    assert dead_ends(net).value == reference_dead_ends(graph)


def territory_tree(rng: random.Random) -> tuple[Territory, ...]:
    """A département, three EPCIs and their communes (codes not checked: built unvalidated)."""
    territories = [Territory.model_construct(code="59", name="Nord", level=TerritoryLevel.DEPARTEMENT)]
    communes = iter(range(59001, 59999))
    for e in range(3):
        epci = f"20009{e:04d}"
        territories.append(
            Territory.model_construct(code=epci, name=epci, level=TerritoryLevel.EPCI, parent="59")
        )
        for _ in range(rng.randint(1, 4)):
            code = str(next(communes))
            territories.append(
                Territory.model_construct(code=code, name=code, level=TerritoryLevel.COMMUNE, parent=epci)
            )
    return tuple(territories)


def reference_territory_coverage(graph: nx.Graph, context: ProjectContext) -> Measure:
    communes = context.communes(graph.graph.get("territories") or ())
    providers: dict[str, list[str]] = {c: [] for c in communes}
    covering = [(commune, {commune, *context.ancestors(commune)}) for commune in communes]
    for node in graph:
        codes = graph.nodes[node].get("territories") or []
        if not codes:
            continue
        reach = set(codes)
        for commune, around in covering:
            if not reach.isdisjoint(around):
                providers[commune].append(node)
    covered = [c for c in communes if providers[c]]
    return Measure(
        share(len(covered), len(communes)),
        Evidence(nodes=tuple(dict.fromkeys(n for c in covered for n in providers[c]))),
        {"covered": covered, "missing": [c for c in communes if not providers[c]]},
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_territory_coverage_through_the_codes_covering_each_commune_equals_the_scan(seed: int) -> None:
    rng = random.Random(seed)
    territories = territory_tree(rng)
    codes = [t.code for t in territories] + ["75056"]  # a code outside the tree
    context = ProjectContext(territories=territories)
    graph = random_project(seed)
    graph.graph["territories"] = rng.sample(codes, rng.randint(0, 3))
    for node in graph:
        graph.nodes[node]["territories"] = rng.sample(codes, rng.randint(0, 3))
    for _ in range(2):  # the second time from the context's memo
        assert territory_coverage(graph, context) == reference_territory_coverage(graph, context)


@pytest.mark.parametrize("seed", SEEDS)
def test_sector_diversity_is_blau_index_and_edge_evidence_is_evidence(seed: int) -> None:
    graph = random_project(seed)
    net = Net(graph)
    assert sector_diversity(net).value == blau_index(s for _, s in graph.nodes(data="sector"))
    rng = random.Random(seed)
    edges = rng.sample(net.edges, rng.randint(0, len(net.edges)))
    edges = [(v, u, d) if rng.random() < 0.5 else (u, v, d) for u, v, d in edges]
    nodes = rng.sample(list(graph), rng.randint(0, len(graph)))
    assert net.edge_evidence(nodes, edges) == net.evidence(nodes, [(u, v) for u, v, _ in edges])
    around = net.working_around("lead")
    around.append("changed")  # a copy: the next reader gets the list unchanged
    assert net.working_around("lead") == [v for v, d in graph.adj["lead"].items() if is_working(d)]


@pytest.mark.parametrize("seed", range(10))
def test_a_report_s_metrics_equal_each_metric_on_a_fresh_reading(seed: int) -> None:
    graph = project(seed)
    config = default_config()
    shared = compute_metrics(graph, config=config)
    stages = [s.value for s in config.required_stages]
    alone = {
        "stage_coverage": stage_coverage(Net(graph), stages),
        "unique_contributions": unique_contributions(Net(graph), capability_sets(graph)),
        "mean_capability_distance": mean_capability_distance(Net(graph), capability_sets(graph)),
        "ei_index": ei_index(graph, working_edges(graph)),
        "sectors_linked": sectors_linked(graph, working_edges(graph)),
        "sector_modularity": sector_modularity(graph, working_edges(graph)),
        "complete_trajectory_share": complete_trajectory_share(graph, working_graph(graph)),
        "mean_handoffs": mean_handoffs(graph, working_graph(graph)),
        "articulation_points": Measure(
            sorted(cut_vertices(dict(graph.adjacency())), key=str),
            articulation_points(graph).evidence,
        ),
    }
    for key, measure in alone.items():
        assert shared[key] == measure, key
    reference = redundant_pairs(graph, config.thresholds.redundancy_jaccard, sets=capability_sets(graph))
    assert shared["redundant_pairs"] == reference


@pytest.mark.parametrize("seed", SEEDS)
def test_pair_keys_count_each_pair_as_its_masks_do(seed: int) -> None:
    rng = random.Random(seed)
    width = rng.choice([8, 25, 32, 33, 60, 64, 65, 90])
    masks = [rng.getrandbits(width) & rng.getrandbits(width) for _ in range(rng.randint(0, 35))]
    if masks and rng.random() < 0.5:
        masks[rng.randrange(len(masks))] = 0  # a member bringing nothing
    keys = pair_keys(masks)
    if len(masks) > 1 and any(m.bit_length() > 64 for m in masks):
        assert keys is None
        return
    assert keys == [((a & b).bit_count() << 8) | (a | b).bit_count() for a, b in combinations(masks, 2)]
    assert [PAIR_VALUE[k] for k in keys] == mask_similarity(masks)
    for threshold in (0.0, 0.4, 0.5, 1.0):
        assert [at_least(threshold)[k] for k in keys] == [
            v is not None and v >= threshold for v in mask_similarity(masks)
        ]


@pytest.mark.parametrize("seed", range(10))
def test_without_pair_keys_the_pairs_are_found_one_by_one_to_the_same_values(seed: int) -> None:
    graph = project(seed)
    fast, slow = Net(graph), Net(graph)
    slow.__dict__["pair_keys"] = None  # as for masks wider than 64 bits
    assert slow.similarities == fast.similarities == pairwise_similarity(capability_sets(graph))
    for threshold in (0.0, 0.5, 1.0):
        assert slow.similar_pairs(threshold) == fast.similar_pairs(threshold)
    assert mean_capability_distance(slow) == mean_capability_distance(fast)


def test_new_codes_met_by_threads_at_once_get_one_bit_each() -> None:
    import threading

    from queries.metrics._net import _Vocabulary

    vocabulary = _Vocabulary()  # not the shared table: later networks keep narrow masks
    codes = [f"new-public-{i}" for i in range(300)]
    found: list[list[int]] = []
    start = threading.Barrier(6)

    def read() -> None:
        start.wait()
        found.append([vocabulary.public[code] for code in codes])

    threads = [threading.Thread(target=read) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(bits == found[0] for bits in found)
    assert len(set(found[0])) == len(codes)
    assert len(vocabulary.items) == len(set(vocabulary.items))


@pytest.mark.parametrize("seed", range(10))
def test_metrics_of_a_graph_view_equal_those_of_its_copy(seed: int) -> None:
    # A what-if or a caller may hand a view (a subgraph, a frozen graph): its rows are filtering
    # mappings, not dicts, and the fast paths must read them as they read the copy's.
    graph = project(seed)
    members = list(graph)
    kept = [graph.graph["lead"], *members[1 : max(3, len(members) - 2)]]
    for view in (graph.subgraph(kept), nx.freeze(graph.copy())):
        copy = nx.Graph(view)
        copy.graph.update(view.graph)
        assert compute_metrics(view) == compute_metrics(copy)
