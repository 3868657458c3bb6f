"""``partnership-graph sync demarches`` against the local GraphQL server; the examples' doctests."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_service.cli.main import app
from graph_service.services.demo import demo_dataset
from graph_service.stores.sqlite import SQLiteStore
from tests.support.ds_fixtures import example_dossiers
from tests.support.ds_graphql import Behaviour, serve
from tests.support.french import typography_mistakes

MAPPING = Path(__file__).resolve().parents[2] / "examples" / "demarches" / "mapping.toml"


def run(db: Path, url: str, token: str, *args: str) -> tuple[int, str]:
    env = {"COLUMNS": "200", "DS_API_URL": url, "DS_API_TOKEN": token}
    result = CliRunner().invoke(app, ["--db", str(db), "sync", "demarches", *args], env=env)
    return result.exit_code, " ".join(result.output.split())


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    store = SQLiteStore(path)
    store.upsert_dataset(demo_dataset())
    store.close()
    return path


def projects(db: Path) -> list[str]:
    store = SQLiteStore(db)
    try:
        return sorted(p.id for p in store.list_projects() if p.id.startswith("ds-"))
    finally:
        store.close()


def test_sync_imports_then_a_second_run_changes_nothing_and_the_token_is_never_printed(db: Path) -> None:
    behaviour = Behaviour(token="secret-ds-token", demarches={12: example_dossiers()})
    with serve(behaviour) as url:
        code, output = run(db, url, "secret-ds-token", "--demarche", "12", "--mapping", str(MAPPING))
        assert code == 0, output
        assert "4 dossiers lus en 1 page (tous, première synchronisation)" in output
        assert projects(db) == ["ds-1201", "ds-1203", "ds-1204"]
        code, again = run(db, url, "secret-ds-token", "--demarche", "12", "--mapping", str(MAPPING))
    assert code == 0, again
    assert "0 dossier lu en 1 page" in again and "0 ajoutée, 0 modifiée" in again
    assert "secret-ds-token" not in output + again
    assert (db.parent / "cli-demarches-sync.json").exists()  # the state file, next to the database


@pytest.mark.parametrize(
    ("numbers", "page_size", "read"),
    [
        ([1201], 100, "1 dossier lu en 1 page"),
        ([1201, 1203], 1, "2 dossiers lus en 2 pages"),
    ],
)
def test_the_sync_messages_agree_with_one_and_with_two_dossiers(
    db: Path, numbers: list[int], page_size: int, read: str
) -> None:
    dossiers = [d for d in example_dossiers() if d["number"] in numbers]
    behaviour = Behaviour(demarches={12: dossiers}, page_size=page_size)
    with serve(behaviour) as url:
        code, output = run(db, url, "jeton-de-test", "--demarche", "12", "--mapping", str(MAPPING))
    assert code == 0, output
    assert f"{read} (tous, première synchronisation)" in output
    assert projects(db) == [f"ds-{n}" for n in numbers]
    # The summary table, once flattened, puts a cell's « 0 » before the next row's name: left out.
    before_table, after_table = output.split(" Import Table ", 1)
    assert typography_mistakes(before_table + after_table.split("Entités", 1)[1], cli=True) == []


def test_a_malformed_api_address_is_a_french_error_without_the_token(db: Path) -> None:
    code, output = run(db, "http://[::1", "secret-ds-token", "--demarche", "12", "--mapping", str(MAPPING))
    assert code == 1, output
    assert "injoignable" in output and "Traceback" not in output
    assert "secret-ds-token" not in output


def test_a_dry_run_stores_nothing(db: Path) -> None:
    with serve(Behaviour(demarches={12: example_dossiers()})) as url:
        code, output = run(
            db, url, "jeton-de-test", "--demarche", "12", "--mapping", str(MAPPING), "--dry-run"
        )
    assert code == 0, output
    assert "Rien n'a été enregistré" in output
    assert projects(db) == []
    assert not (db.parent / "cli-demarches-sync.json").exists()


def test_an_expired_token_exits_with_a_french_error(db: Path) -> None:
    with serve(Behaviour(demarches={12: example_dossiers()})) as url:
        code, output = run(db, url, "jeton-expire", "--demarche", "12", "--mapping", str(MAPPING))
    assert code == 1
    assert "expiré ou révoqué" in output and "jeton-expire" not in output


def test_the_token_is_not_an_option() -> None:
    result = CliRunner().invoke(app, ["sync", "demarches", "--help"], env={"COLUMNS": "200"})
    assert "--token" not in result.output and "DS_API_TOKEN" in result.output


@pytest.mark.parametrize("name", ["loaders.demarches_mapping", "loaders.demarches_sectors"])
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0
