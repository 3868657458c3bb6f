"""``serve``: the HTTP API with uvicorn; ``--demo`` loads the demo and prints a token per role."""

from __future__ import annotations

from typing import Annotated

import typer

from graph_service.auth import AuthDatabase, Role, TokenRegistry
from graph_service.cli.context import console, handled, settings_of, store_of
from graph_service.domain.french import count
from graph_service.services.demo import demo_dataset
from graph_service.settings import Settings

DEMO_LABEL = "démo"
DEMO_REGION = "32"
# The demo's strong consortium (graph_service/demo/README.md): its lead gets the lead token.
DEMO_STRONG_PROJECT = "p-2019-01"
# The application without exit to training or employment: its gaps and simulation show something.
DEMO_GAPS_PROJECT = "p-2019-07"
PAGES = "/pages/"


def _demo_tokens(settings: Settings, lead: str, gaps_lead: str | None) -> list[tuple[str, str]]:
    """Revoke the previous demo tokens, then issue one per role."""
    registry = TokenRegistry(AuthDatabase(settings.auth_db_path))
    for record in registry.list():
        if record.label == DEMO_LABEL and record.active:
            registry.revoke(record.id)
    issued = [
        ("administration (admin)", registry.create(Role.ADMIN, label=DEMO_LABEL, days=30)),
        (
            f"instruction (reviewer, région {DEMO_REGION})",
            registry.create(Role.REVIEWER, regions=[DEMO_REGION], label=DEMO_LABEL, days=30),
        ),
        (
            f"porteur, candidature solide (lead, {lead})",
            registry.create(Role.LEAD, organisation=lead, label=DEMO_LABEL, days=30),
        ),
    ]
    if gaps_lead is not None:
        issued.append(
            (
                f"porteur, manques à combler (lead, {gaps_lead})",
                registry.create(Role.LEAD, organisation=gaps_lead, label=DEMO_LABEL, days=30),
            )
        )
    return [(who, token.secret) for who, token in issued]


def _print_urls(base: str) -> None:
    console.print(
        f"\n[bold]Pages[/] (instruction et porteurs) : {base}{PAGES}\n"
        f"[bold]API[/] : {base}   documentation interactive : {base}/docs",
        highlight=False,
        soft_wrap=True,
    )


def _prepare_demo(ctx: typer.Context, base: str) -> None:
    settings = settings_of(ctx)
    with store_of(ctx) as store:
        if not store.list_projects() and not store.list_organisations():
            summary = store.upsert_dataset(demo_dataset())
            console.print(f"Démo chargée : {count(summary.added, 'entité ajoutée')}.")
        else:
            console.print("Le magasin contient déjà des données : la démo n'est pas rechargée.")
        project = store.get_project(DEMO_STRONG_PROJECT)
        lead = project.lead if project else None
        with_gaps = store.get_project(DEMO_GAPS_PROJECT)
    tokens = _demo_tokens(settings, lead, with_gaps.lead if with_gaps else None) if lead else []
    _print_urls(base)
    if tokens:
        console.print(
            f"\nJetons de démonstration : collez l'un d'eux sur {base}{PAGES}connexion pour entrer "
            "avec ce rôle, ou envoyez-le à l'API dans l'en-tête Authorization.",
            highlight=False,
            soft_wrap=True,
        )
    for who, secret in tokens:
        console.print(f"  {who:<54} {secret}", highlight=False, soft_wrap=True)
    if tokens:
        console.print(
            "\nÀ essayer :\n"
            f'  curl -H "Authorization: Bearer <jeton>" {base}/projects\n'
            f'  curl -H "Authorization: Bearer <jeton>" {base}/projects/{DEMO_STRONG_PROJECT}/report',
            highlight=False,
            soft_wrap=True,
        )


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Adresse d'écoute.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port d'écoute.")] = 8000,
    demo: Annotated[
        bool,
        typer.Option("--demo", help="Charger la démo si le magasin est vide et créer un jeton par rôle."),
    ] = False,
) -> None:
    """Serve the HTTP API (OpenAPI documentation at /docs)."""
    import uvicorn

    from graph_service.server import create_app

    base = f"http://{host}:{port}"
    if demo:
        _prepare_demo(ctx, base)
    else:
        _print_urls(base)
        console.print("Jetons : partnership-graph token create --role admin|reviewer|lead", highlight=False)
    with store_of(ctx) as store:
        store.ping(deep=True)  # a damaged file or an unreachable Neo4j: one clear line, no server
    with handled():
        uvicorn.run(create_app(settings_of(ctx)), host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    app.command("serve", help="Servir l'API HTTP et les pages (documentation OpenAPI sur /docs).")(serve)


__all__ = ["register"]
