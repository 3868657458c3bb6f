"""The ``partnership-graph`` command line (typer): the same service functions as the API."""

from graph_service.cli.main import app, main

__all__ = ["app", "main"]
