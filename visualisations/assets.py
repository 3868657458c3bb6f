"""vis-network's script and style sheet, read from the files the pyvis wheel ships.

pyvis bundles vis-network 9.1.2 (``pyvis/lib/vis-9.1.2``), so the maps need no copy of it in this
repository and no content delivery network: a standalone map inlines both files, the web pages
serve them from the service itself.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

VIS_VERSION = "9.1.2"

# A source-map comment makes developer tools fetch a file that does not exist; drop it.
_SOURCE_MAP = re.compile(r"/[/*]# sourceMappingURL=\S+")


def _read(name: str) -> str:
    text = files("pyvis").joinpath("lib", f"vis-{VIS_VERSION}", name).read_text(encoding="utf-8")
    return _SOURCE_MAP.sub("", text)


@lru_cache(maxsize=1)
def vis_script() -> str:
    """vis-network's standalone script (``vis-network.min.js``), safe to inline."""
    text = _read("vis-network.min.js")
    if "</script" in text.lower():  # pragma: no cover - a future pyvis would need escaping here
        raise RuntimeError("vis-network.min.js cannot be inlined as it is")
    return text


@lru_cache(maxsize=1)
def vis_style() -> str:
    """vis-network's style sheet (``vis-network.css``)."""
    return _read("vis-network.css")


@lru_cache(maxsize=1)
def map_script() -> str:
    """The script that draws a map from its embedded JSON (``visualisations/static/map.js``)."""
    return files("visualisations").joinpath("static", "map.js").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def map_style() -> str:
    return files("visualisations").joinpath("static", "map.css").read_text(encoding="utf-8")


__all__ = ["VIS_VERSION", "map_script", "map_style", "vis_script", "vis_style"]
