"""Who may see what: bearer tokens, roles, the audit log of writes, and visibility rules."""

from graph_service.auth.audit import AuditEntry, AuditLog
from graph_service.auth.database import AuthDatabase
from graph_service.auth.principal import Principal, Role
from graph_service.auth.tokens import IssuedToken, TokenRecord, TokenRegistry
from graph_service.auth.visibility import Visibility

__all__ = [
    "AuditEntry",
    "AuditLog",
    "AuthDatabase",
    "IssuedToken",
    "Principal",
    "Role",
    "TokenRecord",
    "TokenRegistry",
    "Visibility",
]
