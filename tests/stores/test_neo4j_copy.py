"""``partnership-graph copy``: SQLite → Neo4j and back, through the canonical dataset."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_service.cli.main import app
from graph_service.stores.neo4j import Neo4jStore
from graph_service.stores.sqlite import SQLiteStore
from tests.support.datasets import small_region

runner = CliRunner()


def env_for(uri: str) -> dict[str, str]:
    # The test instance runs without authentication.
    return {"NEO4J_URI": uri, "NEO4J_PASSWORD": "", "NEO4J_DATABASE": "neo4j", "COLUMNS": "160"}


def sqlite_with_small_region(path: Path) -> Path:
    store = SQLiteStore(path)
    store.upsert_dataset(small_region())
    store.close()
    return path


def test_copy_from_sqlite_to_neo4j_and_back_gives_the_same_dataset(
    neo4j_store: Neo4jStore, neo4j_uri: str, tmp_path: Path
) -> None:
    source = sqlite_with_small_region(tmp_path / "source.db")
    there = runner.invoke(
        app, ["copy", "--from", f"sqlite:{source}", "--to", "neo4j"], env=env_for(neo4j_uri)
    )
    assert there.exit_code == 0, there.output
    assert "Copie vérifiée" in there.output
    assert neo4j_store.export_dataset() == small_region()

    back = tmp_path / "back.db"
    again = runner.invoke(app, ["copy", "--from", "neo4j", "--to", f"sqlite:{back}"], env=env_for(neo4j_uri))
    assert again.exit_code == 0, again.output
    copied = SQLiteStore(back)
    try:
        assert copied.export_dataset().to_document() == small_region().to_document()
    finally:
        copied.close()


def test_copying_twice_changes_nothing_the_second_time(
    neo4j_store: Neo4jStore, neo4j_uri: str, tmp_path: Path
) -> None:
    source = sqlite_with_small_region(tmp_path / "source.db")
    arguments = ["copy", "--from", f"sqlite:{source}", "--to", "neo4j"]
    assert runner.invoke(app, arguments, env=env_for(neo4j_uri)).exit_code == 0
    second = runner.invoke(app, arguments, env=env_for(neo4j_uri))
    assert second.exit_code == 0, second.output
    assert f"Entités : 0 ajoutée, 0 modifiée, {small_region().size} inchangées." in second.output


def test_copy_to_the_same_store_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    result = runner.invoke(app, ["copy", "--from", f"sqlite:{path}", "--to", f"sqlite:{path}"])
    assert result.exit_code == 2
    assert "même magasin" in result.output


def test_an_unknown_store_kind_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["copy", "--from", "postgres:db", "--to", f"sqlite:{tmp_path / 'x.db'}"])
    assert result.exit_code == 2
    assert "inconnu" in result.output


def test_copy_to_an_unreachable_neo4j_fails_with_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    source = sqlite_with_small_region(tmp_path / "source.db")
    result = runner.invoke(
        app,
        ["copy", "--from", f"sqlite:{source}", "--to", "neo4j"],
        env={"NEO4J_URI": f"bolt://127.0.0.1:{port}", "NEO4J_PASSWORD": "hunter2-secret", "COLUMNS": "200"},
    )
    assert result.exit_code == 1
    assert "Neo4j injoignable" in result.output and f"127.0.0.1:{port}" in result.output
    assert "hunter2-secret" not in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("spec", ["sqlite", "neo4j"])
def test_the_help_names_both_kinds_of_store(spec: str) -> None:
    result = runner.invoke(app, ["copy", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert spec in result.output
