"""Pytest plugin for the browser tests: Debian's Chromium driven by Playwright, offline.

Tests marked ``browser`` get:

- ``chromium``: one headless Chromium per session, the system executable (``make chromium``
  installs it; Playwright never downloads a browser here). Tests are skipped when it is missing.
- ``browser_page``: a fresh context and page whose every request to a host other than 127.0.0.1
  is aborted (and recorded), with console errors, page errors and dialogs recorded too.
- ``live_server``: serve an ASGI app with uvicorn on a free loopback port, in a thread.
- ``screenshot``: save a screenshot of the page under ``test-artifacts/``.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LOOPBACK = "127.0.0.1"
LOCAL_SCHEMES = {"file", "data", "blob", "about"}


@dataclass
class BrowserPage:
    """A page plus what happened on it: console errors, uncaught errors, dialogs, blocked requests."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """No console error, no uncaught exception, no dialog, no request leaving the machine."""
        assert self.console_errors == []
        assert self.page_errors == []
        assert self.dialogs == []
        assert self.blocked == []

    def map_counts(self) -> list[int]:
        """Nodes and edges of the page's network map, once it says it is ready."""
        self.page.wait_for_function(
            "() => window.partnershipMap && window.partnershipMap.ready", timeout=15000
        )
        return self.page.evaluate("[window.partnershipMap.nodes.length, window.partnershipMap.edges.length]")

    def click_node(self, node_id: str) -> None:
        """Click where vis-network drew the node (canvas coordinates → page coordinates)."""
        point = self.page.evaluate(
            """(id) => {
                const net = window.partnershipMap.network;
                document.getElementById('map').scrollIntoView({block: 'center'});
                net.focus(id, {scale: 1});
                const dom = net.canvasToDOM(net.getPositions([id])[id]);
                const box = document.getElementById('map').getBoundingClientRect();
                return {x: box.left + dom.x, y: box.top + dom.y};
            }""",
            node_id,
        )
        self.page.mouse.click(point["x"], point["y"])


def allowed(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname == LOOPBACK


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium de Debian absent : `make chromium` l'installe")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(chromium: Any) -> Iterator[BrowserPage]:
    context = chromium.new_context(viewport={"width": 1400, "height": 900}, locale="fr-FR")
    page = context.new_page()
    watched = BrowserPage(page)

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if allowed(url):
            request_route.continue_()
        else:
            watched.blocked.append(url)
            request_route.abort()

    def dialog(event: Any) -> None:
        watched.dialogs.append(event.message)
        event.dismiss()

    context.route("**/*", route)
    page.on("console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: watched.page_errors.append(str(error)))
    page.on("dialog", dialog)
    try:
        yield watched
    finally:
        context.close()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yield its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host=LOOPBACK, port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("le serveur de test n'a pas démarré")
        time.sleep(0.02)
    try:
        yield f"http://{LOOPBACK}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def live_server() -> Iterator[Callable[[Any], str]]:
    """Return a function that serves an app and gives its base URL; servers stop after the test."""
    with contextlib.ExitStack() as stack:
        yield lambda app: stack.enter_context(serve(app))


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[[BrowserPage, str], Path]:
    def take(watched: BrowserPage, name: str = "") -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name + (f"-{name}" if name else ""))
        path = ARTIFACTS / f"{stem}.png"
        watched.page.screenshot(path=str(path), full_page=False)
        return path

    return take


__all__ = ["CHROMIUM", "CHROMIUM_FLAGS", "BrowserPage", "allowed", "serve"]
