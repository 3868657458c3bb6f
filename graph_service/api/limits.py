"""Request limits: body size, checked on the announced length first and on the bytes actually read;
and the size of the network a report or what-if is computed for on request."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_service.domain.errors import NetworkTooLarge
from graph_service.domain.models import Project

# A multipart envelope adds a few hundred bytes around the file; leave room for it.
MULTIPART_ALLOWANCE = 64 * 1024
DEFAULT_BODY_BYTES = 1024 * 1024


class _TooLarge(Exception):
    pass


class BodyLimitMiddleware:
    """Answer 413 to a request body over its limit: the upload limit on ``/imports``, 1 MB elsewhere."""

    def __init__(self, app: ASGIApp, *, upload_bytes: int, body_bytes: int = DEFAULT_BODY_BYTES) -> None:
        self.app = app
        self.upload_bytes = upload_bytes + MULTIPART_ALLOWANCE
        self.body_bytes = body_bytes

    def _limit(self, path: str) -> int:
        return self.upload_bytes if path.rstrip("/") == "/imports" else self.body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope["path"])
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    announced = int(value)
                except ValueError:
                    announced = 0
                if announced > limit:
                    await _refuse(send, limit)
                    return
        received = 0
        exceeded = False
        started = False

        async def limited_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded:
                return  # the app answered an error about a body it could not finish reading
            started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not exceeded:
                raise
        if exceeded and not started:
            await _refuse(send, limit)


async def _refuse(send: Send, limit: int) -> None:
    body = json.dumps(
        {
            "error": "file_too_large",
            "detail": f"requête trop volumineuse : au plus {limit / 1_048_576:.1f} Mo "
            "(réglable par PARTNERSHIP_GRAPH_MAX_FILE_MB)",
            "detail_en": f"request body over the {limit}-byte limit",
        },
        ensure_ascii=False,
    ).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def network_members(project: Project, added: int = 0) -> int:
    """Members of N(P): the lead and each distinct partner, plus ``added`` ones (a what-if)."""
    return len(set(project.member_ids)) + added


def check_network_size(project: Project, limit: int, added: int = 0) -> None:
    """Refuse (413) to measure a network of more than ``limit`` members on request.

    Measuring N(P) costs memory and time that grow faster than its size (a 2,000-member network
    took 974 MB for its report); the CLI, run by an operator, has no such bound.
    """
    members = network_members(project, added)
    if members > limit:
        raise NetworkTooLarge(
            f"le réseau du projet « {project.id} » compte {members} membres, au-delà de la limite de "
            f"{limit} mesurée à la demande (réglable par PARTNERSHIP_GRAPH_MAX_NETWORK_MEMBERS) ; "
            "la commande « partnership-graph report » le mesure sans limite",
            message_en=f"project {project.id!r} has {members} network members, over the limit of {limit}",
        )


__all__ = ["BodyLimitMiddleware", "check_network_size", "network_members"]
