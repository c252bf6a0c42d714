"""Browser fixtures: Debian's Chromium (/usr/bin/chromium) driven by Playwright, against
a real `screener serve` process. `make test` and CI install Chromium and axe-core;
only a machine without /usr/bin/chromium skips these tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import Server

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
# No sandbox: CI runs as root. The rest keep Chromium from calling home, which this
# machine's closed network refuses (and which the no-outside-request test would see).
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

AXE_RULES = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    }
}


def axe_serious(page: Any) -> list[tuple[str, str, list[Any]]]:
    """axe-core's serious and critical findings on `page` as it is now. axe is injected
    through the DevTools protocol if the page has not loaded it, so no CSP stops it."""
    assert AXE.exists(), f"{AXE} is missing: `make install-dev` runs npm ci --prefix tests/web"
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    report = page.evaluate("opts => axe.run(document, opts)", AXE_RULES)
    assert report["passes"], "axe ran no rule"
    return [
        (r["id"], r["impact"], [n["target"] for n in r["nodes"]])
        for r in report["violations"]
        if r["impact"] in {"serious", "critical"}
    ]


needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="no /usr/bin/chromium (apt-get install chromium; .ci/run installs it)",
)


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Iterator[Any]:
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
    yield browser
    browser.close()


class Visit:
    """A page in a fresh context, with every request it made and every console line."""

    def __init__(self, context: Any, server: Server) -> None:
        self.context = context
        self.server = server
        self.page = context.new_page()
        self.requests: list[str] = []
        self.console: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))

    def open(self) -> Any:
        self.page.goto(self.server.url + "/")
        return self.page

    def hosts(self) -> set[str]:
        return {urlsplit(u).hostname or u for u in self.requests}


@pytest.fixture
def visit(browser: Any, server: Server) -> Iterator[Any]:
    """visit(**context_options) -> Visit; contexts are closed after the test."""
    contexts: list[Any] = []

    def make(**options: Any) -> Visit:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return Visit(context, server)

    yield make
    for context in contexts:
        context.close()
