"""Exporting the store in the formats people open: canonical JSON, GraphML, GEXF, CSV."""

from __future__ import annotations

from enum import StrEnum

from graph_service.domain.models import Dataset


class ExportFormat(StrEnum):
    JSON = "json"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"


MEDIA_TYPES = {
    ExportFormat.JSON: "application/json",
    ExportFormat.GRAPHML: "application/graphml+xml",
    ExportFormat.GEXF: "application/gexf+xml",
    ExportFormat.CSV: "application/zip",
}

FILE_NAMES = {
    ExportFormat.JSON: "partnership-graph.json",
    ExportFormat.GRAPHML: "partnership-graph.graphml",
    ExportFormat.GEXF: "partnership-graph.gexf",
    ExportFormat.CSV: "partnership-graph-csv.zip",
}


def export_bytes(dataset: Dataset, format: ExportFormat) -> bytes:
    """Serialise a dataset; CSV is a ``.zip`` of the six CSV files."""
    if format is ExportFormat.JSON:
        from loaders.json_loader import dump_json

        return dump_json(dataset).encode("utf-8")
    if format is ExportFormat.GRAPHML:
        from loaders.exports import to_graphml

        return to_graphml(dataset)
    if format is ExportFormat.GEXF:
        from loaders.exports import to_gexf

        return to_gexf(dataset)
    from loaders.csv_bundle import csv_bundle_zip

    return csv_bundle_zip(dataset)


__all__ = ["FILE_NAMES", "MEDIA_TYPES", "ExportFormat", "export_bytes"]
