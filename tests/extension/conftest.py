"""Extension fixtures: the unpacked extension in extension/ loaded into Debian's Chromium
(headless) as a new user would load it, test pages served from their own loopback port,
and a stub API whose every request is seen. Only a machine without /usr/bin/chromium skips
these tests."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import Server
from tests.web.conftest import ARGS, CHROMIUM

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
PAGES = Path(__file__).resolve().parent / "pages"
DEBOUNCE_MS = 150  # the default 500 ms, shortened so the tests wait less


def wait_for(probe: Callable[[], Any], timeout: float = 30, what: str = "condition") -> Any:
    """Poll `probe` until it returns something truthy; fail after `timeout` seconds (a
    deadline, not a speed check: 10 s ran out once in CI with the machine loaded)."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what} (last: {value!r})")
        time.sleep(0.05)


def _serve_in_thread(httpd: ThreadingHTTPServer) -> str:
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    host, port = httpd.server_address[:2]
    return f"http://{host!s}:{port}"


# ---- the test pages -------------------------------------------------------------------


class _PageHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        self.server.paths.append(self.path)  # type: ignore[attr-defined]


@dataclass
class Pages:
    url: str
    paths: list[str]


@pytest.fixture(scope="session")
def pages() -> Iterator[Pages]:
    """tests/extension/pages on a loopback port of its own, recording each path asked for."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_PageHandler, directory=str(PAGES)))
    httpd.paths = []  # type: ignore[attr-defined]
    yield Pages(_serve_in_thread(httpd), httpd.paths)  # type: ignore[attr-defined]
    httpd.shutdown()
    httpd.server_close()


# ---- a stub API ------------------------------------------------------------------------


@dataclass
class Stub:
    """An API that records each request and answers with `reply` (status, body), or drops
    the connection unanswered when `reply` is None."""

    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    reply: tuple[int, dict[str, Any]] | None = None


class _StubHandler(BaseHTTPRequestHandler):
    stub: Stub

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.stub.requests.append(
            {"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body}
        )
        if self.stub.reply is None:
            self.close_connection = True
            self.connection.close()
            return
        status, payload = self.stub.reply
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _handle

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def stub() -> Iterator[Stub]:
    s = Stub()
    handler = type("Handler", (_StubHandler,), {"stub": s})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    s.url = _serve_in_thread(httpd)
    yield s
    httpd.shutdown()
    httpd.server_close()


# ---- the extension ---------------------------------------------------------------------


class Extension:
    """The browser with the extension loaded, seen from its service worker."""

    def __init__(self, context: Any, worker: Any) -> None:
        self.context = context
        self.worker = worker
        self.id = urlsplit(worker.url).hostname
        self.requests: list[Any] = []  # every request the browser made, pages' and worker's
        self.opened = 0
        context.on("request", lambda r: self.requests.append(r))

    def configure(self, **values: Any) -> None:
        self.worker.evaluate("v => chrome.storage.local.set(v)", values)

    def open(self, url: str) -> Any:
        """A new tab at `url`, told apart from other tabs at the same page by a fragment."""
        self.opened += 1
        page = self.context.new_page()
        page.goto(f"{url}#{self.opened}")
        return page

    def popup(self, query: str = "") -> Any:
        """The toolbar popup opened as a page of its own, once it has filled itself in."""
        page = self.open(f"chrome-extension://{self.id}/ui/popup.html{query}")
        page.locator("body[data-ready]").wait_for()
        return page

    def badge(self, page: Any) -> dict[str, Any]:
        """The toolbar badge of `page`'s tab: text, background colour, tooltip."""
        badge: dict[str, Any] = self.worker.evaluate(
            """async url => {
                const [tab] = (await chrome.tabs.query({})).filter(t => t.url === url);
                if (!tab) return null;
                return {
                    tab: tab.id,
                    text: await chrome.action.getBadgeText({tabId: tab.id}),
                    color: await chrome.action.getBadgeBackgroundColor({tabId: tab.id}),
                    title: await chrome.action.getTitle({tabId: tab.id}),
                };
            }""",
            page.url,
        )
        return badge


@pytest.fixture(scope="session")
def browser_with_extension(
    playwright: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Extension]:
    profile = tmp_path_factory.mktemp("profile")  # a new user: nothing set up beforehand
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=str(CHROMIUM),
        headless=True,
        viewport={"width": 1280, "height": 900},
        args=[
            *ARGS,
            f"--disable-extensions-except={EXTENSION}",
            f"--load-extension={EXTENSION}",
        ],
    )
    context.set_default_timeout(15_000)
    worker = (
        context.service_workers[0]
        if context.service_workers
        else context.wait_for_event("serviceworker")
    )
    yield Extension(context, worker)
    context.close()


@pytest.fixture
def extension(browser_with_extension: Extension, server: Server) -> Iterator[Extension]:
    """The extension pointed at the session's real server; pages a test opens are closed
    after it, and the settings put back."""
    ext = browser_with_extension
    # Each test starts as a new user: no settings, and no tab's last report either (a
    # report from a page the last test closed can land after the worker forgot that tab,
    # and the popup would show it).
    ext.worker.evaluate(
        "Promise.all([chrome.storage.local.clear(), chrome.storage.session.clear()])"
    )
    ext.configure(serverUrl=server.url, debounceMs=DEBOUNCE_MS)
    before = set(ext.context.pages)
    ext.requests.clear()
    yield ext
    for page in set(ext.context.pages) - before:
        page.close()
