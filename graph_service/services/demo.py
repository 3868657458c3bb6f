"""The fictional demo territory shipped with the package."""

from __future__ import annotations

from importlib.resources import files

from graph_service.domain.models import Dataset
from loaders.json_loader import load_json_bytes

DEMO_FILE = "demo.json"


def demo_dataset() -> Dataset:
    """Return the demo dataset, read and validated at each call (no process-wide copy to share)."""
    data = files("graph_service.demo").joinpath(DEMO_FILE).read_bytes()
    return load_json_bytes(data, DEMO_FILE)


__all__ = ["demo_dataset"]
