"""``partnership-graph token create|list|revoke``: the token is the last line, alone; roles checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_service.auth import AuthDatabase, TokenRegistry
from graph_service.cli.main import app
from graph_service.services.demo import demo_dataset
from graph_service.stores.sqlite import SQLiteStore


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    db, auth = tmp_path / "graph.db", tmp_path / "auth.db"
    store = SQLiteStore(db)
    store.upsert_dataset(demo_dataset())
    store.close()
    monkeypatch.setenv("PARTNERSHIP_GRAPH_AUTH_DB", str(auth))
    return db, auth


def run(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--db", str(db), "token", *args])
    return result.exit_code, result.output


def test_token_create_prints_the_token_alone_on_the_last_line(paths: tuple[Path, Path]) -> None:
    db, auth = paths
    code, output = run(db, "create", "--role", "reviewer", "--region", "32")
    assert code == 0, output
    secret = output.strip().splitlines()[-1]
    assert secret.startswith("pg_") and " " not in secret
    principal = TokenRegistry(AuthDatabase(auth)).authenticate(secret)
    assert principal.role.value == "reviewer"
    assert principal.regions == ("32",)


def test_a_listed_token_never_shows_its_secret_and_revoking_it_ends_it(paths: tuple[Path, Path]) -> None:
    db, auth = paths
    _, output = run(db, "create", "--role", "lead", "--organisation", "ml-roubaix", "--expires", "7")
    secret = output.strip().splitlines()[-1]
    registry = TokenRegistry(AuthDatabase(auth))
    token_id = registry.list()[0].id
    code, listed = run(db, "list")
    assert code == 0
    assert token_id in listed and secret not in listed
    code, _ = run(db, "revoke", token_id)
    assert code == 0
    assert registry.get(token_id).revoked_at is not None


@pytest.mark.parametrize(
    "args",
    [
        ["--role", "reviewer"],  # a reviewer needs a région
        ["--role", "reviewer", "--region", "59"],  # a département is not a région
        ["--role", "lead"],  # a lead needs its organisation
        ["--role", "lead", "--organisation", "nobody"],
        ["--role", "admin", "--region", "32"],
    ],
)
def test_a_token_with_the_wrong_scope_for_its_role_is_refused(
    paths: tuple[Path, Path], args: list[str]
) -> None:
    db, auth = paths
    code, output = run(db, "create", *args)
    assert code == 1
    assert "pg_" not in output
    assert TokenRegistry(AuthDatabase(auth)).list() == []


def test_an_unknown_role_is_a_usage_error(paths: tuple[Path, Path]) -> None:
    code, _ = run(paths[0], "create", "--role", "superuser")
    assert code == 2


def test_token_revoke_refuses_the_last_admin_token_with_a_clean_message(paths: tuple[Path, Path]) -> None:
    db, auth = paths
    run(db, "create", "--role", "admin")
    token_id = TokenRegistry(AuthDatabase(auth)).list()[0].id
    code, output = run(db, "revoke", token_id)
    assert code != 0
    assert "dernier jeton administrateur actif" in output
    assert "Traceback" not in output
