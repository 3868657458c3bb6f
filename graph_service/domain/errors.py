"""Typed domain errors; the API renders each with its status code, the CLI with its exit code."""

from __future__ import annotations


class DomainError(Exception):
    """Base of the errors a person can act on: a French message and an English code."""

    code = "error"
    status_code = 400

    def __init__(self, message: str, *, message_en: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en or message


class NotFound(DomainError):
    code = "not_found"
    status_code = 404


class Conflict(DomainError):
    code = "conflict"
    status_code = 409


class FileTooLarge(DomainError):
    code = "file_too_large"
    status_code = 413


class ImportTooLarge(DomainError):
    """The store cannot hold the whole import in one transaction (nothing was written)."""

    code = "import_too_large"
    status_code = 413


class StoreUnavailable(DomainError):
    code = "store_unavailable"
    status_code = 503


class StorageFull(DomainError):
    """The disk (or the database's size limit) is full: the write was refused, nothing was kept."""

    code = "storage_full"
    status_code = 507


class NetworkTooLarge(DomainError):
    """An application's network is beyond the size the service measures on request."""

    code = "network_too_large"
    status_code = 413


__all__ = [
    "Conflict",
    "DomainError",
    "FileTooLarge",
    "ImportTooLarge",
    "NetworkTooLarge",
    "NotFound",
    "StorageFull",
    "StoreUnavailable",
]
