"""The extension's own pages: the options page a new user fills in, and the popup."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Server
from tests.extension.conftest import Extension, Stub
from tests.web.conftest import needs_chromium

pytestmark = [pytest.mark.slow, pytest.mark.browser, needs_chromium]


def options(extension: Extension) -> Any:
    return extension.open(f"chrome-extension://{extension.id}/ui/options.html")


def stored(extension: Extension) -> dict[str, Any]:
    values: dict[str, Any] = extension.worker.evaluate("chrome.storage.local.get(null)")
    return values


def test_a_new_user_tests_the_connection_and_saves(extension: Extension, server: Server) -> None:
    extension.worker.evaluate("chrome.storage.local.clear()")  # nothing set up yet
    page = options(extension)
    assert page.input_value("#server") == "http://127.0.0.1:8000"
    assert page.is_checked("#guard")
    page.fill("#server", server.url + "/")
    page.click("#test")
    page.wait_for_selector("#status:has-text('Connected')")
    assert page.inner_text("#status") == f"Connected to {server.url}: 2 policies."
    page.select_option("#policy", "example-agency")
    page.fill("#key", " key-123 ")
    page.uncheck("#guard")
    page.fill("#delay", "700")
    page.click("#save")
    page.wait_for_selector("#status:has-text('Saved')")
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
    page.fill("#server", "127.0.0.1:8000")
    page.click("#test")
    page.wait_for_selector("#status[data-ok='false']")
    assert "http://" in page.inner_text("#status")
    stub.reply = None
    page.fill("#server", stub.url)
    page.click("#test")
    page.wait_for_selector("#status:has-text('reach')")
    assert page.inner_text("#status") == f"Can't reach {stub.url}. Is the screener running there?"
    stub.reply = (401, {"error": {"status": 401}})
    page.click("#test")
    page.wait_for_selector("#status:has-text('API key')")
    assert all(not r["body"] for r in stub.requests)  # no post text in a connection test


def test_saving_a_bad_address_keeps_the_old_one(extension: Extension, server: Server) -> None:
    page = options(extension)
    page.fill("#server", "https://user:pw@example.org")
    page.click("#save")
    page.wait_for_selector("#status[data-ok='false']")
    assert "API key in its own box" in page.inner_text("#status")
    assert stored(extension)["serverUrl"] == server.url


def test_popup_before_anything_is_checked(extension: Extension, server: Server) -> None:
    popup = extension.open(f"chrome-extension://{extension.id}/ui/popup.html")
    assert popup.inner_text("#verdict") == "Nothing checked on this page yet"
    assert popup.inner_text("#server") == server.url
    assert popup.inner_text("#policy") == "the server's default"
