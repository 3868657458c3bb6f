"""Configuration, read once from the environment by the composition root."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from loaders.limits import Limits


class StoreKind(StrEnum):
    SQLITE = "sqlite"
    NEO4J = "neo4j"


class Settings(BaseSettings):
    """Every setting of the service; environment variables named in ``validation_alias``."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    store: StoreKind = Field(default=StoreKind.SQLITE, validation_alias="PARTNERSHIP_GRAPH_STORE")
    db_path: Path = Field(default=Path("partnership-graph.db"), validation_alias="PARTNERSHIP_GRAPH_DB")
    auth_db_path: Path = Field(
        default=Path("partnership-graph-auth.db"), validation_alias="PARTNERSHIP_GRAPH_AUTH_DB"
    )
    max_file_mb: float = Field(default=50.0, gt=0, validation_alias="PARTNERSHIP_GRAPH_MAX_FILE_MB")
    neo4j_uri: str = Field(default="bolt://127.0.0.1:7687", validation_alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", validation_alias="NEO4J_USER")
    neo4j_password: SecretStr = Field(default=SecretStr(""), validation_alias="NEO4J_PASSWORD")
    neo4j_database: str = Field(default="neo4j", validation_alias="NEO4J_DATABASE")
    neo4j_batch_size: int = Field(default=5000, ge=1, le=100_000, validation_alias="NEO4J_BATCH_SIZE")
    data_inclusion_api_url: str = Field(
        default="https://api.data.inclusion.gouv.fr/api/v1", validation_alias="DATA_INCLUSION_API_URL"
    )
    data_inclusion_api_token: SecretStr = Field(
        default=SecretStr(""), validation_alias="DATA_INCLUSION_API_TOKEN"
    )

    # démarches-simplifiées GraphQL API: the token stays here, server-side (never a flag, never logged).
    ds_api_token: SecretStr = Field(default=SecretStr(""), validation_alias="DS_API_TOKEN")
    ds_api_url: str = Field(
        default="https://www.demarches-simplifiees.fr/api/v2/graphql", validation_alias="DS_API_URL"
    )
    ds_api_timeout_s: float = Field(default=30.0, gt=0, le=600, validation_alias="DS_API_TIMEOUT")
    # Where the last sync of each démarche stopped; default: next to the database.
    ds_sync_state: Path | None = Field(default=None, validation_alias="PARTNERSHIP_GRAPH_DS_SYNC_STATE")

    # Bounds on the work one request may ask for (see loaders.limits and the README's « Limites »).
    max_uncompressed_mb: float = Field(
        default=200.0, gt=0, validation_alias="PARTNERSHIP_GRAPH_MAX_UNCOMPRESSED_MB"
    )
    max_rows: int = Field(default=200_000, ge=1, validation_alias="PARTNERSHIP_GRAPH_MAX_ROWS")
    max_cells: int = Field(default=4_000_000, ge=1, validation_alias="PARTNERSHIP_GRAPH_MAX_CELLS")
    max_shared_strings: int = Field(
        default=1_000_000, ge=1, validation_alias="PARTNERSHIP_GRAPH_MAX_SHARED_STRINGS"
    )
    max_json_depth: int = Field(default=32, ge=4, le=500, validation_alias="PARTNERSHIP_GRAPH_MAX_JSON_DEPTH")
    max_number_digits: int = Field(
        default=40, ge=1, le=4000, validation_alias="PARTNERSHIP_GRAPH_MAX_NUMBER_DIGITS"
    )
    # Members of N(P) (lead, partners and the organisations they name) a report or what-if is
    # computed for on request; beyond it the API answers 413.
    max_network_members: int = Field(
        default=500, ge=1, validation_alias="PARTNERSHIP_GRAPH_MAX_NETWORK_MEMBERS"
    )
    # An unreachable Neo4j answers 503 within about connect + retry seconds, not the driver's 30 s.
    neo4j_connection_timeout: float = Field(default=1.0, gt=0, validation_alias="NEO4J_CONNECTION_TIMEOUT")
    neo4j_retry_seconds: float = Field(default=1.0, ge=0, validation_alias="NEO4J_RETRY_SECONDS")

    # Processes computing a call's reports (the cores available when unset; 1: in the service's own).
    report_workers: int | None = Field(
        default=None, ge=1, le=256, validation_alias="PARTNERSHIP_GRAPH_WORKERS"
    )

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    def file_limits(self) -> Limits:
        """The bounds on one imported file besides its size."""
        return Limits(
            max_uncompressed_bytes=int(self.max_uncompressed_mb * 1024 * 1024),
            max_rows=self.max_rows,
            max_cells=self.max_cells,
            max_shared_strings=self.max_shared_strings,
            max_json_depth=self.max_json_depth,
            max_number_digits=self.max_number_digits,
        )


__all__ = ["Settings", "StoreKind"]
