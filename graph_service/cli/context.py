"""What every command shares: settings, the store, and how errors are printed."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console

from graph_service.composition import open_store
from graph_service.domain.errors import DomainError
from graph_service.domain.french import count
from graph_service.domain.validation import InvalidInput
from graph_service.settings import Settings
from graph_service.sqlite_connections import is_full
from graph_service.stores.protocol import Store

console = Console()
err_console = Console(stderr=True)

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

MAX_ERRORS_SHOWN = 50


class State:
    """Options of the root command, handed to sub-commands through typer's context."""

    def __init__(self, db: Path | None, store: str | None) -> None:
        overrides: dict[str, object] = {}
        if db is not None:
            overrides["PARTNERSHIP_GRAPH_DB"] = db
        if store is not None:
            overrides["PARTNERSHIP_GRAPH_STORE"] = store
        self.settings = Settings(**overrides)  # type: ignore[arg-type]


def settings_of(ctx: typer.Context) -> Settings:
    state: State = ctx.obj
    return state.settings


def print_input_errors(exc: InvalidInput) -> None:
    err_console.print(
        f"[bold red]Données invalides : {count(exc.total, 'erreur')}. Rien n'a été enregistré.[/]"
    )
    for error in exc.errors[:MAX_ERRORS_SHOWN]:
        err_console.print(f"  • {error}", markup=False, highlight=False)
    if exc.total > MAX_ERRORS_SHOWN:
        err_console.print(f"  … et {count(exc.total - min(len(exc.errors), MAX_ERRORS_SHOWN), 'autre')}.")


@contextmanager
def handled() -> Iterator[None]:
    """Print domain errors in French and exit with the documented code instead of a traceback."""
    try:
        yield
    except InvalidInput as exc:
        print_input_errors(exc)
        sys.exit(EXIT_INVALID)
    except DomainError as exc:
        err_console.print(f"[bold red]Erreur :[/] {exc.message} [{exc.code}]", highlight=False)
        sys.exit(EXIT_INVALID)
    except sqlite3.Error as exc:
        full = is_full(exc)
        message = (
            "disque plein, rien n'a été enregistré" if full else "base SQLite indisponible ou endommagée"
        )
        err_console.print(f"[bold red]Erreur :[/] {message} ({exc})", highlight=False)
        sys.exit(EXIT_INVALID)
    except OSError as exc:  # a full disk or a missing folder while writing a file
        err_console.print(
            f"[bold red]Erreur :[/] {exc.strerror or exc} ({exc.filename or ''})", highlight=False
        )
        sys.exit(EXIT_INVALID)


@contextmanager
def store_of(ctx: typer.Context) -> Iterator[Store]:
    """Open the configured store for one command, with errors handled."""
    with handled():
        store = open_store(settings_of(ctx))
        try:
            yield store
        finally:
            store.close()
