"""The FastAPI application factory: one store per process, opened in the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from graph_service import __version__
from graph_service.api.docs import install_docs
from graph_service.api.errors import COMMON_RESPONSES, install_error_handlers
from graph_service.api.limits import BodyLimitMiddleware
from graph_service.api.routes import (
    audit,
    calls,
    demarches,
    exports,
    health,
    imports,
    organisations,
    projects,
    reports,
    schemes,
    territories,
    ties,
    tokens,
)
from graph_service.api.state import Services
from graph_service.composition import open_store
from graph_service.settings import Settings
from graph_service.stores.protocol import Store
from graph_service.web import build_router

DESCRIPTION = """
Les partenariats des candidatures à un appel à projets, en graphe, et leur mesure.

Chaque requête porte un jeton : `Authorization: Bearer <jeton>` (créé par
`partnership-graph token create`). Rôles : `admin` (tout), `reviewer` (les candidatures de ses
régions), `lead` (les projets que porte son organisation et l'écosystème de leur territoire).
Ce qu'un jeton ne peut pas voir répond 404, comme ce qui n'existe pas.
"""


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the app; ``store`` lets tests hand an open store (the app then does not close it)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = store if store is not None else open_store(settings)
        services = Services.open(settings, opened)
        app.state.services = services
        try:
            yield
        finally:
            services.auth.close()
            if store is None:
                opened.close()

    app = FastAPI(
        title="partnership-graph",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        responses=COMMON_RESPONSES,
        docs_url=None,  # served offline by install_docs
        redoc_url=None,
    )
    install_docs(app)
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, upload_bytes=settings.max_file_bytes)
    for module in (
        health,
        territories,
        organisations,
        schemes,
        projects,
        reports,
        ties,
        imports,
        demarches,
        exports,
        audit,
        calls,
        tokens,
    ):
        app.include_router(module.router)
    app.include_router(build_router())  # the server-rendered pages, under /pages
    return app


__all__ = ["create_app"]
