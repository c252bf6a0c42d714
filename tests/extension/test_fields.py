"""The extension in the compose boxes it is for: a plain textarea, a contenteditable div, an
editor that re-renders its DOM on every keystroke, one that replaces the whole editor element
on every keystroke, one that owns every change (it cancels beforeinput and applies it to its
model), one in a modal dialog, and an editor inside an iframe. Each underline
must lie over exactly the passage the server flagged, and Apply must change the text
through the editor, so that the editor keeps it."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.extension.conftest import DEBOUNCE_MS, Extension, Pages, wait_for
from tests.web.conftest import needs_chromium

pytestmark = [pytest.mark.slow, pytest.mark.browser, needs_chromium]

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "extension.png"  # for the README
NAME_RULE = "client_identifiers.name_with_client_role"
PHONE_RULE = "contact_identifiers.phone_number"
DRAFT = "So proud of my client Maria Lopez, she finally got her GED!"
# emoji and a mathematical letter before the name: UTF-16 and code points disagree there
APPLIED = DRAFT.replace("Maria Lopez", "my client")
# a name ("block") and a phone number ("warn")
TWO_PROBLEMS = (
    "So proud of my client Maria Lopez, she finally got her GED! "
    "Volunteers, questions? Call 555-201-3344."
)
EMOJI_DRAFT = "🎉🎉 So proud of my client Maria Lopez, she finally got her GED! 𝒜"

# The union of the client rects of `word` in the text nodes below `selector`: where the
# browser itself draws the word.
WORD_RECT = """([selector, word]) => {
    const root = document.querySelector(selector);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = "";
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push([n, text.length]);
        text += n.data;
    }
    const at = text.indexOf(word);
    const start = nodes.find(([n, s]) => at < s + n.data.length);
    const end = nodes.find(([n, s]) => at + word.length <= s + n.data.length);
    const range = document.createRange();
    range.setStart(start[0], at - start[1]);
    range.setEnd(end[0], at + word.length - end[1]);
    const r = range.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
}"""
OWN_RECT = (
    "e => { const r = e.getBoundingClientRect();"
    " return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; }"
)


def underline(where: Any, rule: str = NAME_RULE) -> Any:
    """The first underline of `rule` in a page or frame, once it is drawn."""
    found = where.locator(f'.underline[data-rule-id="{rule}"]').first
    found.wait_for()
    return found


def write(page: Any, selector: str, text: str = DRAFT) -> Any:
    """Click into the field at `selector` and type `text`; the name's underline once drawn."""
    page.click(selector)
    page.keyboard.type(text)
    return underline(page)


def assert_over_name(line: Any, where: Any, selector: str) -> None:
    """The underline covers the name exactly where the browser draws it in `selector`."""
    assert_same_box(line.evaluate(OWN_RECT), where.evaluate(WORD_RECT, [selector, "Maria Lopez"]))


def apply_from_card(page: Any, line: Any, where: Any = None) -> None:
    """Point at the underline and press the card's Apply (`where`: the frame it is in)."""
    point_at(page, line)
    (where or page).locator(".card button.apply").click()


def assert_same_box(a: dict[str, float], b: dict[str, float], slack: float = 1.5) -> None:
    for side in ("left", "top", "right", "bottom"):
        assert abs(a[side] - b[side]) <= slack, (side, a, b)


def point_at(page: Any, line: Any) -> None:
    """Move the mouse over an underline, as a writer would: the underline itself lets
    every pointer event through to the field below it."""
    box = line.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def caret_at(page: Any, x: float, y: float) -> int:
    """Where a click at (x, y) puts the caret in the focused textarea."""
    page.mouse.click(x, y)
    offset: int = page.evaluate("document.activeElement.selectionStart")
    return offset


def test_textarea_underline_lies_over_the_name(extension: Extension, pages: Pages) -> None:
    page = extension.open(f"{pages.url}/textarea.html")
    line = write(page, "#draft", EMOJI_DRAFT)
    assert line.get_attribute("data-severity") == "block"
    box = line.bounding_box()
    start = EMOJI_DRAFT.encode("utf-16-le").find("Maria".encode("utf-16-le")) // 2
    end = start + len("Maria Lopez")
    mid = box["y"] + box["height"] / 2
    # the browser's own hit test: the underline's edges are the name's edges
    assert caret_at(page, box["x"] + 2, mid) == start
    assert caret_at(page, box["x"] + box["width"] - 2, mid) == end
    assert start < caret_at(page, box["x"] + box["width"] / 2, mid) < end
    # the site's own text was not touched
    assert page.input_value("#draft") == EMOJI_DRAFT


def test_contenteditable_underline_lies_over_the_name(extension: Extension, pages: Pages) -> None:
    page = extension.open(f"{pages.url}/editor.html?editor=plain")
    assert_over_name(write(page, "#editor", EMOJI_DRAFT), page, "#editor")
    assert page.inner_text("#editor") == EMOJI_DRAFT


