"""data·inclusion: the public referential of insertion structures and services (schema v1).

Files (:mod:`.files`) or API pages (:mod:`.api`) are read into validated records
(:mod:`.records`); :mod:`.mapping` turns them into the call's vocabulary. Merging them into the
store is a service (``graph_service.services.ecosystem``).
"""

from loaders.data_inclusion.files import read_files
from loaders.data_inclusion.mapping import Mapped, Mapping, load_mapping, map_structure
from loaders.data_inclusion.records import Records, ServiceRecord, StructureRecord

SOURCE = "data-inclusion"

__all__ = [
    "SOURCE",
    "Mapped",
    "Mapping",
    "Records",
    "ServiceRecord",
    "StructureRecord",
    "load_mapping",
    "map_structure",
    "read_files",
]
