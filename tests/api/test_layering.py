"""Dependencies point one way: the API and the pages share services and auth, never each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import graph_service

ROOT = Path(graph_service.__file__).parent


def imported_modules(package: str) -> set[str]:
    """Every module the files of ``package`` import, at the top or inside a function."""
    found: set[str] = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("api", "graph_service.web"),
        ("web", "graph_service.api"),
        ("services", "graph_service.api"),
        ("services", "graph_service.web"),
        ("auth", "graph_service.api"),
        ("auth", "graph_service.web"),
        ("stores", "queries"),
        ("stores", "graph_service.services"),
    ],
)
def test_a_package_does_not_import_what_sits_beside_or_above_it(package: str, forbidden: str) -> None:
    offending = sorted(
        m for m in imported_modules(package) if m == forbidden or m.startswith(f"{forbidden}.")
    )
    assert offending == [], f"graph_service/{package} imports {offending}"


def test_the_cypher_files_sit_beside_the_neo4j_store() -> None:
    assert sorted((ROOT / "stores" / "cypher").glob("*.cypher"))
    assert not (ROOT.parent / "queries" / "cypher").exists()
