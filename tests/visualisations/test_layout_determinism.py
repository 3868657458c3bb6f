"""A map is laid out the same in every process, whatever the seed of Python's string hashing."""

from __future__ import annotations

import os
import subprocess
import sys

PROGRAM = """
import networkx as nx
from visualisations.layout import layout
graph = nx.Graph()
graph.add_edges_from((f"a{i}", f"b{i % 7}") for i in range(40))
graph.add_edges_from((f"c{i}", f"c{i + 1}") for i in range(12))
print(sorted((str(n), round(x, 3), round(y, 3)) for n, (x, y) in layout(graph, seed=1).items()))
"""


def run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, env=env, check=True
    )
    return result.stdout


def test_the_layout_does_not_depend_on_the_hash_seed() -> None:
    # A subgraph iterates its nodes in set order, which follows the hash seed: the layout sorts them.
    assert run("1") == run("2") == run("3")
