"""The extension's own pages: the options page a new user fills in, and the popup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Server
from tests.extension.conftest import Extension, Stub
from tests.web.conftest import axe_serious, needs_chromium

pytestmark = [pytest.mark.slow, pytest.mark.browser, needs_chromium]


def options(extension: Extension) -> Any:
    return extension.open(f"chrome-extension://{extension.id}/ui/options.html")


def outcome(page: Any, button: str, server: str | None = None) -> str:
    """What the status line says after pressing `button`, with `server` typed in first."""
    if server is not None:
        page.fill("#server", server)
    page.eval_on_selector("#status", "s => { s.dataset.ok = ''; s.textContent = ''; }")
    page.click(button)
    page.wait_for_selector("#status[data-ok='true'], #status[data-ok='false']")
    text: str = page.inner_text("#status")
    return text


def stored(extension: Extension) -> dict[str, Any]:
    values: dict[str, Any] = extension.worker.evaluate("chrome.storage.local.get(null)")
    return values


def test_a_new_user_tests_the_connection_and_saves(extension: Extension, server: Server) -> None:
    extension.worker.evaluate("chrome.storage.local.clear()")  # nothing set up yet
    page = options(extension)
    assert page.input_value("#server") == "http://127.0.0.1:8000"
    assert page.is_checked("#guard")
    shipped = len(list((Path(__file__).parents[2] / "rules" / "policies").glob("*.yaml")))
    assert outcome(page, "#test", server.url + "/") == (
        f"Connected to {server.url}: {shipped} policies."
    )
    page.select_option("#policy", "example-agency")
    page.fill("#key", " key-123 ")
    page.uncheck("#guard")
    page.fill("#delay", "700")
    assert outcome(page, "#save").startswith("Saved.")
    assert stored(extension) == {
        "serverUrl": server.url,
        "apiKey": "key-123",
        "policy": "example-agency",
        "guard": False,
        "debounceMs": 700,
    }
    again = options(extension)  # and it reads back
    again.wait_for_selector("#policy option[value='example-agency']", state="attached")
    assert again.input_value("#policy") == "example-agency"
    assert again.input_value("#key") == "key-123"


def test_test_connection_says_what_is_wrong(extension: Extension, stub: Stub) -> None:
    page = options(extension)
    assert "http://" in outcome(page, "#test", "127.0.0.1:8000")
    stub.reply = None
    said = outcome(page, "#test", stub.url)
    assert said == f"Can't reach {stub.url}. Is the screener running there?"
    stub.reply = (401, {"error": {"status": 401}})
    assert "API key" in outcome(page, "#test")
    assert all(not r["body"] for r in stub.requests)  # no post text in a connection test


def test_test_connection_alone_chooses_the_server(extension: Extension, stub: Stub) -> None:
    stub.reply = (200, {"status": "ok", "policies": [{"id": "default", "default": True}]})
    page = options(extension)
    assert outcome(page, "#test", stub.url) == f"Connected to {stub.url}: 1 policy."
    assert stored(extension)["serverUrl"] == stub.url  # no Save needed


def test_saving_a_bad_address_keeps_the_old_one(extension: Extension, server: Server) -> None:
    page = options(extension)
    assert "API key in its own box" in outcome(page, "#save", "https://user:pw@example.org")
    assert stored(extension)["serverUrl"] == server.url


def test_popup_before_anything_is_checked(extension: Extension, server: Server) -> None:
    popup = extension.popup()
    assert popup.inner_text("#verdict") == "Nothing checked on this page yet"
    assert popup.inner_text("#server") == server.url
    assert popup.inner_text("#policy") == "the server's default"


def test_options_and_popup_pass_axe(extension: Extension) -> None:
    page = options(extension)
    assert axe_serious(page) == []
    outcome(page, "#test")
    assert axe_serious(page) == []
    popup = extension.popup()
    assert axe_serious(popup) == []
