"""``token create|list|revoke``: the bearer tokens of the API."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from graph_service.auth import AuthDatabase, Role, TokenRegistry
from graph_service.auth.tokens import DEFAULT_DAYS, check_scope
from graph_service.cli.context import console, handled, settings_of, store_of

app = typer.Typer(help="Jetons d'accès à l'API : créer, lister, révoquer.", no_args_is_help=True)


def _registry(ctx: typer.Context) -> TokenRegistry:
    return TokenRegistry(AuthDatabase(settings_of(ctx).auth_db_path))


@app.command("create", help="Créer un jeton et l'afficher, seul, sur la dernière ligne (une seule fois).")
def create(
    ctx: typer.Context,
    role: Annotated[Role, typer.Option("--role", help="admin, reviewer ou lead.")],
    region: Annotated[
        list[str] | None, typer.Option("--region", help="Code INSEE d'une région (reviewer ; répétable).")
    ] = None,
    organisation: Annotated[
        str | None, typer.Option("--organisation", help="Organisation porteuse (lead).")
    ] = None,
    expires: Annotated[float, typer.Option("--expires", help="Validité en jours.")] = DEFAULT_DAYS,
    label: Annotated[str | None, typer.Option("--label", help="Un nom pour s'y retrouver.")] = None,
) -> None:
    """Create a token and print it, alone, on the last line (shown this once)."""
    with store_of(ctx) as store, handled():
        check_scope(store, role, region or [], organisation)
        issued = _registry(ctx).create(
            role, regions=region or [], organisation=organisation, days=expires, label=label
        )
    record = issued.record
    console.print(
        f"Jeton {record.id} ({record.role.value}) valable jusqu'au {record.expires_at:%Y-%m-%d %H:%M} UTC. "
        "Conservez-le : il ne sera plus affiché.",
        highlight=False,
    )
    typer.echo(issued.secret)


@app.command("list", help="Lister les jetons (jamais leur secret).")
def list_(ctx: typer.Context) -> None:
    """List tokens (never their secret)."""
    with handled():
        records = _registry(ctx).list()
    table = Table(show_edge=False)
    table.add_column("Jeton", no_wrap=True, min_width=16)  # the id is what `token revoke` needs whole
    for column in ("Rôle", "Régions", "Organisation", "Libellé", "Expire", "État"):
        table.add_column(column, overflow="fold")
    for record in records:
        state = "révoqué" if record.revoked_at else ("actif" if record.active else "expiré")
        table.add_row(
            record.id,
            record.role.value,
            ", ".join(record.regions),
            record.organisation or "",
            record.label or "",
            f"{record.expires_at:%Y-%m-%d}",
            state,
        )
    console.print(table)


@app.command("revoke", help="Révoquer un jeton immédiatement.")
def revoke(
    ctx: typer.Context, token_id: Annotated[str, typer.Argument(help="Identifiant du jeton (tok_…).")]
) -> None:
    """Revoke a token at once."""
    with handled():
        record = _registry(ctx).revoke(token_id)
    console.print(f"Jeton {record.id} révoqué.")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="token")


__all__ = ["register"]
