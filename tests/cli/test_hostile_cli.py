"""``validate`` and ``import`` on hostile files, and on a disk that fills up: one clear French
message and exit code 1, never a traceback. Run as a separate process, as a person runs them."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.datasets import small_region_document
from tests.support.hostile import (
    billion_laughs_workbook,
    long_number_json,
    nested_json,
    sheet_rows,
    workbook_bytes,
)

REPOSITORY = Path(__file__).resolve().parents[2]


def cli(tmp_path: Path, *args: str, file_size_limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit_file_size() -> None:  # a file-size limit (EFBIG): the write is refused as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        assert file_size_limit is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        [sys.executable, "-c", "from graph_service.cli.main import main; main()", "--db", "graph.db", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={
            **os.environ,
            "PYTHONPATH": str(REPOSITORY),
            "PARTNERSHIP_GRAPH_AUTH_DB": str(tmp_path / "auth.db"),
            "PARTNERSHIP_GRAPH_MAX_ROWS": "500",
            "COLUMNS": "300",
        },
        preexec_fn=limit_file_size if file_size_limit else None,
        timeout=120,
    )


@pytest.mark.parametrize("command", ["validate", "import"])
@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("profond.json", nested_json(1_000_000), "imbriqués sur plus de 32 niveaux"),
        ("nombre.json", long_number_json(5_000), "nombre de 5000 caractères refusé"),
        ("rires.xlsx", billion_laughs_workbook(), "déclare un type de document ou des entités"),
        ("lignes.xlsx", workbook_bytes(sheet_rows(2_000)), "plus de 500 lignes"),
    ],
)
def test_a_hostile_file_gets_one_clear_message_and_exit_code_1(
    tmp_path: Path, command: str, name: str, data: bytes, expected: str
) -> None:
    (tmp_path / name).write_bytes(data)
    result = cli(tmp_path, command, name)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert expected in " ".join(result.stderr.split())
    assert len(result.stderr.strip().splitlines()) <= 3


def test_an_import_onto_a_disk_that_fills_up_says_so_and_stores_nothing(tmp_path: Path) -> None:
    document = small_region_document()
    document["organisations"] += [
        {"id": f"org-{n}", "name": "Organisation " * 20, "sector": "social"} for n in range(3_000)
    ]
    (tmp_path / "gros.json").write_text(json.dumps(document), encoding="utf-8")
    result = cli(tmp_path, "import", "gros.json", file_size_limit=400_000)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "disque plein" in " ".join(result.stderr.split())
    listed = cli(tmp_path, "projects")
    assert listed.returncode == 0
    assert "p-roubaix" not in listed.stdout
