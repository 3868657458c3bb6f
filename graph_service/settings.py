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
    # Processes computing a call's reports (the cores available when unset; 1: in the service's own).
    report_workers: int | None = Field(
        default=None, ge=1, le=256, validation_alias="PARTNERSHIP_GRAPH_WORKERS"
    )

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


__all__ = ["Settings", "StoreKind"]
