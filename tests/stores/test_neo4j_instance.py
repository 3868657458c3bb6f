"""The Neo4j test instance itself: started by the session fixture, reachable over Bolt."""

from __future__ import annotations

from pathlib import Path

import neo4j
import pytest

from tests.support.neo4j import load_instance_module


def test_the_test_instance_answers_a_query_over_bolt(neo4j_uri: str) -> None:
    with neo4j.GraphDatabase.driver(neo4j_uri, auth=None) as driver:
        driver.verify_connectivity()
        records, _, _ = driver.execute_query("RETURN 40 + 2 AS answer", database_="neo4j")
    assert records[0]["answer"] == 42


def test_the_test_instance_is_neo4j_5_26_community(neo4j_uri: str) -> None:
    with neo4j.GraphDatabase.driver(neo4j_uri, auth=None) as driver:
        records, _, _ = driver.execute_query(
            "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition",
            database_="system",
        )
    assert records[0]["version"].startswith("5.26.")
    assert records[0]["edition"] == "community"


def test_a_launcher_that_exits_before_its_ready_line_fails_with_its_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    instance_module = load_instance_module()
    # A real JVM that prints its version and exits, instead of Neo4j: the failure path end to end.
    monkeypatch.setattr(instance_module, "command", lambda: [instance_module.java_executable(), "-version"])
    with pytest.raises(instance_module.LaunchError) as raised:
        instance_module.start(timeout=60, log_dir=tmp_path)
    message = str(raised.value)
    assert "s'est arrêté au démarrage" in message
    assert "version" in message
    assert str(tmp_path) in message
