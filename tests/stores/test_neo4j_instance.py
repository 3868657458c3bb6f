"""The Neo4j test instance itself: started by the session fixture, reachable over Bolt."""

from __future__ import annotations

import os
import subprocess
import sys
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
    monkeypatch.setattr(
        instance_module, "command", lambda **_: [instance_module.java_executable(), "-version"]
    )
    with pytest.raises(instance_module.LaunchError) as raised:
        instance_module.start(timeout=60, log_dir=tmp_path)
    message = str(raised.value)
    assert "s'est arrêté au démarrage" in message
    assert "version" in message
    assert str(tmp_path) in message


ROOT = Path(__file__).resolve().parents[2]


def run_inner_session(tmp_path: Path, body: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a throw-away pytest session that uses the Neo4j plugin, outside this session."""
    (tmp_path / "test_inner.py").write_text(body, encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"} | env
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "tests.support.neo4j",
            "-p",
            "no:cacheprovider",
            "test_inner.py",
        ],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_when_neo4j_cannot_start_the_tests_that_need_it_fail_with_its_log(tmp_path: Path) -> None:
    # A "java" that complains and exits: the launch fails the way a broken install would.
    java_home = tmp_path / "broken-java"
    (java_home / "bin").mkdir(parents=True)
    fake = java_home / "bin" / "java"
    fake.write_text("#!/bin/sh\necho 'Error: no Neo4j for you' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    body = "def test_needs_neo4j(neo4j_uri):\n    assert neo4j_uri\n\ndef test_does_not():\n    assert True\n"
    result = run_inner_session(tmp_path, body, {"JAVA_HOME": str(java_home)})
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "1 passed" in output and ("1 error" in output or "1 failed" in output), output
    assert "skipped" not in output
    assert "no Neo4j for you" in output
    assert "code 3" in output


def test_the_instance_is_stopped_at_the_end_of_a_session_whose_tests_fail(tmp_path: Path) -> None:
    body = (
        "import os\n"
        "def test_fails_on_neo4j(neo4j_uri, tmp_path_factory):\n"
        f"    open({str(tmp_path / 'pid')!r}, 'w').write(str(os.getpid()))\n"
        "    assert False, 'échec voulu'\n"
    )
    result = run_inner_session(tmp_path, body, {})
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "1 failed" in output, output
    pid = (tmp_path / "pid").read_text(encoding="utf-8")
    log = ROOT / "neo4j-test" / "run" / f"neo4j-{pid}.log"
    text = log.read_text(encoding="utf-8")
    assert "NEO4J_READY bolt://127.0.0.1:" in text
    # Printed by the launcher as it deletes its data and halts, once its standard input closed.
    assert "NEO4J_STOPPED" in text
