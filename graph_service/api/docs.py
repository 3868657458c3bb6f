"""Interactive documentation served offline: Swagger UI and ReDoc from assets shipped in a package.

FastAPI's default ``/docs`` and ``/redoc`` load their scripts from a CDN and stay blank without a
network. The ``fastapi-offline`` package ships the same assets (Swagger UI 5, ReDoc); we serve its
files under ``/docs/assets`` and build the pages with FastAPI's documented ``get_swagger_ui_html``
and ``get_redoc_html``, every URL relative to this service.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI, Response
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

ASSETS = "/docs/assets"
ASSET_TYPES = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "redoc.standalone.js": "text/javascript; charset=utf-8",
    "favicon.png": "image/png",
}


def _asset(name: str) -> bytes:
    # Read at each request (rare: browsers keep them a day, see Cache-Control below).
    return files("fastapi_offline").joinpath("static", name).read_bytes()


def install_docs(app: FastAPI) -> None:
    """Add ``/docs`` (Swagger UI) and ``/redoc`` to an app built with ``docs_url=None, redoc_url=None``."""
    openapi_url = app.openapi_url or "/openapi.json"
    title = f"{app.title} — documentation de l'API"

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=title,
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=openapi_url,
            title=title,
            redoc_js_url=f"{ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS}/favicon.png",
            with_google_fonts=False,
        )

    @app.get(f"{ASSETS}/{{name}}", include_in_schema=False)
    def docs_asset(name: str) -> Response:
        if name not in ASSET_TYPES:
            return Response("introuvable", status_code=404, media_type="text/plain; charset=utf-8")
        return Response(
            _asset(name),
            media_type=ASSET_TYPES[name],
            headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"},
        )


__all__ = ["install_docs"]
