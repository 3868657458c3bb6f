"""Properties every project network must satisfy, on random small networks (hypothesis)."""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from queries.metrics import compute_metrics, lead_effective_size, stage_coverage
from tests.queries.networks import network

SECTORS = ["employment", "social", "health", "enterprise"]
STAGES = ["reperage", "mobilisation", "accompagnement", "levee_freins", "formation", "emploi"]
COMMITMENTS = ["convention", "lettre_engagement", "cofinancement", "informel"]

SHARES = [
    "stage_coverage", "barrier_coverage", "public_coverage", "mean_capability_distance",
    "sector_diversity", "lead_efficiency", "lead_reach_1", "lead_reach_2", "lead_degree_centrality",
    "lead_betweenness", "lead_closeness", "degree_centralization", "lead_formal_tie_share",
    "density", "partner_tie_density", "scheme_articulation_share", "enterprise_formal_share",
    "exit_stage_coverage", "complete_trajectory_share",
]  # fmt: skip
INDICES = ["ei_index", "lead_ei_index"]


@st.composite
def networks(draw: st.DrawFn) -> nx.Graph:
    size = draw(st.integers(min_value=0, max_value=7))
    partners = [f"p{i}" for i in range(size)]
    members = ["lead", *partners]
    pairs = list(combinations(partners, 2))
    ties = [pair for pair in pairs if draw(st.booleans())]
    return network(
        "lead",
        {p: draw(st.sampled_from(COMMITMENTS)) for p in partners},
        ties=ties,
        sectors={m: draw(st.sampled_from(SECTORS)) for m in members},
        stages={m: draw(st.lists(st.sampled_from(STAGES), unique=True, max_size=3)) for m in members},
        project={"publics": ["qpv"]},
        publics={m: draw(st.lists(st.sampled_from(["qpv", "rural"]), unique=True)) for m in members},
    )


def scalars(graph: nx.Graph) -> dict[str, object]:
    return {
        k: m.value
        for k, m in compute_metrics(graph).items()
        if m.value is None or isinstance(m.value, int | float | str)
    }


relaxed = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@relaxed
@given(networks(), st.randoms())
def test_relabelling_members_changes_no_value(graph, random):
    names = list(graph)
    shuffled = names[:]
    random.shuffle(shuffled)
    mapping = {old: f"x-{new}" for old, new in zip(names, shuffled, strict=True)}
    relabelled = nx.relabel_nodes(graph, mapping)
    relabelled.graph["lead"] = mapping["lead"]
    before, after = scalars(graph), scalars(relabelled)
    assert before.keys() == after.keys()
    for key, value in before.items():
        if isinstance(value, float):
            assert after[key] == pytest.approx(value), key
        else:
            assert after[key] == value, key


@relaxed
@given(networks())
def test_shares_stay_in_unit_interval_and_ei_in_minus_one_one(graph):
    values = {k: m.value for k, m in compute_metrics(graph).items()}
    for key in SHARES:
        assert values[key] is None or 0 <= values[key] <= 1 + 1e-12, key
    for key in INDICES:
        assert values[key] is None or -1 <= values[key] <= 1, key


@relaxed
@given(networks(), st.data())
def test_adding_a_tie_between_partners_never_raises_the_lead_effective_size(graph, data):
    partners = [n for n in graph if n != "lead"]
    open_pairs = [(u, v) for u, v in combinations(partners, 2) if not graph.has_edge(u, v)]
    if not open_pairs:
        return
    u, v = data.draw(st.sampled_from(open_pairs))
    before = lead_effective_size(graph).value
    graph.add_edge(u, v, ties=[], declared=True, formal=False)
    after = lead_effective_size(graph).value
    assert after <= before + 1e-12


@relaxed
@given(networks(), st.sampled_from(STAGES))
def test_removing_the_only_partner_covering_a_stage_uncovers_it(graph, stage):
    providers = stage_coverage(graph).detail["providers"].get(stage, [])
    if len(providers) != 1 or providers[0] == "lead":
        return
    graph.remove_node(providers[0])
    assert stage in stage_coverage(graph).detail["missing"]
