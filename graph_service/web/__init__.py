"""The web pages: server-rendered, French, no front-end build step.

The server (:mod:`graph_service.server`) mounts them beside the API; they live under ``/pages``.
"""

from __future__ import annotations

from fastapi import APIRouter

from graph_service.web.pages import PREFIX, router


def build_router() -> APIRouter:
    """The router of every page (sign-in, calls, applications, territories, static files)."""
    return router


__all__ = ["PREFIX", "build_router"]
