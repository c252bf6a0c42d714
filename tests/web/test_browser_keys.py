"""The check form in Chromium against a server with API keys: the browser signs in with
the organisation's key as the password, and the page's own calls to /v1/check carry it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.keys import hash_key
from tests.conftest import Server, serve
from tests.web.conftest import needs_chromium
from tests.web.test_browser import check, verdict

pytestmark = [pytest.mark.slow, pytest.mark.browser, needs_chromium]

KEY = "scr_browser-test-key"


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp: Path = tmp_path_factory.mktemp("keyed")
    entry = {"id": "caseworkers", "policy": "example-agency", "hash": hash_key(KEY)}
    (tmp / "keys.yaml").write_text(yaml.safe_dump({"keys": [entry]}))
    env = {"SCREENER_KEYS_FILE": str(tmp / "keys.yaml"), "SCREENER_DATA_DIR": str(tmp / "var")}
    with serve(tmp / "server.log", env) as server:
        yield server


def test_without_the_key_the_browser_gets_no_form(browser: Any, keyed: Server) -> None:
    from playwright.sync_api import Error

    context = browser.new_context()  # headless: the sign-in prompt cannot be answered
    try:
        with pytest.raises(Error, match="ERR_INVALID_AUTH_CREDENTIALS"):
            context.new_page().goto(keyed.url + "/")
    finally:
        context.close()


def test_signed_in_the_form_checks_under_the_key_s_policy(browser: Any, keyed: Server) -> None:
    context = browser.new_context(http_credentials={"username": "maria", "password": KEY})
    try:
        page = context.new_page()
        page.goto(keyed.url + "/")
        check(page, "Volunteers needed at Harbor House this weekend.")  # via fetch /v1/check
        assert verdict(page) == "Do not post"  # Harbor House: example-agency's deny-list
        assert "example-agency" in page.inner_text("#result")
    finally:
        context.close()
