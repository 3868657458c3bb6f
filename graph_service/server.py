"""The HTTP service: the API and the pages on one application (the server's composition root).

:mod:`graph_service.api` and :mod:`graph_service.web` do not import each other; both read what
they share (the services, visibility, redaction) from :mod:`graph_service.services` and
:mod:`graph_service.auth`, and only this module puts them together.
"""

from __future__ import annotations

from fastapi import FastAPI

from graph_service.api.app import create_app as create_api
from graph_service.settings import Settings
from graph_service.stores.protocol import Store
from graph_service.web import build_router
from graph_service.web.rendering import error_page


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The API with the server-rendered pages under ``/pages``; ``store`` as for the API."""
    app = create_api(settings, store)
    app.include_router(build_router())
    app.state.page_error = error_page  # the API's error handlers answer /pages with this page
    return app


__all__ = ["create_app"]