def test_rerendering_editor_underline_follows_and_apply_sticks(
    extension: Extension, pages: Pages
) -> None:
    page = extension.open(f"{pages.url}/editor.html?editor=rerender")
    line = write(page, "#editor")
    assert_over_name(line, page, "#editor")
    renders = page.evaluate("window.renders")
    assert renders >= len(DRAFT)  # it really did rebuild its DOM on every keystroke
    point_at(page, line)
    card = page.locator(".card")
    card.wait_for()
    page.screenshot(path=SCREENSHOT, clip={"x": 0, "y": 0, "width": 720, "height": 400})
    assert "Names a client" in card.inner_text()
    assert "NASW Code of Ethics 1.07" in card.locator(".policy-ref").inner_text()
    card.locator("button.apply").click()
    wait_for(lambda: page.evaluate("editorModel()") == APPLIED, what="the editor's model")
    assert page.evaluate("window.renders") > renders  # through its input event
    page.locator(".underline").first.wait_for(state="detached")
    assert page.inner_text("#editor") == APPLIED


def test_editor_that_owns_every_change_takes_apply(extension: Extension, pages: Pages) -> None:
    page = extension.open(f"{pages.url}/editor.html?editor=model")
    line = write(page, "#editor")
    assert page.evaluate("editorModel()") == DRAFT
    assert_over_name(line, page, "#editor")
    apply_from_card(page, line)
    wait_for(lambda: page.evaluate("editorModel()") == APPLIED, what="the editor's model")
    page.locator(".underline").first.wait_for(state="detached")
    page.keyboard.press("Control+End")
    page.keyboard.type(" Yay")  # the next render comes from the model: the change stays
    assert page.inner_text("#editor") == APPLIED + " Yay"


def test_editor_that_replaces_its_element_on_every_keystroke(
    extension: Extension, pages: Pages
) -> None:
    page = extension.open(f"{pages.url}/editor.html?editor=replace")
    line = write(page, "#editor", TWO_PROBLEMS)
    assert page.evaluate("window.renders") >= len(TWO_PROBLEMS)  # a new element a keystroke
    assert_over_name(line, page, "#editor")
    # what the writer did stays done across the editor's new elements: an ignored
    # passage stays ignored, an applied one applied
    point_at(page, underline(page, PHONE_RULE))
    page.click(".card button.ignore")
    apply_from_card(page, underline(page))
    want = TWO_PROBLEMS.replace("Maria Lopez", "my client")
    wait_for(lambda: page.evaluate("editorModel()") == want, what="the editor's model")
    page.keyboard.press("Control+End")
    page.keyboard.type(" See you all soon.")
    page.wait_for_timeout(DEBOUNCE_MS * 8)  # checked again by now
    page.locator('.indicator[data-state="pass"]').wait_for()
    assert page.locator(".underline").count() == 0


def test_iframe_editor_underline_and_apply(extension: Extension, pages: Pages) -> None:
    page = extension.open(f"{pages.url}/iframe.html")
    frame = page.frame_locator("#frame")
    frame.locator("body").click()
    page.keyboard.type(DRAFT)
    line = underline(frame)
    inner = page.frame(url=lambda url: url.endswith("/frame.html"))
    assert urlsplit(inner.url).hostname == "localhost"  # another origin than the page's
    assert_over_name(line, inner, "body")
    apply_from_card(page, line, frame)  # page coordinates: the frame's offset included
    wait_for(lambda: inner.evaluate("document.body.innerText") == APPLIED, what="the change")
    frame.locator(".underline").first.wait_for(state="detached")


def test_textarea_apply_fires_input_events_and_rechecks(extension: Extension, pages: Pages) -> None:
    page = extension.open(f"{pages.url}/textarea.html")
    apply_from_card(page, write(page, "#draft", EMOJI_DRAFT))
    want = EMOJI_DRAFT.replace("Maria Lopez", "my client")
    assert page.input_value("#draft") == want
    # the page heard it as typing: an input event carrying the new value
    assert page.evaluate("window.inputs.at(-1)") == ["insertText", want]
    page.locator(".underline").first.wait_for(state="detached")
    # checked again: nothing left, the field's dot says so
    page.locator('.indicator[data-state="pass"]').wait_for()


def test_underlines_follow_scrolling_and_resizing(extension: Extension, pages: Pages) -> None:
    page = extension.open(f"{pages.url}/textarea.html")
    line = write(page, "#draft")
    before = line.bounding_box()
    page.mouse.wheel(0, 150)
    wait_for(lambda: abs(line.bounding_box()["y"] - (before["y"] - 150)) < 1.5, what="scroll")
    # narrower: the name wraps onto another line, and the underline goes with it
    page.evaluate("document.getElementById('draft').style.width = '260px'")
    wait_for(lambda: line.bounding_box()["y"] > before["y"] - 150 + 5, what="reflow")
    box = line.bounding_box()
    mid = box["y"] + box["height"] / 2
    start = DRAFT.index("Maria")
    assert caret_at(page, box["x"] + 2, mid) in (start, DRAFT.index("Lopez"))


def test_composer_in_a_modal_dialog(extension: Extension, pages: Pages) -> None:
    page = extension.open(f"{pages.url}/dialog.html")
    page.click("#compose")
    line = write(page, "#editor")
    assert_over_name(line, page, "#editor")
    # the click lands on the card only if the card is drawn above the dialog and is not
    # made inert by it
    apply_from_card(page, line)
    wait_for(lambda: page.inner_text("#editor") == APPLIED, what="the applied text")
    assert page.evaluate("document.getElementById('composer').open")
