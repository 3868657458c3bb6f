"""The fictional demo territory shipped with the package."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from graph_service.domain.models import Dataset
from loaders.json_loader import load_json_bytes

DEMO_FILE = "demo.json"


@cache
def demo_dataset() -> Dataset:
    """Return the demo dataset (validated on first use)."""
    data = files("graph_service.demo").joinpath(DEMO_FILE).read_bytes()
    return load_json_bytes(data, DEMO_FILE)


__all__ = ["demo_dataset"]
