"""Configuration, read once from the environment by the composition root."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


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

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


__all__ = ["Settings", "StoreKind"]
