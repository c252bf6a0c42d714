"""The check form in a real browser: Debian's Chromium, driven by Playwright, against a
real `screener serve` process on loopback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app import __version__
from app.second_reader import READER_RULE_ID
from app.web import CSP
from tests.web.conftest import AXE, Visit, axe_serious, needs_chromium

pytestmark = [pytest.mark.slow, pytest.mark.browser, needs_chromium]

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"
EMOJI_DRAFT = "🎉🎉 So proud of my client Maria Lopez! 𝒜 big day for her."
CLIENT_DRAFT = (
    "So proud of my client Maria Lopez (DOB 03/14/2009) who finally got her GED! "
    "Call me at 555-201-3344 to celebrate."
)


def check(page: Any, text: str) -> None:
    page.fill("#draft", text)
    with page.expect_response("**/v1/check"):
        page.click("#check")
    # aria-busy goes once the result is on screen
    page.wait_for_selector("#result:not([aria-busy])")


def marks(page: Any) -> list[dict[str, Any]]:
    """Each mark with its text, attributes, and the text before and after it."""
    result: list[dict[str, Any]] = page.eval_on_selector_all(
        "#marked mark",
        """marks => marks.map(m => ({
            text: m.textContent,
            rule: m.dataset.ruleId, severity: m.dataset.severity, category: m.dataset.category,
            before: m.previousSibling ? m.previousSibling.textContent : "",
            after: m.nextSibling ? m.nextSibling.textContent : "",
        }))""",
    )
    return result


def verdict(page: Any) -> str:
    text: str = page.inner_text("#verdict-live .banner-title")
    return text


def test_marks_cover_exactly_the_passages_after_emoji(visit: Any) -> None:
    v: Visit = visit()
    page = v.open()
    check(page, EMOJI_DRAFT)
    assert verdict(page) == "Do not post"
    found = marks(page)
    name = next(m for m in found if m["rule"] == "client_identifiers.name_with_client_role")
    assert name["text"] == "Maria Lopez"
    assert name["severity"] == "block" and name["category"] == "client_identifier"
    assert name["before"] == "🎉🎉 So proud of my client "
    assert name["after"].startswith("! 𝒜 big day")
    # the marked draft is the draft: nothing lost or doubled around the marks
    assert page.eval_on_selector("#marked", "e => e.textContent") == EMOJI_DRAFT


def test_marks_for_several_findings(visit: Any) -> None:
    page = visit().open()
    check(page, "🙂 " + CLIENT_DRAFT)
    texts = {m["rule"]: m["text"] for m in marks(page)}
    assert texts["client_identifiers.name_with_client_role"] == "Maria Lopez"
    assert texts["client_identifiers.date_of_birth"] == "03/14/2009"
    assert "555-201-3344" in texts.values()
    assert page.eval_on_selector("#marked", "e => e.textContent") == "🙂 " + CLIENT_DRAFT
    # each finding says what to do, why (the policy) and what to write instead
    first = page.locator("#finding-1")
    assert "Names a client" in first.inner_text()
    assert "NASW Code of Ethics 1.07" in first.locator(".policy-ref").inner_text()
    assert first.locator(".suggestion").inner_text() == "my client"


def test_apply_all_recheck_and_copy(visit: Any) -> None:
    v: Visit = visit(permissions=["clipboard-read", "clipboard-write"])
    page = v.open()
    check(page, "🎉🎉 " + CLIENT_DRAFT)
    assert verdict(page) == "Do not post"
    page.click("#apply-all")
    page.wait_for_selector("#verdict-live .notice")
    assert "applied, and checked again" in page.inner_text("#verdict-live .notice")
    cleaned = page.input_value("#draft")
    for gone in ("Maria Lopez", "03/14/2009", "555-201-3344"):
        assert gone not in cleaned
    assert cleaned.startswith("🎉🎉 So proud of my client ")
    assert verdict(page) == "Looks OK" and marks(page) == []
    check(page, cleaned)  # and once more by hand: still clean
    assert page.locator("#verdict-live .notice").count() == 0
    assert verdict(page) == "Looks OK"
    page.click("#copy")
    page.wait_for_selector("#copy-status:has-text('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == cleaned


def test_copy_cleaned_text_without_applying(visit: Any) -> None:
    v: Visit = visit(permissions=["clipboard-read", "clipboard-write"])
    page = v.open()
    check(page, CLIENT_DRAFT)
    page.click("#copy")
    page.wait_for_selector("#copy-status:has-text('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Maria Lopez" not in copied and copied.startswith("So proud of my client ")
    assert page.input_value("#draft") == CLIENT_DRAFT  # the draft itself is untouched


def test_copy_falls_back_when_the_clipboard_api_refuses(visit: Any) -> None:
    v: Visit = visit(permissions=["clipboard-read", "clipboard-write"])
    # init scripts run through the DevTools protocol, not the page, so CSP allows them
    v.context.add_init_script(
        "navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));"
    )
    page = v.open()
    check(page, CLIENT_DRAFT)
    page.click("#copy")
    page.wait_for_selector("#copy-status:has-text('Copied')")
    assert "Maria Lopez" not in page.evaluate("navigator.clipboard.readText()")
    assert page.evaluate("document.activeElement.id") == "copy"


def test_apply_one_then_edit_makes_the_result_stale(visit: Any) -> None:
    page = visit().open()
    check(page, CLIENT_DRAFT)
    page.click("#finding-1 button.apply")
    page.wait_for_selector("#verdict-live .notice:has-text('1 change applied')")
    assert "Maria Lopez" not in page.input_value("#draft")
    assert "03/14/2009" in page.input_value("#draft")
    page.type("#draft", " More.")
    assert page.is_visible("#stale")
    assert page.is_disabled("#apply-all") and page.is_disabled("#finding-1 button.apply")
    page.click("#check")
    page.wait_for_selector("#stale", state="hidden")
    assert page.is_enabled("#finding-1 button.apply")


def test_a_deny_listed_name_is_replaced_by_its_placeholder(visit: Any) -> None:
    page = visit().open()
    page.select_option("#policy", "example-agency")
    assert "Riverside Family Services" in page.inner_text("#policy-hint")
    check(page, "🎉 Our families at Harbor House had a wonderful holiday party!")
    assert [m["text"] for m in marks(page)] == ["Harbor House"]
    assert page.inner_text("#finding-1 .suggestion") == "[REDACTED]"
    page.click("#finding-1 button.apply")
    page.wait_for_selector("#verdict-live .notice")
    assert (
        page.input_value("#draft") == "🎉 Our families at [REDACTED] had a wonderful holiday party!"
    )
    assert verdict(page) == "Looks OK"
    assert "example-agency" in page.inner_text(".policy-line")


def test_keyboard_only(visit: Any) -> None:
    page = visit().open()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "draft"
    page.keyboard.type(CLIENT_DRAFT)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#verdict-live .banner")
    assert page.evaluate("document.activeElement.id") == "draft"  # focus stays put
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('apply')"):
            break
    else:
        pytest.fail("Tab never reached an Apply button")
    # focus is visible: a real outline on the focused button
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert outline[0] != "none" and outline[1] >= 2
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label == "Apply: replace “Maria Lopez” with “my client”"
    page.keyboard.press("Enter")
    page.wait_for_selector("#verdict-live .notice:has-text('1 change applied')")
    assert "Maria Lopez" not in page.input_value("#draft")
    # focus moves on to the next thing to do, not lost to <body>
    assert page.evaluate("document.activeElement.classList.contains('apply')")


def test_verdict_is_announced_in_a_live_region(visit: Any) -> None:
    page = visit().open()
    live = page.locator("#verdict-live")
    assert live.get_attribute("role") == "status" and live.get_attribute("aria-live") == "polite"
    check(page, "Join us Saturday for our annual fundraiser!")
    assert verdict(page) == "Looks OK"
    assert "No privacy problems found" in live.inner_text()
    check(page, "Questions? Call 555-201-3344.")
    assert verdict(page) == "Review before posting"
    assert "1 passage needs a second look." in live.inner_text()
    assert page.title() == "Review before posting · Check a post · The screener"


def test_empty_draft_is_an_error_not_a_request(visit: Any) -> None:
    v: Visit = visit()
    page = v.open()
    page.click("#check")
    assert page.inner_text("#form-error") == "Paste or type a draft to check."
    assert page.get_attribute("#draft", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "draft"
    assert not any("/v1/check" in u for u in v.requests)


def test_character_count_follows_the_platform(visit: Any) -> None:
    page = visit().open()
    page.fill("#draft", "🎉" * 281)
    assert page.inner_text("#count") == "281 of 280 characters on X: 1 over the limit"
    assert "over" in page.get_attribute("#count", "class")
    page.select_option("#platform", "linkedin")
    assert page.inner_text("#count") == "281 of 3,000 characters on LinkedIn"


def test_without_javascript_the_server_renders_the_result(visit: Any) -> None:
    v: Visit = visit(java_script_enabled=False)
    page = v.open()
    page.fill("#draft", EMOJI_DRAFT)
    page.select_option("#platform", "threads")
    page.click("#check")
    page.wait_for_selector("#verdict-live .banner")
    assert verdict(page) == "Do not post"
    name = next(m for m in marks(page) if m["rule"] == "client_identifiers.name_with_client_role")
    assert (name["text"], name["before"]) == ("Maria Lopez", "🎉🎉 So proud of my client ")
    assert page.eval_on_selector("#marked", "e => e.textContent") == EMOJI_DRAFT
    assert page.input_value("#draft") == EMOJI_DRAFT
    assert page.inner_text("#count").endswith("characters on Threads")
    assert page.is_hidden("#copy")  # copying needs JavaScript; the draft is selectable
    page.click("#apply-all")
    page.wait_for_selector("#verdict-live .notice")
    assert "Maria Lopez" not in page.input_value("#draft")
    # the name became "my client": no detail is left, but the draft still reads like a
    # story about one client; the second reader marks its sentence (a block from the
    # policy's block_at, a warning under it) and says why
    (story,) = marks(page)
    assert story["rule"] == READER_RULE_ID
    words = {"block": "Do not post", "warn": "Review before posting"}
    assert verdict(page) == words[story["severity"]]
    # applied too, its sentence becomes our placeholder, which is not flagged again
    page.click("#apply-all")
    page.wait_for_selector("#verdict-live .notice")
    assert verdict(page) == "Looks OK"
    assert "[" in page.input_value("#draft")
    # and a bad submission: the form again, with the message, a 4xx
    page.fill("#draft", "")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click("#check")
    assert answer.value.status == 422
    assert "Paste or type a draft to check." in page.inner_text("#form-error")


def test_csp_and_no_request_leaves_loopback(visit: Any) -> None:
    v: Visit = visit(permissions=["clipboard-read", "clipboard-write"])
    response = v.page.goto(v.server.url + "/")
    assert response.headers["content-security-policy"] == CSP
    page = v.page
    check(page, "🎉🎉 " + CLIENT_DRAFT)
    page.click("#apply-all")
    page.wait_for_selector("#verdict-live .notice")
    page.click("#copy")
    page.wait_for_selector("#copy-status:has-text('Copied')")
    assert v.hosts() == {"127.0.0.1"}, v.requests
    assert any(r.endswith("/v1/check") for r in v.requests)
    assert any(r.endswith("/static/app.js?v=" + __version__) for r in v.requests)
    # a blocked load or inline script would show here as a CSP error
    assert v.console == [], v.console
    # and nothing of the draft kept in the browser by the page
    kept = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert kept == [0, 0, ""]


def test_the_page_logs_nothing(visit: Any) -> None:
    v: Visit = visit()
    page = v.open()
    check(page, CLIENT_DRAFT)
    page.click("#apply-all")
    page.wait_for_selector("#verdict-live .notice")
    assert v.console == []


def test_phone_width(visit: Any) -> None:
    page = visit(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True).open()
    check(page, "🎉🎉 " + CLIENT_DRAFT)
    overflow = page.evaluate(
        "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
    )
    assert overflow <= 0
    # one column: the Check button is as wide as the draft, easy to tap
    button, draft = page.locator("#check").bounding_box(), page.locator("#draft").bounding_box()
    assert button and draft and abs(button["width"] - draft["width"]) < 1


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_serious_problems(visit: Any, width: int) -> None:
    assert AXE.exists(), f"{AXE} is missing: `make install-dev` runs npm ci --prefix tests/web"
    # axe goes in as a page script; only this test's context bypasses the CSP for it
    v: Visit = visit(bypass_csp=True, viewport={"width": width, "height": 900})
    page = v.open()
    page.add_script_tag(path=str(AXE))
    assert axe_serious(page) == []
    check(page, "🎉🎉 " + CLIENT_DRAFT + " She was at Harbor House.")
    page.fill("#draft", "x" * 300)  # over the limit, and the result stale
    assert axe_serious(page) == []


def test_screenshot_for_the_readme(visit: Any) -> None:
    page = visit(viewport={"width": 1100, "height": 900}, device_scale_factor=1).open()
    check(
        page,
        "So proud of my client Maria Lopez (DOB 03/14/2009), who finally got her GED "
        "after months at Harbor House! Call me at 555-201-3344 to celebrate.",
    )
    page.mouse.move(0, 0)
    page.evaluate("document.activeElement.blur()")
    # animations off: a button's hover transition made the bytes differ run to run
    page.screenshot(path=str(SCREENSHOT), full_page=True, animations="disabled")
    assert SCREENSHOT.read_bytes().startswith(b"\x89PNG")
