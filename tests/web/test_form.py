"""The check form without a browser: the page, its headers, and every bad form input
answered with the form, a clear message and a 4xx, never a 500 or a JSON body."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from app.security import API_CSP
from app.web import CSP, PLATFORMS, apply_fixes
from tests.conftest import Server

pytestmark = pytest.mark.slow

DRAFT = "🎉🎉 So proud of my client Maria Lopez (DOB 03/14/2009) who finally got her GED!"
CANARY = "Zqxwv Canarysson"


def _marks(html: str) -> list[tuple[str, str, str]]:
    found = re.findall(
        r'<mark [^>]*data-rule-id="([^"]+)" data-severity="([^"]+)"[^>]*>(.*?)</mark>', html
    )
    return [(rule, severity, unescape(text)) for rule, severity, text in found]


def _marked_text(html: str) -> str:
    inner = re.search(r'<div id="marked"[^>]*>(.*?)</div>', html, re.S)
    assert inner
    return unescape(re.sub(r"<[^>]+>", "", inner.group(1)))


def _post(client: TestClient, **fields: str) -> Any:
    return client.post("/", data=fields)


def test_the_page_is_the_form(client: TestClient) -> None:
    resp = client.get("/")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    assert resp.headers["content-security-policy"] == CSP
    assert resp.headers["cache-control"] == "no-store"
    html = resp.text
    assert '<form id="check-form"' in html and 'method="post" action="/"' in html
    assert '<label for="draft">Draft</label>' in html
    assert '<select id="policy" name="policy"' in html  # two policies: a selector
    for p in PLATFORMS:
        assert f'data-limit="{p.limit}"' in html
    assert "never stored or logged" in html
    # self-contained: nothing from another origin, no inline script or style
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "<script>" not in html and "<style" not in html and " style=" not in html


@pytest.mark.parametrize("path", ["/static/app.js", "/static/app.css", "/static/favicon.svg"])
def test_static_files_are_served_with_the_csp(client: TestClient, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 200
    assert resp.headers["content-security-policy"] == CSP
    assert resp.headers["x-content-type-options"] == "nosniff"


def test_the_api_has_its_own_csp_and_the_form_is_not_in_the_schema(client: TestClient) -> None:
    # the API's policy loads nothing at all (tests/attack/test_headers.py checks them all)
    assert client.get("/healthz").headers["content-security-policy"] == API_CSP
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" not in paths and not any(p.startswith("/static") for p in paths)


def test_a_posted_form_renders_the_result_with_marks(client: TestClient) -> None:
    resp = _post(client, text=DRAFT, policy="default", platform="bluesky")
    assert resp.status_code == 200
    html = resp.text
    assert "Do not post" in html and 'class="banner banner-block"' in html
    assert ("client_identifiers.name_with_client_role", "block", "Maria Lopez") in _marks(html)
    assert ("client_identifiers.date_of_birth", "block", "03/14/2009") in _marks(html)
    # the marked draft is the draft, character for character, emoji and all
    assert _marked_text(html) == DRAFT
    assert '<option value="bluesky" data-name="Bluesky" data-limit="300" selected>' in html
    assert f"{len(DRAFT)} of 300 characters on Bluesky" in html
    assert "NASW Code of Ethics 1.07" in html  # the policy reference
    assert 'name="apply" value="all"' in html


def test_crlf_from_a_browser_is_the_draft_as_typed(client: TestClient) -> None:
    html = _post(client, text="Line one\r\nmy client Maria Lopez").text
    assert _marked_text(html) == "Line one\nmy client Maria Lopez"


def test_apply_all_rewrites_and_rechecks(client: TestClient) -> None:
    html = _post(client, text=DRAFT, apply="all").text
    assert "changes applied, and checked again" in html
    draft = unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S).group(1))  # type: ignore[union-attr]
    assert "Maria Lopez" not in draft and "03/14/2009" not in draft
    assert draft.startswith("🎉🎉 So proud of my client ")
    assert "Looks OK" in html and not _marks(html)


def test_apply_one_finding(client: TestClient) -> None:
    start = DRAFT.index("Maria")
    value = f"{start}:{start + 11}:client_identifiers.name_with_client_role"
    html = _post(client, text=DRAFT, apply=value).text
    assert "1 change applied" in html
    marks = _marks(html)
    assert [m[2] for m in marks] == ["03/14/2009"]


def test_apply_for_an_edited_draft_applies_nothing(client: TestClient) -> None:
    html = _post(client, text=DRAFT, apply="1:5:client_identifiers.name_with_client_role").text
    assert "Nothing was applied" in html
    assert "Maria Lopez</mark>" in html


def test_a_deny_listed_term_is_replaced_by_its_placeholder(client: TestClient) -> None:
    text = "Our families at Harbor House had a wonderful holiday party!"
    html = _post(client, text=text, policy="example-agency").text
    assert ("policy.deny_list", "block", "Harbor House") in _marks(html)
    assert "<dt>Replace with</dt>" in html and "<code>[REDACTED]</code>" in html
    html = _post(client, text=text, policy="example-agency", apply="all").text
    assert "Our families at [REDACTED] had a wonderful holiday party!" in html
    assert '<option value="example-agency" data-description=' in html


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"text": ""}, 422, "Paste or type a draft to check."),
        ({"text": "  \n "}, 422, "Paste or type a draft to check."),
        ({"platform": "x"}, 422, "Paste or type a draft to check."),
        ({"text": "a" * 20_001}, 413, "The draft has 20,001 characters; the limit is 20,000."),
        ({"text": "hello", "policy": "nope"}, 422, "Choose a policy from the list."),
    ],
)
def test_bad_form_input_renders_the_form_with_a_message(
    client: TestClient, fields: dict[str, str], status: int, message: str
) -> None:
    resp = _post(client, **fields)
    assert resp.status_code == status
    assert resp.headers["content-type"].startswith("text/html")
    assert message in resp.text
    assert 'role="alert"' in resp.text and 'aria-invalid="true"' in resp.text
    assert resp.headers["content-security-policy"] == CSP


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(client: TestClient) -> None:
    resp = client.post(
        "/",
        content=b"text=" + b"a" * 300_000,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert resp.status_code == 413
    assert "longer than the limit of 20,000" in resp.text


@pytest.mark.parametrize(
    ("content", "ctype", "status"),
    [
        (b'{"text": "hello"}', "application/json", 415),
        (b"text=hello", "text/plain", 415),
        (b"%ZZ%=%ZZ%", "application/x-www-form-urlencoded", 422),
        (b"--x\r\nbroken", "multipart/form-data; boundary=x", 422),
        (b"&".join(b"f%d=1" % n for n in range(50)), "application/x-www-form-urlencoded", 400),
    ],
)
def test_odd_bodies_get_a_4xx_page(
    client: TestClient, content: bytes, ctype: str, status: int
) -> None:
    resp = client.post("/", content=content, headers={"content-type": ctype})
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("text/html")


def test_multipart_works_too(client: TestClient) -> None:
    resp = client.post("/", files={"text": (None, "my client Maria Lopez")})
    assert resp.status_code == 200 and "Maria Lopez</mark>" in resp.text


def test_apply_fixes_goes_from_the_end() -> None:
    from app.screener import Violation

    def v(start: int, end: int, suggestion: str | None) -> Violation:
        return Violation("r", "c", None, "block", start, end, "", "", "", 1.0, suggestion, "[X]")

    text = "ab 🎉 cd ef"
    assert apply_fixes(text, [v(0, 2, "AB"), v(5, 7, None), v(8, 10, "")]) == "AB 🎉 [X] "


def test_no_form_text_reaches_the_logs(server: Server) -> None:
    url = server.url + "/"
    text = f"My client {CANARY} lives at 1420 Elm Street. {CANARY}@example.org"
    sent = [
        httpx.post(url, data={"text": text}),
        httpx.post(url, data={"text": text, "apply": "all"}),
        httpx.post(url, data={"text": text, "policy": CANARY}),
        httpx.post(url, data={"text": text * 400}),
        httpx.post(url, content=text.encode(), headers={"content-type": "text/plain"}),
        httpx.get(url, params={"text": CANARY}),
    ]
    assert [r.status_code for r in sent] == [200, 200, 422, 413, 415, 200]
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert "POST / 200" in log and "form policy=default" in log
    for needle in (CANARY, "Canarysson", "Zqxwv", "1420 Elm"):
        assert needle not in log


def test_undecodable_bytes_are_replaced_not_a_500(client: TestClient) -> None:
    # a lone surrogate URL-encoded, and bytes that are not UTF-8 at all
    for body in (b"text=%ED%A0%80+my+client+Maria+Lopez", b"text=%FF%FE+hi"):
        resp = client.post(
            "/", content=body, headers={"content-type": "application/x-www-form-urlencoded"}
        )
        assert resp.status_code == 200
