"""Request limits: body size, checked on the announced length first and on the bytes actually read.

The size of the network a report or what-if is computed for on request is checked by
:mod:`graph_service.services.limits`, which the pages share."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


__all__ = ["BodyLimitMiddleware"]
