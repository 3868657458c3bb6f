"""The command line speaks French: its help, every subcommand's help and click's usage errors."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from graph_service.cli import app
from tests.support.french import english_words, typography_mistakes

COMMANDS = [
    [],
    ["compare"],
    ["gaps"],
    ["whatif"],
    ["copy"],
    ["demo"],
    ["import"],
    ["validate"],
    ["export"],
    ["template"],
    ["projects"],
    ["show"],
    ["map"],
    ["report"],
    ["serve"],
    ["token"],
    ["token", "create"],
    ["token", "list"],
    ["token", "revoke"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "racine")
def test_every_help_page_is_in_french(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "Utilisation" in result.output and "Afficher cette aide et quitter." in result.output
    assert english_words(result.output) == []
    assert typography_mistakes(result.output, cli=True) == []


@pytest.mark.parametrize(
    ("arguments", "french"),
    [
        (["report"], "Argument manquant"),
        (["map", "--max-nodes", "beaucoup"], "un nombre entier est attendu"),
        (["projets"], "Commande inconnue"),
        (["projects", "--nulle-part"], "Option inconnue"),
    ],
)
def test_usage_errors_are_in_french(arguments: list[str], french: str) -> None:
    result = CliRunner().invoke(app, arguments, env={"COLUMNS": "120"})
    assert result.exit_code == 2
    assert french in result.output
    assert english_words(result.output) == []
