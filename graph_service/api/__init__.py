"""The HTTP API (FastAPI): resources, imports and exports, analyses, under role-based tokens."""

from graph_service.api.app import create_app

__all__ = ["create_app"]
